import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorCode } from '../../../core/contract.js';
import type { MonthlyReport, ReportGrouping } from '../../../core/report.js';
import type { DeskClient } from '../shared/api/deskClient.js';
import { isReportMonth, istanbulMonth } from './reportMonth.js';

export interface ReportState {
  month: string;
  by: ReportGrouping;
  /** The report for the month and grouping above once it arrived; kept while the next one loads. */
  report: MonthlyReport | null;
  loading: boolean;
  error: ErrorCode | null;
  csvBusy: boolean;
  csvError: ErrorCode | null;
}

export const initialReportState = (now: number | Date = Date.now()): ReportState => ({
  month: istanbulMonth(now),
  by: 'subject',
  report: null,
  loading: false,
  error: null,
  csvBusy: false,
  csvError: null,
});

export const reportAsked = (s: ReportState, month: string, by: ReportGrouping): ReportState => ({
  ...s,
  month,
  by,
  loading: true,
  error: null,
  csvError: null,
});
export const reportLoaded = (s: ReportState, report: MonthlyReport): ReportState => ({ ...s, report, loading: false, error: null });
/** A failure drops the old report: showing last month's figures under this month's title would mislead. */
export const reportFailed = (s: ReportState, error: ErrorCode): ReportState => ({ ...s, report: null, loading: false, error });
export const csvStarted = (s: ReportState): ReportState => ({ ...s, csvBusy: true, csvError: null });
export const csvFinished = (s: ReportState, error: ErrorCode | null): ReportState => ({ ...s, csvBusy: false, csvError: error });

export interface Reports {
  store: StoreApi<ReportState>;
  /** Loads the report for a month and grouping; an incomplete month is ignored. */
  load: (month?: string, by?: ReportGrouping) => Promise<void>;
  /** Fetches the CSV for what is on screen and hands it to `save`. */
  csv: (save: (fileName: string, csv: string) => void) => Promise<void>;
}

export function createReports(client: DeskClient, now: number | Date = Date.now()): Reports {
  const store = createStore<ReportState>()(() => initialReportState(now));
  const set = (f: (s: ReportState) => ReportState) => store.setState(f, true);
  let seq = 0;

  async function load(month = store.getState().month, by = store.getState().by): Promise<void> {
    if (!isReportMonth(month)) return;
    const mine = ++seq;
    set((s) => reportAsked(s, month, by));
    const result = await client.call('reports.monthly', { month, by });
    // The month or grouping changed meanwhile: this answer is for a question nobody asks any more.
    if (mine !== seq) return;
    set((s) => (result.ok ? reportLoaded(s, result.value) : reportFailed(s, result.error.code)));
  }

  async function csv(save: (fileName: string, csv: string) => void): Promise<void> {
    const { month, by, csvBusy } = store.getState();
    if (csvBusy || !isReportMonth(month)) return;
    set(csvStarted);
    const result = await client.call('reports.monthlyCsv', { month, by });
    if (result.ok) save(result.value.fileName, result.value.csv);
    set((s) => csvFinished(s, result.ok ? null : result.error.code));
  }

  return { store, load, csv };
}
