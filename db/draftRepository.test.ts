import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCase } from './caseRepository.js';
import { discardDraft, draftRepositorySql, latestDraft, saveDraft } from './draftRepository.js';
import { ACTOR, minutesAfter, preparedCase, queryPlan, T0, tempStore } from './testSupport.js';

const A = '3f1c2a4e-8b7d-4c1a-9e2f-0a1b2c3d4e5f';
const B = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

let store: ReturnType<typeof tempStore>;
let db: Database;

beforeEach(() => {
  store = tempStore();
  db = store.open();
});

afterEach(() => store.close());

describe('drafts', () => {
  it('has no draft on a fresh store', () => {
    expect(latestDraft(db)).toBeNull();
  });

  it('upserts: saving the same draft again replaces it', () => {
    expect(saveDraft(db, { draftId: A, content: '{"subject":"Sok"}', linkedid: '1741593600.42' }, T0)).toEqual({
      savedAt: T0.toISOString(),
    });
    saveDraft(db, { draftId: A, content: '{"subject":"Sokak lambası"}', linkedid: '1741593600.42' }, minutesAfter(1));
    expect(latestDraft(db)).toEqual({
      draftId: A,
      content: '{"subject":"Sokak lambası"}',
      linkedid: '1741593600.42',
      savedAt: minutesAfter(1).toISOString(),
    });
    expect(db.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(1);
  });

  it('brings back the most recently saved of several drafts', () => {
    saveDraft(db, { draftId: A, content: 'a', linkedid: null }, T0);
    saveDraft(db, { draftId: B, content: 'b', linkedid: null }, minutesAfter(1));
    expect(latestDraft(db)?.draftId).toBe(B);
    saveDraft(db, { draftId: A, content: 'a2', linkedid: null }, minutesAfter(2));
    expect(latestDraft(db)).toMatchObject({ draftId: A, content: 'a2' });
  });

  it('survives closing and reopening the store', () => {
    saveDraft(db, { draftId: A, content: '{"description":"Çınar Sokak"}', linkedid: null }, T0);
    db.close();
    db = store.open();
    expect(latestDraft(db)).toEqual({ draftId: A, content: '{"description":"Çınar Sokak"}', linkedid: null, savedAt: T0.toISOString() });
  });

  it('discards a draft once; false when there is none', () => {
    saveDraft(db, { draftId: A, content: 'a', linkedid: null }, T0);
    expect(discardDraft(db, A)).toBe(true);
    expect(discardDraft(db, A)).toBe(false);
    expect(discardDraft(db, B)).toBe(false);
    expect(latestDraft(db)).toBeNull();
  });

  it('does not bring back a draft whose case is saved when a late autosave arrives', () => {
    saveDraft(db, { draftId: A, content: 'a', linkedid: null }, T0);
    insertCase(db, preparedCase({ draftId: A }), { now: minutesAfter(1), actor: ACTOR, securityCode: 'ABCD2345' });
    expect(latestDraft(db)).toBeNull();
    saveDraft(db, { draftId: A, content: 'a, typed after saving', linkedid: null }, minutesAfter(2));
    expect(latestDraft(db)).toBeNull();
  });

  it('finds the latest draft through its index', () => {
    expect(queryPlan(db, draftRepositorySql.latestDraft, {})).toMatch(/SCAN drafts USING INDEX drafts_saved_at/);
  });
});
