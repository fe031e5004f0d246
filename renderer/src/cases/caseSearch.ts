import type { CaseSearchFilters } from '../../../core/case.js';
import type { DeskClient } from '../shared/api/deskClient.js';
import {
  countRequested,
  createCaseSearchStore,
  exactCountLoaded,
  filtersChanged,
  invalidated,
  needsFetch,
  pageFailed,
  pageLoaded,
  querySettled,
  SEARCH_PAGE,
  textTyped,
  type AppliedQuery,
  type CaseSearchStore,
} from './caseSearchStore.js';
import { pagesFor } from '../shared/ui/virtualWindow.js';

export const SEARCH_DEBOUNCE_MS = 150;
/** A scrollbar dragged across 100 000 rows must not queue a thousand requests. */
const MAX_IN_FLIGHT = 2;

export interface CaseSearch {
  readonly store: CaseSearchStore;
  setText(text: string): void;
  setFilters(patch: Partial<CaseSearchFilters>): void;
  /** The rows the list renders now; their pages are fetched if missing or stale. */
  showRows(start: number, end: number): void;
  /** Results may be out of date (a case saved, a reconnect): fetch what is on screen again. */
  invalidate(): void;
  /** Every match of the query on screen counted, however long it takes: the operator asked. */
  countExactly(): void;
  stop(): void;
}

/**
 * Find: the query settles 150 ms after the last keystroke, then pages of 100 rows are fetched as
 * the list needs them (offset/limit). Answers to a query the operator has typed past are dropped.
 */
export function createCaseSearch(client: DeskClient, debounceMs = SEARCH_DEBOUNCE_MS): CaseSearch {
  const store = createCaseSearchStore();
  let wanted: number[] = [0];
  const inFlight = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  function pump(): void {
    const s = store.getState();
    for (const page of wanted) {
      if (inFlight.size >= MAX_IN_FLIGHT) return;
      const tag = `${s.generation}:${page}`;
      if (inFlight.has(tag) || !needsFetch(s, page)) continue;
      inFlight.add(tag);
      void fetchPage(s.key, s.generation, page, s.applied).finally(() => {
        inFlight.delete(tag);
        pump();
      });
    }
  }

  async function fetchPage(key: string, generation: number, page: number, query: AppliedQuery): Promise<void> {
    const result = await client.call('cases.search', {
      text: query.text,
      filters: query.filters,
      offset: page * SEARCH_PAGE,
      limit: SEARCH_PAGE,
    });
    if (result.ok) {
      const { total, totalExact, rows } = result.value;
      store.setState((s) => pageLoaded(s, { key, generation, page, total, totalExact, rows }), true);
    } else {
      store.setState((s) => pageFailed(s, key, generation, result.error.code), true);
    }
  }

  function settle(): void {
    timer = null;
    const before = store.getState().key;
    store.setState(querySettled, true);
    if (store.getState().key !== before) wanted = [0];
    pump();
  }

  function schedule(): void {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(settle, debounceMs);
  }

  return {
    store,
    setText(text) {
      store.setState((s) => textTyped(s, text), true);
      schedule();
    },
    setFilters(patch) {
      store.setState((s) => filtersChanged(s, patch), true);
      schedule();
    },
    showRows(start, end) {
      const pages = pagesFor(start, end, SEARCH_PAGE);
      wanted = pages.length > 0 ? pages : [0];
      pump();
    },
    invalidate() {
      store.setState(invalidated, true);
      pump();
    },
    countExactly() {
      const s = store.getState();
      if (s.counting) return;
      store.setState(countRequested, true);
      const { key, applied } = s;
      void client
        .call('cases.search', { text: applied.text, filters: applied.filters, offset: 0, limit: 1, exactTotal: true })
        .then((result) => store.setState((now) => exactCountLoaded(now, key, result.ok ? result.value.total : null), true));
    },
    stop() {
      if (timer !== null) clearTimeout(timer);
    },
  };
}
