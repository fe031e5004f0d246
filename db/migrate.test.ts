import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, loadMigrations, MIGRATIONS_DIR, schemaVersion } from './migrate.js';
import { openDatabase } from './openDatabase.js';

const LATEST = loadMigrations().at(-1)!.version;

let dir: string;
let file: string;
const opened: Database[] = [];

function open(path = file, migrationsDir?: string): Database {
  const db = openDatabase(path, migrationsDir === undefined ? {} : { migrationsDir });
  opened.push(db);
  return db;
}

/** Looks at the file without openDatabase, so nothing is migrated behind the test's back. */
function inspect<T>(fn: (db: Database) => T): T {
  const db = new BetterSqlite3(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function tableNames(db: Database): string[] {
  return db
    .prepare<[], string>(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all();
}

/** A copy of the real migrations plus or instead of the given files. */
function doctoredMigrations(files: Record<string, string>): string {
  const copy = join(dir, 'migrations');
  cpSync(fileURLToPath(MIGRATIONS_DIR), copy, { recursive: true });
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(copy, name), sql);
  return copy;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alo153-db-'));
  file = join(dir, 'nested', 'folder', 'cases.sqlite');
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('loadMigrations', () => {
  it('lists the shipped migrations in order, numbered from 1 without gaps', () => {
    const migrations = loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations.map((m) => m.name)).toEqual([
      'create-citizens',
      'create-cases',
      'create-case-events',
      'rebuild-citizens-and-cases-for-case-desk',
      'create-attachments',
      'create-drafts',
      'create-cases-fts',
      'rebuild-cases-fts-with-facets-and-terms',
      'create-sync-outbox',
      'outbox-callback-requests',
      'create-call-records',
      'rebuild-cases-fts-without-tc-kimlik-no',
      'index-open-cases-by-citizen',
      'cases-of-incidents',
      'canonical-phone-numbers',
    ]);
  });

  it('refuses a gap in the numbering', () => {
    const skipped = LATEST + 2;
    const copy = doctoredMigrations({ [`${String(skipped).padStart(4, '0')}-skipped-one.sql`]: 'SELECT 1;' });
    expect(() => loadMigrations(copy)).toThrow(
      new RegExp(`version ${skipped} .* where ${LATEST + 1} was expected`),
    );
  });

  it('refuses a .sql file that is not named NNNN-name.sql', () => {
    const copy = doctoredMigrations({ 'fix.sql': 'SELECT 1;' });
    expect(() => loadMigrations(copy)).toThrow(/does not match/);
  });
});

describe('openDatabase', () => {
  it('creates the parent folder and brings a fresh file to the latest version', () => {
    const db = open();
    expect(existsSync(file)).toBe(true);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(tableNames(db)).toEqual(
      expect.arrayContaining([
        'citizens',
        'cases',
        'case_events',
        'application_sequences',
        'attachments',
        'drafts',
        'cases_fts',
        'search_terms',
        'sync_outbox',
        'sync_meta',
        'reserved_numbers',
      ]),
    );
  });

  it('turns on WAL, foreign keys, NORMAL sync and a busy timeout', () => {
    const db = open();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(() =>
      db
        .prepare(
          `INSERT INTO cases (application_no, citizen_id, type, subject, description, channel,
             priority, confidential, urgent, status, first_contact_resolution, created_at, updated_at)
           VALUES ('2025-0000001-4', 999, 'request', 's', 'd', 'phone', 'normal', 0, 0, 'closed', 1,
             '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('works in memory', () => {
    const db = open(':memory:');
    expect(schemaVersion(db)).toBe(LATEST);
  });

  it('does not re-run migrations when the file is opened again', () => {
    open().close();
    // Were 0001 run again, CREATE TABLE citizens would fail on the existing table.
    const db = open();
    expect(schemaVersion(db)).toBe(LATEST);
  });

  it('applies only the migrations the file does not have yet', () => {
    open().close();
    const copy = doctoredMigrations({
      [`${String(LATEST + 1).padStart(4, '0')}-add-notes.sql`]:
        'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;',
    });
    const db = open(file, copy);
    expect(schemaVersion(db)).toBe(LATEST + 1);
    expect(tableNames(db)).toContain('notes');
  });

  it('refuses a file written by a newer build and leaves it untouched', () => {
    open().close();
    inspect((db) => db.pragma(`user_version = ${LATEST + 7}`));

    expect(() => open()).toThrow(DatabaseTooNewError);
    expect(() => open()).toThrow(/newer than this build supports/);
    expect(inspect(schemaVersion)).toBe(LATEST + 7);
  });

  it('rolls a failing migration back and keeps the previous version', () => {
    open().close();
    const broken = doctoredMigrations({
      [`${String(LATEST + 1).padStart(4, '0')}-broken.sql`]: `
        CREATE TABLE half_done (id INTEGER PRIMARY KEY);
        INSERT INTO no_such_table VALUES (1);`,
    });

    expect(() => open(file, broken)).toThrow(/no such table/);
    expect(inspect(schemaVersion)).toBe(LATEST);
    expect(inspect(tableNames)).not.toContain('half_done');
    // The intact file still opens with the real migrations.
    expect(schemaVersion(open())).toBe(LATEST);
  });

  it('stops a fresh file at the last good migration when a later one fails', () => {
    const broken = doctoredMigrations({
      '0002-create-cases.sql': `
        CREATE TABLE cases (id INTEGER PRIMARY KEY);
        CREATE INDEX oops ON cases (no_such_column);`,
    });

    expect(() => open(file, broken)).toThrow(/no_such_column/);
    expect(inspect(schemaVersion)).toBe(1);
    const tables = inspect(tableNames);
    expect(tables).toContain('citizens');
    expect(tables).not.toContain('cases');
  });

  it('runs migrations with foreign keys off, so a table others reference can be rebuilt', () => {
    open().close();
    inspect((db) => {
      db.pragma('foreign_keys = ON');
      db.exec(`INSERT INTO drafts (draft_id, content, saved_at) VALUES ('d1', '{}', '2025-01-01T00:00:00.000Z')`);
    });
    const copy = doctoredMigrations({
      [`${String(LATEST + 1).padStart(4, '0')}-rebuild-drafts.sql`]: `
        CREATE TABLE drafts_new (draft_id TEXT PRIMARY KEY, content TEXT NOT NULL, linkedid TEXT,
          saved_at TEXT NOT NULL, pinned INTEGER NOT NULL DEFAULT 0) STRICT;
        INSERT INTO drafts_new (draft_id, content, linkedid, saved_at)
          SELECT draft_id, content, linkedid, saved_at FROM drafts;
        DROP TABLE drafts;
        ALTER TABLE drafts_new RENAME TO drafts;
        -- cases is referenced by case_events and attachments: dropping it needs keys off.
        CREATE TABLE cases_copy AS SELECT * FROM cases;`,
    });
    const db = open(file, copy);
    expect(schemaVersion(db)).toBe(LATEST + 1);
    expect(db.prepare('SELECT draft_id, pinned FROM drafts').all()).toEqual([{ draft_id: 'd1', pinned: 0 }]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses a migration that leaves a row without its parent, and turns keys back on', () => {
    open().close();
    const broken = doctoredMigrations({
      [`${String(LATEST + 1).padStart(4, '0')}-orphans.sql`]: `
        INSERT INTO attachments (case_id, file_name, mime_type, size_bytes, sha256, stored_name, added_at)
        VALUES (999, 'a.png', 'image/png', 1, '${'0'.repeat(64)}', 'x.png', '2025-01-01T00:00:00.000Z');`,
    });
    expect(() => open(file, broken)).toThrow(/left 1 row\(s\) whose foreign key finds no parent \(first: attachments → cases\)/);
    expect(inspect(schemaVersion)).toBe(LATEST);
    expect(inspect((db) => db.prepare('SELECT count(*) FROM attachments').pluck().get())).toBe(0);
    const db = open();
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses a migration that commits on its own', () => {
    const broken = doctoredMigrations({
      [`${String(LATEST + 1).padStart(4, '0')}-commits.sql`]: 'COMMIT;',
    });
    expect(() => open(file, broken)).toThrow(/ended the transaction/);
  });
});
