import { describe, expect, it } from 'vitest';
import { securityCodeMatches } from '../../core/securityCode.js';
import { createSecurityCodePool } from './securityCodePool.js';

describe('security codes made ahead of time', () => {
  it('hands out a different code each time, each with the hash the status query will check, also when it runs dry', async () => {
    const pool = createSecurityCodePool(2);
    await pool.filled();
    const taken = Array.from({ length: 4 }, () => pool.take());
    expect(new Set(taken.map((t) => t.code)).size).toBe(4);
    for (const { code, hash } of taken) {
      expect(securityCodeMatches(hash, code)).toBe(true);
      expect(securityCodeMatches(hash, 'WRONG234')).toBe(false);
    }
    await pool.filled();
  });
});
