import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite } from './pgliteClient.js';
import { openPostgres } from './postgresClient.js';
import type { SqlClient } from './sqlClient.js';

/** Where the tests' PostgreSQL runs; CI starts it the same way (.ci/run). */
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: SqlClient;
  drop(): Promise<void>;
}

export interface Engine {
  name: 'pglite' | 'postgres';
  open(): Promise<TestDatabase>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    // Failing, not skipping: a skipped engine would let PostgreSQL-only bugs through CI unseen.
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')} (${String(error)}). ` +
        'The server tests run on both engines; start PostgreSQL (user postgres, trust auth) or set TEST_POSTGRES_URL.',
      { cause: error },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function openThrowawayPostgres(): Promise<TestDatabase> {
  const name = `alo153_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  return {
    db,
    async drop() {
      await db.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A database of its own on the tests' PostgreSQL, by URL: for a server or a command run as a child process. */
export async function throwawayPostgresUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `alo153_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export const engines: Engine[] = [
  {
    name: 'pglite',
    async open() {
      const db = await openPglite();
      return { db, drop: () => db.close() };
    },
  },
  { name: 'postgres', open: openThrowawayPostgres },
];
