import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from './httpTransport.js';
import { SyncFailure, type LiveHandlers } from './transport.js';

const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz0123';
const PASSWORD = 'hunter2-secret';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
let handler: Handler = (_req, res) => res.end();
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    // No keep-alive: afterEach cuts every connection, and a pooled socket cut that way would fail the next test.
    res.shouldKeepAlive = false;
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterEach(async () => {
  seen.length = 0;
  server.closeAllConnections();
  await sleep(20); // let the client see the cut before the next test dials
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function json(status: number, value: unknown): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof value === 'string' ? value : JSON.stringify(value));
  };
}

async function failureOf(promise: Promise<unknown>): Promise<SyncFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SyncFailure);
    const failure = error as SyncFailure;
    expect(failure.message).not.toContain(TOKEN);
    expect(failure.message).not.toContain(PASSWORD);
    return failure;
  }
  throw new Error('expected a SyncFailure');
}

const account = { username: 'ayse', displayName: 'Ayşe Yılmaz', role: 'operator', unitCode: null };

const serverCase = {
  type: 'complaint',
  subject: 'Çöp toplanmadı',
  subjectCode: null,
  channel: 'phone',
  priority: 'normal',
  confidential: false,
  urgent: false,
  description: 'Sokakta üç gündür çöp toplanmadı',
  phone: null,
  citizenName: null,
  tcKimlikNo: null,
  address: null,
  linkedid: null,
  dueAt: null,
  status: 'new',
  unitCode: null,
  resolution: null,
  applicationNo: '2026-0001234-7',
  firstContactResolution: false,
  version: 1,
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
};

