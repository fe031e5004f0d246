import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlRunner } from './sqlClient.js';

interface PGliteLike {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  exec(sql: string): Promise<unknown>;
}

function runner(db: PGliteLike): SqlRunner {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<R>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

/**
 * PGlite is one connection in this process: its own mutex queues every other query behind an
 * open transaction, which is exactly the serialization PostgreSQL gives through locks.
 * dataDir undefined: in memory (tests).
 */
export async function openPglite(dataDir?: string): Promise<SqlClient> {
  const db = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  return {
    ...runner(db),
    transaction: (fn) => db.transaction((tx) => fn(runner(tx))),
    async listen(channel, onPayload) {
      const unlisten = await db.listen(channel, onPayload);
      return () => unlisten();
    },
    close: () => db.close(),
  };
}
