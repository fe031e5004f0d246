import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqlRunner } from './sqlClient.js';
import { engines, type TestDatabase } from './testEngines.js';

const postgres = engines.find((e) => e.name === 'postgres')!;
let test: TestDatabase | null = null;
afterEach(async () => {
  await test?.drop();
  test = null;
});

const waitFor = async (check: () => boolean, timeoutMs: number) => {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('LISTEN on PostgreSQL', () => {
  it('survives its connection being killed and listens again', async () => {
    test = await postgres.open();
    const { db } = test;
    const heard: string[] = [];
    const unlisten = await db.listen!('case_changes', (payload) => heard.push(payload));

    await db.exec("NOTIFY case_changes, '1'");
    await waitFor(() => heard.includes('1'), 3000);

    // What a PostgreSQL restart or a cut network does to the listening session.
    const killed = await db.query<{ killed: boolean }>(
      "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    expect(killed.some((r) => r.killed)).toBe(true);

    // Notices sent after the reconnect arrive again; the process is still here to hear them.
    await waitFor(() => {
      void db.exec("NOTIFY case_changes, '2'");
      return heard.includes('2');
    }, 10_000);
    await unlisten();
  });

  it('hands its connection back once: a session ended after UNLISTEN does not take the process down', async () => {
    test = await postgres.open();
    const { db } = test;
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const unlisten = await db.listen!('case_changes', () => {});
      const [listening] = await db.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
      );
      await unlisten();
      // That connection is idle in the pool now; a restart ends it (from outside the pool here).
      const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [listening!.pid]);
      await admin.end();
      await new Promise((r) => setTimeout(r, 200));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('gives a session of its own outside the pool, which connects again after losing its connection', async () => {
    test = await postgres.open();
    const { db } = test;
    const session = db.session!();
    const pid = async (runner: SqlRunner) => (await runner.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]!.pid;
    const first = await pid(session);
    expect(first).not.toBe(await pid(db));
    expect(await pid(session)).toBe(first);

    // What a PostgreSQL restart or a cut network does to it: a query may fail, the next ones answer.
    await db.query('SELECT pg_terminate_backend($1)', [first]);
    let again = first;
    await waitFor(() => {
      void pid(session).then((p) => (again = p), () => undefined);
      return again !== first;
    }, 5000);
    await session.close();
    await expect(pid(session)).rejects.toThrow('session closed');
    expect(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [again])).toEqual([{ n: 0 }]);
  });
});
