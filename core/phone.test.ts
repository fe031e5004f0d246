import { describe, expect, it } from 'vitest';
import { PhoneInput } from './case.js';
import { canonicalPhone, formatPhone, maskPhone, phoneSearchKey, storablePhone } from './phone.js';

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

describe('canonicalPhone', () => {
  it('stores every way a Turkish number is written as E.164 without the +', () => {
    const forms = [
      '0532 111 22 33',
      '+90 532 111 2233',
      '(0532) 111-22-33',
      '5321112233',
      '05321112233',
      '905321112233',
      '+905321112233',
      '0090 532 111 22 33',
      '+90 (0532) 111 22 33',
      '0532.111.22.33',
      '0532/111 22 33',
      ' 0532\u00A0111\u00A022\u00A033 ',
    ];
    for (const form of forms) expect(canonicalPhone(form), form).toBe('905321112233');
    expect(canonicalPhone('0212 555 01 42')).toBe('902125550142');
    expect(canonicalPhone('0850 222 01 53')).toBe('908502220153');
  });

  it('keeps the + of foreign numbers, written with + or 00', () => {
    expect(canonicalPhone('+49 151 1234 5678')).toBe('+4915112345678');
    expect(canonicalPhone('0049 151 1234 5678')).toBe('+4915112345678');
    // Ten digits after the +: without it this would read as a Turkish national number.
    expect(canonicalPhone('+353 123 4567')).toBe('+3531234567');
  });

  it('keeps extensions and short codes as their digits', () => {
    for (const short of ['153', '112', '1001', '444 1 153']) expect(canonicalPhone(short), short).toBe(short.replace(/ /g, ''));
  });

  it('refuses what is not a number, or a Turkish number a digit short or long', () => {
    for (const bad of ['', '   ', 'anonymous', '0532 111 22 3x', '0532 111 22 3', '0532 111 22 333', '+90 532 111 22', '05', '+0532 111 22 33', '0132 111 22 33', '+12', '0532_111_22_33']) {
      expect(canonicalPhone(bad), bad).toBeNull();
    }
  });

  it('keeps the search key of a number: the stored form finds the same caller as Asterisk’s', () => {
    const stored = canonicalPhone('0532 111 22 33')!;
    for (const callerId of ['05321112233', '5321112233', '905321112233']) expect(phoneSearchKey(callerId)).toBe(phoneSearchKey(stored));
    expect(phoneSearchKey(canonicalPhone('+49 151 1234 5678')!)).toBe(phoneSearchKey('+49 151 1234 5678'));
  });
});

describe('storablePhone', () => {
  it('stores the canonical form when there is one', () => {
    expect(storablePhone('(0532) 111-22-33')).toBe('905321112233');
    expect(storablePhone('1001')).toBe('1001');
  });

  it('keeps a caller number of a shape it does not know as the PBX gave it, and refuses non-numbers', () => {
    expect(storablePhone('12345678')).toBe('12345678');
    expect(storablePhone('+123')).toBe('+123');
    expect(storablePhone('anonymous')).toBeNull();
    expect(storablePhone('0532-111-22-3')).toBeNull();
  });
});

describe('formatPhone', () => {
  it('shows Turkish numbers as 0532 111 22 33, whatever shape they are stored in', () => {
    for (const stored of ['905321112233', '+905321112233', '05321112233', '5321112233', '0090 532 111 22 33']) {
      expect(formatPhone(stored), stored).toBe('0532 111 22 33');
    }
    expect(formatPhone('902125550142')).toBe('0212 555 01 42');
  });

  it('shows a masked number in the same groups', () => {
    expect(formatPhone(maskPhone('905321112233'))).toBe('0532 *** 22 33');
    expect(formatPhone(maskPhone('+90 532 111 22 33'))).toBe('0532 *** 22 33');
  });

  it('leaves foreign numbers, extensions and unknown shapes as stored', () => {
    expect(formatPhone('+4915112345678')).toBe('+4915112345678');
    expect(formatPhone('+3531234567')).toBe('+3531234567');
    expect(formatPhone('1001')).toBe('1001');
    expect(formatPhone('153')).toBe('153');
    expect(formatPhone('12345678')).toBe('12345678');
    expect(formatPhone('anonymous')).toBe('anonymous');
    expect(formatPhone('0132 111 22 33')).toBe('0132 111 22 33');
  });
});

describe('PhoneInput (the phone of a new case, as the contract takes it)', () => {
  it('accepts the number in any shape and hands on its stored form', () => {
    for (const typed of ['0532 111 22 33', '+90 532 111 2233', '(0532) 111-22-33', '5321112233']) {
      expect(PhoneInput.parse(typed), typed).toBe('905321112233');
    }
    expect(PhoneInput.parse('1001')).toBe('1001');
  });

  it('refuses what is not a number with the message the form shows in Turkish', () => {
    const result = PhoneInput.safeParse('0532 abc');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('phone.invalid');
  });
});
