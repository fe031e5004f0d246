import { afterEach, describe, expect, it, vi } from 'vitest';
import { SECURITY_CODE_ALPHABET, formatApplicationNo, generateSecurityCode, parseApplicationNo } from './applicationNumber.js';

/** A fixed spread of numbers: small, padded, the 7-digit edge and grown sequences. */
function samples(): Array<[number, number]> {
  const out: Array<[number, number]> = [
    [2026, 1],
    [2026, 1234],
    [2026, 9_999_999],
    [2026, 10_000_000],
    [2031, 123_456_789],
  ];
  let seed = 12345;
  for (let i = 0; i < 200; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out.push([2024 + (seed % 9), 1 + (seed % 9_999_999)]);
  }
  return out;
}

describe('formatApplicationNo', () => {
  it('writes year, a 7-digit padded sequence and a check digit', () => {
    expect(formatApplicationNo(2026, 1234)).toMatch(/^2026-0001234-\d$/);
    expect(formatApplicationNo(2026, 12_345_678)).toMatch(/^2026-12345678-\d$/);
    expect(formatApplicationNo(2026, 42, 'd12')).toMatch(/^D12-2026-0000042-\d$/);
  });

  it('keeps the check digit stable', () => {
    // Pinned: numbers already read out to citizens must stay valid if the code is touched.
    expect(formatApplicationNo(2026, 1234)).toBe('2026-0001234-6');
    expect(formatApplicationNo(2026, 42, 'D12')).toBe('D12-2026-0000042-2');
  });

  it('refuses what cannot be a number', () => {
    expect(() => formatApplicationNo(2026, 0)).toThrow(RangeError);
    expect(() => formatApplicationNo(2026, 1.5)).toThrow(RangeError);
    expect(() => formatApplicationNo(26, 1)).toThrow(RangeError);
    expect(() => formatApplicationNo(2026, 1, '12')).toThrow(RangeError);
    expect(() => formatApplicationNo(2026, 1, 'D-12')).toThrow(RangeError);
  });
});

describe('parseApplicationNo', () => {
  it('round-trips, with and without a prefix', () => {
    for (const [year, sequence] of samples()) {
      expect(parseApplicationNo(formatApplicationNo(year, sequence))).toEqual({ prefix: null, year, sequence });
      expect(parseApplicationNo(formatApplicationNo(year, sequence, 'D12'))).toEqual({ prefix: 'D12', year, sequence });
    }
  });

  it('tolerates spaces, missing dashes and Turkish case', () => {
    const no = formatApplicationNo(2026, 1234);
    const check = no.slice(-1);
    const expected = { prefix: null, year: 2026, sequence: 1234 };
    expect(parseApplicationNo(`2026 0001234 ${check}`)).toEqual(expected);
    expect(parseApplicationNo(`20260001234${check}`)).toEqual(expected);
    expect(parseApplicationNo(`  2026-0001234${check} `)).toEqual(expected);

    const provisional = formatApplicationNo(2026, 42, 'D12');
    expect(parseApplicationNo(provisional.toLowerCase())).toEqual({ prefix: 'D12', year: 2026, sequence: 42 });
    expect(parseApplicationNo(provisional.replace(/-/g, ''))).toEqual({ prefix: 'D12', year: 2026, sequence: 42 });
    // İ and ı fold to I, as an operator's Turkish keyboard may produce either.
    const dotted = formatApplicationNo(2026, 42, 'I5');
    expect(parseApplicationNo(dotted.replace('I', 'ı'))).toEqual({ prefix: 'I5', year: 2026, sequence: 42 });
    expect(parseApplicationNo(dotted.replace('I', 'İ'))).toEqual({ prefix: 'I5', year: 2026, sequence: 42 });
  });

  it('refuses forms that are off', () => {
    for (const bad of ['', '2026', '2026-1234-6', '2026-00001234-5', '1999-0001234-0', 'D12--2026', '12-2026-0001234-6', 'Ç-2026-0001234-6x']) {
      expect(parseApplicationNo(bad), bad).toBeNull();
    }
  });

  it('catches every single-digit change', () => {
    for (const [year, sequence] of samples()) {
      const no = formatApplicationNo(year, sequence);
      for (let i = 0; i < no.length; i++) {
        if (no[i] === '-') continue;
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === no[i]) continue;
          const changed = `${no.slice(0, i)}${digit}${no.slice(i + 1)}`;
          expect(parseApplicationNo(changed), changed).toBeNull();
        }
      }
    }
  });

  it('catches every swap of two adjacent different digits, across dashes too', () => {
    for (const [year, sequence] of samples()) {
      const digits = formatApplicationNo(year, sequence).replace(/-/g, '');
      for (let i = 0; i + 1 < digits.length; i++) {
        if (digits[i] === digits[i + 1]) continue;
        const swapped = `${digits.slice(0, i)}${digits[i + 1]}${digits[i]}${digits.slice(i + 2)}`;
        expect(parseApplicationNo(swapped), swapped).toBeNull();
      }
    }
  });
});

describe('generateSecurityCode', () => {
  afterEach(() => vi.restoreAllMocks());

  it('uses no look-alike characters', () => {
    expect(SECURITY_CODE_ALPHABET).not.toMatch(/[01OIl]/);
    expect(new Set(SECURITY_CODE_ALPHABET).size).toBe(SECURITY_CODE_ALPHABET.length);
  });

  it('gives 8 characters from the alphabet, practically never twice, evenly spread', () => {
    const count = 100_000;
    const seen = new Set<string>();
    const freq = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const code = generateSecurityCode();
      expect(code).toMatch(/^[23456789ABCDEFGHJKLMNPRSTUVYZ]{8}$/);
      seen.add(code);
      for (const ch of code) freq.set(ch, (freq.get(ch) ?? 0) + 1);
    }
    // 29^8 ≈ 5·10^11 codes: by the birthday bound 100 000 draws repeat one code in about 1% of
    // runs, and two in about 1 of 20 000. Demanding zero would make a flaky test, not a safer one.
    expect(count - seen.size).toBeLessThanOrEqual(1);

    // Chi-square over 800 000 characters, 28 degrees of freedom: 80 is p ≈ 10⁻⁶.
    const expected = (count * 8) / SECURITY_CODE_ALPHABET.length;
    let chiSquare = 0;
    for (const ch of SECURITY_CODE_ALPHABET) chiSquare += ((freq.get(ch) ?? 0) - expected) ** 2 / expected;
    expect(freq.size).toBe(SECURITY_CODE_ALPHABET.length);
    expect(chiSquare).toBeLessThan(80);
  });

  it('rejects bytes above the last whole multiple of the alphabet instead of wrapping them', () => {
    let call = 0;
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const bytes = array as unknown as Uint8Array;
      // First draw: 232..255 only (256 − 256 mod 29 = 232), which a modulo would map to '2'..'9'.
      bytes.fill(call++ === 0 ? 240 : 28);
      return array;
    });
    expect(generateSecurityCode()).toBe('ZZZZZZZZ');
    expect(call).toBe(2);
  });
});
