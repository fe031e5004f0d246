import { createStore } from 'zustand/vanilla';
import type { CaseRecord } from '../../../core/case.js';

export interface CasesState {
  cases: readonly CaseRecord[];
  loaded: boolean;
}

export const initialCasesState: CasesState = { cases: [], loaded: false };

/** Enough for a shift; the list is for glancing back, search lives elsewhere. */
export const MAX_CASES = 500;

const newestFirst = (a: CaseRecord, b: CaseRecord): number =>
  (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0) || b.id - a.id;

function upsert(list: readonly CaseRecord[], records: readonly CaseRecord[]): CaseRecord[] {
  const byId = new Map(list.map((c) => [c.id, c]));
  for (const r of records) byId.set(r.id, r);
  return [...byId.values()].sort(newestFirst).slice(0, MAX_CASES);
}

/**
 * The list replaces what we had (it is the host's truth after a reconnect), but cases saved
 * while it was on its way are newer than it and must survive.
 */
export const listLoaded = (
  _: CasesState,
  list: readonly CaseRecord[],
  savedMeanwhile: readonly CaseRecord[] = [],
): CasesState => ({ cases: upsert(list, savedMeanwhile), loaded: true });

export const caseSaved = (s: CasesState, record: CaseRecord): CasesState => ({
  ...s,
  cases: upsert(s.cases, [record]),
});

export const createCasesStore = (initial: CasesState = initialCasesState) => createStore<CasesState>()(() => initial);
export type CasesStore = ReturnType<typeof createCasesStore>;

export const selectCases = (s: CasesState) => s.cases;
export const selectCasesLoaded = (s: CasesState) => s.loaded;
