import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Account passwords: scrypt, memory-hard (N = 2^15, r = 8: 32 MiB per attempt), so a stolen
 * accounts table costs an attacker memory per guess, not just cycles. The parameters travel in
 * the stored string, so they can be raised later without breaking old hashes.
 */
const DEFAULT = { N: 32_768, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([0-9a-f]{32})\$([0-9a-f]{64})$/;

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...o, maxmem: 256 * o.N * o.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  if (password.length === 0) throw new RangeError('password must not be empty');
  const salt = randomBytes(16);
  const key = await derive(password, salt, DEFAULT);
  return `scrypt$${DEFAULT.N}$${DEFAULT.r}$${DEFAULT.p}$${salt.toString('hex')}$${key.toString('hex')}`;
}

/** A hash no password matches, verified against for unknown users so they cost the same time. */
const DUMMY = `scrypt$${DEFAULT.N}$${DEFAULT.r}$${DEFAULT.p}$${'00'.repeat(16)}$${'00'.repeat(32)}`;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  const parts = STORED.exec(stored ?? DUMMY) ?? STORED.exec(DUMMY)!;
  const [, n, r, p, salt, hash] = parts;
  const key = await derive(password, Buffer.from(salt!, 'hex'), { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, Buffer.from(hash!, 'hex')) && stored !== null && stored === parts[0];
}
