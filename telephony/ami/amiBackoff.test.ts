import { describe, expect, it } from 'vitest';
import { backoffDelay } from './amiBackoff.js';

describe('backoffDelay', () => {
  const range = { minMs: 500, maxMs: 30_000 };

  it('doubles from about half a second up to the cap', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, range, middle))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('jitters within ±25 % but never outside the range', () => {
    expect(backoffDelay(3, range, () => 0)).toBe(3000);
    expect(backoffDelay(3, range, () => 0.999999)).toBe(5000);
    expect(backoffDelay(0, range, () => 0)).toBe(500);
    expect(backoffDelay(10, range, () => 0.999999)).toBe(30000);
  });
});
