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
  /**
   * Every match when totalExact; else a lower bound the host counted to past the page it
   * answered (db/caseSearch.ts COUNT_AHEAD), which grows as the operator scrolls on.
   */
  total: number;
  totalExact: boolean;
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
  /** The operator asked for the exact count of this query and it is on its way. */
  counting: boolean;
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
  counting: false,
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
  return { ...s, applied, key, generation: s.generation + 1, error: null, counting: false };
}

export const invalidated = (s: CaseSearchState): CaseSearchState => ({ ...s, generation: s.generation + 1, error: null });

export interface PageAnswer {
  key: string;
  generation: number;
  page: number;
  total: number;
  totalExact: boolean;
  rows: readonly CaseRecord[];
}

/**
 * The total after an answer. An exact one stands. A lower bound counted from a page near the top
 * must not shrink the bound a page further down gave (the list would lose the rows below), nor
 * undo an exact count that is at least as large; a bound above an exact count means the count
 * is out of date (cases were saved since), and the bound takes over.
 */
export function mergedTotal(held: Pick<SearchResults, 'total' | 'totalExact'> | null, a: Pick<PageAnswer, 'total' | 'totalExact'>): { total: number; totalExact: boolean } {
  if (a.totalExact || held === null) return { total: a.total, totalExact: a.totalExact };
  if (held.total >= a.total) return { total: held.total, totalExact: held.totalExact };
  return { total: a.total, totalExact: false };
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
  const { total, totalExact } = mergedTotal(sameQuery ? s.results : null, a);
  // The total moved (a case saved meanwhile): pages past the new end are gone.
  for (const page of pages.keys()) if (page * SEARCH_PAGE >= Math.max(total, 1)) pages.delete(page);
  evictPages(pages, a.page);
  return { ...s, results: { key: a.key, total, totalExact, pages }, error: null };
}

export const countRequested = (s: CaseSearchState): CaseSearchState => ({ ...s, counting: true });

/** The exact count the operator asked for; dropped when they have typed past its query. */
export function exactCountLoaded(s: CaseSearchState, key: string, total: number | null): CaseSearchState {
  if (key !== s.key) return s;
  if (total === null || s.results === null || s.results.key !== key) return { ...s, counting: false };
  return { ...s, counting: false, results: { ...s.results, total, totalExact: true } };
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
export const selectCounting = (s: CaseSearchState) => s.counting;
/** True while the rows on screen answer an older query than the one typed. */
export const selectSearchPending = (s: CaseSearchState) => s.results?.key !== queryKey({ text: s.text.trim().slice(0, SEARCH_TEXT_MAX), filters: s.filters });
export const selectBrowsing = (s: CaseSearchState) => isBrowsing(s.applied);
