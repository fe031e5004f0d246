import { PGlite } from '@electric-sql/pglite';
import { makePrivateDir, tightenTree } from './privateFiles.js';
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
 *
 * Its files are the server's cases, so the folder is made private (privateFiles.ts) before
 * PGlite opens it, which also tightens a folder an older release left readable, and again
 * once it is open and when it closes: PGlite writes the files of a new database 0666 and
 * folders 0755 whatever the umask, and a file created while it runs follows the umask.
 */
export async function openPglite(dataDir?: string): Promise<SqlClient> {
  if (dataDir === undefined) return client(await PGlite.create(), () => {});
  makePrivateDir(dataDir);
  tightenTree(dataDir);
  const db = await PGlite.create(dataDir);
  tightenTree(dataDir);
  return client(db, () => tightenTree(dataDir));
}

function client(db: PGlite, afterClose: () => void): SqlClient {
  return {
    ...runner(db),
    transaction: (fn) => db.transaction((tx) => fn(runner(tx))),
    async listen(channel, onPayload) {
      const unlisten = await db.listen(channel, onPayload);
      return () => unlisten();
    },
    async close() {
      await db.close();
      afterClose();
    },
  };
}
