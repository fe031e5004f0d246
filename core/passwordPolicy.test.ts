import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwordPolicy.js';

describe('password policy', () => {
  it('wants at least 10 characters as a person counts them, at most 200', () => {
    expect(passwordProblem('şğüçöıİ123', 'ali')).toBeNull(); // 10 letters, 14 bytes
    expect(passwordProblem('şğüçöıİ12', 'ali')).toBe('too-short');
    expect(passwordProblem('🔑🔑🔑🔑🔑kapı12', 'ali')).toBeNull();
    expect(passwordProblem('kapı açık '.repeat(20), 'ali')).toBeNull();
    expect(passwordProblem('kapı açık '.repeat(20) + 'x', 'ali')).toBe('too-long');
  });

  it('refuses the username inside it, either way of writing I', () => {
    expect(passwordProblem('ilker-2026-yaz', 'ilker')).toBe('contains-username');
    expect(passwordProblem('ILKER-2026-yaz', 'ilker')).toBe('contains-username');
    expect(passwordProblem('İLKER-2026-yaz', 'ilker')).toBe('contains-username');
    // Too short a username to mean anything inside a password.
    expect(passwordProblem('ab-uzun-parola', 'ab')).toBeNull();
  });

  it('refuses control characters, one or two characters repeated, and the best-known ones', () => {
    expect(passwordProblem('uzun parola\u0000gizli', 'ali')).toBe('control-character');
    expect(passwordProblem('uzun parola\tgizli', 'ali')).toBe('control-character');
    expect(passwordProblem('zzzzzzzzzzzz', 'ali')).toBe('repeated');
    expect(passwordProblem('12121212121212', 'ali')).toBe('repeated');
    expect(passwordProblem('Operator153', 'ayse')).toBe('common');
    expect(passwordProblem('QWERTYUIOP', 'ayse')).toBe('common');
    expect(passwordProblem('at yarışı 1903 kış', 'ayse')).toBeNull();
  });
});
