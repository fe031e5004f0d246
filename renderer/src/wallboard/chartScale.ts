import type { QueueHistoryPoint } from '../../../core/queue.js';

/** The chart's arithmetic, kept pure: history points in, SVG path strings and ticks out. */

export type Scale = (value: number) => number;

/** Maps [d0, d1] onto [r0, r1]; a flat domain maps everything to r0. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const span = d1 - d0;
  if (span === 0) return () => r0;
  const k = (r1 - r0) / span;
  return (value) => r0 + (value - d0) * k;
}

/** The smallest 1-2-5 × 10ⁿ at or above a count (0 → 1), so a count axis ends on a round number. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

const SECOND_STEPS = [10, 15, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600];
/** A round seconds ceiling (10 s, 15 s, 30 s, 1 min, 2 min…) for the wait axis. */
export function niceSecondsCeiling(max: number): number {
  for (const step of SECOND_STEPS) if (step >= max) return step;
  return Math.ceil(max / 3600) * 3600;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export interface XY {
  x: number;
  y: number;
}

/** "M x y L x y …", one decimal; a gap in the data (e.g. the host was down) starts a new "M". */
export function linePath(points: readonly XY[], breakBefore: (index: number) => boolean = () => false): string {
  return points.map((p, i) => `${i === 0 || breakBefore(i) ? 'M' : 'L'}${round1(p.x)} ${round1(p.y)}`).join(' ');
}

export interface SeriesPoint {
  at: number;
  waiting: number;
  longestWaitSec: number;
}

/** One queue's points, or every queue added up per minute (waiting summed, the longest wait the largest). */
export function seriesOf(history: readonly QueueHistoryPoint[], queue: string | null): SeriesPoint[] {
  const byMinute = new Map<number, SeriesPoint>();
  for (const p of history) {
    if (queue !== null && p.queue !== queue) continue;
    const at = Math.floor(p.at / 60_000) * 60_000;
    const prev = byMinute.get(at);
    if (prev) {
      prev.waiting += p.waiting;
      prev.longestWaitSec = Math.max(prev.longestWaitSec, p.longestWaitSec);
    } else {
      byMinute.set(at, { at, waiting: p.waiting, longestWaitSec: p.longestWaitSec });
    }
  }
  return [...byMinute.values()].sort((a, b) => a.at - b.at);
}

export interface ChartFrame {
  width: number;
  height: number;
  /** Room for the axes' labels. */
  padding: { top: number; right: number; bottom: number; left: number };
}

export interface Tick {
  value: number;
  /** Position along the axis (x for time, y for values). */
  pos: number;
}

export interface ChartModel {
  frame: ChartFrame;
  plot: { x0: number; x1: number; y0: number; y1: number };
  waitingPath: string;
  longestPath: string;
  waitingMax: number;
  longestMaxSec: number;
  waitingTicks: Tick[];
  longestTicks: Tick[];
  timeTicks: Tick[];
  /** y of the alert threshold on the wait axis. */
  thresholdY: number;
  /** The largest figures in the window, for the chart's text summary. */
  peakWaiting: number;
  peakLongestSec: number;
  pointCount: number;
}

export const HOUR_MS = 60 * 60_000;

/**
 * The last hour ending at `end` (ms, rounded by the caller to the minute): waiting callers on the
 * left axis, the longest wait (seconds) on the right one, which always reaches the alert threshold.
 */
export function buildChartModel(series: readonly SeriesPoint[], end: number, alertSec: number, frame: ChartFrame, spanMs = HOUR_MS): ChartModel {
  const start = end - spanMs;
  const inWindow = series.filter((p) => p.at >= start && p.at <= end);
  const peakWaiting = inWindow.reduce((m, p) => Math.max(m, p.waiting), 0);
  const peakLongestSec = inWindow.reduce((m, p) => Math.max(m, p.longestWaitSec), 0);
  const waitingMax = niceCeiling(peakWaiting);
  const longestMaxSec = niceSecondsCeiling(Math.max(peakLongestSec, alertSec));

  const plot = { x0: frame.padding.left, x1: frame.width - frame.padding.right, y0: frame.height - frame.padding.bottom, y1: frame.padding.top };
  const x = linearScale([start, end], [plot.x0, plot.x1]);
  const yWaiting = linearScale([0, waitingMax], [plot.y0, plot.y1]);
  const yLongest = linearScale([0, longestMaxSec], [plot.y0, plot.y1]);
  // Points are a minute apart; more than two minutes between two means missing data.
  const gapAt = (i: number) => (inWindow[i]?.at ?? 0) - (inWindow[i - 1]?.at ?? 0) > 2 * 60_000;

  const waitingPath = linePath(
    inWindow.map((p) => ({ x: x(p.at), y: yWaiting(p.waiting) })),
    gapAt,
  );
  const longestPath = linePath(
    inWindow.map((p) => ({ x: x(p.at), y: yLongest(p.longestWaitSec) })),
    gapAt,
  );

  const quarters = [0, 1, 2, 3, 4];
  return {
    frame,
    plot,
    waitingPath,
    longestPath,
    waitingMax,
    longestMaxSec,
    waitingTicks: evenTicks(waitingMax, yWaiting),
    longestTicks: quarters.map((q) => ({ value: (longestMaxSec * q) / 4, pos: yLongest((longestMaxSec * q) / 4) })),
    timeTicks: quarters.map((q) => ({ value: start + (spanMs * q) / 4, pos: x(start + (spanMs * q) / 4) })),
    thresholdY: yLongest(alertSec),
    peakWaiting,
    peakLongestSec,
    pointCount: inWindow.length,
  };
}

/** Whole-number ticks for a count axis: every step of max/5 (1, 2, 5… ×10ⁿ), 0 included. */
function evenTicks(max: number, scale: Scale): Tick[] {
  const step = max <= 5 ? 1 : max / 5;
  const ticks: Tick[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) ticks.push({ value: Math.round(v), pos: scale(v) });
  return ticks;
}
