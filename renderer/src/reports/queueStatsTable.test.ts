import { describe, expect, it } from 'vitest';
import { abandonedByWait, chartBandLabel, distinctGaps, gapSpan, intervalSeries, intervalStartLabel, queuesOf, shownPart } from './queueStatsTable.js';
import { aQueueStatsReport, aQueueStatsRow } from './testing/statsFixtures.js';

const report = aQueueStatsReport();

describe('queue statistics table', () => {
  it('shows one queue or all of them; a queue the report does not name shows all', () => {
    expect(queuesOf(report)).toEqual(['alo153', 'zabita']);
    const zabita = shownPart(report, 'zabita');
    expect(zabita.rows.map((r) => r.queue)).toEqual(['zabita']);
    expect(zabita.totals.map((r) => r.queue)).toEqual(['zabita']);
    expect(shownPart(report, null).rows).toHaveLength(3);
    expect(shownPart(report, 'cimer').rows).toHaveLength(3);
  });

  it('writes an interval’s start in Istanbul time: the hour in a day, with the date over several days, the date for days', () => {
    const start = '2026-12-03T06:15:00.000Z';
    expect(intervalStartLabel(start, '15', false, 'tr')).toBe('09:15');
    expect(intervalStartLabel(start, '60', true, 'tr')).toBe('03.12.2026 09:15');
    expect(intervalStartLabel('2026-12-02T21:00:00.000Z', 'day', true, 'tr')).toBe('03.12.2026');
    expect(intervalStartLabel(undefined, '60', false, 'tr')).toBe('—');
    expect(chartBandLabel(Date.parse(start), '15', false, 'tr')).toBe('09:15');
    expect(chartBandLabel(Date.parse(start), '60', true, 'en')).toBe('03/12');
  });

  it('adds the queues up per interval over every interval of the period, weighing SL % by answered calls', () => {
    const points = intervalSeries(report.rows, report, [], Date.parse('2026-12-04T00:00:00Z'));
    expect(points).toHaveLength(24);
    // Istanbul midnight is 21:00 UTC the day before.
    expect(new Date(points[0]!.at).toISOString()).toBe('2026-12-02T21:00:00.000Z');
    // 09:00: alo153 (8 answered, 75 %) and zabıta (2 answered, 100 %): 8 of 10 within the level.
    expect(points[9]).toMatchObject({ offered: 13, answered: 10, abandoned: 3, serviceLevelPct: 80, missing: false });
    expect(points[10]).toMatchObject({ offered: 4, serviceLevelPct: 50 });
    expect(points[11]).toMatchObject({ offered: 0, serviceLevelPct: null, missing: false });
  });

  it('marks intervals without figures inside a gap as missing, not zero; an open gap lasts until now', () => {
    const gaps = [
      { pbx: 'pbx-1', from: '2026-12-03T08:10:00.000Z', to: '2026-12-03T08:20:00.000Z', reason: 'link-lost' as const },
      { pbx: 'pbx-1', from: '2026-12-03T12:30:00.000Z', to: null, reason: 'collector-down' as const },
    ];
    const points = intervalSeries(report.rows, report, gaps, Date.parse('2026-12-03T13:30:00Z'));
    expect(points.filter((p) => p.missing).map((p) => new Date(p.at).toISOString().slice(11, 16))).toEqual(['08:00', '12:00', '13:00']);
    // Figures inside a gap are shown: the collector saw those calls.
    expect(intervalSeries(report.rows, report, report.gaps, Date.parse('2026-12-03T13:30:00Z'))[10]).toMatchObject({ offered: 4, missing: false });
    const days = intervalSeries([aQueueStatsRow({ start: '2026-11-30T21:00:00.000Z' })], { from: '2026-12-01', to: '2026-12-31', interval: 'day' }, [], Date.parse('2026-12-31T12:00:00Z'));
    expect(days).toHaveLength(31);
    expect(days[0]!.offered).toBe(10);
  });

  it('sums the abandoned calls’ waits over the totals shown', () => {
    expect(abandonedByWait(report.totals)).toEqual([1, 0, 2, 0, 0]);
    expect(abandonedByWait([])).toEqual([0, 0, 0, 0, 0]);
  });

  it('names each gap once, in time order, with its end’s date only when it differs', () => {
    const later = { pbx: 'pbx-1', from: '2026-12-03T20:30:00.000Z', to: '2026-12-03T21:10:00.000Z', reason: 'collector-down' as const };
    const gaps = distinctGaps([later, ...report.gaps], report.gaps);
    expect(gaps.map((g) => g.from)).toEqual(['2026-12-03T07:00:00.000Z', '2026-12-03T20:30:00.000Z']);
    expect(gapSpan(gaps[0]!, 'tr')).toEqual({ from: '03.12.2026 10:00', to: '10:20' });
    expect(gapSpan(later, 'tr')).toEqual({ from: '03.12.2026 23:30', to: '04.12.2026 00:10' });
    expect(gapSpan({ ...later, to: null }, 'tr').to).toBeNull();
  });
});
