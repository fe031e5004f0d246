import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorCode } from '../../../core/contract.js';
import type { AgentStatsReport, QueueStatsReport, StatsInterval } from '../../../core/queueStats.js';
import type { DeskClient } from '../shared/api/deskClient.js';
import { DEFAULT_AGENT_SORT, nextAgentSort, type AgentColumn, type AgentStatsSort } from './agentStatsTable.js';
import { defaultInterval, isStatsDate, istanbulToday, periodRange, shiftPeriod, type PeriodKind, type StatsPeriod } from './statsPeriod.js';

export interface QueueStatsState {
  period: StatsPeriod;
  interval: StatsInterval;
  /** The queue the lead filtered on; null: every queue. */
  queue: string | null;
  /** The reports for the period and interval above once they arrived; kept while the next ones load. */
  queueReport: QueueStatsReport | null;
  agentReport: AgentStatsReport | null;
  loading: boolean;
  error: ErrorCode | null;
  /** The CSV being fetched, if any. */
  csvBusy: 'queue' | 'agents' | null;
  csvError: ErrorCode | null;
  agentSort: AgentStatsSort;
}

export const initialQueueStatsState = (now: number | Date = Date.now()): QueueStatsState => ({
  period: { kind: 'day', anchor: istanbulToday(now) },
  interval: defaultInterval('day'),
  queue: null,
  queueReport: null,
  agentReport: null,
  loading: false,
  error: null,
  csvBusy: null,
  csvError: null,
  agentSort: DEFAULT_AGENT_SORT,
});

export const statsAsked = (s: QueueStatsState, period: StatsPeriod, interval: StatsInterval): QueueStatsState => ({
  ...s,
  period,
  interval,
  loading: true,
  error: null,
  csvError: null,
});

/**
 * Both answers in. A failed one is dropped (another period's figures under this period's title
 * would mislead) and its code shown; the other stays.
 */
export function statsLoaded(
  s: QueueStatsState,
  queue: { ok: true; value: QueueStatsReport } | { ok: false; code: ErrorCode },
  agents: { ok: true; value: AgentStatsReport } | { ok: false; code: ErrorCode },
): QueueStatsState {
  return {
    ...s,
    queueReport: queue.ok ? queue.value : null,
    agentReport: agents.ok ? agents.value : null,
    loading: false,
    error: !queue.ok ? queue.code : !agents.ok ? agents.code : null,
  };
}

export interface QueueStats {
  store: StoreApi<QueueStatsState>;
  /** Loads both reports for a period and interval; an incomplete date is ignored. */
  load: (period?: StatsPeriod, interval?: StatsInterval) => Promise<void>;
  /** Another kind of period around the same date, with that kind's interval. */
  chooseKind: (kind: PeriodKind) => Promise<void>;
  /** The period before or after. */
  step: (step: -1 | 1) => Promise<void>;
  /** Filters the tables and charts on one queue (null: all); the figures are already here. */
  chooseQueue: (queue: string | null) => void;
  sortAgents: (column: AgentColumn) => void;
  /** Fetches the CSV of a table, for the period, interval and queue on screen, and hands it to `save`. */
  csv: (which: 'queue' | 'agents', save: (fileName: string, csv: string) => void) => Promise<void>;
  /** The view's clock (epoch ms): "today" for the next button, "now" for the intervals still to come. */
  now: () => number;
}

/**
 * `now`: the clock (a fixed instant in tests, which must not depend on the day they run);
 * `initial`: a state to start from instead of today by hours (tests draw a store as a user left it).
 */
export function createQueueStats(client: DeskClient, now: number | Date | (() => number) = Date.now, initial?: QueueStatsState): QueueStats {
  const clock = typeof now === 'function' ? now : () => new Date(now).getTime();
  const store = createStore<QueueStatsState>()(() => initial ?? initialQueueStatsState(clock()));
  const set = (f: (s: QueueStatsState) => QueueStatsState) => store.setState(f, true);
  let seq = 0;

  async function load(period = store.getState().period, interval = store.getState().interval): Promise<void> {
    if (!isStatsDate(period.anchor)) return;
    const mine = ++seq;
    set((s) => statsAsked(s, period, interval));
    const range = periodRange(period);
    const [queue, agents] = await Promise.all([client.call('reports.queueStats', { ...range, interval }), client.call('reports.agentStats', range)]);
    // The period or interval changed meanwhile: these answers are for a question nobody asks any more.
    if (mine !== seq) return;
    const outcome = <T>(r: { ok: true; value: T } | { ok: false; error: { code: ErrorCode } }) => (r.ok ? r : { ok: false as const, code: r.error.code });
    set((s) => statsLoaded(s, outcome(queue), outcome(agents)));
  }

  async function csv(which: 'queue' | 'agents', save: (fileName: string, csv: string) => void): Promise<void> {
    const { period, interval, queue, csvBusy } = store.getState();
    if (csvBusy !== null || !isStatsDate(period.anchor)) return;
    set((s) => ({ ...s, csvBusy: which, csvError: null }));
    const range = periodRange(period);
    const result =
      which === 'queue'
        ? await client.call('reports.queueStatsCsv', { ...range, interval, ...(queue === null ? {} : { queue }) })
        : await client.call('reports.agentStatsCsv', range);
    if (result.ok) save(result.value.fileName, result.value.csv);
    set((s) => ({ ...s, csvBusy: null, csvError: result.ok ? null : result.error.code }));
  }

  return {
    store,
    load,
    chooseKind: (kind) => load({ kind, anchor: store.getState().period.anchor }, defaultInterval(kind)),
    step: (step) => load(shiftPeriod(store.getState().period, step)),
    chooseQueue: (queue) => set((s) => ({ ...s, queue })),
    sortAgents: (column) => set((s) => ({ ...s, agentSort: nextAgentSort(s.agentSort, column) })),
    csv,
    now: clock,
  };
}
