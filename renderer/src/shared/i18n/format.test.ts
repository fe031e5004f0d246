import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDuration, formatTimeSeconds } from './format.js';

describe('format', () => {
  it('shows instants in Istanbul time whatever the machine zone', () => {
    expect(formatDateTime('2025-11-25T21:30:00.000Z', 'tr')).toBe('26.11.2025 00:30');
    expect(formatDateTime('2025-11-25T21:30:00.000Z', 'en')).toBe('26/11/2025, 00:30');
    expect(formatDate('2025-11-25T21:30:00.000Z', 'tr')).toBe('26.11.2025');
    expect(formatTimeSeconds('2025-11-25T21:03:09.000Z', 'tr')).toBe('00:03:09');
    expect(formatTimeSeconds('2025-11-25T08:03:09.000Z', 'en')).toBe('11:03:09');
  });

  it('shows a dash for a date it cannot read', () => {
    expect(formatDateTime('yesterday-ish', 'tr')).toBe('—');
  });

  it('formats call durations', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5)).toBe('0:00');
  });
});
