import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../core/syncStatus.js';
import type { CaseChange, PullResponse, PushRequest, PushResponse, ServerChange } from '../protocol.js';
import { createSyncEngine, type SyncEngineDeps, type SyncStore } from './syncEngine.js';
import { SyncFailure, type LiveHandlers, type SyncTransport } from './transport.js';

const NOW = new Date('2026-11-25T10:00:00.000Z');
const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz0123';
const account = { username: 'ayse', displayName: 'Ayşe Yılmaz', role: 'operator', unitCode: null };

/** Let every settled promise run (the fakes answer in microtasks). */
const settle = async () => {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

function note(): CaseChange {
  return {
    changeId: randomUUID(),
    deskId: 'D12',
    caseKey: 'D12-2026-0000042-3',
    kind: 'note',
    clientAt: NOW.toISOString(),
    payload: { text: 'Aranacak' },
  };
}

/** In-memory SyncStore: outbox, held changes, cursor, number pool. */
interface FakeStore extends SyncStore {
  outbox: CaseChange[];
  held: CaseChange[];
  cursorValue: string;
  applied: Array<{ changes: ServerChange[]; cursor: string }>;
  numbers: string[];
  wantNumbers: number;
  synced: string | null;
}

function fakeStore(options: { rejected?: 'hold' | 'defer'; numbersWanted?: number } = {}): FakeStore {
  const store: FakeStore = {
    outbox: [] as CaseChange[],
    held: [] as CaseChange[],
    cursorValue: '',
    applied: [] as Array<{ changes: ServerChange[]; cursor: string }>,
    numbers: [] as string[],
    wantNumbers: options.numbersWanted ?? 0,
    synced: null as string | null,
    pendingBatch: (limit: number) => store.outbox.slice(0, limit),
    acknowledge(response: PushResponse) {
      const done = new Set([...response.accepted, ...response.duplicates]);
      const refused = new Set(response.rejected.map((r) => r.changeId));
      if (options.rejected !== 'defer') store.held.push(...store.outbox.filter((c) => refused.has(c.changeId)));
      store.outbox = store.outbox.filter((c) => !done.has(c.changeId) && (options.rejected === 'defer' || !refused.has(c.changeId)));
    },
    applyPulled(changes: ServerChange[], cursor: string) {
      store.applied.push({ changes, cursor });
      store.cursorValue = cursor;
    },
    cursor: () => store.cursorValue,
    counts: () => ({ pending: store.outbox.length, held: store.held.length }),
    numbersWanted: () => store.wantNumbers,
    addNumbers(numbers: string[]) {
      store.numbers.push(...numbers);
      store.wantNumbers = Math.max(0, store.wantNumbers - numbers.length);
    },
    releaseHeld() {
      const count = store.held.length;
      store.outbox.push(...store.held);
      store.held = [];
      return count;
    },
    lastSyncAt: () => store.synced,
    setLastSyncAt(iso: string) {
      store.synced = iso;
    },
  };
  return store;
}

/** Scriptable SyncTransport: by default accepts every push and has nothing to pull. */
interface FakeTransport extends SyncTransport {
  calls: { push: PushRequest[]; pull: string[]; reserve: number[]; logout: number; login: number };
  lives: Array<{ handlers: LiveHandlers; closed: boolean }>;
  readonly maxInFlight: number;
  failWith: SyncFailure | null;
  gate: Promise<void> | null;
  pushAnswer: (request: PushRequest) => PushResponse;
  pullAnswer: (cursor: string) => PullResponse;
}

function fakeTransport(): FakeTransport {
  const calls = { push: [] as PushRequest[], pull: [] as string[], reserve: [] as number[], logout: 0, login: 0 };
  const lives: Array<{ handlers: LiveHandlers; closed: boolean }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const transport: FakeTransport = {
    calls,
    lives,
    get maxInFlight() {
      return maxInFlight;
    },
    failWith: null as SyncFailure | null,
    gate: null as Promise<void> | null,
    pushAnswer: (request: PushRequest): PushResponse => ({
      accepted: request.changes.map((c) => c.changeId),
      duplicates: [],
      rejected: [],
    }),
    pullAnswer: (cursor: string): PullResponse => ({ changes: [], cursor: cursor || '0', more: false }),
    async login() {
      calls.login += 1;
      if (transport.failWith) throw transport.failWith;
      return { token: TOKEN, expiresAt: '2026-11-25T22:00:00.000Z', account };
    },
    async logout() {
      calls.logout += 1;
    },
    async push(_token: string, request: PushRequest) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (transport.gate) await transport.gate;
        if (transport.failWith) throw transport.failWith;
        calls.push.push(request);
        return transport.pushAnswer(request);
      } finally {
        inFlight -= 1;
      }
    },
    async pull(_token: string, cursor: string) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (transport.gate) await transport.gate;
        if (transport.failWith) throw transport.failWith;
        calls.pull.push(cursor);
        return transport.pullAnswer(cursor);
      } finally {
        inFlight -= 1;
      }
    },
    async reserveNumbers(_token: string, _deskId: string, count: number) {
      if (transport.failWith) throw transport.failWith;
      calls.reserve.push(count);
      return Array.from({ length: count }, (_, i) => `2026-${String(i).padStart(7, '0')}-0`);
    },
    openLive(_token: string, handlers: LiveHandlers) {
      const entry = { handlers, closed: false };
      lives.push(entry);
      return { close: () => void (entry.closed = true) };
    },
  };
  return transport;
}

