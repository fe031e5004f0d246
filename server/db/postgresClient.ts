import pg from 'pg';
import type { SqlClient, SqlRunner } from './sqlClient.js';

function runner(conn: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const result = await conn.query(sql, [...params]);
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
      try {
        await client.query('BEGIN');
        const result = await fn(runner(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      // A dedicated connection: LISTEN belongs to a session, and pooled ones are shared.
      const client = await pool.connect();
      const handler = (message: pg.Notification) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      };
      client.on('notification', handler);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        client.off('notification', handler);
        await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        client.release();
      };
    },
    close: () => pool.end(),
  };
}
