import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

/**
 * The SQL files are read at runtime rather than bundled into the code, so a build that emits
 * this module must copy this folder next to it.
 */
export const MIGRATIONS_DIR: URL = new URL('./migrations/', import.meta.url);

export interface Migration {
  /** The `PRAGMA user_version` the database has once this migration is applied. */
  version: number;
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{4})-([a-z0-9][a-z0-9-]*)\.sql$/;

/**
 * The migrations in `dir`, in version order. Versions must run 1, 2, 3, … without gaps or
 * duplicates: a hole would silently skip schema on some machines and not on others.
 */
export function loadMigrations(dir: URL | string = MIGRATIONS_DIR): Migration[] {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const migrations: Migration[] = [];
  for (const file of readdirSync(path)) {
    if (!file.endsWith('.sql')) continue;
    const match = FILE_NAME.exec(file);
    if (!match) {
      throw new Error(`Migration file name "${file}" does not match NNNN-name.sql`);
    }
    migrations.push({
      version: Number(match[1]),
      name: match[2] ?? file,
      sql: readFileSync(join(path, file), 'utf8'),
    });
  }
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(
        `Migrations must be numbered 1, 2, 3, … without gaps or duplicates; ` +
          `found version ${m.version} (${m.name}) where ${i + 1} was expected`,
      );
    }
  });
  return migrations;
}

/** Thrown when the file was written by a newer build: older code must not guess at its schema. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `Database schema version ${databaseVersion} is newer than this build supports ` +
        `(${supportedVersion}); refusing to open it. Update the application.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to the last migration. Each migration runs in its own transaction
 * together with its version bump, so a failure leaves the previous version fully intact.
 *
 * SQLite cannot change a column's CHECK or type in place: a migration that needs to rebuilds
 * the table (create the new one, copy, drop, rename). With foreign keys on, dropping a table
 * that others reference fails, and `PRAGMA foreign_keys` cannot change inside a transaction,
 * so the keys are off while migrations run (SQLite's documented procedure,
 * https://sqlite.org/lang_altertable.html#otheralter) and `PRAGMA foreign_key_check` must come
 * back empty before each migration commits: the rebuild may move rows, never orphan them.
 *
 * The connection must have the SQL functions of `registerSqlFunctions` (openDatabase does).
 */
export function migrate(db: Database, migrations: readonly Migration[] = loadMigrations()): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  if (current === latest) return;

  const foreignKeysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeysWereOn) db.pragma('foreign_keys = OFF');
  try {
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.transaction(() => {
        // Re-read under the write lock: another process may have migrated since we looked.
        if (schemaVersion(db) >= migration.version) return;
        db.exec(migration.sql);
        // A BEGIN/COMMIT inside the file would end our transaction early and break the
        // all-or-nothing promise; better to fail loudly.
        if (!db.inTransaction) {
          throw new Error(`Migration ${migration.version} (${migration.name}) ended the transaction`);
        }
        const orphans = db.pragma('foreign_key_check') as { table: string; parent: string }[];
        if (orphans.length > 0) {
          const first = orphans[0]!;
          throw new Error(
            `Migration ${migration.version} (${migration.name}) left ${orphans.length} row(s) ` +
              `whose foreign key finds no parent (first: ${first.table} → ${first.parent})`,
          );
        }
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    }
  } finally {
    if (foreignKeysWereOn) db.pragma('foreign_keys = ON');
  }
}
