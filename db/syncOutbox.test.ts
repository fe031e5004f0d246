import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendNote, countCases, getCase, insertCase } from './caseRepository.js';
import {
  acknowledgeChanges,
  deferChanges,
  enqueueMissingCreates,
  holdChanges,
  outboxCounts,
  pendingChanges,
  releaseHeldChanges,
} from './syncOutbox.js';
import { ACTOR, minutesAfter, preparedCase, T0, TC_A, tempStore } from './testSupport.js';

let store: ReturnType<typeof tempStore>;
let db: Database;

beforeEach(() => {
  store = tempStore();
  db = store.open();
});

afterEach(() => store.close());

const ctx = (now = T0) => ({ now, actor: ACTOR, securityCode: 'K7M2P9RT' });
const outboxRows = () =>
  db.prepare('SELECT case_id, kind, payload, created_at, attempts, held, last_error FROM sync_outbox ORDER BY id').all();
const serverVersion = (id: number) => db.prepare('SELECT server_version FROM cases WHERE id = ?').pluck().get(id);

describe('the outbox is written with the change', () => {
  it('queues a create with the case, in its transaction', () => {
    const saved = insertCase(db, preparedCase({ tcKimlikNo: TC_A }), ctx());
    expect(outboxRows()).toEqual([
      { case_id: saved.id, kind: 'create', payload: '{}', created_at: T0.toISOString(), attempts: 0, held: 0, last_error: null },
    ]);
    expect(serverVersion(saved.id)).toBeNull();
  });

  it('rolls the create back with the case', () => {
    db.exec(`
      CREATE TEMP TRIGGER fail_outcome_event BEFORE INSERT ON main.case_events
      WHEN NEW.kind = 'forwarded'
      BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;`);
    expect(() => insertCase(db, preparedCase(), ctx())).toThrow(/disk on fire/);
    expect(countCases(db)).toBe(0);
    expect(outboxRows()).toEqual([]);
  });

  it('rolls the case back when the outbox row cannot be written', () => {
    db.exec(`
      CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON main.sync_outbox
      BEGIN SELECT RAISE(ABORT, 'outbox full'); END;`);
    expect(() => insertCase(db, preparedCase(), ctx())).toThrow(/outbox full/);
    expect(countCases(db)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM case_events').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM cases_fts').pluck().get()).toBe(0);
  });

  it('queues a note with its text; an unknown case queues nothing', () => {
    const saved = insertCase(db, preparedCase(), ctx());
    appendNote(db, saved.id, 'Lamba hâlâ yanmıyor.', { now: minutesAfter(5), actor: ACTOR, linkedid: '1.2' });
    expect(outboxRows()[1]).toEqual({
      case_id: saved.id,
      kind: 'note',
      payload: JSON.stringify({ text: 'Lamba hâlâ yanmıyor.' }),
      created_at: minutesAfter(5).toISOString(),
      attempts: 0,
      held: 0,
      last_error: null,
    });
    expect(() => appendNote(db, 999, 'x', { now: T0, actor: ACTOR, linkedid: null })).toThrow();
    expect(outboxRows()).toHaveLength(2);
  });
});

describe('pendingChanges', () => {
  it('lists changes oldest first, with the whole case (T.C. unmasked, security code hash) for creates', () => {
    const a = insertCase(db, preparedCase({ tcKimlikNo: TC_A }), ctx());
    const b = insertCase(db, preparedCase({ phone: '905427654321' }), ctx(minutesAfter(1)));
    appendNote(db, a.id, 'ikinci arama', { now: minutesAfter(2), actor: ACTOR, linkedid: null });

    const pending = pendingChanges(db, 10, T0);
    expect(pending.map((c) => [c.kind, c.caseId])).toEqual([
      ['create', a.id],
      ['create', b.id],
      ['note', a.id],
    ]);
    expect(pending.map((c) => c.outboxId)).toEqual([...pending.map((c) => c.outboxId)].sort((x, y) => x - y));
    const [createA, , note] = pending;
    expect(createA).toMatchObject({
      changeId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      createdAt: T0.toISOString(),
      applicationNo: a.applicationNo,
      payload: {},
    });
    expect(createA!.createCase).toEqual({
      ...getCase(db, a.id, T0, { revealTcKimlikNo: true }),
      securityCodeHash: expect.stringMatching(/^[0-9a-f]{32}\$[0-9a-f]{64}$/),
    });
    expect(createA!.createCase!.tcKimlikNo).toBe(TC_A);
    expect(note).toMatchObject({ kind: 'note', applicationNo: a.applicationNo, payload: { text: 'ikinci arama' }, createCase: null });
    expect(new Set(pending.map((c) => c.changeId)).size).toBe(3);
    expect(pendingChanges(db, 2, T0)).toHaveLength(2);
    expect(() => pendingChanges(db, -1)).toThrow(RangeError);
  });
});