describe('HTTP transport: requests and answers', () => {
  it('logs in without a bearer header and returns the checked answer', async () => {
    handler = json(200, { token: TOKEN, expiresAt: '2026-11-25T22:00:00.000Z', account });
    const answer = await createHttpTransport(base).login('ayse', PASSWORD);
    expect(answer).toEqual({ token: TOKEN, expiresAt: '2026-11-25T22:00:00.000Z', account });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/auth/login' });
    expect(seen[0]!.headers.authorization).toBeUndefined();
    expect(JSON.parse(seen[0]!.body)).toEqual({ username: 'ayse', password: PASSWORD });
  });

  it('maps 401 at login to bad-credentials and 401 elsewhere to unauthorized', async () => {
    handler = json(401, { error: 'unauthorized' });
    const transport = createHttpTransport(base);
    expect((await failureOf(transport.login('ayse', PASSWORD))).code).toBe('bad-credentials');
    const failure = await failureOf(transport.pull(TOKEN, '', 10));
    expect(failure.code).toBe('unauthorized');
    expect(failure.httpStatus).toBe(401);
  });

  it('maps 5xx, other refusals, invalid JSON and answers off the protocol to server-error', async () => {
    const transport = createHttpTransport(base);
    const push = () => transport.push(TOKEN, { deskId: 'D12', changes: [] });
    for (const answer of [
      json(500, { error: 'internal' }),
      json(503, 'Service Unavailable'),
      json(404, { error: 'not-found' }),
      json(200, '{"accepted": ['),
      json(200, { accepted: ['not-a-uuid'], duplicates: [], rejected: [] }),
      json(200, { accepted: [] }),
    ]) {
      handler = answer;
      expect((await failureOf(push())).code).toBe('server-error');
    }
    handler = json(200, { token: TOKEN, account });
    expect((await failureOf(transport.login('ayse', PASSWORD))).code).toBe('server-error');
  });

  it('pushes with the bearer token and parses the answer', async () => {
    const id = randomUUID();
    handler = json(200, { accepted: [id], duplicates: [], rejected: [] });
    const change = {
      changeId: id,
      deskId: 'D12',
      caseKey: 'D12-2026-0000042-3',
      kind: 'note' as const,
      clientAt: '2026-11-25T10:00:00.000Z',
      payload: { text: 'Aranacak' },
    };
    expect(await createHttpTransport(base).push(TOKEN, { deskId: 'D12', changes: [change] })).toEqual({
      accepted: [id],
      duplicates: [],
      rejected: [],
    });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/sync/push' });
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]!.body)).toEqual({ deskId: 'D12', changes: [change] });
  });

  it('pulls with cursor and limit in the query and checks every change', async () => {
    const change = {
      seq: '42',
      changeId: null,
      deskId: null,
      kind: 'workflow',
      caseKey: '2026-0001234-7',
      detail: { status: 'in-progress' },
      at: '2026-11-25T10:05:00.000Z',
      case: serverCase,
    };
    handler = json(200, { changes: [change], cursor: '42', more: true });
    const answer = await createHttpTransport(base).pull(TOKEN, '41', 500);
    expect(answer.cursor).toBe('42');
    expect(answer.more).toBe(true);
    expect(answer.changes[0]!.case.applicationNo).toBe('2026-0001234-7');
    expect(seen[0]!.url).toBe('/api/v1/sync/pull?cursor=41&limit=500');
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);

    handler = json(200, { changes: [{ ...change, case: { ...serverCase, version: 0 } }], cursor: '42', more: false });
    const failure = await failureOf(createHttpTransport(base).pull(TOKEN, '41', 500));
    expect(failure.code).toBe('server-error');
    expect(failure.message).not.toContain('Çöp');
  });

  it('reserves numbers for the desk', async () => {
    handler = json(200, { numbers: ['2026-0001234-7', '2026-0001235-0'] });
    expect(await createHttpTransport(base).reserveNumbers(TOKEN, 'D12', 2)).toEqual(['2026-0001234-7', '2026-0001235-0']);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/numbers/reserve' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ deskId: 'D12', count: 2 });

    handler = json(200, { numbers: ['2026-0001234-7', '2026-0001235-0', '2026-0001236-4'] });
    expect((await failureOf(createHttpTransport(base).reserveNumbers(TOKEN, 'D12', 2))).code).toBe('server-error');
  });

  it('logs out with an empty body (no content type, so the server does not expect JSON)', async () => {
    handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    await createHttpTransport(base).logout(TOKEN);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/auth/logout', body: '' });
    expect(seen[0]!.headers['content-type']).toBeUndefined();
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('maps a refused connection to unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await failureOf(createHttpTransport(`http://127.0.0.1:${port}`).pull(TOKEN, '', 10));
    expect(failure.code).toBe('unreachable');
    expect(failure.message).toContain('ECONNREFUSED');
    expect(failure.httpStatus).toBeNull();
  });

  it('gives up after the timeout, also when the body stalls', async () => {
    handler = () => undefined;
    const started = Date.now();
    const failure = await failureOf(createHttpTransport(base, { timeoutMs: 150 }).pull(TOKEN, '', 10));
    expect(failure.code).toBe('unreachable');
    expect(failure.message).toContain('150 ms');
    expect(Date.now() - started).toBeLessThan(2000);

    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"changes": [');
    };
    expect((await failureOf(createHttpTransport(base, { timeoutMs: 150 }).pull(TOKEN, '', 10))).code).toBe('unreachable');
  });
});

function recorder() {
  const events: string[] = [];
  const closed: SyncFailure[] = [];
  const handlers: LiveHandlers = {
    onChanged: (notice) => events.push(notice ? `changed:${notice.to}:${notice.changes?.length ?? '-'}` : 'changed'),
    onOpen: () => events.push('open'),
    onClose: (failure) => {
      events.push(`close:${failure.code}`);
      closed.push(failure);
    },
  };
  return { events, closed, handlers };
}

function eventStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
}

