import type { FastifyInstance } from 'fastify';
import net from 'node:net';
import { createApp } from '../../../server/app.js';
import { migrate } from '../../../server/db/migrate.js';
import type { SqlClient } from '../../../server/db/sqlClient.js';
import { engines } from '../../../server/db/testEngines.js';
import { seedDemo } from '../../../server/seed.js';

/** The real central server on 127.0.0.1, in the test process, on a database of its own. */
export interface CentralServer {
  url: string;
  port: number;
  db: SqlClient;
  app: FastifyInstance;
  /** Bearer header of a fresh login (demo accounts: password = username + 153). */
  auth(username: string): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

export async function startCentralServer(engine: 'pglite' | 'postgres', port = 0): Promise<CentralServer> {
  const t = await engines.find((e) => e.name === engine)!.open();
  await migrate(t.db);
  await seedDemo(t.db);
  const app = await createApp({ db: t.db });
  const url = await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    port: (app.server.address() as net.AddressInfo).port,
    db: t.db,
    app,
    async auth(username) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: `${username}153` } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode}`);
      return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
    },
    async close() {
      // A test ends mid-request at times (a desk still pulling): do not wait for it.
      const closed = app.close();
      app.server.closeAllConnections();
      await closed;
      await t.drop();
    },
  };
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
