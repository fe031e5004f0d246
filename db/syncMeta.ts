import { randomBytes, randomInt } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { statementCache } from './caseRows.js';

/** The sync_meta keys (migration 0009). */
export const SYNC_META_KEYS = {
  deskId: 'desk_id',
  prefix: 'provisional_prefix',
  cursor: 'pull_cursor',
  lastSyncAt: 'last_sync_at',
} as const;

/**
 * Symbols of a provisional prefix: read out over the phone, so no 0/O, 1/I/L, and no U (which
 * sounds like Ü in Turkish and is typed as either).
 */
export const PREFIX_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
/**
 * Prefixes are drawn, not handed out (a desk may give its first number before it ever reached
 * the server): 30^6 ≈ 7.3e8 of them, so among 500 desks two share one with a chance of about
 * 2e-4. Even then only the same year and sequence collide, and the server refuses the second
 * create as case-exists: held on its desk and shown, never lost.
 */
const PREFIX_RANDOM_LENGTH = 6;

export interface DeskIdentity {
  /** `desk-` + 16 hex: the protocol's deskId. */
  deskId: string;
  /** `D` + 6 symbols: the prefix of this desk's provisional application numbers. */
  prefix: string;
}

interface Statements {
  read: Statement<[{ key: string }], string>;
  insertIfAbsent: Statement<[{ key: string; value: string }], never>;
  write: Statement<[{ key: string; value: string }], never>;
}

const statements = statementCache(
  (db: Database): Statements => ({
    read: db.prepare<[{ key: string }], string>('SELECT value FROM sync_meta WHERE key = $key').pluck(),
    insertIfAbsent: db.prepare('INSERT INTO sync_meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO NOTHING'),
    write: db.prepare(
      'INSERT INTO sync_meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
  }),
);

function newDeskId(): string {
  return `desk-${randomBytes(8).toString('hex')}`;
}

function newPrefix(): string {
  let prefix = 'D';
  // randomInt is uniform (rejection sampling inside), unlike byte % 30.
  for (let i = 0; i < PREFIX_RANDOM_LENGTH; i++) prefix += PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)];
  return prefix;
}

/** The stored value, or `fresh()` stored first; another connection's value wins a race. */
function readOrCreate(db: Database, key: string, fresh: () => string): string {
  const s = statements(db);
  const stored = s.read.get({ key });
  if (stored !== undefined) return stored;
  s.insertIfAbsent.run({ key, value: fresh() });
  return s.read.get({ key })!;
}

/**
 * This desk's identity towards the server, created on the first call and kept for the life of
 * the data file: the desk id its changes carry, and the prefix of its provisional numbers.
 */
export function deskIdentity(db: Database): DeskIdentity {
  return {
    deskId: readOrCreate(db, SYNC_META_KEYS.deskId, newDeskId),
    prefix: readOrCreate(db, SYNC_META_KEYS.prefix, newPrefix),
  };
}

/** The pull cursor to send next: '' before the first pull (start at the beginning). */
export function readCursor(db: Database): string {
  return statements(db).read.get({ key: SYNC_META_KEYS.cursor }) ?? '';
}

/**
 * Stores the pull cursor. applyPulledChanges does this in the transaction that stores the
 * changes; on its own only for a pull that returned none.
 */
export function writeCursor(db: Database, cursor: string): void {
  statements(db).write.run({ key: SYNC_META_KEYS.cursor, value: cursor });
}

/** The last successful exchange with the server (ISO instant), null before the first. */
export function readLastSyncAt(db: Database): string | null {
  return statements(db).read.get({ key: SYNC_META_KEYS.lastSyncAt }) ?? null;
}

export function writeLastSyncAt(db: Database, iso: string): void {
  // Normalized, and a garbage value throws here rather than reaching the UI.
  statements(db).write.run({ key: SYNC_META_KEYS.lastSyncAt, value: new Date(iso).toISOString() });
}
