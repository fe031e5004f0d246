import { describe, expect, it } from 'vitest';
import { maskPhone, phoneSearchKey } from './phone.js';

describe('phoneSearchKey', () => {
  it('reduces every Turkish form to the 10-digit national number', () => {
    for (const form of ['905321112233', '+90 532 111 22 33', '0532 111 22 33', '5321112233', '(0532) 111-22-33', '0090 532 111 22 33']) {
      expect(phoneSearchKey(form), form).toBe('5321112233');
    }
    expect(phoneSearchKey('0212 555 01 42')).toBe('2125550142');
  });

  it('keeps other lengths as their digits', () => {
    expect(phoneSearchKey('153')).toBe('153');
    expect(phoneSearchKey('+49 151 1234 5678')).toBe('4915112345678');
    expect(phoneSearchKey('1001')).toBe('1001');
  });

  it('gives null when there is nothing to match on', () => {
    expect(phoneSearchKey('')).toBeNull();
    expect(phoneSearchKey('anonymous')).toBeNull();
    expect(phoneSearchKey(' - ')).toBeNull();
  });
});

describe('maskPhone', () => {
  it('keeps the country and operator prefix and the last four digits', () => {
    expect(maskPhone('905321112233')).toBe('90532***2233');
    expect(maskPhone('+90 532 111 22 33')).toBe('+90532***2233');
    expect(maskPhone('0532 111 22 33')).toBe('0532***2233');
    expect(maskPhone('5321112233')).toBe('532***2233');
  });

  it('always hides at least three digits of other long numbers', () => {
    expect(maskPhone('4915112345678')).toBe('491******5678');
    expect(maskPhone('1234567')).toBe('***4567');
  });

  it('leaves short codes and extensions alone', () => {
    expect(maskPhone('153')).toBe('153');
    expect(maskPhone('1001')).toBe('1001');
    expect(maskPhone('')).toBe('');
  });
});