function fakeTimers() {
  let next = 0;
  const timers = new Map<number, { fn: () => void; ms: number }>();
  return {
    timers,
    setTimer: (fn: () => void, ms: number) => {
      next += 1;
      timers.set(next, { fn, ms });
      return next;
    },
    clearTimer: (handle: unknown) => void timers.delete(handle as number),
    delays: () => [...timers.values()].map((t) => t.ms),
    /** Fire the pending timer(s) with this delay. */
    fire(ms: number) {
      const due = [...timers.entries()].filter(([, t]) => t.ms === ms);
      if (due.length === 0) throw new Error(`no timer of ${ms} ms (have ${[...timers.values()].map((t) => t.ms).join(', ')})`);
      for (const [id, timer] of due) {
        timers.delete(id);
        timer.fn();
      }
    },
  };
}

function setup(overrides: Partial<SyncEngineDeps> = {}, storeOptions: Parameters<typeof fakeStore>[0] = {}) {
  const store = fakeStore(storeOptions);
  const transport = fakeTransport();
  const timers = fakeTimers();
  const lines: string[] = [];
  const engine = createSyncEngine({
    serverUrl: 'https://sync.example.test',
    deskId: 'D12',
    store,
    transport,
    now: () => NOW,
    log: (line) => lines.push(line),
    random: () => 1,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
    pullIntervalMs: 30_000,
    ...overrides,
  });
  return { engine, store, transport, timers, lines };
}

const unreachable = () => new SyncFailure('unreachable', 'pull: server unreachable (ECONNREFUSED)');

