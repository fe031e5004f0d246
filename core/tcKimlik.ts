/**
 * T.C. kimlik no: 11 digits, the first not 0; digits 10 and 11 are check digits. Checking them
 * catches a mistyped number before it is stored against a citizen (KVKK: no wrong personal data).
 */
const SHAPE = /^[1-9][0-9]{10}$/;

export function isValidTcKimlikNo(value: string): boolean {
  const trimmed = value.trim();
  if (!SHAPE.test(trimmed)) return false;
  const d = Array.from(trimmed, Number) as [number, number, number, number, number, number, number, number, number, number, number];
  const odd = d[0] + d[2] + d[4] + d[6] + d[8];
  const even = d[1] + d[3] + d[5] + d[7];
  // The difference can be negative; JavaScript's % keeps the sign, so bring it back into 0..9.
  const tenth = (((odd * 7 - even) % 10) + 10) % 10;
  if (d[9] !== tenth) return false;
  const firstTen = odd + even + d[9];
  return d[10] === firstTen % 10;
}

/** `123******90`: enough to tell two citizens apart on screen, not enough to reuse the number. */
export function maskTcKimlikNo(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length <= 5) return '*'.repeat(trimmed.length);
  return `${trimmed.slice(0, 3)}${'*'.repeat(trimmed.length - 5)}${trimmed.slice(-2)}`;
}

/** What maskTcKimlikNo makes of a valid number: the server sends this to roles that may not see it whole. */
const MASKED = /^[1-9][0-9]{2}\*{6}[0-9]{2}$/;

export function isMaskedTcKimlikNo(value: string): boolean {
  return MASKED.test(value);
}

/**
 * What a desk stores of a T.C. kimlik no it pulled: a whole number as it is; a masked one (the
 * account may not see it whole) only as the whole number the desk already has behind that same
 * mask, otherwise nothing. A desk stores whole numbers only (its column checks the shape), and a
 * mask must never replace the number this desk recorded itself.
 */
export function storableTcKimlikNo(pulled: string | null, stored: string | null): string | null {
  if (pulled === null || !isMaskedTcKimlikNo(pulled)) return pulled;
  return stored !== null && !isMaskedTcKimlikNo(stored) && maskTcKimlikNo(stored) === pulled ? stored : null;
}
