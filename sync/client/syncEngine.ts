import type { SyncAccount, SyncErrorCode, SyncState, SyncStatus } from '../../core/syncStatus.js';
import { MAX_PUSH_CHANGES, type CaseChange, type PushResponse, type ServerChange } from '../protocol.js';
import { createBackoff } from './backoff.js';
import { MAX_RESERVE_COUNT, SyncFailure, type LiveStream, type SyncTransport } from './transport.js';

/** The desk's side of sync, implemented by the host over SQLite; every call is synchronous. */
export interface SyncStore {
  /** Oldest first, already valid protocol changes. */
  pendingBatch(limit: number): CaseChange[];
  /** Drops accepted and duplicate changes from the outbox; holds or defers rejected ones. */
  acknowledge(response: PushResponse): void;
  /** Stores the changes and the cursor in one transaction. */
  applyPulled(changes: ServerChange[], cursor: string): void;
  cursor(): string;
  counts(): { pending: number; held: number };
  /** How many numbers to reserve now (0: the pool is full). */
  numbersWanted(): number;
  addNumbers(numbers: string[]): void;
  /** Puts held changes back in the outbox; returns how many. */
  releaseHeld(): number;
  lastSyncAt(): string | null;
  setLastSyncAt(iso: string): void;
}

export type TimerHandle = unknown;

