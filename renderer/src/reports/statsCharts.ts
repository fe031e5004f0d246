/**
 * The queue statistics' charts as arithmetic: figures in, SVG rectangles, paths and ticks out.
 * Kept pure so the scaling is tested without drawing; the components only place what this gives.
 */

export interface ChartFrame {
  width: number;
  height: number;
  /** Room for the axes' labels. */
  pad: { top: number; right: number; bottom: number; left: number };
}

export const CHART_FRAME: ChartFrame = { width: 360, height: 170, pad: { top: 10, right: 8, bottom: 22, left: 34 } };

/** The plotting area inside a frame: x grows right, y grows down (SVG). */
export interface PlotArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const plotArea = (f: ChartFrame): PlotArea => ({ left: f.pad.left, right: f.width - f.pad.right, top: f.pad.top, bottom: f.height - f.pad.bottom });

/** A count axis' top: the next 1, 2 or 5 × 10ⁿ at or above the largest figure (nothing → 1). */
export function axisTop(largest: number): number {
  if (!(largest > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(largest));
  return ([1, 2, 5].map((k) => k * power).find((top) => top >= largest) ?? 10 * power);
}

export interface AxisTick {
  value: number;
  y: number;
}

/** 0, the middle when it is a whole number, and the top. */
export function countTicks(top: number, area: PlotArea): AxisTick[] {
  const values = Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top];
  return values.map((value) => ({ value, y: yOf(value, top, area) }));
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const yOf = (value: number, top: number, area: PlotArea) => round1(area.bottom - (Math.max(0, value) / top) * (area.bottom - area.top));

export interface Bar {
  /** Which band (interval or bucket) and which series inside it. */
  band: number;
  series: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BandChart {
  top: number;
  ticks: AxisTick[];
  bars: Bar[];
  /** Each band's middle, for labels and line points. */
  centers: number[];
  bandWidth: number;
}

/**
 * Side-by-side bars: one band per entry of `bands`, one bar per series inside it. The bars fill
 * 80 % of a band; with hundreds of bands a bar is a hairline, but a figure is never hidden (a
 * non-zero bar is at least half a unit tall).
 */
export function bandChart(bands: ReadonlyArray<readonly number[]>, frame: ChartFrame = CHART_FRAME): BandChart {
  const area = plotArea(frame);
  const top = axisTop(Math.max(0, ...bands.flat()));
  const bandWidth = bands.length === 0 ? 0 : (area.right - area.left) / bands.length;
  const bars: Bar[] = [];
  const centers: number[] = [];
  bands.forEach((values, band) => {
    const start = area.left + band * bandWidth;
    centers.push(round1(start + bandWidth / 2));
    const barWidth = (bandWidth * 0.8) / Math.max(1, values.length);
    values.forEach((value, series) => {
      const y = value > 0 ? Math.min(yOf(value, top, area), area.bottom - 0.5) : area.bottom;
      bars.push({ band, series, value, x: round1(start + bandWidth * 0.1 + series * barWidth), y, width: round1(Math.max(barWidth, 0.1)), height: round1(area.bottom - y) });
    });
  });
  return { top, ticks: countTicks(top, area), bars, centers, bandWidth };
}

export interface PercentLine {
  /** "M x y L x y …"; a band without a figure breaks the line. */
  path: string;
  /** Every band with a figure, so a lone point still shows. */
  points: Array<{ band: number; x: number; y: number; value: number }>;
  ticks: AxisTick[];
}

/** A 0–100 % line over the bands' middles. */
export function percentLine(values: ReadonlyArray<number | null>, frame: ChartFrame = CHART_FRAME): PercentLine {
  const area = plotArea(frame);
  const { centers } = bandChart(values.map(() => []), frame);
  const points: PercentLine['points'] = [];
  let path = '';
  let previous: number | null = null;
  values.forEach((value, band) => {
    if (value === null) {
      previous = null;
      return;
    }
    const point = { band, x: centers[band]!, y: yOf(value, 100, area), value };
    path += `${path === '' ? '' : ' '}${previous === null ? 'M' : 'L'}${point.x} ${point.y}`;
    points.push(point);
    previous = value;
  });
  return { path, points, ticks: [0, 50, 100].map((value) => ({ value, y: yOf(value, 100, area) })) };
}

/** Runs of consecutive flagged bands (missing figures), each shaded as one rectangle. */
export function runsOf(flags: readonly boolean[]): Array<{ first: number; count: number }> {
  const runs: Array<{ first: number; count: number }> = [];
  flags.forEach((flag, band) => {
    const last = runs[runs.length - 1];
    if (!flag) return;
    if (last && last.first + last.count === band) last.count++;
    else runs.push({ first: band, count: 1 });
  });
  return runs;
}

/** Up to `most` bands to label along the x axis, evenly spread, the first and the last among them. */
export function labelledBands(count: number, most = 4): number[] {
  if (count <= most) return Array.from({ length: count }, (_, i) => i);
  const step = (count - 1) / (most - 1);
  return [...new Set(Array.from({ length: most }, (_, i) => Math.round(i * step)))];
}