describe('acknowledge, hold, defer, release', () => {
  function threeChanges() {
    const a = insertCase(db, preparedCase(), ctx());
    const b = insertCase(db, preparedCase({ phone: '905427654321' }), ctx(minutesAfter(1)));
    appendNote(db, a.id, 'not', { now: minutesAfter(2), actor: ACTOR, linkedid: null });
    const [createA, createB, noteA] = pendingChanges(db, 10, T0).map((c) => c.changeId);
    return { a, b, createA: createA!, createB: createB!, noteA: noteA! };
  }

  it('acknowledged changes leave the outbox; an acknowledged create confirms the case', () => {
    const { a, b, createA, createB, noteA } = threeChanges();
    expect(acknowledgeChanges(db, [createA, noteA, '00000000-0000-4000-8000-000000000000'])).toBe(2);
    expect(pendingChanges(db, 10, T0).map((c) => c.changeId)).toEqual([createB]);
    expect(serverVersion(a.id)).toBe(1);
    expect(serverVersion(b.id)).toBeNull();
    // Never lowers a version the server already reported.
    db.prepare('UPDATE cases SET server_version = 7 WHERE id = ?').run(b.id);
    acknowledgeChanges(db, [createB]);
    expect(serverVersion(b.id)).toBe(7);
    expect(outboxCounts(db)).toEqual({ pending: 0, held: 0 });
  });

  it('held changes are kept but not pending until released; deferred ones stay pending', () => {
    const { createA, createB, noteA } = threeChanges();
    holdChanges(db, [{ changeId: createB, code: 'invalid-unit' }]);
    deferChanges(db, [noteA], 'unknown-case');
    expect(outboxCounts(db)).toEqual({ pending: 2, held: 1 });
    expect(pendingChanges(db, 10, T0).map((c) => c.changeId)).toEqual([createA, noteA]);
    deferChanges(db, [noteA], 'unknown-case');
    const row = (id: string) =>
      db.prepare('SELECT attempts, held, last_error FROM sync_outbox WHERE change_id = ?').get(id);
    expect(row(createB)).toEqual({ attempts: 1, held: 1, last_error: 'invalid-unit' });
    expect(row(noteA)).toEqual({ attempts: 2, held: 0, last_error: 'unknown-case' });
    expect(row(createA)).toEqual({ attempts: 0, held: 0, last_error: null });

    expect(releaseHeldChanges(db)).toBe(1);
    expect(releaseHeldChanges(db)).toBe(0);
    expect(outboxCounts(db)).toEqual({ pending: 3, held: 0 });
    expect(pendingChanges(db, 10, T0).map((c) => c.changeId)).toEqual([createA, createB, noteA]);
  });

  it('counts survive reopening the file', () => {
    const { createB } = threeChanges();
    holdChanges(db, [{ changeId: createB, code: 'forbidden' }]);
    db.close();
    db = store.open();
    expect(outboxCounts(db)).toEqual({ pending: 2, held: 1 });
  });
});

describe('enqueueMissingCreates', () => {
  it('queues a create for unconfirmed cases without one, once', () => {
    const a = insertCase(db, preparedCase(), ctx());
    const b = insertCase(db, preparedCase(), ctx(minutesAfter(1)));
    const c = insertCase(db, preparedCase(), ctx(minutesAfter(2)));
    appendNote(db, c.id, 'not', { now: minutesAfter(3), actor: ACTOR, linkedid: null });
    const [createA, createB, createC] = pendingChanges(db, 10, T0).map((x) => x.changeId);
    acknowledgeChanges(db, [createA!]);
    // As if these cases had been recorded before the outbox existed.
    db.prepare('DELETE FROM sync_outbox WHERE change_id IN (?, ?)').run(createB, createC);
    expect(enqueueMissingCreates(db)).toBe(2);
    expect(enqueueMissingCreates(db)).toBe(0);
    const creates = pendingChanges(db, 10, T0).filter((x) => x.kind === 'create');
    expect(creates.map((x) => [x.caseId, x.createdAt])).toEqual([
      [b.id, minutesAfter(1).toISOString()],
      [c.id, minutesAfter(2).toISOString()],
    ]);
    expect(serverVersion(a.id)).toBe(1);
  });
});
