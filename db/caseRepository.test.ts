import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewCaseInput } from '../core/case.js';
import {
  caseEvents,
  caseRepositorySql,
  casesByPhone,
  countCases,
  findCitizenByPhone,
  insertCase,
  listCases,
} from './caseRepository.js';
import { openDatabase } from './openDatabase.js';

let dir: string;
let file: string;
let db: Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alo153-cases-'));
  file = join(dir, 'cases.sqlite');
  db = openDatabase(file);
});

afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const T0 = new Date('2025-03-10T08:00:00.000Z');
const minutesAfter = (m: number) => new Date(T0.getTime() + m * 60_000);
const opts = (now = T0) => ({ now, actor: 'PJSIP/1001' });

function caseInput(overrides: Partial<NewCaseInput> = {}): NewCaseInput {
  return {
    subject: 'Sokak lambası yanmıyor',
    description: 'Çınar Sokak 14 önündeki direk üç gündür yanmıyor.',
    outcome: 'forwarded',
    phone: '905321112233',
    citizenName: 'Ali Vatandaş',
    linkedid: '1741593600.42',
    ...overrides,
  };
}

function queryPlan(sql: string, params: Record<string, unknown>): string {
  return db
    .prepare<[Record<string, unknown>], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(params)
    .map((row) => row.detail)
    .join('\n');
}

describe('insertCase', () => {
  it('stores the case as given and returns it', () => {
    const saved = insertCase(db, caseInput(), opts());
    expect(saved).toEqual({
      id: expect.any(Number),
      subject: 'Sokak lambası yanmıyor',
      description: 'Çınar Sokak 14 önündeki direk üç gündür yanmıyor.',
      status: 'forwarded',
      phone: '905321112233',
      citizenName: 'Ali Vatandaş',
      linkedid: '1741593600.42',
      createdAt: '2025-03-10T08:00:00.000Z',
    });
    expect(listCases(db, 10)).toEqual([saved]);
    expect(countCases(db)).toBe(1);
  });

  it('creates the citizen on the first case and updates the name on a later one', () => {
    insertCase(db, caseInput({ citizenName: 'Ali V.' }), opts());
    const first = findCitizenByPhone(db, '905321112233');
    expect(first).toEqual({ id: expect.any(Number), phone: '905321112233', name: 'Ali V.' });

    insertCase(db, caseInput({ citizenName: 'Ali Vatandaş' }), opts(minutesAfter(5)));
    expect(findCitizenByPhone(db, '905321112233')).toEqual({ ...first, name: 'Ali Vatandaş' });
  });

  it('keeps a known name when a later case comes without one', () => {
    insertCase(db, caseInput({ citizenName: 'Ali Vatandaş' }), opts());
    insertCase(db, caseInput({ citizenName: null }), opts(minutesAfter(5)));
    expect(findCitizenByPhone(db, '905321112233')?.name).toBe('Ali Vatandaş');
    expect(db.prepare('SELECT count(*) FROM citizens').pluck().get()).toBe(1);
  });

  it('records a case without a phone and without a citizen', () => {
    const saved = insertCase(db, caseInput({ phone: null, citizenName: null }), opts());
    expect(saved.phone).toBeNull();
    expect(db.prepare('SELECT citizen_id FROM cases WHERE id = ?').pluck().get(saved.id)).toBeNull();
    expect(db.prepare('SELECT count(*) FROM citizens').pluck().get()).toBe(0);
  });

  it.each(['resolved', 'forwarded'] as const)(
    'writes a created event and then a %s event',
    (outcome) => {
      const saved = insertCase(db, caseInput({ outcome }), opts());
      expect(saved.status).toBe(outcome);
      const events = caseEvents(db, saved.id);
      expect(events.map((e) => e.kind)).toEqual(['created', outcome]);
      expect(events[0]).toEqual({
        at: '2025-03-10T08:00:00.000Z',
        actor: 'PJSIP/1001',
        kind: 'created',
        detail: { citizenId: findCitizenByPhone(db, '905321112233')!.id, linkedid: '1741593600.42' },
      });
    },
  );

  it('leaves nothing behind when the transaction fails midway', () => {
    // Fails the last statement of insertCase, after the citizen, the case and one event.
    db.exec(`
      CREATE TEMP TRIGGER fail_outcome_event BEFORE INSERT ON main.case_events
      WHEN NEW.kind = 'forwarded'
      BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;`);

    expect(() => insertCase(db, caseInput({ outcome: 'forwarded' }), opts())).toThrow(/disk on fire/);
    expect(countCases(db)).toBe(0);
    expect(findCitizenByPhone(db, '905321112233')).toBeNull();
    expect(db.prepare('SELECT count(*) FROM case_events').pluck().get()).toBe(0);

    // The connection is usable afterwards and the same input goes through once the cause is gone.
    db.exec('DROP TRIGGER temp.fail_outcome_event');
    insertCase(db, caseInput({ outcome: 'forwarded' }), opts());
    expect(countCases(db)).toBe(1);
  });

  it('round-trips Turkish text', () => {
    const text = 'ğüşıöçİ ĞÜŞIÖÇ — Şehitler Caddesi’nde çukur; İçişleri, ılık, Ilgaz';
    const saved = insertCase(
      db,
      caseInput({ subject: text, description: `${text}\nikinci satır`, citizenName: 'İbrahim Işık' }),
      opts(),
    );
    db.close();
    db = openDatabase(file);
    const [reloaded] = casesByPhone(db, '905321112233', 1);
    expect(reloaded).toEqual(saved);
    expect(reloaded?.subject).toBe(text);
    expect(findCitizenByPhone(db, '905321112233')?.name).toBe('İbrahim Işık');
  });

  it('keeps cases and events after the file is closed and opened again', () => {
    const a = insertCase(db, caseInput({ outcome: 'resolved' }), opts());
    const b = insertCase(db, caseInput({ phone: '905427654321' }), opts(minutesAfter(1)));
    db.close();

    db = openDatabase(file);
    expect(listCases(db, 10)).toEqual([b, a]);
    expect(caseEvents(db, a.id).map((e) => e.kind)).toEqual(['created', 'resolved']);
    expect(countCases(db)).toBe(2);
  });
});