describe('HTTP transport: live channel', () => {
  it('opens with the bearer header and parses frames split across chunks', async () => {
    handler = async (_req, res) => {
      eventStream(res);
      for (const chunk of ['retry: 3000\n: connected\n\n', 'event: chan', 'ged\r', '\ndata: {"seq":', '"41"}\r\n', '\r\n', ': heartbeat\n\nevent: changed\ndata: {"seq":"42"}\n', '\n']) {
        res.write(chunk);
        await sleep(15);
      }
    };
    const { events, handlers } = recorder();
    const live = createHttpTransport(base).openLive(TOKEN, handlers);
    await expect.poll(() => events).toEqual(['open', 'changed', 'changed']);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/v1/sync/events' });
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    live.close();
    await sleep(30);
    expect(events).toEqual(['open', 'changed', 'changed']);
  });

  it('hands on a notice that fits the protocol, with its changes checked as a pull checks them; anything else as a bare notice', async () => {
    const change = {
      seq: '9',
      cursor: '12.9',
      changeId: null,
      deskId: null,
      kind: 'note',
      caseKey: '2026-0000042-3',
      detail: { text: 'Ekip yolda' },
      at: '2026-11-25T10:00:00.000Z',
      case: { nonsense: true },
    };
    const frames = [
      { from: '12.1', to: '12.9' },
      { from: '12.9', to: '13.2', changes: [] },
      { from: '12.9', to: 'x', changes: [] },
      { from: '12.1', to: '12.9', changes: [change] },
    ];
    handler = (_req, res) => {
      eventStream(res);
      res.write(frames.map((f) => `event: changed\ndata: ${JSON.stringify(f)}\n\n`).join('') + 'event: changed\ndata: not json\n\n');
    };
    const { events, handlers } = recorder();
    const live = createHttpTransport(base).openLive(TOKEN, handlers);
    await expect.poll(() => events).toEqual(['open', 'changed:12.9:-', 'changed:13.2:0', 'changed', 'changed', 'changed']);
    live.close();
  });

  it('closes a stream that goes silent, and keeps one alive while heartbeats come', async () => {
    let beat: ReturnType<typeof setInterval> | undefined;
    handler = (req, res) => {
      eventStream(res);
      res.write(': connected\n\n');
      if (req.url?.includes('events')) {
        beat = setInterval(() => res.write(': heartbeat\n\n'), 40);
        res.on('close', () => clearInterval(beat));
      }
    };
    const alive = recorder();
    const transport = createHttpTransport(base, { liveSilenceMs: 150 });
    const stream = transport.openLive(TOKEN, alive.handlers);
    await sleep(450);
    expect(alive.events).toEqual(['open']);
    stream.close();
    clearInterval(beat);

    handler = (_req, res) => {
      eventStream(res);
      res.write(': connected\n\n');
    };
    const silent = recorder();
    const started = Date.now();
    transport.openLive(TOKEN, silent.handlers);
    await expect.poll(() => silent.events).toEqual(['open', 'close:unreachable']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(silent.closed[0]!.message).toContain('150 ms');
  });

  it('reports a refused, a wrong or an ended stream once through onClose', async () => {
    const transport = createHttpTransport(base, { liveSilenceMs: 1000 });
    handler = json(401, { error: 'unauthorized' });
    const refused = recorder();
    transport.openLive(TOKEN, refused.handlers);
    await expect.poll(() => refused.events).toEqual(['close:unauthorized']);

    handler = json(200, { not: 'a stream' });
    const wrong = recorder();
    transport.openLive(TOKEN, wrong.handlers);
    await expect.poll(() => wrong.events).toEqual(['close:server-error']);

    handler = (_req, res) => {
      eventStream(res);
      res.end('event: changed\ndata: {"seq":"1"}\n\n');
    };
    const ended = recorder();
    transport.openLive(TOKEN, ended.handlers);
    await expect.poll(() => ended.events).toEqual(['open', 'changed', 'close:unreachable']);
    await sleep(50);
    expect(ended.events).toHaveLength(3);
  });

  it('reports an unreachable server', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = recorder();
    createHttpTransport(`http://127.0.0.1:${port}`).openLive(TOKEN, down.handlers);
    await expect.poll(() => down.events).toEqual(['close:unreachable']);
  });
});
