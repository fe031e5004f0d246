import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The security code a citizen gets with their application number is a password: it is stored
 * only as `salt$hash` (hex), scrypt with a salt of its own per case, so a copied database file
 * neither shows the codes nor lets one precomputed table crack them all. The desk hashes it when
 * the case is recorded; the central server checks it on the citizen's status query. One module
 * for both, so the two can never disagree on the parameters.
 *
 * scrypt's cost (N = 2^14, r = 8: ~16 MiB, ~25 ms here) is paid once when a case is recorded
 * and once per status query. Node only: the renderer never imports this.
 */
const SCRYPT_OPTIONS = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const STORED = /^([0-9a-f]{32})\$([0-9a-f]{64})$/;

/** Citizens read the code from an SMS and type it back: case and spaces do not matter. */
function canonicalCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

export function hashSecurityCode(code: string): string {
  if (canonicalCode(code) === '') throw new RangeError('security code must not be empty');
  const salt = randomBytes(SALT_BYTES);
  return `${salt.toString('hex')}$${scryptSync(canonicalCode(code), salt, KEY_BYTES, SCRYPT_OPTIONS).toString('hex')}`;
}

/** hashSecurityCode off the event loop (scrypt in libuv's pool), for codes made ahead of time. */
export async function hashSecurityCodeAsync(code: string): Promise<string> {
  if (canonicalCode(code) === '') throw new RangeError('security code must not be empty');
  const salt = randomBytes(SALT_BYTES);
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(canonicalCode(code), salt, KEY_BYTES, SCRYPT_OPTIONS, (error, derived) => (error ? reject(error) : resolve(derived))),
  );
  return `${salt.toString('hex')}$${key.toString('hex')}`;
}

/** The stored parts, or all-zero stand-ins for an unknown number: the same work either way. */
function parts(stored: string | null): { salt: Buffer; expected: Buffer; known: boolean } {
  const match = stored === null ? null : STORED.exec(stored);
  return {
    salt: Buffer.from(match?.[1] ?? '00'.repeat(SALT_BYTES), 'hex'),
    expected: Buffer.from(match?.[2] ?? '00'.repeat(KEY_BYTES), 'hex'),
    known: match !== null,
  };
}

/**
 * True when `code` is the one `stored` was made from. Takes the same time whether or not there
 * is a stored hash (pass null for an unknown application number) and wherever the codes differ.
 */
export function securityCodeMatches(stored: string | null, code: string): boolean {
  const { salt, expected, known } = parts(stored);
  const actual = scryptSync(canonicalCode(code), salt, KEY_BYTES, SCRYPT_OPTIONS);
  return timingSafeEqual(actual, expected) && known && canonicalCode(code) !== '';
}

/** securityCodeMatches off the event loop, for a server answering many queries at once. */
export async function securityCodeMatchesAsync(stored: string | null, code: string): Promise<boolean> {
  const { salt, expected, known } = parts(stored);
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(canonicalCode(code), salt, KEY_BYTES, SCRYPT_OPTIONS, (error, key) => (error ? reject(error) : resolve(key))),
  );
  return timingSafeEqual(actual, expected) && known && canonicalCode(code) !== '';
}
