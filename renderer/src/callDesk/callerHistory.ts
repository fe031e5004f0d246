import type { ScreenPop } from '../../../core/call.js';
import type { CaseRecord } from '../../../core/case.js';
import type { ErrorCode } from '../../../core/contract.js';
import type { DeskClient } from '../shared/api/deskClient.js';

/** Closed cases the pop lists under the open ones (main/host/screenPop.ts sends the latest three). */
export const RECENT_SHOWN = 3;
/** Cases fetched per "show all" step: a long history comes a page at a time, never all at once. */
export const HISTORY_PAGE = 200;

/**
 * What the pop shows of a caller's history before the operator asks for more: their open cases
 * (whatever their age) and the latest closed ones, with how many there are in all.
 */
export interface HistorySummary {
  all: number;
  open: number;
  openShown: readonly CaseRecord[];
  recentShown: readonly CaseRecord[];
  /** Cases the operator does not see yet: "show all" is offered when there are any. */
  hidden: number;
}

export function historySummary(pop: ScreenPop): HistorySummary {
  const openShown = pop.previousCases.filter((c) => c.sla !== 'done');
  const recentShown = pop.previousCases.filter((c) => c.sla === 'done').slice(0, RECENT_SHOWN);
  // A pop without counts carries the whole history.
  const counts = pop.caseCounts ?? { all: pop.previousCases.length, open: openShown.length };
  return { all: counts.all, open: counts.open, openShown, recentShown, hidden: Math.max(0, counts.all - openShown.length - recentShown.length) };
}

/**
 * Whether two pops show the same history: the host sends the pop again when the call is
 * answered or ends, with new but equal cases, and redrawing the rows then is wasted work.
 */
export function sameHistory(a: ScreenPop, b: ScreenPop): boolean {
  const sameCases = (x: readonly CaseRecord[], y: readonly CaseRecord[]) =>
    x.length === y.length && x.every((c, i) => c.id === y[i]!.id && c.updatedAt === y[i]!.updatedAt && c.sla === y[i]!.sla && c.status === y[i]!.status);
  return (
    a.call.linkedid === b.call.linkedid &&
    a.call.callerNumber === b.call.callerNumber &&
    a.caseCounts?.all === b.caseCounts?.all &&
    a.caseCounts?.open === b.caseCounts?.open &&
    sameCases(a.previousCases, b.previousCases)
  );
}

/** The caller's whole history as far as it has been fetched ("show all"). */
export interface FullHistory {
  /** The call it was fetched for: a new call starts collapsed again. */
  linkedid: string;
  rows: readonly CaseRecord[];
  total: number;
  loading: boolean;
  error: ErrorCode | null;
}

export const historyOpened = (linkedid: string, total: number): FullHistory => ({ linkedid, rows: [], total, loading: true, error: null });

export const moreRequested = (h: FullHistory): FullHistory => ({ ...h, loading: true, error: null });

/** A page arrived; one that does not continue where the rows end (a stale answer) is dropped. */
export function historyPageLoaded(h: FullHistory, offset: number, page: { cases: readonly CaseRecord[]; total: number }): FullHistory {
  if (offset !== h.rows.length) return h;
  return { ...h, rows: [...h.rows, ...page.cases], total: page.total, loading: false, error: null };
}

export const historyFailed = (h: FullHistory, error: ErrorCode): FullHistory => ({ ...h, loading: false, error });

/** Cases of the history not fetched yet. */
export const remaining = (h: FullHistory): number => Math.max(0, h.total - h.rows.length);

/** Asks the host for the next page of the caller's history and folds it in with `apply`. */
export async function fetchHistoryPage(
  client: DeskClient,
  phone: string,
  offset: number,
  apply: (change: (h: FullHistory) => FullHistory) => void,
): Promise<void> {
  const result = await client.call('citizens.lookup', { phone, offset, limit: HISTORY_PAGE });
  apply((h) => (result.ok ? historyPageLoaded(h, offset, result.value) : historyFailed(h, result.error.code)));
}
