import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import { createApp } from '../app.js';
import { registerLiveChannel } from './liveChannel.js';
import { migrate } from '../db/migrate.js';
import type { SqlClient, SqlRunner } from '../db/sqlClient.js';
import { openPostgres } from '../db/postgresClient.js';
import { engines } from '../db/testEngines.js';
import { seedDemo } from '../seed.js';
import { changeLogHead } from '../sync/pull.js';
import { createChange, startTestServer, type TestServer } from '../testSupport.js';
import type { SyncAccount } from '../../core/syncStatus.js';
import { LiveNotice, type CaseChange, type ServerChange } from '../../sync/protocol.js';
import { createHttpTransport } from '../../sync/client/httpTransport.js';
import { createSyncEngine, type SyncStore } from '../../sync/client/syncEngine.js';
import type { SyncTransport } from '../../sync/client/transport.js';

let nextSequence = 9000;
/** A desk's provisional numbers (the server takes no final number it did not reserve). */
const newNumber = (deskId = 'D12') => formatApplicationNo(2026, nextSequence++, deskId);

interface Subscription {
  /** Resolves with the next `changed` event's data. */
  next(timeoutMs?: number): Promise<LiveNotice>;
  /** Notices that arrived and were not taken by next(). */
  readonly waiting: LiveNotice[];
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
  const events: LiveNotice[] = [];
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
            events.push(LiveNotice.parse(JSON.parse(data)));
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
    waiting: events,
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

