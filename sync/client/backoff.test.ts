import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay, createBackoff } from './backoff.js';

describe('backoff', () => {
  it('doubles from 0.5 s and stops at 30 s', () => {
    const top = () => 1;
    expect(Array.from({ length: 9 }, (_, attempt) => backoffDelay(attempt, top))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(backoffDelay(10_000, top)).toBe(BACKOFF_MAX_MS);
  });

  it('jitters between half and all of the step, never below the base nor above the cap', () => {
    expect(backoffDelay(4, () => 0)).toBe(4000);
    expect(backoffDelay(4, () => 0.5)).toBe(6000);
    expect(backoffDelay(0, () => 0)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(20, () => 0)).toBe(15_000);
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const delay = backoffDelay(attempt, Math.random);
      expect(delay).toBeGreaterThanOrEqual(BACKOFF_BASE_MS);
      expect(delay).toBeLessThanOrEqual(BACKOFF_MAX_MS);
    }
  });

  it('counts attempts and starts over after a reset', () => {
    const backoff = createBackoff({ random: () => 1 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([500, 1000, 2000]);
    expect(backoff.attempts).toBe(3);
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });
});
