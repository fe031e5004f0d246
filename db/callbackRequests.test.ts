import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseEvents, insertCase } from './caseRepository.js';
import { requestCallback } from './callbackRequests.js';
import { outboxCounts, pendingChanges } from './syncOutbox.js';
import { ACTOR, T0, preparedCase, tempStore } from './testSupport.js';

let store: ReturnType<typeof tempStore>;
let db: Database;
beforeEach(() => {
  store = tempStore();
  db = store.open();
});
afterEach(() => store.close());

describe('call-back requests', () => {
  it('puts the request on the case history and in the outbox together', () => {
    const record = insertCase(db, preparedCase(), { now: T0, actor: ACTOR, securityCode: 'K7M2P9RT' });
    const before = outboxCounts(db).pending;
    requestCallback(db, record.id, { dueAt: new Date('2026-11-26T07:30:00Z'), note: 'Sabah arayın' }, { now: new Date('2026-11-25T10:00:00Z'), actor: ACTOR });

    expect(caseEvents(db, record.id).at(-1)).toMatchObject({ kind: 'callback-requested', detail: { dueAt: '2026-11-26T07:30:00.000Z', note: 'Sabah arayın' } });
    expect(outboxCounts(db).pending).toBe(before + 1);
    expect(pendingChanges(db, 100).at(-1)).toMatchObject({
      kind: 'callback-request',
      caseId: record.id,
      payload: { dueAt: '2026-11-26T07:30:00.000Z', note: 'Sabah arayın' },
    });
  });

  it('refuses an unknown case and leaves nothing behind', () => {
    const before = outboxCounts(db).pending;
    expect(() => requestCallback(db, 999, { dueAt: new Date(), note: null }, { now: new Date(), actor: ACTOR })).toThrow('No case with id 999');
    expect(outboxCounts(db).pending).toBe(before);
  });
});
