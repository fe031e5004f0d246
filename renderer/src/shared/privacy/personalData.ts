import type { DeskRole } from '../../../../core/contract.js';
import { formatPhone, maskPhone } from '../../../../core/phone.js';
import { maskTcKimlikNo } from '../../../../core/tcKimlik.js';

/**
 * KVKK: personal data shown only where the role needs it. Operators and feedback operators call
 * citizens back, so they see phone numbers in full; a team lead reads lists for oversight and sees
 * them masked there (in full on a case they open). The T.C. kimlik no is masked everywhere except
 * on a case a team lead opened and asked to see it on.
 */
export type Place = 'list' | 'detail';

/** Shown as people read numbers out in Turkey, `0532 111 22 33` (masked: `0532 *** 22 33`). */
export function phoneShown(phone: string | null, role: DeskRole | null, place: Place): string | null {
  if (phone === null) return null;
  const callsBack = role === 'operator' || role === 'feedback';
  return formatPhone(callsBack || (role === 'team-lead' && place === 'detail') ? phone : maskPhone(phone));
}

/** The host masks already; an unmasked number that slipped through is masked here all the same. */
export function tcKimlikShown(tc: string | null, revealed: boolean): string | null {
  if (tc === null) return null;
  if (revealed) return tc;
  return /^[0-9]{11}$/.test(tc.trim()) ? maskTcKimlikNo(tc) : tc;
}

export const mayRevealTcKimlikNo = (role: DeskRole | null): boolean => role === 'team-lead';