describe('sync engine', () => {
  it('goes offline with a growing, capped backoff and comes back online when the server answers', async () => {
    const { engine, transport, timers, store } = setup();
    store.outbox.push(note());
    transport.failWith = unreachable();
    engine.useSession(TOKEN, account);
    expect(engine.status().state).toBe('connecting');
    await settle();

    const delays: number[] = [];
    for (let attempt = 0; attempt < 9; attempt += 1) {
      const status = engine.status();
      expect(status.state).toBe('offline');
      expect(status.lastError).toEqual({ code: 'unreachable', at: NOW.toISOString() });
      const [delay] = timers.delays();
      expect(timers.delays()).toHaveLength(1); // only the retry: no interval pull while offline
      expect(status.nextRetryAt).toBe(new Date(NOW.getTime() + delay!).toISOString());
      delays.push(delay!);
      timers.fire(delay!);
      await settle();
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(engine.status().pending).toBe(1);

    transport.failWith = null;
    timers.fire(30_000);
    await settle();
    expect(engine.status()).toMatchObject({ state: 'online', lastError: null, nextRetryAt: null, pending: 0, lastSyncAt: NOW.toISOString() });
    expect(store.synced).toBe(NOW.toISOString());

    // Backoff was reset by the success.
    transport.failWith = new SyncFailure('server-error', 'pull: server answered HTTP 500', 500);
    await engine.flush();
    expect(engine.status()).toMatchObject({ state: 'offline', lastError: { code: 'server-error' } });
    expect(timers.delays()).toContain(500);
  });

  it('does not hammer a server that is down when the operator keeps typing', async () => {
    const { engine, transport, timers, store } = setup();
    transport.failWith = unreachable();
    engine.useSession(TOKEN, account);
    await settle();
    const attempts = transport.calls.pull.length + 1;
    for (let i = 0; i < 5; i += 1) {
      store.outbox.push(note());
      engine.localChange();
    }
    await settle();
    expect(engine.status()).toMatchObject({ state: 'offline', pending: 5 });
    expect(timers.delays()).toEqual([500]);
    expect(transport.calls.pull.length + 1).toBe(attempts);
  });

  it('signs out on unauthorized and stops retrying until the next login', async () => {
    const { engine, transport, timers, store } = setup();
    transport.failWith = new SyncFailure('unauthorized', 'push: session expired or revoked (HTTP 401)', 401);
    store.outbox.push(note());
    engine.useSession(TOKEN, account);
    await settle();
    expect(engine.status()).toMatchObject({
      state: 'signed-out',
      account: null,
      lastError: { code: 'unauthorized', at: NOW.toISOString() },
      nextRetryAt: null,
      pending: 1,
    });
    expect(timers.timers.size).toBe(0);
    engine.localChange();
    await engine.flush();
    await settle();
    expect(transport.calls.push).toHaveLength(0);

    transport.failWith = null;
    const status = await engine.login('ayse', 'secret');
    expect(status).toMatchObject({ state: 'connecting', account, lastError: null });
    await settle();
    expect(engine.status()).toMatchObject({ state: 'online', pending: 0 });
  });

  it('pushes batches of 500 until the outbox is empty', async () => {
    const { engine, transport, store } = setup();
    for (let i = 0; i < 1234; i += 1) store.outbox.push(note());
    const seen: string[] = [];
    engine.onStatus((s) => seen.push(`${s.state}:${s.pending}`));
    engine.useSession(TOKEN, account);
    await engine.flush();
    expect(transport.calls.push.map((r) => r.changes.length)).toEqual([500, 500, 234]);
    expect(transport.calls.push.every((r) => r.deskId === 'D12')).toBe(true);
    expect(store.outbox).toHaveLength(0);
    expect(seen).toEqual(['connecting:1234', 'connecting:734', 'connecting:234', 'connecting:0', 'online:0']);
  });

  it('does not spin on a batch the server rejects entirely', async () => {
    for (const mode of ['defer', 'hold'] as const) {
      const { engine, transport, store } = setup({}, { rejected: mode });
      for (let i = 0; i < 3; i += 1) store.outbox.push(note());
      transport.pushAnswer = (request) => ({
        accepted: [],
        duplicates: [],
        rejected: request.changes.map((c) => ({ changeId: c.changeId, code: 'unknown-case' as const })),
      });
      engine.useSession(TOKEN, account);
      await settle();
      expect(transport.calls.push).toHaveLength(1);
      expect(engine.status().state).toBe('online');
      if (mode === 'defer') {
        expect(engine.status()).toMatchObject({ pending: 3, held: 0, lastError: null });
      } else {
        expect(engine.status()).toMatchObject({ pending: 0, held: 3, lastError: { code: 'rejected', at: NOW.toISOString() } });
        // retryNow puts held changes back and sends them again.
        transport.pushAnswer = (request) => ({ accepted: request.changes.map((c) => c.changeId), duplicates: [], rejected: [] });
        const status = await engine.retryNow();
        expect(transport.calls.push).toHaveLength(2);
        expect(status).toMatchObject({ state: 'online', pending: 0, held: 0, lastError: null });
      }
      await engine.stop();
    }
  });

  it('pulls while the server says more, passing each cursor back', async () => {
    const { engine, transport, store } = setup();
    transport.pullAnswer = (cursor) => {
      const at = Number(cursor || '0');
      return { changes: [], cursor: String(at + 200), more: at + 200 < 800 };
    };
    store.cursorValue = '';
    engine.useSession(TOKEN, account);
    await settle();
    expect(transport.calls.pull).toEqual(['', '200', '400', '600']);
    expect(store.applied.map((a) => a.cursor)).toEqual(['200', '400', '600', '800']);
    expect(engine.status().state).toBe('online');
  });

  it('does not spin when the server says more but moves nowhere', async () => {
    const { engine, transport } = setup();
    transport.pullAnswer = () => ({ changes: [], cursor: '5', more: true });
    engine.useSession(TOKEN, account);
    await settle();
    expect(transport.calls.pull).toEqual(['', '5']);
  });

  it('reserves numbers first, at most 100 at a time, and keeps pushing when the server cannot reserve', async () => {
    const { engine, transport, store } = setup({}, { numbersWanted: 150 });
    engine.useSession(TOKEN, account);
    await settle();
    expect(transport.calls.reserve).toEqual([100]);
    expect(store.numbers).toHaveLength(100);

    transport.reserveNumbers = async () => {
      throw new SyncFailure('server-error', 'reserve numbers: server answered HTTP 404', 404);
    };
    store.outbox.push(note());
    await engine.flush();
    expect(engine.status()).toMatchObject({ state: 'online', pending: 0 });
  });

  it('opens the live channel after the first good cycle; a bare notice pulls, a drop reopens with backoff', async () => {
    const { engine, transport, timers } = setup();
    engine.useSession(TOKEN, account);
    expect(transport.lives).toHaveLength(0);
    await settle();
    expect(transport.lives).toHaveLength(1);
    const live = transport.lives[0]!;
    live.handlers.onOpen();
    await settle();
    const pulls = transport.calls.pull.length;

    live.handlers.onChanged(null);
    await settle();
    expect(transport.calls.pull.length).toBe(pulls + 1);

    live.handlers.onClose(new SyncFailure('unreachable', 'live: no heartbeat for 45000 ms'));
    expect(timers.delays().sort((a, b) => a - b)).toEqual([500, 30_000]); // reopen + interval pull
    timers.fire(30_000);
    await settle();
    expect(transport.calls.pull.length).toBe(pulls + 2); // the interval pull runs while live is down
    timers.fire(500);
    expect(transport.lives).toHaveLength(2);

    transport.lives[1]!.handlers.onClose(new SyncFailure('unauthorized', 'live: session expired or revoked (HTTP 401)', 401));
    expect(engine.status()).toMatchObject({ state: 'signed-out', lastError: { code: 'unauthorized' } });
    expect(timers.timers.size).toBe(0);
  });

  it('applies a live notice that follows on from its cursor without pulling, and pulls at a gap', async () => {
    const { engine, transport, store } = setup();
    transport.pullAnswer = (cursor) => ({ changes: [], cursor: cursor === '' ? '7.3' : cursor, more: false });
    engine.useSession(TOKEN, account);
    await settle();
    transport.lives[0]!.handlers.onOpen();
    await settle();
    const pulls = transport.calls.pull.length;
    expect(store.cursorValue).toBe('7.3');

    const entry = (cursor: string) => ({ seq: cursor.split('.')[1]!, cursor }) as ServerChange & { cursor: string };
    transport.lives[0]!.handlers.onChanged({ from: '7.3', to: '8.2', changes: [entry('7.9'), entry('8.2')] });
    await settle();
    expect(transport.calls.pull.length).toBe(pulls);
    expect(store.applied.at(-1)).toEqual({ changes: [entry('7.9'), entry('8.2')], cursor: '8.2' });

    transport.lives[0]!.handlers.onChanged({ from: '9.1', to: '9.4', changes: [entry('9.4')] });
    await settle();
    expect(transport.calls.pull).toEqual([...transport.calls.pull.slice(0, pulls), '8.2']);
    expect(store.cursorValue).toBe('8.2');
  });

  it('pushes a local change without pulling while the live channel is open, and pulls after it otherwise', async () => {
    const { engine, transport, store } = setup();
    engine.useSession(TOKEN, account);
    await settle();
    const pulls = transport.calls.pull.length;
    store.outbox.push(note());
    engine.localChange();
    await settle();
    expect([transport.calls.push.length, transport.calls.pull.length]).toEqual([1, pulls + 1]);

    transport.lives[0]!.handlers.onOpen();
    await settle();
    store.outbox.push(note());
    engine.localChange();
    await settle();
    expect([transport.calls.push.length, transport.calls.pull.length]).toEqual([2, pulls + 2]);
  });

  it('runs one cycle at a time and coalesces a burst of local changes into one more', async () => {
    const { engine, transport, store } = setup();
    let open!: () => void;
    transport.gate = new Promise<void>((resolve) => (open = resolve));
    store.outbox.push(note());
    engine.useSession(TOKEN, account);
    await settle();
    for (let i = 0; i < 50; i += 1) {
      store.outbox.push(note());
      engine.localChange();
    }
    const flushed = engine.flush();
    expect(engine.status().pending).toBe(51);
    open();
    await flushed;
    expect(transport.maxInFlight).toBe(1);
    expect(transport.calls.push.map((r) => r.changes.length)).toEqual([1, 50]);
    // Every trigger came before the first cycle's pull started: that pull served them all.
    expect(transport.calls.pull).toHaveLength(1);
    expect(engine.status().pending).toBe(0);
  });

  it('tells listeners only about real changes', async () => {
    const { engine, store } = setup();
    const seen: SyncStatus[] = [];
    const unsubscribe = engine.onStatus((s) => seen.push(s));
    engine.localChange();
    expect(seen).toHaveLength(0);
    store.outbox.push(note());
    engine.localChange();
    engine.localChange();
    expect(seen.map((s) => s.pending)).toEqual([1]);
    engine.useSession(TOKEN, account);
    await settle();
    expect(seen.map((s) => s.state)).toEqual(['signed-out', 'connecting', 'connecting', 'online']);
    const count = seen.length;
    await engine.flush(); // same status after another good cycle (clock fixed)
    expect(seen).toHaveLength(count);
    unsubscribe();
    await engine.logout();
    expect(seen).toHaveLength(count);
    expect(engine.status()).toMatchObject({ state: 'signed-out', account: null, lastError: null });
  });

  it('without a server does nothing and stays signed out', async () => {
    const { engine, transport, timers } = setup({ serverUrl: null });
    engine.useSession(TOKEN, account);
    engine.localChange();
    await engine.flush();
    await expect(engine.login('ayse', 'secret')).rejects.toMatchObject({ code: 'unreachable' });
    expect(engine.status()).toMatchObject({ state: 'signed-out', serverUrl: null, account: null });
    expect(transport.calls.pull).toHaveLength(0);
    expect(transport.calls.login).toBe(0);
    expect(timers.timers.size).toBe(0);
  });

  it('reports wrong credentials and keeps secrets out of the log', async () => {
    const { engine, transport, lines } = setup();
    transport.failWith = new SyncFailure('bad-credentials', 'login: wrong username or password (HTTP 401)', 401);
    await expect(engine.login('ayse', 'hunter2-secret')).rejects.toMatchObject({ code: 'bad-credentials' });
    expect(engine.status()).toMatchObject({ state: 'signed-out', lastError: { code: 'bad-credentials' } });
    transport.failWith = null;
    await engine.login('ayse', 'hunter2-secret');
    await settle();
    await engine.logout();
    expect(transport.calls.logout).toBe(1);
    expect(lines.join('\n')).not.toMatch(/hunter2|tok_|Aranacak/);
  });

  it('keeps a login the server could not answer and retries it with backoff until the server is back', async () => {
    const { engine, transport, timers, lines } = setup();
    transport.failWith = unreachable();
    await expect(engine.login('ayse', 'hunter2-secret')).rejects.toMatchObject({ code: 'unreachable' });
    expect(engine.status()).toMatchObject({
      state: 'offline',
      account: null,
      lastError: { code: 'unreachable' },
      nextRetryAt: new Date(NOW.getTime() + 500).toISOString(),
    });
    timers.fire(500);
    await settle();
    expect(transport.calls.login).toBe(2);
    expect(timers.delays()).toEqual([1000]);

    transport.failWith = null;
    timers.fire(1000);
    await settle();
    expect(engine.status()).toMatchObject({ state: 'online', account, lastError: null, nextRetryAt: null });
    expect(lines.join('\n')).not.toContain('hunter2');

    // logout gives up a waiting login; a refused one is not retried.
    await engine.logout();
    transport.failWith = unreachable();
    await expect(engine.login('ayse', 'x')).rejects.toBeInstanceOf(SyncFailure);
    await engine.logout();
    expect(engine.status()).toMatchObject({ state: 'signed-out', nextRetryAt: null });
    expect(timers.timers.size).toBe(0);
    transport.failWith = new SyncFailure('bad-credentials', 'login: wrong username or password (HTTP 401)', 401);
    await expect(engine.login('ayse', 'x')).rejects.toMatchObject({ code: 'bad-credentials' });
    expect(timers.timers.size).toBe(0);
  });

  it('stop closes timers and the live stream and waits for the cycle in flight', async () => {
    const { engine, transport, timers, store } = setup();
    engine.useSession(TOKEN, account);
    await settle();
    expect(transport.lives).toHaveLength(1);
    let open!: () => void;
    transport.gate = new Promise<void>((resolve) => (open = resolve));
    store.outbox.push(note());
    engine.localChange();
    await settle();
    let stopped = false;
    const stopping = engine.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    open();
    await stopping;
    expect(transport.lives[0]!.closed).toBe(true);
    expect(timers.timers.size).toBe(0);
    engine.localChange();
    await engine.flush();
    expect(transport.calls.push).toHaveLength(1);
  });
});
