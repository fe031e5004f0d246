import { foldTurkish } from './turkishText.js';

/**
 * Application numbers (başvuru no) are read out over the phone and typed back by citizens, so
 * they carry a check digit: `2026-0001234-7`, or `D12-2026-0000042-3` for a number a desk gave
 * out offline before the server assigned the final one.
 *
 * The check digit is Damm's (H. M. Damm, 2004) over the digits of year + padded sequence. Like
 * Verhoeff it catches every single-digit error and every swap of two adjacent digits, and unlike
 * a mod-11 digit it never needs an eleventh symbol ("X") that a citizen cannot type on a keypad.
 * The prefix is not covered: it only says which desk issued a provisional number.
 */
const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

const SEQUENCE_WIDTH = 7;
const YEAR_MIN = 2000;
const YEAR_MAX = 2999;
const PREFIX = /^[A-Z][A-Z0-9]{0,7}$/;
/** year (4) + sequence (at least 7) + check digit (1). */
const MIN_DIGITS = 4 + SEQUENCE_WIDTH + 1;

function dammDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]![Number(ch)]!;
  return interim;
}

function payload(year: number, sequence: number): string {
  return `${year}${String(sequence).padStart(SEQUENCE_WIDTH, '0')}`;
}

export function formatApplicationNo(year: number, sequence: number, prefix?: string): string {
  if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) throw new RangeError(`application year out of range: ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`application sequence must be a positive integer: ${sequence}`);
  const head = prefix === undefined ? '' : `${normalizePrefix(prefix)}-`;
  const seq = String(sequence).padStart(SEQUENCE_WIDTH, '0');
  return `${head}${year}-${seq}-${dammDigit(payload(year, sequence))}`;
}

function normalizePrefix(prefix: string): string {
  const p = foldTurkish(prefix).toUpperCase();
  if (!PREFIX.test(p)) throw new RangeError(`application prefix must be a letter and up to 7 letters or digits: ${prefix}`);
  return p;
}

export interface ParsedApplicationNo {
  prefix: string | null;
  year: number;
  sequence: number;
}

/**
 * Accepts what people actually type: `2026 0001234 7`, `202600012347`, `d12-2026-0000042-3`.
 * Only the dash after a prefix matters: without it a prefix ending in digits (`D12…`) makes the
 * split ambiguous, so every split is tried and the number is accepted only when exactly one of
 * them is well-formed and passes the check.
 */
export function parseApplicationNo(value: string): ParsedApplicationNo | null {
  const compact = foldTurkish(value).toUpperCase().replace(/\s+/g, '');
  const dashedPrefix = /^([A-Z][A-Z0-9]*)-([\d-]+)$/.exec(compact);
  if (dashedPrefix) return splitAt(dashedPrefix[1]!, dashedPrefix[2]!.replace(/-/g, ''));

  const plain = compact.replace(/-/g, '');
  const split = /^([A-Z][A-Z0-9]*[A-Z])?(\d+)$/.exec(plain) ?? /^([A-Z])?(\d+)$/.exec(plain);
  if (!split) return null;
  const letters = split[1] ?? '';
  const digits = split[2]!;
  // A prefix needs a leading letter, so with no letters the digits are year+sequence+check alone.
  const maxPrefixDigits = letters === '' ? 0 : digits.length - MIN_DIGITS;
  const found: ParsedApplicationNo[] = [];
  for (let k = 0; k <= maxPrefixDigits; k++) {
    const parsed = splitAt(letters + digits.slice(0, k), digits.slice(k));
    if (parsed) found.push(parsed);
  }
  return found.length === 1 ? found[0]! : null;
}

/** `digits` is year (4) + sequence + check digit (1), nothing else. */
function splitAt(prefix: string, digits: string): ParsedApplicationNo | null {
  if (prefix !== '' && !PREFIX.test(prefix)) return null;
  if (!/^\d+$/.test(digits) || digits.length < MIN_DIGITS) return null;
  const yearText = digits.slice(0, 4);
  const seqText = digits.slice(4, -1);
  // Only the canonical width: exactly 7 digits, or longer without a leading zero once it grew.
  if (seqText.length < SEQUENCE_WIDTH || (seqText.length > SEQUENCE_WIDTH && seqText.startsWith('0'))) return null;
  const year = Number(yearText);
  const sequence = Number(seqText);
  if (year < YEAR_MIN || year > YEAR_MAX || !Number.isSafeInteger(sequence) || sequence < 1) return null;
  if (dammDigit(digits) !== 0) return null;
  return { prefix: prefix === '' ? null : prefix, year, sequence };
}

/**
 * 8 characters the citizen reads from an SMS and types into the web query. No 0/O, 1/I/l, and
 * no Q/W/X either (not in the Turkish alphabet: awkward to read out). 29 symbols do not divide
 * 256, so bytes are drawn with rejection sampling: a plain `byte % 29` would favour the first
 * 24 symbols. The code is random, never derived from the application number.
 */
export const SECURITY_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPRSTUVYZ';
const SECURITY_CODE_LENGTH = 8;
const UNBIASED_LIMIT = 256 - (256 % SECURITY_CODE_ALPHABET.length);

export function generateSecurityCode(): string {
  let code = '';
  const bytes = new Uint8Array(SECURITY_CODE_LENGTH * 2);
  while (code.length < SECURITY_CODE_LENGTH) {
    globalThis.crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte >= UNBIASED_LIMIT) continue;
      code += SECURITY_CODE_ALPHABET[byte % SECURITY_CODE_ALPHABET.length];
      if (code.length === SECURITY_CODE_LENGTH) break;
    }
  }
  return code;
}
