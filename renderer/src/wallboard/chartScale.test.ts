import { describe, expect, it } from 'vitest';
import { buildChartModel, HOUR_MS, linePath, linearScale, niceCeiling, niceSecondsCeiling, seriesOf, type ChartFrame } from './chartScale.js';
import { T0 } from './testing/queueFixtures.js';

const FRAME: ChartFrame = { width: 200, height: 120, padding: { top: 10, right: 40, bottom: 10, left: 40 } };

describe('chart scales', () => {
  it('map a domain linearly onto a range, inverted for SVG y', () => {
    const y = linearScale([0, 10], [110, 10]);
    expect(y(0)).toBe(110);
    expect(y(10)).toBe(10);
    expect(y(5)).toBe(60);
    expect(linearScale([3, 3], [0, 100])(3)).toBe(0);
  });

  it('end the count axis on 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 1, 2, 3, 5, 6, 10, 11, 37, 240].map(niceCeiling)).toEqual([1, 1, 2, 5, 5, 10, 10, 20, 50, 500]);
  });

  it('end the wait axis on a round number of seconds or minutes', () => {
    expect([0, 6, 14, 29, 45, 61, 400, 5000].map(niceSecondsCeiling)).toEqual([10, 10, 15, 30, 60, 120, 600, 7200]);
  });

  it('write an SVG path with one decimal, breaking it where the data has a gap', () => {
    const pts = [
      { x: 0, y: 100 },
      { x: 10.04, y: 90.06 },
      { x: 20, y: 80 },
      { x: 40, y: 50 },
    ];
    expect(linePath(pts)).toBe('M0 100 L10 90.1 L20 80 L40 50');
    expect(linePath(pts, (i) => i === 3)).toBe('M0 100 L10 90.1 L20 80 M40 50');
    expect(linePath([])).toBe('');
  });
});

describe('seriesOf', () => {
  const history = [
    { at: T0 - 120_000, queue: 'alo153', waiting: 2, longestWaitSec: 14 },
    { at: T0 - 120_000 + 800, queue: 'zabita', waiting: 1, longestWaitSec: 40 },
    { at: T0 - 60_000, queue: 'alo153', waiting: 0, longestWaitSec: 0 },
  ];

  it('keeps one queue’s points in time order', () => {
    expect(seriesOf([...history].reverse(), 'alo153')).toEqual([
      { at: T0 - 120_000, waiting: 2, longestWaitSec: 14 },
      { at: T0 - 60_000, waiting: 0, longestWaitSec: 0 },
    ]);
  });

  it('adds every queue up per minute: waiting summed, the longest wait the largest', () => {
    expect(seriesOf(history, null)).toEqual([
      { at: T0 - 120_000, waiting: 3, longestWaitSec: 40 },
      { at: T0 - 60_000, waiting: 0, longestWaitSec: 0 },
    ]);
  });
});

describe('buildChartModel', () => {
  const end = T0;
  // A two-minute window keeps the arithmetic readable: three points, one a minute.
  const span = 2 * 60_000;
  const series = [
    { at: end - span, waiting: 0, longestWaitSec: 0 },
    { at: end - span / 2, waiting: 4, longestWaitSec: 20 },
    { at: end, waiting: 2, longestWaitSec: 90 },
    // Older than the window: left out.
    { at: end - span - 60_000, waiting: 99, longestWaitSec: 999 },
  ].sort((a, b) => a.at - b.at);

  it('turns points into paths inside the plot area', () => {
    const m = buildChartModel(series, end, 60, FRAME, span);
    // Plot: x 40…160, y 110 (bottom) … 10 (top). Waiting axis to 5, wait axis to 120 s.
    expect(m.plot).toEqual({ x0: 40, x1: 160, y0: 110, y1: 10 });
    expect(m.waitingMax).toBe(5);
    expect(m.longestMaxSec).toBe(120);
    expect(m.waitingPath).toBe('M40 110 L100 30 L160 70');
    expect(m.longestPath).toBe('M40 110 L100 93.3 L160 35');
    expect(m.thresholdY).toBe(60);
    expect(m.peakWaiting).toBe(4);
    expect(m.peakLongestSec).toBe(90);
    expect(m.pointCount).toBe(3);
  });

  it('ticks the axes: counts 0…max, waits in quarters, time every 15 minutes of the hour', () => {
    const m = buildChartModel([{ at: end - 60_000, waiting: 4, longestWaitSec: 90 }], end, 60, FRAME);
    expect(m.waitingTicks.map((t) => t.value)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(m.waitingTicks.map((t) => t.pos)).toEqual([110, 90, 70, 50, 30, 10]);
    expect(m.longestTicks.map((t) => t.value)).toEqual([0, 30, 60, 90, 120]);
    expect(m.timeTicks.map((t) => t.value)).toEqual([0, 1, 2, 3, 4].map((q) => end - HOUR_MS + q * 15 * 60_000));
    expect(m.timeTicks.map((t) => t.pos)).toEqual([40, 70, 100, 130, 160]);
  });

  it('stretches the wait axis to show the alert threshold even on a quiet hour', () => {
    const quiet = buildChartModel([{ at: end, waiting: 0, longestWaitSec: 0 }], end, 45, FRAME);
    expect(quiet.longestMaxSec).toBe(60);
    expect(quiet.waitingMax).toBe(1);
    expect(quiet.thresholdY).toBeCloseTo(35);
  });

  it('breaks the lines where minutes are missing', () => {
    const gappy = [
      { at: end - 10 * 60_000, waiting: 1, longestWaitSec: 5 },
      { at: end - 9 * 60_000, waiting: 1, longestWaitSec: 5 },
      { at: end - 2 * 60_000, waiting: 1, longestWaitSec: 5 },
    ];
    expect(buildChartModel(gappy, end, 60, FRAME).waitingPath.match(/M/g)).toHaveLength(2);
  });

  it('ticks a larger count axis in fifths', () => {
    const busy = buildChartModel([{ at: end, waiting: 37, longestWaitSec: 10 }], end, 60, FRAME);
    expect(busy.waitingTicks.map((t) => t.value)).toEqual([0, 10, 20, 30, 40, 50]);
  });
});
