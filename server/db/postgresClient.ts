import pg from 'pg';
import type { SqlClient, SqlRunner, SqlSession } from './sqlClient.js';

/**
 * Statements are prepared once per connection and then only bound and executed: the server runs
 * the same few dozen statements over and over, and parsing and planning each one again was most
 * of PostgreSQL's work per push (bench/syncServer.bench.ts). Named by a counter per distinct text.
 */
const statementNames = new Map<string, string>();
/** Past this many distinct texts (SQL built with a varying shape) the rest run unprepared. */
const MAX_PREPARED = 500;
function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_PREPARED) {
    name = `s${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name;
}

function runner(conn: pg.Pool | pg.ClientBase): SqlRunner {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const result = await conn.query({ name: statementName(sql), text: sql, values: [...params] });
      return result.rows as R[];
    },
    async exec(sql: string) {
      await conn.query(sql);
    },
  };
}

export function openPostgres(connectionString: string, max = 10): SqlClient {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client that loses its server must not take the process down; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    ...runner(pool),
    async transaction(fn) {
      const client = await pool.connect();
      // A checked-out client whose server goes away (a restart, a terminated session) emits
      // 'error' on itself, not on the pool; unheard, it would end the process. The statement in
      // flight fails on its own and the transaction rolls back.
      let broken = false;
      const lost = () => {
        broken = true;
      };
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const result = await fn(runner(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', lost);
        // A connection that died is dropped, never handed to the next query.
        client.release(broken);
      }
    },
    async listen(channel, onPayload) {
      // A dedicated connection: LISTEN belongs to a session, and pooled ones are shared. If that
      // connection dies (PostgreSQL restarts, the network drops) it is replaced and LISTEN sent
      // again, with backoff; an unhandled 'error' on it would otherwise end the whole process.
      let client: { conn: pg.PoolClient; drop: (destroy: boolean) => void } | null = null;
      let stopped = false;
      let retryMs = 500;
      let retryTimer: NodeJS.Timeout | null = null;
      const onNotification = (message: pg.Notification) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      };
      const subscribe = async (): Promise<void> => {
        const conn = await pool.connect();
        // Handed back exactly once: a dying connection can emit 'error' more than once, and one
        // handed back on UNLISTEN is the pool's to watch from then on.
        let handedBack = false;
        const drop = (destroy: boolean) => {
          if (handedBack) return;
          handedBack = true;
          conn.off('error', onError);
          conn.off('notification', onNotification);
          conn.release(destroy);
        };
        const onError = () => {
          drop(true);
          if (client?.conn === conn) client = null;
          if (!stopped) retry();
        };
        conn.on('error', onError);
        conn.on('notification', onNotification);
        try {
          await conn.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        } catch (error) {
          drop(true);
          throw error;
        }
        client = { conn, drop };
        retryMs = 500;
      };
      const retry = () => {
        retryTimer = setTimeout(() => {
          retryTimer = null;
          subscribe().catch(() => {
            retryMs = Math.min(retryMs * 2, 10_000);
            if (!stopped) retry();
          });
        }, retryMs);
        retryTimer.unref();
      };
      await subscribe();
      return async () => {
        stopped = true;
        if (retryTimer) clearTimeout(retryTimer);
        const current = client;
        client = null;
        if (current === null) return;
        current.conn.off('notification', onNotification);
        await current.conn.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        current.drop(false);
      };
    },
    session: () => session(connectionString),
    close: () => pool.end(),
  };
}

function session(connectionString: string): SqlSession {
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  const connect = () =>
    (connecting ??= (async () => {
      const c = new pg.Client({ connectionString });
      // A lost connection must not take the process down (an unheard 'error' would); the next
      // query connects again.
      c.on('error', () => {
        if (client === c) client = null;
        c.end().catch(() => undefined);
      });
      try {
        await c.connect();
      } catch (error) {
        c.end().catch(() => undefined);
        throw error;
      } finally {
        connecting = null;
      }
      if (closed) {
        await c.end();
        throw new Error('session closed');
      }
      client = c;
      return c;
    })());
  // One statement at a time, as on any connection: pg queues overlapping ones itself, but that
  // is deprecated.
  let tail: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: (conn: SqlRunner) => Promise<T>): Promise<T> => {
    const run = tail.then(async () => {
      if (closed) throw new Error('session closed');
      return fn(runner(client ?? (await connect())));
    });
    tail = run.catch(() => undefined);
    return run;
  };
  return {
    query: (sql, params) => serially((conn) => conn.query(sql, params)),
    exec: (sql) => serially((conn) => conn.exec(sql)),
    async close() {
      closed = true;
      const c = client ?? (await connecting?.catch(() => null)) ?? null;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
