import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The security code a citizen gets with their application number is a password: it is stored
 * only as `salt$hash` (hex), scrypt with a salt of its own per case, so a copied database file
 * neither shows the codes nor lets one precomputed table crack them all.
 *
 * scrypt's cost (N = 2^14, r = 8: ~16 MiB, ~25 ms here) is paid once when a case is recorded
 * and once per status query.
 */
const SCRYPT_OPTIONS = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const STORED = /^([0-9a-f]{32})\$([0-9a-f]{64})$/;

/** Citizens read the code from an SMS and type it back: case and spaces do not matter. */
function canonicalCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

function derive(code: string, salt: Buffer): Buffer {
  return scryptSync(canonicalCode(code), salt, KEY_BYTES, SCRYPT_OPTIONS);
}

export function hashSecurityCode(code: string): string {
  if (canonicalCode(code) === '') throw new RangeError('security code must not be empty');
  const salt = randomBytes(SALT_BYTES);
  return `${salt.toString('hex')}$${derive(code, salt).toString('hex')}`;
}

/**
 * True when `code` is the one `stored` was made from. Takes the same time whether or not there
 * is a stored hash (pass null for an unknown application number) and wherever the codes differ.
 */
export function securityCodeMatches(stored: string | null, code: string): boolean {
  const parts = stored === null ? null : STORED.exec(stored);
  const salt = Buffer.from(parts?.[1] ?? '00'.repeat(SALT_BYTES), 'hex');
  const expected = Buffer.from(parts?.[2] ?? '00'.repeat(KEY_BYTES), 'hex');
  const actual = derive(code, salt);
  return timingSafeEqual(actual, expected) && parts !== null && canonicalCode(code) !== '';
}
