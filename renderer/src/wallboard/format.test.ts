import { describe, expect, it } from 'vitest';
import { formatAverageMmSs, formatClock, formatCount, formatDurationSec, formatMmSs, formatPercent } from './format.js';

describe('wallboard formatting', () => {
  it('shows waits as mm:ss, counting whole seconds', () => {
    expect(formatMmSs(0)).toBe('00:00');
    expect(formatMmSs(6)).toBe('00:06');
    expect(formatMmSs(59.99)).toBe('00:59');
    expect(formatMmSs(60)).toBe('01:00');
    expect(formatMmSs(754)).toBe('12:34');
    // Past the hour the minutes keep counting: a wallboard wait never turns into h:mm:ss.
    expect(formatMmSs(4500)).toBe('75:00');
  });

  it('never shows a negative wait and shows a dash for nothing to show', () => {
    expect(formatMmSs(-3)).toBe('00:00');
    expect(formatMmSs(null)).toBe('—');
    expect(formatMmSs(Number.NaN)).toBe('—');
  });

  it('rounds averages to the nearest second', () => {
    expect(formatAverageMmSs(6.4)).toBe('00:06');
    expect(formatAverageMmSs(6.5)).toBe('00:07');
    expect(formatAverageMmSs(null)).toBe('—');
  });

  it('shows time in state as mm:ss, and h:mm:ss from an hour on', () => {
    expect(formatDurationSec(65)).toBe('01:05');
    expect(formatDurationSec(3599)).toBe('59:59');
    expect(formatDurationSec(3600)).toBe('1:00:00');
    expect(formatDurationSec(3725)).toBe('1:02:05');
    expect(formatDurationSec(null)).toBe('—');
  });

  it('shows percentages with one decimal, the Turkish way round in Turkish', () => {
    expect(formatPercent(95.34, 'tr')).toBe('%95,3');
    expect(formatPercent(95.34, 'en')).toBe('95.3%');
    expect(formatPercent(100, 'tr')).toBe('%100,0');
    expect(formatPercent(0, 'en')).toBe('0.0%');
    expect(formatPercent(2.45, 'en')).toMatch(/^2\.[45]%$/);
    expect(formatPercent(null, 'tr')).toBe('—');
    expect(formatPercent(null, 'en')).toBe('—');
  });

  it('groups counts and shows clock times in Istanbul', () => {
    expect(formatCount(12345, 'tr')).toBe('12.345');
    expect(formatCount(12345, 'en')).toBe('12,345');
    expect(formatClock(Date.UTC(2025, 10, 25, 21, 5), 'tr')).toBe('00:05');
    expect(formatClock(Date.UTC(2025, 10, 25, 9, 30), 'en')).toBe('12:30');
  });
});
