import { readdir, readFile } from 'node:fs/promises';
import type { SqlClient } from './sqlClient.js';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE = /^(\d{4})-[a-z0-9-]+\.sql$/;
/** Any constant: several instances starting at once must not run the same migration twice. */
const MIGRATION_LOCK = 153_0001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function loadMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const match = FILE.exec(name);
    if (!match) throw new Error(`migration file name must be NNNN-words.sql: ${name}`);
    const version = Number(match[1]);
    const previous = migrations.at(-1);
    if (previous && version !== previous.version + 1) throw new Error(`migration versions must go up by one: ${name}`);
    migrations.push({ version, name, sql: await readFile(new URL(name, dir), 'utf8') });
  }
  return migrations;
}

/** Applies what is missing, each migration in its own transaction; returns the versions applied. */
export async function migrate(db: SqlClient, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations());
  const applied: number[] = [];
  // Under the lock too: two instances racing on CREATE TABLE IF NOT EXISTS can both try to create it.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  for (const migration of all) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  if (all.some((m) => m.version === CHANGE_LOG_BY_TRANSACTION)) await checkTransactionIdsAhead(db);
  return applied;
}

/** Migration 0009: the change log is ordered by the id of the transaction that wrote each entry. */
const CHANGE_LOG_BY_TRANSACTION = 9;

/**
 * Every new change-log entry must sort after every entry there is, so this cluster's next
 * transaction id must be above every id in the log. It is not when the database was copied into
 * another cluster with pg_dump (from PGlite to PostgreSQL, say): ids start low again, new entries
 * would sort before the old ones, behind the cursors desks hold, and desks would never get them.
 * pg_upgrade and copying the data directory keep the ids. The server does not start then.
 */
async function checkTransactionIdsAhead(db: SqlClient): Promise<void> {
  const [row] = await db.query<{ logged: string | null; next: string }>(
    'SELECT (SELECT max(txid) FROM change_log)::text AS logged, pg_snapshot_xmax(pg_current_snapshot())::text AS next',
  );
  if (row?.logged != null && BigInt(row.logged) >= BigInt(row.next)) {
    throw new Error(
      `change_log holds transaction ids up to ${row.logged} but this cluster is at ${row.next}: the database was copied into another cluster. ` +
        `Advance the cluster's transaction ids past ${row.logged} before starting (pg_resetwal -x, see server/README.md).`,
    );
  }
}
