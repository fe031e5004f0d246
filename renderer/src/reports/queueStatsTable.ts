import { DAY_MS, ISTANBUL_OFFSET_MS, MINUTE_MS } from '../../../core/istanbulTime.js';
import type { CollectorGap, QueueStatsReport, QueueStatsRow, StatsInterval } from '../../../core/queueStats.js';
import { formatDate, formatDateTime, formatTime } from '../shared/i18n/format.js';
import type { Language } from '../shared/i18n/resources.js';

/** The queues a report names, in its totals' order. */
export const queuesOf = (report: QueueStatsReport): string[] => report.totals.map((t) => t.queue);

/** The report as the lead filtered it: one queue's rows and totals, or every queue's (null). */
export function shownPart(report: QueueStatsReport, queue: string | null): { rows: QueueStatsRow[]; totals: QueueStatsRow[] } {
  // A queue the report does not name (another period, another set of queues) shows them all.
  if (queue === null || !report.totals.some((t) => t.queue === queue)) return { rows: report.rows, totals: report.totals };
  return { rows: report.rows.filter((r) => r.queue === queue), totals: report.totals.filter((t) => t.queue === queue) };
}

/** An interval's first instant as the table shows it: HH:MM in Istanbul, with the date when the period has several days, the date alone for day intervals. */
export function intervalStartLabel(start: string | undefined, interval: StatsInterval, severalDays: boolean, lng: Language): string {
  if (start === undefined) return '—';
  if (interval === 'day') return formatDate(start, lng);
  return severalDays ? formatDateTime(start, lng) : formatTime(start, lng);
}

/** An interval along a chart's axis, short: "09:00" in one day, "03.12" over several days or by days. */
export function chartBandLabel(at: number, interval: StatsInterval, severalDays: boolean, lng: Language): string {
  const iso = new Date(at).toISOString();
  // Both languages write the day before the month (03.12.2026, 03/12/2026): the first five characters.
  return interval === 'day' || severalDays ? formatDate(iso, lng).slice(0, 5) : formatTime(iso, lng);
}

/** Every queue shown, added up per interval: what the charts draw. */
export interface IntervalPoint {
  /** The interval's first instant (ms). */
  at: number;
  offered: number;
  answered: number;
  abandoned: number;
  /** Answered within the service level ÷ answered, over the queues shown; null with nothing answered. */
  serviceLevelPct: number | null;
  /** No figures, and the collector did not see the PBX then: unknown, not zero. */
  missing: boolean;
}

const INTERVAL_MS: Record<StatsInterval, number> = { '15': 15 * MINUTE_MS, '30': 30 * MINUTE_MS, '60': 60 * MINUTE_MS, day: DAY_MS };

/**
 * Every interval of the period, in time order, with the rows of the queues shown added up (the
 * server sends only intervals with calls: the others are zero, or missing inside a gap). A
 * queue's SL % is its answered-in-SL ÷ answered, so the queues' answered weigh their percentages
 * (a mean of percentages would let a queue with one call weigh as much as one with hundreds).
 */
export function intervalSeries(
  rows: readonly QueueStatsRow[],
  period: { from: string; to: string; interval: StatsInterval },
  gaps: readonly CollectorGap[],
  now: number = Date.now(),
): IntervalPoint[] {
  const step = INTERVAL_MS[period.interval];
  const first = Date.parse(`${period.from}T00:00:00Z`) - ISTANBUL_OFFSET_MS;
  const end = Date.parse(`${period.to}T00:00:00Z`) - ISTANBUL_OFFSET_MS + DAY_MS;
  const sums = new Map<number, { offered: number; answered: number; abandoned: number; inSl: number; slAnswered: number }>();
  for (const r of rows) {
    const at = r.start === undefined ? NaN : Date.parse(r.start);
    if (Number.isNaN(at)) continue;
    let sum = sums.get(at);
    if (!sum) sums.set(at, (sum = { offered: 0, answered: 0, abandoned: 0, inSl: 0, slAnswered: 0 }));
    sum.offered += r.offered;
    sum.answered += r.answered;
    sum.abandoned += r.abandoned;
    if (r.serviceLevelPct !== null && r.answered > 0) {
      sum.inSl += (r.serviceLevelPct / 100) * r.answered;
      sum.slAnswered += r.answered;
    }
  }
  const spans = gaps.map((g) => [Date.parse(g.from), g.to === null ? now : Date.parse(g.to)] as const);
  const points: IntervalPoint[] = [];
  for (let at = first; at < end; at += step) {
    const sum = sums.get(at);
    if (sum) {
      const serviceLevelPct = sum.slAnswered > 0 ? Math.round((sum.inSl / sum.slAnswered) * 1000) / 10 : null;
      points.push({ at, offered: sum.offered, answered: sum.answered, abandoned: sum.abandoned, serviceLevelPct, missing: false });
    } else {
      const missing = spans.some(([from, to]) => from < at + step && to > at);
      points.push({ at, offered: 0, answered: 0, abandoned: 0, serviceLevelPct: null, missing });
    }
  }
  return points;
}

/** The five wait buckets of abandoned calls (< 10 s, 10–30, 30–60, 60–120, ≥ 120 s), summed over the totals shown. */
export function abandonedByWait(totals: readonly QueueStatsRow[]): number[] {
  const sums = [0, 0, 0, 0, 0];
  for (const t of totals) t.abandonedByWait.forEach((n, i) => (sums[i] = (sums[i] ?? 0) + n));
  return sums;
}

/** Gaps of both reports once each, in time order. */
export function distinctGaps(...lists: ReadonlyArray<readonly CollectorGap[]>): CollectorGap[] {
  const seen = new Map<string, CollectorGap>();
  for (const gap of lists.flat()) seen.set(`${gap.pbx} ${gap.from}`, gap);
  return [...seen.values()].sort((a, b) => Date.parse(a.from) - Date.parse(b.from) || a.pbx.localeCompare(b.pbx));
}

/** A gap as the warning names it: "03.12.2026 10:00 – 10:20", the end's date only when it differs; null: it lasts. */
export function gapSpan(gap: CollectorGap, lng: Language): { from: string; to: string | null } {
  const from = formatDateTime(gap.from, lng);
  if (gap.to === null) return { from, to: null };
  const sameDay = formatDate(gap.from, lng) === formatDate(gap.to, lng);
  return { from, to: sameDay ? formatTime(gap.to, lng) : formatDateTime(gap.to, lng) };
}
