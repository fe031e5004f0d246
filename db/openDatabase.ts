import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { loadMigrations, migrate, MIGRATIONS_DIR } from './migrate.js';
import { registerSqlFunctions } from './sqlFunctions.js';

export interface OpenDatabaseOptions {
  /** Where the NNNN-name.sql files are; tests point this at a doctored copy. */
  migrationsDir?: URL | string;
}

/** How long a writer waits for another connection's lock (e.g. a WAL checkpoint) before failing. */
const BUSY_TIMEOUT_MS = 5000;

/** The store holds citizens' names, numbers and T.C. kimlik nos: its owner's alone. */
const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;

/**
 * Makes the store's files owner-only before SQLite opens them. A new file is created 0600 here,
 * because SQLite creates the -wal and -shm files with the database file's permissions; files
 * an older release left 0644 are set to 0600. A folder created here is 0700; an existing one
 * is left as it is (it may be any folder the file was put in; the desk host makes its own data
 * folder private).
 */
function makeStorePrivate(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
  }
}

/**
 * Opens (creating if needed) the local case store and brings its schema up to date.
 * Throws, with the file closed, if the schema is newer than this build or a migration fails.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) makeStorePrivate(resolve(file));

  const db = new BetterSqlite3(file);
  try {
    // WAL lets the UI's reads proceed while a case is being written; NORMAL is durable
    // across application crashes in WAL mode and only risks the last commits on power loss.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Off by default in SQLite, per connection; the schema's REFERENCES mean nothing without it.
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Before migrating: the full-text triggers and the numbering of old cases call them.
    registerSqlFunctions(db);
    migrate(db, loadMigrations(options.migrationsDir ?? MIGRATIONS_DIR));
    // Statistics for the planner, which has several indexes to choose from when a search
    // combines filters. SQLite's advice for long-lived connections: this once at open (it only
    // analyses tables that need it, with a bounded effort), `PRAGMA optimize` now and then.
    db.pragma('optimize = 0x10002');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