describe('listCases and casesByPhone', () => {
  it('list newest first, ties broken by id, up to the limit', () => {
    const early = insertCase(db, caseInput(), opts(T0));
    const tieA = insertCase(db, caseInput({ phone: '905427654321' }), opts(minutesAfter(10)));
    const tieB = insertCase(db, caseInput(), opts(minutesAfter(10)));
    const late = insertCase(db, caseInput({ phone: '905427654321' }), opts(minutesAfter(20)));

    expect(listCases(db, 10).map((c) => c.id)).toEqual([late.id, tieB.id, tieA.id, early.id]);
    expect(listCases(db, 2).map((c) => c.id)).toEqual([late.id, tieB.id]);
    expect(casesByPhone(db, '905321112233', 10).map((c) => c.id)).toEqual([tieB.id, early.id]);
    expect(casesByPhone(db, '905427654321', 1).map((c) => c.id)).toEqual([late.id]);
    expect(casesByPhone(db, '900000000000', 10)).toEqual([]);
  });

  it('refuses a negative limit instead of reading it as "no limit"', () => {
    expect(() => listCases(db, -1)).toThrow(RangeError);
    expect(() => casesByPhone(db, '905321112233', 1.5)).toThrow(RangeError);
  });

  it('casesByPhone searches the citizen and case indexes without sorting', () => {
    const plan = queryPlan(caseRepositorySql.casesByPhone, { phone: '905321112233', limit: 5 });
    expect(plan).toMatch(/SEARCH cases USING INDEX cases_citizen_id_created_at \(citizen_id=\?\)/);
    expect(plan).toMatch(/SEARCH citizens USING COVERING INDEX sqlite_autoindex_citizens_1 \(phone=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    expect(plan).not.toMatch(/SCAN/);
  });

  it('listCases reads the created_at index in order without sorting', () => {
    const plan = queryPlan(caseRepositorySql.listCases, { limit: 5 });
    expect(plan).toMatch(/SCAN cases USING INDEX cases_created_at/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});

describe('case_events', () => {
  it('is append-only: UPDATE and DELETE are rejected', () => {
    const saved = insertCase(db, caseInput(), opts());
    expect(() => db.prepare(`UPDATE case_events SET actor = 'someone else'`).run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM case_events').run()).toThrow(/append-only/);
    expect(caseEvents(db, saved.id)).toHaveLength(2);
    expect(caseEvents(db, saved.id)[0]?.actor).toBe('PJSIP/1001');
  });

  it('refuses events for a case that does not exist', () => {
    expect(() =>
      db
        .prepare(
          `INSERT INTO case_events (case_id, at, actor, kind) VALUES (999, '2025-01-01T00:00:00.000Z', 'x', 'created')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('statement cache', () => {
  it('prepares each statement once per database', () => {
    insertCase(db, caseInput(), opts());
    const prepare = db.prepare.bind(db);
    let prepared = 0;
    db.prepare = ((sql: string) => {
      prepared += 1;
      return prepare(sql);
    }) as typeof db.prepare;
    insertCase(db, caseInput(), opts(minutesAfter(1)));
    listCases(db, 5);
    casesByPhone(db, '905321112233', 5);
    countCases(db);
    expect(prepared).toBe(0);
  });
});
