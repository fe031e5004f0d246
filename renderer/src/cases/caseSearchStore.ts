import { createStore } from 'zustand/vanilla';
import { CaseSearchFilters, type CaseRecord } from '../../../core/case.js';
import type { ErrorCode } from '../../../core/contract.js';

export const SEARCH_PAGE = 100;
/** Pages kept around the place the operator looks at; the rest are dropped and fetched again if needed. */
export const MAX_CACHED_PAGES = 30;
export const SEARCH_TEXT_MAX = 200;

export const noFilters: CaseSearchFilters = CaseSearchFilters.parse({});

export interface AppliedQuery {
  text: string;
  filters: CaseSearchFilters;
}

export interface SearchPage {
  generation: number;
  rows: readonly CaseRecord[];
}

export interface SearchResults {
  /** The query these rows answer. */
  key: string;
  total: number;
  pages: ReadonlyMap<number, SearchPage>;
}

export interface CaseSearchState {
  /** What the search box and filters show now. */
  text: string;
  filters: CaseSearchFilters;
  /** The query last sent (after the debounce) and its key. */
  applied: AppliedQuery;
  key: string;
  /** Bumped when the results may be out of date (a new query, a case saved, a reconnect). */
  generation: number;
  results: SearchResults | null;
  /** A failed page for this generation; the next generation tries again. */
  error: { code: ErrorCode; generation: number } | null;
}

export const queryKey = (q: AppliedQuery): string => JSON.stringify([q.text, q.filters]);

const initialApplied: AppliedQuery = { text: '', filters: noFilters };

export const initialSearchState: CaseSearchState = {
  text: '',
  filters: noFilters,
  applied: initialApplied,
  key: queryKey(initialApplied),
  generation: 0,
  results: null,
  error: null,
};

export function activeFilterCount(f: CaseSearchFilters): number {
  return (
    (f.status.length > 0 ? 1 : 0) +
    [f.unitCode, f.subjectCode, f.channel, f.from, f.to, f.sla].filter((v) => v !== null).length
  );
}

/** Nothing typed, nothing filtered: the list shows the newest cases. */
export const isBrowsing = (q: AppliedQuery): boolean => q.text === '' && activeFilterCount(q.filters) === 0;

export const textTyped = (s: CaseSearchState, text: string): CaseSearchState => ({ ...s, text });

export const filtersChanged = (s: CaseSearchState, patch: Partial<CaseSearchFilters>): CaseSearchState => ({
  ...s,
  filters: { ...s.filters, ...patch },
});

/** The debounce settled: what is on screen becomes the query. */
export function querySettled(s: CaseSearchState): CaseSearchState {
  const applied: AppliedQuery = { text: s.text.trim().slice(0, SEARCH_TEXT_MAX), filters: s.filters };
  const key = queryKey(applied);
  if (key === s.key) return s;
  return { ...s, applied, key, generation: s.generation + 1, error: null };
}

export const invalidated = (s: CaseSearchState): CaseSearchState => ({ ...s, generation: s.generation + 1, error: null });

export interface PageAnswer {
  key: string;
  generation: number;
  page: number;
  total: number;
  rows: readonly CaseRecord[];
}

/** Keeps the pages nearest to `around`, at most `max` of them. */
export function evictPages(pages: Map<number, SearchPage>, around: number, max = MAX_CACHED_PAGES): void {
  if (pages.size <= max) return;
  const far = [...pages.keys()].sort((a, b) => Math.abs(b - around) - Math.abs(a - around));
  for (const page of far.slice(0, pages.size - max)) pages.delete(page);
}

export function pageLoaded(s: CaseSearchState, a: PageAnswer): CaseSearchState {
  // An answer to a query the operator has already typed past is dropped.
  if (a.key !== s.key) return s;
  const sameQuery = s.results?.key === a.key;
  const pages = new Map(sameQuery ? s.results?.pages : []);
  const held = pages.get(a.page);
  if (held && held.generation > a.generation) return s;
  pages.set(a.page, { generation: a.generation, rows: a.rows });
  // The total moved (a case saved meanwhile): pages past the new end are gone.
  for (const page of pages.keys()) if (page * SEARCH_PAGE >= Math.max(a.total, 1)) pages.delete(page);
  evictPages(pages, a.page);
  return { ...s, results: { key: a.key, total: a.total, pages }, error: null };
}

export function pageFailed(s: CaseSearchState, key: string, generation: number, code: ErrorCode): CaseSearchState {
  if (key !== s.key || generation !== s.generation) return s;
  return { ...s, error: { code, generation } };
}

/** Does `page` need asking for (missing, or from an older generation, or for another query)? */
export function needsFetch(s: CaseSearchState, page: number): boolean {
  if (s.error?.generation === s.generation) return false;
  const results = s.results;
  if (results === null || results.key !== s.key) return page === 0;
  if (page > 0 && page * SEARCH_PAGE >= results.total) return false;
  const held = results.pages.get(page);
  return held === undefined || held.generation < s.generation;
}

/** The row at `index` if its page is here (stale pages still show until their refresh lands). */
export function rowAt(results: SearchResults | null, index: number): CaseRecord | undefined {
  return results?.pages.get(Math.floor(index / SEARCH_PAGE))?.rows[index % SEARCH_PAGE];
}

export const createCaseSearchStore = (initial: CaseSearchState = initialSearchState) =>
  createStore<CaseSearchState>()(() => initial);
export type CaseSearchStore = ReturnType<typeof createCaseSearchStore>;

export const selectSearchText = (s: CaseSearchState) => s.text;
export const selectSearchFilters = (s: CaseSearchState) => s.filters;
export const selectResults = (s: CaseSearchState) => s.results;
export const selectSearchError = (s: CaseSearchState) => s.error?.code ?? null;
/** True while the rows on screen answer an older query than the one typed. */
export const selectSearchPending = (s: CaseSearchState) => s.results?.key !== queryKey({ text: s.text.trim().slice(0, SEARCH_TEXT_MAX), filters: s.filters });
export const selectBrowsing = (s: CaseSearchState) => isBrowsing(s.applied);
