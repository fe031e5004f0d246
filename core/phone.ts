/**
 * Turkish phone numbers arrive in many shapes: Asterisk gives `905321112233`, operators type
 * `0532 111 22 33`, web forms send `+90 532 111 22 33`. Matching a caller to their past cases
 * needs one key for all of them: the 10-digit national number (phoneSearchKey). Storage keeps
 * one shape too (canonicalPhone: `905321112233`), and the screen shows `0532 111 22 33`
 * (formatPhone), the way the number is read out and dialled in Turkey.
 */
const NATIONAL_LENGTH = 10;
/** The part of a national number after the area/operator code (e.g. 532) that is masked or kept. */
const SUBSCRIBER_LENGTH = 7;
const KEPT_TAIL = 4;
const MIN_HIDDEN = 3;

export function phoneSearchKey(value: string): string | null {
  const digits = value.replace(/\D/g, '');
  if (digits.length === 0) return null;
  return nationalPart(digits) ?? digits;
}

/**
 * The 10-character national number when `digits` is a recognisable Turkish form, else null.
 * `digits` may hold `*` for masked digits (maskPhone), so a masked number formats like a whole one.
 */
function nationalPart(digits: string): string | null {
  if (digits.length === NATIONAL_LENGTH) return digits;
  if (digits.length === 11 && digits.startsWith('0')) return digits.slice(1);
  if (digits.length === 12 && digits.startsWith('90')) return digits.slice(2);
  if (digits.length === 14 && digits.startsWith('0090')) return digits.slice(4);
  return null;
}

/** What people put between the digits: spaces, dashes, dots, slashes, parentheses. */
const SEPARATORS = /[\s().\-/\u00A0]/g;
/** Turkish national numbers start with an area or operator code: 2xx, 3xx, 4xx, 5xx, 8xx, 9xx… never 0 or 1. */
const TURKISH_NATIONAL = /^[2-9][0-9]{9}$/;
/** E.164 after the +: a country code (never 0) and at most 15 digits in all. */
const INTERNATIONAL = /^[1-9][0-9]{6,14}$/;
/** Extensions (1001), short codes (153, 112) and 444 numbers (444 1 153): kept as typed digits. */
const SHORT_NUMBER = /^[0-9]{3,7}$/;
/** What the PBX may give as a caller number (the contract's PhoneNumber): digits, optional +. */
const PBX_NUMBER = /^\+?[0-9]{3,20}$/;

/**
 * The one stored form of a number typed or received in any shape, or null when it is no number
 * we can read:
 *   - Turkish numbers: E.164 without the +, `905321112233`, from `0532 111 22 33`,
 *     `+90 532 111 2233`, `(0532) 111-22-33`, `5321112233`, `0090 532…` or `+90 0532…`;
 *   - foreign numbers, written with + or 00: `+` and their digits, `+4915112345678`. They keep
 *     the +: without it a 10-digit foreign number would read as a Turkish national one;
 *   - extensions and short codes (3 to 7 digits): their digits, `1001`, `153`.
 * Anything else (letters, a mobile number a digit short or long) is null.
 */
export function canonicalPhone(value: string): string | null {
  const compact = value.trim().replace(SEPARATORS, '');
  const match = /^(\+|00)?([0-9]+)$/.exec(compact);
  if (!match) return null;
  const international = match[1] !== undefined;
  const digits = match[2]!;
  if (international) {
    if (digits.startsWith('90')) {
      // `+90 0532 …`: the national 0 written after the country code, as many forms show it.
      const rest = digits.slice(2);
      const national = rest.length === 11 && rest.startsWith('0') ? rest.slice(1) : rest;
      return TURKISH_NATIONAL.test(national) ? `90${national}` : null;
    }
    return INTERNATIONAL.test(digits) ? `+${digits}` : null;
  }
  const national = nationalPart(digits);
  if (national !== null) return TURKISH_NATIONAL.test(national) ? `90${national}` : null;
  return SHORT_NUMBER.test(digits) ? digits : null;
}

/**
 * What a case stores for a phone: its canonical form, or, for a caller number in a shape we do
 * not recognise (a trunk's own format: digits, optional +, written without separators), that
 * number as it came. The PBX's number must always be storable: the operator cannot edit it
 * (the field is locked to the call), so refusing it would make the call's case unsavable.
 * Null: not a number at all (letters, stray symbols), refused with a reason.
 */
export function storablePhone(value: string): string | null {
  const canonical = canonicalPhone(value);
  if (canonical !== null) return canonical;
  const trimmed = value.trim();
  return PBX_NUMBER.test(trimmed) ? trimmed : null;
}

/**
 * A number as the screen shows it: Turkish numbers as `0532 111 22 33` (masked ones as
 * `0532 *** 22 33`), everything else (foreign numbers, extensions, unknown shapes) as stored.
 */
export function formatPhone(value: string): string {
  const compact = value.trim().replace(SEPARATORS, '');
  const match = /^(\+)?([0-9*]+)$/.exec(compact);
  if (!match) return value;
  const digits = match[2]!;
  // With a +, only +90 is Turkish; +44… is a foreign number even when its length fits.
  const national = match[1] === undefined ? nationalPart(digits) : digits.startsWith('90') ? nationalPart(digits) : null;
  if (national === null || !/^[2-9]/.test(national)) return value;
  return `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6, 8)} ${national.slice(8)}`;
}

/**
 * `905321112233` → `90532***2233`: the operator prefix and the last four digits are what an
 * operator needs to recognise a number; the middle is what makes it personal data.
 * Numbers shorter than 7 digits (extensions, 153 itself) identify nobody and stay as they are.
 */
export function maskPhone(value: string): string {
  const plus = value.trim().startsWith('+') ? '+' : '';
  const digits = value.replace(/\D/g, '');
  if (digits.length === 0) return value;
  if (digits.length < SUBSCRIBER_LENGTH) return `${plus}${digits}`;
  const keptHead =
    nationalPart(digits) !== null
      ? digits.length - SUBSCRIBER_LENGTH
      : // Unknown (foreign) shapes: at most a 3-digit head, and never fewer than 3 digits hidden.
        Math.min(3, digits.length - KEPT_TAIL - MIN_HIDDEN);
  const hidden = digits.length - keptHead - KEPT_TAIL;
  return `${plus}${digits.slice(0, keptHead)}${'*'.repeat(hidden)}${digits.slice(-KEPT_TAIL)}`;
}
