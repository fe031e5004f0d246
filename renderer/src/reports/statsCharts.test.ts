import { describe, expect, it } from 'vitest';
import { axisTop, bandChart, CHART_FRAME, countTicks, labelledBands, percentLine, plotArea, runsOf, type ChartFrame } from './statsCharts.js';

const FRAME: ChartFrame = { width: 140, height: 120, pad: { top: 10, right: 10, bottom: 10, left: 30 } };

describe('statistics charts', () => {
  it('end a count axis on 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 1, 2, 3, 5, 6, 10, 11, 37, 240].map(axisTop)).toEqual([1, 1, 2, 5, 5, 10, 10, 20, 50, 500]);
    expect(countTicks(10, plotArea(FRAME)).map((t) => [t.value, t.y])).toEqual([
      [0, 110],
      [5, 60],
      [10, 10],
    ]);
    expect(countTicks(1, plotArea(FRAME)).map((t) => t.value)).toEqual([0, 1]);
  });

  it('puts a band per interval and a bar per series side by side, scaled to the axis top', () => {
    // Two bands of 50 px in a 100 px plot; three bars fill 80 % of a band.
    const chart = bandChart(
      [
        [10, 8, 2],
        [4, 4, 0],
      ],
      FRAME,
    );
    expect(chart.top).toBe(10);
    expect(chart.bandWidth).toBe(50);
    expect(chart.centers).toEqual([55, 105]);
    const [offered, answered, abandoned] = chart.bars;
    expect(offered).toMatchObject({ band: 0, series: 0, x: 35, y: 10, width: 13.3, height: 100 });
    expect(answered).toMatchObject({ series: 1, x: 48.3, y: 30, height: 80 });
    expect(abandoned).toMatchObject({ series: 2, x: 61.7, y: 90, height: 20 });
    expect(chart.bars[5]).toMatchObject({ band: 1, value: 0, height: 0 });
  });

  it('never hides a small figure under a large one', () => {
    const chart = bandChart([[1000], [1]], FRAME);
    expect(chart.bars[1]!.height).toBeGreaterThanOrEqual(0.5);
    expect(bandChart([], FRAME)).toMatchObject({ bars: [], centers: [], top: 1 });
  });

  it('draws a percentage line over the bands’ middles, broken where there is no figure', () => {
    const line = percentLine([100, 50, null, 0], FRAME);
    expect(line.path).toBe('M42.5 10 L67.5 60 M117.5 110');
    expect(line.points.map((p) => p.band)).toEqual([0, 1, 3]);
    expect(line.ticks.map((t) => t.y)).toEqual([110, 60, 10]);
    expect(percentLine([null, null], CHART_FRAME).path).toBe('');
  });

  it('labels a few bands, the first and the last among them', () => {
    expect(labelledBands(3)).toEqual([0, 1, 2]);
    expect(labelledBands(24)).toEqual([0, 8, 15, 23]);
    expect(labelledBands(96, 4)).toEqual([0, 32, 63, 95]);
    expect(labelledBands(0)).toEqual([]);
  });

  it('shades a run of missing intervals as one block', () => {
    expect(runsOf([false, true, true, false, true])).toEqual([
      { first: 1, count: 2 },
      { first: 4, count: 1 },
    ]);
    expect(runsOf([false, false])).toEqual([]);
  });
});
