import { describe, expect, it } from 'vitest';
import { tcBlocksSave, tcKimlikStatus } from './tcKimlikField.js';

describe('tcKimlikStatus', () => {
  it('says nothing is wrong while the number is still being typed', () => {
    expect(tcKimlikStatus('')).toBe('empty');
    expect(tcKimlikStatus('1000000')).toBe('typing');
  });

  it('checks a complete number by its check digits at once', () => {
    expect(tcKimlikStatus('10000000146')).toBe('valid');
    expect(tcKimlikStatus(' 12345678950 ')).toBe('valid');
    expect(tcKimlikStatus('12345678901')).toBe('checksum');
  });

  it('names what is wrong', () => {
    expect(tcKimlikStatus('1234a')).toBe('not-digits');
    expect(tcKimlikStatus('0123')).toBe('leading-zero');
    expect(tcKimlikStatus('100000001460')).toBe('too-long');
  });

  it('lets an empty or valid number through, nothing else', () => {
    expect(tcBlocksSave('empty')).toBe(false);
    expect(tcBlocksSave('valid')).toBe(false);
    for (const s of ['typing', 'checksum', 'not-digits', 'leading-zero', 'too-long'] as const) expect(tcBlocksSave(s)).toBe(true);
  });
});
