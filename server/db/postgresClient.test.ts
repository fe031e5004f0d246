import { afterEach, describe, expect, it } from 'vitest';
import { engines, type TestDatabase } from './testEngines.js';

const postgres = engines.find((e) => e.name === 'postgres')!;
let test: TestDatabase | null = null;
afterEach(async () => {
  await test?.drop();
  test = null;
});

describe('PostgreSQL sessions ending under the server', () => {
  it('a transaction whose session is terminated fails by itself; the process lives on and the next query works', async () => {
    test = await postgres.open();
    const { db } = test;
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const outcome = db.transaction(async (tx) => {
        const [me] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        // What a PostgreSQL restart does to a session in the middle of a transaction.
        await db.query('SELECT pg_terminate_backend($1)', [me!.pid]);
        await new Promise((r) => setTimeout(r, 200));
        await tx.query('SELECT 1');
      });
      await expect(outcome).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 100));
      expect(uncaught).toEqual([]);
      expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