export interface SyncEngineDeps {
  serverUrl: string | null;
  deskId: string;
  store: SyncStore;
  transport: SyncTransport;
  now?: () => Date;
  /** One line per event; never carries a token, a password or case data. */
  log?: (line: string) => void;
  /** Safety-net pull while signed in; 30 s. */
  pullIntervalMs?: number;
  /** Changes per push; 500 (MAX_PUSH_CHANGES), never more. */
  batchSize?: number;
  random?: () => number;
  /** One-shot timers (setTimeout semantics); injectable for tests. */
  setTimer?: (fn: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
}

export interface SyncEngine {
  status(): SyncStatus;
  /** Called only when something in the status changed; returns the unsubscribe function. */
  onStatus(listener: (status: SyncStatus) => void): () => void;
  /**
   * Signs in and starts syncing (the first cycle runs in the background); throws SyncFailure.
   * When the server cannot be reached the login is also kept and retried with backoff
   * (state 'offline'), until it succeeds, is refused, or logout() gives it up.
   */
  login(username: string, password: string): Promise<SyncStatus>;
  logout(): Promise<SyncStatus>;
  /** A session obtained elsewhere (demo auto-login, restored session). */
  useSession(token: string, account: SyncAccount): void;
  /** Releases held changes, resets the backoff and runs a cycle now; resolves after it. */
  retryNow(): Promise<SyncStatus>;
  /** A case was written: push soon. */
  localChange(): void;
  /** The session's token for the host's other calls to the server (reports); null when signed out. Never log it. */
  currentToken(): string | null;
  /** Resolves when a cycle that started after the call has run (at once without a session). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_PULL_INTERVAL_MS = 30_000;
export const PULL_LIMIT = 500;

interface Session {
  token: string;
  account: SyncAccount;
}

/** Thrown inside a cycle whose session ended (logout, new login, stop) while it awaited. */
const STALE = Symbol('stale cycle');

/**
 * The desk's sync engine. One cycle = top up reserved numbers → push the outbox in batches →
 * pull until the server has nothing more → record the sync time. Cycles never overlap: a
 * trigger during a cycle asks for one more cycle after it, however many triggers come.
 *
 * Triggers: sign-in, a local change, a live notice, the pull interval, retryNow, and the backoff
 * timer after a failure. While offline only the backoff timer and retryNow start a cycle, so a
 * burst of typing does not hammer a server that is down.
 */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { store, transport, deskId, serverUrl } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? (() => undefined);
  const pullIntervalMs = deps.pullIntervalMs ?? DEFAULT_PULL_INTERVAL_MS;
  const batchSize = Math.max(1, Math.min(deps.batchSize ?? MAX_PUSH_CHANGES, MAX_PUSH_CHANGES));
  const random = deps.random ?? Math.random;
  const setTimer =
    deps.setTimer ??
    ((fn: () => void, ms: number) => {
      const timer = setTimeout(fn, ms);
      timer.unref?.();
      return timer;
    });
  const clearTimer = deps.clearTimer ?? ((handle: TimerHandle) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  let session: Session | null = null;
  /** Bumped whenever the session ends or changes; a cycle or stream of an older epoch is ignored. */
  let epoch = 0;
  let stopped = false;
  let state: SyncState = 'signed-out';
  let lastError: SyncStatus['lastError'] = null;
  let nextRetryAt: string | null = null;
  let counts = { pending: 0, held: 0 };
  let lastSyncAt: string | null = null;
  const listeners = new Set<(status: SyncStatus) => void>();

  const cycleBackoff = createBackoff({ random });
  const liveBackoff = createBackoff({ random });
  let retryTimer: TimerHandle | null = null;
  let intervalTimer: TimerHandle | null = null;
  let liveTimer: TimerHandle | null = null;
  let live: LiveStream | null = null;
  /**
   * A login the server could not answer (down, network cut): kept in memory only and tried again
   * with backoff, so a desk started while the server is down connects once it is back.
   */
  let pendingLogin: { username: string; password: string } | null = null;
  let loginTimer: TimerHandle | null = null;

  let inFlight: Promise<void> | null = null;
  let wanted = false;
  /** A wanted cycle that runs even while offline (retry timer, retryNow, flush, sign-in). */
  let wantedFirm = false;
  let waiters: Array<() => void> = [];

  const iso = () => now().toISOString();

  function local<T>(what: string, fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (error) {
      log(`sync: store ${what} failed (${error instanceof Error ? error.name : 'error'})`);
      return fallback;
    }
  }

  function refreshCounts(): void {
    const fresh = local('counts', () => store.counts(), counts);
    counts = { pending: fresh.pending, held: fresh.held };
  }

  function status(): SyncStatus {
    return {
      state,
      serverUrl,
      account: session ? { ...session.account } : null,
      pending: counts.pending,
      held: counts.held,
      lastSyncAt,
      lastError: lastError ? { ...lastError } : null,
      nextRetryAt,
    };
  }

  let lastEmitted = status();
  function emit(): void {
    const current = status();
    if (deepEqual(current, lastEmitted)) return;
    lastEmitted = current;
    for (const listener of [...listeners]) {
      try {
        listener(status());
      } catch {
        log('sync: a status listener failed');
      }
    }
  }

  function cancel(timer: TimerHandle | null): null {
    if (timer !== null) clearTimer(timer);
    return null;
  }

  function closeLive(): void {
    const stream = live;
    live = null;
    liveTimer = cancel(liveTimer);
    stream?.close();
  }

  function stopActivity(): void {
    epoch += 1;
    pendingLogin = null;
    loginTimer = cancel(loginTimer);
    closeLive();
    retryTimer = cancel(retryTimer);
    intervalTimer = cancel(intervalTimer);
    cycleBackoff.reset();
    liveBackoff.reset();
  }

  function endSession(error: SyncErrorCode | null): void {
    stopActivity();
    session = null;
    state = 'signed-out';
    nextRetryAt = null;
    lastError = error ? { code: error, at: iso() } : null;
    refreshCounts();
    emit();
  }

  function startSession(token: string, account: SyncAccount): void {
    stopActivity();
    session = { token, account: { ...account } };
    state = 'connecting';
    lastError = null;
    nextRetryAt = null;
    refreshCounts();
    emit();
    log(`sync: signed in as ${account.username}`);
    void requestCycle(true);
  }

  const canRun = () => session !== null && !stopped;

  function requestCycle(firm: boolean): Promise<void> {
    if (!canRun()) return Promise.resolve();
    // Offline, the backoff timer decides when to try again.
    if (!firm && state === 'offline') return Promise.resolve();
    wanted = true;
    if (firm) wantedFirm = true;
    const done = new Promise<void>((resolve) => waiters.push(resolve));
    kick();
    return done;
  }

  function kick(): void {
    if (inFlight) return;
    inFlight = drive().finally(() => {
      inFlight = null;
      if (wanted && canRun()) kick();
      else {
        wanted = false;
        wantedFirm = false;
        const left = waiters;
        waiters = [];
        for (const resolve of left) resolve();
      }
    });
  }

  async function drive(): Promise<void> {
    while (wanted && canRun()) {
      wanted = false;
      wantedFirm = false;
      const served = waiters;
      waiters = [];
      try {
        await cycle();
      } finally {
        for (const resolve of served) resolve();
      }
      // A soft trigger that came during a failed cycle waits for the backoff timer.
      if (state === 'offline' && !wantedFirm) wanted = false;
    }
  }

  async function cycle(): Promise<void> {
    const current = session;
    if (!current || stopped) return;
    const mine = epoch;
    const check = () => {
      if (mine !== epoch || stopped) throw STALE;
    };
    retryTimer = cancel(retryTimer);
    if (state === 'offline') {
      state = 'connecting';
      nextRetryAt = null;
      emit();
    }
    try {
      await topUpNumbers(current.token, check);
      await pushAll(current.token, check);
      await pullAll(current.token, check);
      succeed();
    } catch (error) {
      if (error === STALE) return;
      fail(error);
    }
  }

  async function topUpNumbers(token: string, check: () => void): Promise<void> {
    const want = store.numbersWanted();
    if (want <= 0) return;
    try {
      const numbers = await transport.reserveNumbers(token, deskId, Math.min(want, MAX_RESERVE_COUNT));
      check();
      if (numbers.length > 0) store.addNumbers(numbers);
    } catch (error) {
      // The desk gives provisional numbers without a pool; a server that cannot reserve (yet)
      // must not keep cases from being pushed. Unreachable or unauthorized fail the cycle.
      if (error instanceof SyncFailure && error.code === 'server-error') {
        log(`sync: ${error.message}; provisional numbers stay in use`);
        return;
      }
      throw error;
    }
  }

  async function pushAll(token: string, check: () => void): Promise<void> {
    const sent = new Set<string>();
    for (;;) {
      const batch = store.pendingBatch(batchSize);
      if (batch.length === 0) return;
      // Everything left was sent in this cycle and kept back by the host: try again next cycle.
      if (batch.every((change) => sent.has(change.changeId))) return;
      for (const change of batch) sent.add(change.changeId);
      const response = await transport.push(token, { deskId, changes: batch });
      check();
      store.acknowledge(response);
      refreshCounts();
      emit();
      if (response.rejected.length > 0) log(`sync: server refused ${response.rejected.length} change(s)`);
      if (response.accepted.length + response.duplicates.length === 0) return;
    }
  }

  async function pullAll(token: string, check: () => void): Promise<void> {
    let cursor = store.cursor();
    for (;;) {
      const answer = await transport.pull(token, cursor, PULL_LIMIT);
      check();
      const moved = answer.changes.length > 0 || answer.cursor !== cursor;
      if (moved) store.applyPulled(answer.changes, answer.cursor);
      if (!answer.more || !moved) return;
      cursor = answer.cursor;
    }
  }

  function succeed(): void {
    const at = iso();
    cycleBackoff.reset();
    retryTimer = cancel(retryTimer);
    local('setLastSyncAt', () => store.setLastSyncAt(at), undefined);
    lastSyncAt = at;
    refreshCounts();
    const wasOnline = state === 'online';
    state = 'online';
    nextRetryAt = null;
    lastError = counts.held > 0 ? (lastError?.code === 'rejected' ? lastError : { code: 'rejected', at }) : null;
    emit();
    if (!wasOnline) log('sync: online');
    intervalTimer = cancel(intervalTimer);
    intervalTimer = setTimer(() => {
      intervalTimer = null;
      void requestCycle(false);
    }, pullIntervalMs);
    ensureLive();
  }

  function fail(error: unknown): void {
    const failure = error instanceof SyncFailure ? error : null;
    if (failure?.code === 'unauthorized') {
      log('sync: the server refused the session; sign in again');
      endSession('unauthorized');
      return;
    }
    const code: SyncErrorCode = failure?.code === 'unreachable' ? 'unreachable' : 'server-error';
    log(failure ? `sync: ${failure.message}` : `sync: cycle failed on this desk (${error instanceof Error ? error.name : 'error'})`);
    const delay = cycleBackoff.next();
    const at = now();
    state = 'offline';
    lastError = { code, at: at.toISOString() };
    nextRetryAt = new Date(at.getTime() + delay).toISOString();
    refreshCounts();
    emit();
    intervalTimer = cancel(intervalTimer);
    retryTimer = cancel(retryTimer);
    retryTimer = setTimer(() => {
      retryTimer = null;
      void requestCycle(true);
    }, delay);
  }

  function ensureLive(): void {
    if (live || liveTimer !== null || !session || stopped) return;
    const mine = epoch;
    let ended = false;
    const stream = transport.openLive(session.token, {
      onOpen: () => {
        if (mine !== epoch) return;
        liveBackoff.reset();
        // Whatever changed between the last pull and now was not announced: pull once.
        void requestCycle(false);
      },
      onChanged: () => {
        if (mine !== epoch) return;
        void requestCycle(false);
      },
      onClose: (failure) => {
        ended = true;
        if (mine !== epoch) return;
        live = null;
        if (failure.code === 'unauthorized') {
          log('sync: the server refused the session on the live channel; sign in again');
          endSession('unauthorized');
          return;
        }
        const delay = liveBackoff.next();
        log(`sync: ${failure.message}; reopening in ${delay} ms`);
        liveTimer = setTimer(() => {
          liveTimer = null;
          ensureLive();
        }, delay);
      },
    });
    if (!ended && mine === epoch) live = stream;
  }

  /** One login attempt; on unreachable/server-error it is remembered and retried with backoff. */
  async function attemptLogin(username: string, password: string): Promise<void> {
    const mine = epoch;
    let answer;
    try {
      answer = await transport.login(username, password);
    } catch (error) {
      const failure = error instanceof SyncFailure ? error : new SyncFailure('server-error', 'login: failed on this desk');
      if (mine !== epoch || stopped) throw failure;
      if (session) throw failure; // a signed-in session stays as it was
      const at = now();
      lastError = { code: failure.code, at: at.toISOString() };
      if (failure.code === 'unreachable' || failure.code === 'server-error') {
        const delay = cycleBackoff.next();
        pendingLogin = { username, password };
        state = 'offline';
        nextRetryAt = new Date(at.getTime() + delay).toISOString();
        loginTimer = cancel(loginTimer);
        loginTimer = setTimer(() => {
          loginTimer = null;
          const retry = pendingLogin;
          if (retry && !session && !stopped) attemptLogin(retry.username, retry.password).catch(() => undefined);
        }, delay);
        log(`sync: ${failure.message}; login retried in ${delay} ms`);
      } else {
        pendingLogin = null;
        state = 'signed-out';
        nextRetryAt = null;
      }
      refreshCounts();
      emit();
      throw failure;
    }
    if (mine !== epoch || stopped) return;
    startSession(answer.token, answer.account);
  }

  lastSyncAt = local('lastSyncAt', () => store.lastSyncAt(), null);
  refreshCounts();
  lastEmitted = status();

  return {
    status,
    onStatus(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async login(username, password) {
      if (!serverUrl) throw new SyncFailure('unreachable', 'login: no sync server configured');
      if (stopped) throw new SyncFailure('unreachable', 'login: sync is stopped');
      // A new login replaces one waiting for the server.
      pendingLogin = null;
      loginTimer = cancel(loginTimer);
      await attemptLogin(username, password);
      return status();
    },
    async logout() {
      const current = session;
      if (!current) {
        if (pendingLogin) endSession(null); // gives up the login waiting for the server
        return status();
      }
      endSession(null);
      log('sync: signed out');
      try {
        await transport.logout(current.token);
      } catch (error) {
        log(`sync: ${error instanceof SyncFailure ? error.message : 'logout failed'}; session dropped on this desk`);
      }
      return status();
    },
    useSession(token, account) {
      if (!serverUrl || stopped) return;
      startSession(token, account);
    },
    async retryNow() {
      if (!session && pendingLogin && !stopped) {
        const retry = pendingLogin;
        loginTimer = cancel(loginTimer);
        cycleBackoff.reset();
        await attemptLogin(retry.username, retry.password).catch(() => undefined);
        return status();
      }
      if (!canRun()) return status();
      const released = local('releaseHeld', () => store.releaseHeld(), 0);
      if (released > 0) log(`sync: ${released} held change(s) back in the outbox`);
      cycleBackoff.reset();
      retryTimer = cancel(retryTimer);
      if (liveTimer !== null) {
        liveTimer = cancel(liveTimer);
        liveBackoff.reset();
      }
      refreshCounts();
      emit();
      await requestCycle(true);
      return status();
    },
    localChange() {
      refreshCounts();
      emit();
      void requestCycle(false);
    },
    currentToken() {
      return session?.token ?? null;
    },
    flush() {
      return requestCycle(true);
    },
    async stop() {
      stopped = true;
      stopActivity();
      const running = inFlight;
      if (running) await running;
    },
  };
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
