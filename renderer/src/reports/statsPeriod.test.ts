import { describe, expect, it } from 'vitest';
import { defaultInterval, holdsOrFollows, isStatsDate, istanbulToday, periodLabel, periodRange, shiftPeriod } from './statsPeriod.js';

describe('statistics period', () => {
  it('opens on the date it is in Istanbul, not on the machine clock', () => {
    // 2 December 21:30 UTC is already 3 December 00:30 in Istanbul (UTC+3).
    expect(istanbulToday(Date.parse('2026-12-02T21:30:00Z'))).toBe('2026-12-03');
    expect(istanbulToday(Date.parse('2026-12-02T20:59:59Z'))).toBe('2026-12-02');
    expect(istanbulToday(Date.parse('2026-12-31T21:00:00Z'))).toBe('2027-01-01');
  });

  it('turns a day, its Monday-to-Sunday week or its month into the server’s from and to', () => {
    expect(periodRange({ kind: 'day', anchor: '2026-12-03' })).toEqual({ from: '2026-12-03', to: '2026-12-03' });
    // Thursday 3 December 2026: the week of Monday 30 November.
    expect(periodRange({ kind: 'week', anchor: '2026-12-03' })).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    // A Sunday belongs to the week before it; a Monday starts its own.
    expect(periodRange({ kind: 'week', anchor: '2026-12-06' })).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodRange({ kind: 'week', anchor: '2026-12-07' })).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    // Across a new year.
    expect(periodRange({ kind: 'week', anchor: '2027-01-01' })).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(periodRange({ kind: 'month', anchor: '2026-12-03' })).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodRange({ kind: 'month', anchor: '2028-02-10' })).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('steps a period back and forth; a month from its first day, so 31 January goes to February', () => {
    expect(shiftPeriod({ kind: 'day', anchor: '2026-12-31' }, 1)).toEqual({ kind: 'day', anchor: '2027-01-01' });
    expect(shiftPeriod({ kind: 'week', anchor: '2026-12-03' }, -1)).toEqual({ kind: 'week', anchor: '2026-11-26' });
    expect(periodRange(shiftPeriod({ kind: 'month', anchor: '2027-01-31' }, 1))).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(periodRange(shiftPeriod({ kind: 'month', anchor: '2027-01-15' }, -1))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('stops "next" at the period that holds today', () => {
    expect(holdsOrFollows({ kind: 'day', anchor: '2026-12-03' }, '2026-12-03')).toBe(true);
    expect(holdsOrFollows({ kind: 'day', anchor: '2026-12-02' }, '2026-12-03')).toBe(false);
    expect(holdsOrFollows({ kind: 'week', anchor: '2026-11-30' }, '2026-12-03')).toBe(true);
    expect(holdsOrFollows({ kind: 'month', anchor: '2026-11-30' }, '2026-12-03')).toBe(false);
  });

  it('opens a day or a week by hours and a month by days', () => {
    expect(defaultInterval('day')).toBe('60');
    expect(defaultInterval('week')).toBe('60');
    expect(defaultInterval('month')).toBe('day');
  });

  it('accepts only a whole date', () => {
    expect(isStatsDate('2026-12-03')).toBe(true);
    expect(isStatsDate('')).toBe(false);
    expect(isStatsDate('2026-13-01')).toBe(false);
  });

  it('names the period in the desk’s language', () => {
    expect(periodLabel({ kind: 'day', anchor: '2026-12-03' }, 'tr')).toBe('3 Aralık 2026 Perşembe');
    expect(periodLabel({ kind: 'week', anchor: '2026-12-03' }, 'tr')).toBe('30.11.2026 – 06.12.2026');
    expect(periodLabel({ kind: 'month', anchor: '2026-12-03' }, 'tr')).toBe('Aralık 2026');
    expect(periodLabel({ kind: 'month', anchor: '2026-12-03' }, 'en')).toBe('December 2026');
  });
});
