import { describe, expect, it } from 'vitest';
import { isMaskedTcKimlikNo, isValidTcKimlikNo, maskTcKimlikNo, storableTcKimlikNo } from './tcKimlik.js';

/** Appends both check digits to nine digits, straight from the definition. */
function withCheckDigits(nine: string): string {
  const d = Array.from(nine, Number);
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const tenth = (((odd * 7 - even) % 10) + 10) % 10;
  const eleventh = (odd + even + tenth) % 10;
  return `${nine}${tenth}${eleventh}`;
}

describe('isValidTcKimlikNo', () => {
  it('accepts numbers whose check digits follow the rule', () => {
    // Worked by hand: odd sum 2, even sum 0 → 10th = 14 mod 10 = 4, 11th = 6 mod 10 = 6.
    expect(isValidTcKimlikNo('10000000146')).toBe(true);
    // odd 1, even 36: 7 − 36 = −29, whose mod 10 must be 1 (not JavaScript's −9).
    expect(isValidTcKimlikNo('19090909018')).toBe(true);
    for (const nine of ['123456789', '987654321', '555555555', '100000000', '246813579', '900000009']) {
      expect(isValidTcKimlikNo(withCheckDigits(nine))).toBe(true);
    }
    expect(isValidTcKimlikNo(' 10000000146 ')).toBe(true);
  });

  it('refuses the wrong shape', () => {
    for (const bad of ['', '1000000014', '100000001460', '1000000014a', '1000 0000146', '+10000000146', '١٠٠٠٠٠٠٠١٤٦']) {
      expect(isValidTcKimlikNo(bad)).toBe(false);
    }
  });

  it('refuses a leading zero even when the check digits fit', () => {
    const zeroLed = withCheckDigits('012345678');
    expect(isValidTcKimlikNo(zeroLed)).toBe(false);
  });

  it('refuses a wrong 10th or 11th digit', () => {
    const valid = withCheckDigits('123456789');
    for (let wrong = 0; wrong <= 9; wrong++) {
      const tenth = `${valid.slice(0, 9)}${wrong}${valid[10]}`;
      const eleventh = `${valid.slice(0, 10)}${wrong}`;
      if (tenth !== valid) expect(isValidTcKimlikNo(tenth)).toBe(false);
      if (eleventh !== valid) expect(isValidTcKimlikNo(eleventh)).toBe(false);
    }
  });

  it('catches any single changed digit among the first nine', () => {
    const valid = withCheckDigits('246813579');
    for (let i = 0; i < 9; i++) {
      for (let digit = i === 0 ? 1 : 0; digit <= 9; digit++) {
        const changed = `${valid.slice(0, i)}${digit}${valid.slice(i + 1)}`;
        if (changed !== valid) expect(isValidTcKimlikNo(changed), changed).toBe(false);
      }
    }
  });
});

describe('maskTcKimlikNo', () => {
  it('keeps the first three and last two digits', () => {
    expect(maskTcKimlikNo('12345678990')).toBe('123******90');
    expect(maskTcKimlikNo(' 10000000146 ')).toBe('100******46');
  });

  it('hides short input completely rather than revealing most of it', () => {
    expect(maskTcKimlikNo('12345')).toBe('*****');
    expect(maskTcKimlikNo('')).toBe('');
  });
});

describe('storableTcKimlikNo', () => {
  it('keeps a whole number, and recognises only the mask maskTcKimlikNo makes', () => {
    expect(storableTcKimlikNo('12345678990', null)).toBe('12345678990');
    expect(storableTcKimlikNo(null, '12345678990')).toBeNull();
    expect(isMaskedTcKimlikNo(maskTcKimlikNo('12345678990'))).toBe(true);
    expect(['12345678990', '123*****990', '*****', '023******90'].map(isMaskedTcKimlikNo)).toEqual([false, false, false, false]);
  });

  it('stores a masked number only as the whole one already behind the same mask, else nothing', () => {
    expect(storableTcKimlikNo('123******90', '12345678990')).toBe('12345678990');
    expect(storableTcKimlikNo('123******90', '10000000146')).toBeNull();
    expect(storableTcKimlikNo('123******90', null)).toBeNull();
  });
});
