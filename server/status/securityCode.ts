import { scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Checks a citizen's security code against the salt$hash a desk made (db/securityCodeHash.ts:
 * scrypt N = 2^14, r = 8, 32 bytes). Duplicated here because server/ may not import db/; the two
 * must move to core/ together if either changes.
 */
const OPTIONS = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const STORED = /^([0-9a-f]{32})\$([0-9a-f]{64})$/;

const canonical = (code: string) => code.replace(/\s+/g, '').toUpperCase();

/** Same work whether or not there is a hash (null: unknown number), so timing tells nothing. */
export async function securityCodeMatches(stored: string | null, code: string): Promise<boolean> {
  const parts = stored === null ? null : STORED.exec(stored);
  const salt = Buffer.from(parts?.[1] ?? '00'.repeat(16), 'hex');
  const expected = Buffer.from(parts?.[2] ?? '00'.repeat(32), 'hex');
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(canonical(code), salt, 32, OPTIONS, (error, key) => (error ? reject(error) : resolve(key))),
  );
  return timingSafeEqual(actual, expected) && parts !== null && canonical(code) !== '';
}