  const push = async (overrides: Parameters<typeof createChange>[1] = {}, headers = operator) => {
    const change = createChange(newNumber(), overrides);
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers, payload: { deskId: 'D12', changes: [change] } });
    expect(res.statusCode, res.body).toBe(200);
    return change.caseKey;
  };
  const keys = (notice: LiveNotice) => notice.changes?.map((c) => c.caseKey);

  it('refuses a request without a valid token', async () => {
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/sync/events' })).statusCode).toBe(401);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/sync/events?token=' + 'a'.repeat(43) })).statusCode).toBe(401);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/sync/events', headers: { authorization: 'Bearer x' } })).statusCode).toBe(401);
  });

  it('carries a push to a subscriber within a second, as pull gives it, by header or by ?token=', async () => {
    const byHeader = await subscribe(s.app, { authorization: operator.authorization });
    const fen = await s.auth('fen');
    const byQuery = await subscribe(s.app, { query: fen.authorization.slice('Bearer '.length) });
    const from = await changeLogHead(s.db);
    const no = await push();
    const notice = await byHeader.next();
    expect(notice).toMatchObject({ from, to: await changeLogHead(s.db) });
    const pulled = await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull?cursor=${from}`, headers: operator });
    expect(notice.changes).toEqual(pulled.json<{ changes: ServerChange[] }>().changes);
    expect(keys(notice)).toEqual([no]);
    expect(keys(await byQuery.next())).toEqual([no]);
    await byHeader.cancel();
    await byQuery.cancel();
  });

  it("never carries a confidential case's change to an operator; the team lead's stream carries it, the number whole", async () => {
    const byOperator = await subscribe(s.app, operator);
    const byLead = await subscribe(s.app, await s.auth('lead'));
    const lead = await s.auth('lead');
    const secret = await push({ confidential: true, tcKimlikNo: '10000000146' }, lead);
    const open = await push({ tcKimlikNo: '10000000146' });
    const seenBy = async (sub: Subscription, until: string) => {
      const seen: ServerChange[] = [];
      while (!seen.some((c) => c.caseKey === until)) seen.push(...((await sub.next()).changes ?? []));
      return seen;
    };
    const operatorSaw = await seenBy(byOperator, open);
    expect(operatorSaw.map((c) => c.caseKey)).toEqual([open]);
    expect(operatorSaw[0]!.case.tcKimlikNo).toBe('100******46');
    const leadSaw = await seenBy(byLead, open);
    expect(leadSaw.map((c) => [c.caseKey, c.case.tcKimlikNo])).toEqual([
      [secret, '10000000146'],
      [open, '10000000146'],
    ]);
    await byOperator.cancel();
    await byLead.cancel();
  });

  it('coalesces a burst of pushes into a few notices that carry every change once, in log order', async () => {
    // Another instance on the same database, reading at most once a second; its reads counted.
    let reads = 0;
    const counting =
      (run: SqlRunner['query']): SqlRunner['query'] =>
      (sql, params) => ((reads += /FROM change_log l JOIN cases/.test(sql) ? 1 : 0), run(sql, params));
    const { session } = s.db;
    const counted: SqlClient = {
      ...s.db,
      query: counting(s.db.query),
      ...(session && {
        session() {
          const own = session();
          return { ...own, query: counting(own.query) };
        },
      }),
    };
    const app = Fastify();
    registerLiveChannel(app, { db: counted, now: () => new Date(), coalesceMs: 1000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const sub = await subscribe(app, operator);
    const others = await Promise.all(Array.from({ length: 9 }, () => subscribe(app, operator)));
    const from = await changeLogHead(s.db);
    const pushed = await Promise.all(Array.from({ length: 20 }, () => push()));
    const pulled = await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull?cursor=${from}`, headers: operator });
    const inOrder = pulled.json<{ changes: ServerChange[] }>().changes.map((c) => c.caseKey);
    expect([...inOrder].sort()).toEqual([...pushed].sort());
    const carried: string[] = [];
    let at = from;
    let notices = 0;
    while (carried.length < pushed.length) {
      const notice = await sub.next(3000);
      notices += 1;
      // Each notice starts where the one before it ended: a desk that applied one applies the next.
      expect(notice.from).toBe(at);
      at = notice.to;
      carried.push(...keys(notice)!);
    }
    expect(carried).toEqual(inOrder);
    expect(notices).toBeLessThanOrEqual(3);
    // Ten subscribers, one read per notice (and the odd poll): never one per subscriber.
    expect(reads).toBeLessThanOrEqual(notices + 2);
    for (const other of others) expect((await other.next()).from).toBe(from);
    await Promise.all([sub, ...others].map((x) => x.cancel()));
    await app.close();
  });

  it('sends nothing more to a session that was logged out, and ends its stream', async () => {
    const session = await s.auth('lead');
    const sub = await subscribe(s.app, session);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session })).statusCode).toBe(204);
    await push();
    await expect(sub.ended).resolves.toBeUndefined();
    expect(sub.waiting).toEqual([]);
  });

  it('brings a case recorded on desk A to desk B through the live channel, without B pulling', async () => {
    const address = s.app.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${address.port}`;
    const desk = (deskId: string) => {
      const outbox: CaseChange[] = [];
      const applied: ServerChange[] = [];
      let cursor = '';
      let pulls = 0;
      let open = false;
      const http = createHttpTransport(url);
      const store: SyncStore = {
        pendingBatch: (limit) => outbox.slice(0, limit),
        acknowledge: (answer) => void outbox.splice(0, answer.accepted.length + answer.duplicates.length),
        applyPulled(changes, next) {
          applied.push(...changes);
          cursor = next;
        },
        cursor: () => cursor,
        counts: () => ({ pending: outbox.length, held: 0 }),
        numbersWanted: () => 0,
        addNumbers: () => undefined,
        releaseHeld: () => 0,
        lastSyncAt: () => null,
        setLastSyncAt: () => undefined,
      };
      const transport: SyncTransport = {
        ...http,
        pull: (...args) => ((pulls += 1), http.pull(...args)),
        openLive: (token, handlers) => http.openLive(token, { ...handlers, onOpen: () => ((open = true), handlers.onOpen()) }),
      };
      const engine = createSyncEngine({ serverUrl: url, deskId, store, transport });
      return { engine, outbox, applied, pulls: () => pulls, open: () => open };
    };
    const login = async (username: string) => {
      const res = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: `${username}153` } });
      return res.json<{ token: string; account: SyncAccount }>();
    };
    const [a, b] = [desk('D12'), desk('D13')];
    for (const [d, username] of [[a, 'operator'], [b, 'lead']] as const) {
      const session = await login(username);
      d.engine.useSession(session.token, session.account);
    }
    await expect.poll(() => a.open() && b.open()).toBe(true);
    await b.engine.flush();
    const pullsBefore = b.pulls();

    const change = createChange(newNumber('D12'), { tcKimlikNo: '10000000146' });
    a.outbox.push(change);
    a.engine.localChange();
    await expect.poll(() => b.applied.map((c) => c.caseKey), { timeout: 3000 }).toContain(change.caseKey);
    expect(b.pulls()).toBe(pullsBefore);
    expect(b.applied.find((c) => c.caseKey === change.caseKey)).toMatchObject({ kind: 'create', deskId: 'D12', case: { tcKimlikNo: '10000000146', version: 1 } });
    await Promise.all([a.engine.stop(), b.engine.stop()]);
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

  it('a change pushed to instance A reaches subscribers on instance B and on A', async () => {
    await a.app.listen({ port: 0, host: '127.0.0.1' });
    const onB = await subscribe(b.app, await login(b.app));
    const onA = await subscribe(a.app, await login(a.app));
    const change = createChange(newNumber('D1'), {}, 'D1');
    const res = await a.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: await login(a.app), payload: { deskId: 'D1', changes: [change] } });
    expect(res.statusCode, res.body).toBe(200);
    const [fromB, fromA] = [await onB.next(), await onA.next()];
    expect(fromB.changes?.map((c) => c.caseKey)).toEqual([change.caseKey]);
    expect(fromA).toEqual(fromB);
    await onB.cancel();
    await onA.cancel();
  });
  it('delivers a change held back by an older transaction that logs nothing, soon after that one ends', async () => {
    const onB = await subscribe(b.app, await login(b.app));
    const older = new pg.Client({ connectionString: url.toString() });
    await older.connect();
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()');
      const change = createChange(newNumber('D1'), {}, 'D1');
      const res = await a.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: await login(a.app), payload: { deskId: 'D1', changes: [change] } });
      expect(res.statusCode, res.body).toBe(200);
      await expect(onB.next(500)).rejects.toThrow('no changed event');
      await older.query('COMMIT');
      const notice = await onB.next(1500);
      expect(notice.changes?.map((c) => c.caseKey)).toEqual([change.caseKey]);
    } finally {
      await older.end();
      await onB.cancel();
    }
  });
});
