import { describe, expect, it } from 'vitest';
import { mayRevealTcKimlikNo, phoneShown, tcKimlikShown } from './personalData.js';

describe('personal data on screen (KVKK)', () => {
  it('shows phones in full to those who call back, masked in a team lead\'s lists', () => {
    expect(phoneShown('905321112233', 'operator', 'list')).toBe('0532 111 22 33');
    expect(phoneShown('905321112233', 'feedback', 'list')).toBe('0532 111 22 33');
    expect(phoneShown('905321112233', 'team-lead', 'list')).toBe('0532 *** 22 33');
    expect(phoneShown('905321112233', 'team-lead', 'detail')).toBe('0532 111 22 33');
    expect(phoneShown('905321112233', null, 'list')).toBe('0532 *** 22 33');
    // Foreign numbers and extensions as stored; masked all the same in a team lead's list.
    expect(phoneShown('+4915112345678', 'operator', 'list')).toBe('+4915112345678');
    expect(phoneShown('+4915112345678', 'team-lead', 'list')).toBe('+491******5678');
    expect(phoneShown('1001', 'team-lead', 'list')).toBe('1001');
    expect(phoneShown(null, 'operator', 'list')).toBeNull();
  });

  it('masks the T.C. kimlik no unless a team lead asked for it, even if the host sent it whole', () => {
    expect(tcKimlikShown('10000000146', false)).toBe('100******46');
    expect(tcKimlikShown('100******46', false)).toBe('100******46');
    expect(tcKimlikShown('10000000146', true)).toBe('10000000146');
    expect(tcKimlikShown(null, false)).toBeNull();
    expect(mayRevealTcKimlikNo('team-lead')).toBe(true);
    expect(mayRevealTcKimlikNo('operator')).toBe(false);
  });
});
