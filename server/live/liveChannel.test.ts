import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import { createApp } from '../app.js';
import { registerLiveChannel } from './liveChannel.js';
import { migrate } from '../db/migrate.js';
import { openPostgres } from '../db/postgresClient.js';
import { engines } from '../db/testEngines.js';
import { seedDemo } from '../seed.js';
import { createChange, startTestServer, type TestServer } from '../testSupport.js';

let nextSequence = 9000;
/** A desk's provisional numbers (the server takes no final number it did not reserve). */
const newNumber = (deskId = 'D12') => formatApplicationNo(2026, nextSequence++, deskId);

interface Subscription {
  /** Resolves with the next `changed` event's data. */
  next(timeoutMs?: number): Promise<{ seq: string }>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  cancel(): Promise<void>;
}

async function subscribe(app: FastifyInstance, auth: { query?: string; authorization?: string }): Promise<Subscription> {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('app is not listening');
  const url = `http://127.0.0.1:${address.port}/api/v1/sync/events${auth.query ? `?token=${auth.query}` : ''}`;
  const controller = new AbortController();
  const res = await fetch(url, { headers: auth.authorization ? { authorization: auth.authorization } : {}, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { seq: string }[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = frame.split('\n');
          if (lines.includes('event: changed')) {
            const data = lines.find((l) => l.startsWith('data: '))!.slice(6);
            events.push(JSON.parse(data) as { seq: string });
            waiters.splice(0).forEach((w) => w());
          }
        }
      }
    } catch {
      // aborted by cancel()
    }
  })();
  return {
    async next(timeoutMs = 1000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no changed event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return events.shift()!;
    },
    ended,
    async cancel() {
      controller.abort();
      await ended;
    },
  };
}

describe.each(engines)('live channel on $name', (engine) => {
  let s: TestServer;
  let operator: { authorization: string };
  beforeAll(async () => {
    s = await startTestServer(engine);
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    operator = await s.auth('operator');
  });
  afterAll(async () => {
    await s?.close();
  });

  const push = async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: operator, payload: { deskId: 'D12', changes: [createChange(newNumber())] } });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('refuses a request without a valid token', async () => {
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/sync/events' })).statusCode).toBe(401);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/sync/events?token=' + 'a'.repeat(43) })).statusCode).toBe(401);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/sync/events', headers: { authorization: 'Bearer x' } })).statusCode).toBe(401);
  });

  it('announces a push to a subscriber within a second, by header or by ?token=', async () => {
    const byHeader = await subscribe(s.app, { authorization: operator.authorization });
    const fen = await s.auth('fen');
    const byQuery = await subscribe(s.app, { query: fen.authorization.slice('Bearer '.length) });
    await push();
    const [seq] = await s.db.query<{ seq: string }>('SELECT last_seq::text AS seq FROM change_log_head');
    expect(await byHeader.next()).toEqual({ seq: seq!.seq });
    expect(await byQuery.next()).toEqual({ seq: seq!.seq });
    await byHeader.cancel();
    await byQuery.cancel();
  });

  it('sends a comment heartbeat on the given interval', async () => {
    const app = Fastify();
    registerLiveChannel(app, { db: s.db, now: () => new Date(), heartbeatMs: 50 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${address.port}/api/v1/sync/events`, { headers: operator });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(': heartbeat\n\n')) text += (await reader.read()).value ?? '';
    await app.close();
    expect(text.startsWith('retry: 3000\n')).toBe(true);
  });

  it('ends a stream at the first heartbeat after its token is logged out', async () => {
    const app = Fastify();
    registerLiveChannel(app, { db: s.db, now: () => new Date(), heartbeatMs: 50 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const session = await s.auth('lead');
    const sub = await subscribe(app, session);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session })).statusCode).toBe(204);
    await expect(sub.ended).resolves.toBeUndefined();
    await app.close();
  });

  it('ends open streams when the server closes', async () => {
    const other = await startTestServer(engine);
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const sub = await subscribe(other.app, await other.auth('operator'));
    await other.close();
    await expect(sub.ended).resolves.toBeUndefined();
  });
});

describe('live channel across instances on PostgreSQL', () => {
  const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `alo153_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dbA = () => openPostgres(url.toString());
  let a: { app: FastifyInstance; db: ReturnType<typeof openPostgres> };
  let b: { app: FastifyInstance; db: ReturnType<typeof openPostgres> };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const first = dbA();
    const second = dbA();
    await Promise.all([migrate(first), migrate(second)]);
    await seedDemo(first);
    a = { app: await createApp({ db: first }), db: first };
    b = { app: await createApp({ db: second }), db: second };
    await b.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    await a?.db.close();
    await b?.db.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  const login = async (app: FastifyInstance) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'operator', password: 'operator153' } });
    return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
  };

  it('a change pushed to instance A reaches a subscriber on instance B', async () => {
    const sub = await subscribe(b.app, await login(b.app));
    const res = await a.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: await login(a.app), payload: { deskId: 'D1', changes: [createChange(newNumber('D1'), {}, 'D1')] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await sub.next()).toEqual({ seq: '1' });
    await sub.cancel();
  });
});
