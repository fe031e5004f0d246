/**
 * Turkish phone numbers arrive in many shapes: Asterisk gives `905321112233`, operators type
 * `0532 111 22 33`, web forms send `+90 532 111 22 33`. Matching a caller to their past cases
 * needs one key for all of them: the 10-digit national number.
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

/** The 10-digit national number when `digits` is a recognisable Turkish form, else null. */
function nationalPart(digits: string): string | null {
  if (digits.length === NATIONAL_LENGTH) return digits;
  if (digits.length === 11 && digits.startsWith('0')) return digits.slice(1);
  if (digits.length === 12 && digits.startsWith('90')) return digits.slice(2);
  if (digits.length === 14 && digits.startsWith('0090')) return digits.slice(4);
  return null;
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
