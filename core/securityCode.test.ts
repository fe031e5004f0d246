import { describe, expect, it } from 'vitest';
import { hashSecurityCode, securityCodeMatches, securityCodeMatchesAsync } from './securityCode.js';

describe('security codes', () => {
  const stored = hashSecurityCode('K7M2P9RT');

  it('stores salt$hash only, a new salt each time', () => {
    expect(stored).toMatch(/^[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(stored).not.toContain('K7M2P9RT');
    expect(hashSecurityCode('K7M2P9RT')).not.toBe(stored);
  });

  it('accepts the code as citizens type it back, on the desk and on the server alike', async () => {
    for (const typed of ['K7M2P9RT', 'k7m2 p9rt', ' K7M2P9RT ']) {
      expect(securityCodeMatches(stored, typed)).toBe(true);
      expect(await securityCodeMatchesAsync(stored, typed)).toBe(true);
    }
  });

  it('refuses a wrong code, an unknown number (null) and an empty code', async () => {
    expect(securityCodeMatches(stored, 'K7M2P9RX')).toBe(false);
    expect(await securityCodeMatchesAsync(null, 'K7M2P9RT')).toBe(false);
    expect(securityCodeMatches(stored, '   ')).toBe(false);
    expect(() => hashSecurityCode(' ')).toThrow(RangeError);
  });
});
