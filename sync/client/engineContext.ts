import type { SyncAccount, SyncState, SyncStatus } from '../../core/syncStatus.js';
import { createBackoff, type Backoff } from './backoff.js';
import type { SyncEngineDeps, SyncStore, TimerHandle } from './engineDeps.js';
import type { SyncTransport } from './transport.js';

export interface Session {
  token: string;
  account: SyncAccount;
}

/**
 * What the parts of the sync engine share: its collaborators, the session and the status it
 * reports. Cycles, the live channel and the login retry all change the one status the desk
 * shows, so they write it here and emit() tells the listeners only what really changed.
 */
export interface EngineContext {
  readonly store: SyncStore;
  readonly transport: SyncTransport;
  readonly deskId: string;
  readonly serverUrl: string | null;
  now(): Date;
  iso(): string;
  log(line: string): void;
  random(): number;
  setTimer(fn: () => void, ms: number): TimerHandle;
  /** Clears the timer if there is one; returns null so that `timer = cancel(timer)` forgets it. */
  cancel(timer: TimerHandle | null): null;
  /** Failed cycles and a login the server could not answer back off together. */
  readonly cycleBackoff: Backoff;
  session: Session | null;
  /** Bumped whenever the session ends or changes; a cycle or stream of an older epoch is ignored. */
  epoch: number;
  /** The next cycle pulls (a notice the live channel carried is applied without one). */
  pullWanted: boolean;
  stopped: boolean;
  state: SyncState;
  lastError: SyncStatus['lastError'];
  nextRetryAt: string | null;
  lastSyncAt: string | null;
  readonly counts: { pending: number; held: number };
  canRun(): boolean;
  /** A store call that must not break the engine: a failure is logged and `fallback` returned. */
  local<T>(what: string, fn: () => T, fallback: T): T;
  refreshCounts(): void;
  status(): SyncStatus;
  emit(): void;
  onStatus(listener: (status: SyncStatus) => void): () => void;
}

export function createEngineContext(deps: SyncEngineDeps): EngineContext {
  const { store, transport, deskId, serverUrl } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? (() => undefined);
  const random = deps.random ?? Math.random;
  const setTimer =
    deps.setTimer ??
    ((fn: () => void, ms: number) => {
      const timer = setTimeout(fn, ms);
      timer.unref?.();
      return timer;
    });
  const clearTimer = deps.clearTimer ?? ((handle: TimerHandle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const listeners = new Set<(status: SyncStatus) => void>();
  let counts = { pending: 0, held: 0 };
  let lastEmitted: SyncStatus;

  function local<T>(what: string, fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (error) {
      log(`sync: store ${what} failed (${error instanceof Error ? error.name : 'error'})`);
      return fallback;
    }
  }

  const ctx: EngineContext = {
    store,
    transport,
    deskId,
    serverUrl,
    now,
    iso: () => now().toISOString(),
    log,
    random,
    setTimer,
    cancel(timer) {
      if (timer !== null) clearTimer(timer);
      return null;
    },
    cycleBackoff: createBackoff({ random }),
    session: null,
    epoch: 0,
    pullWanted: false,
    stopped: false,
    state: 'signed-out',
    lastError: null,
    nextRetryAt: null,
    lastSyncAt: null,
    get counts() {
      return counts;
    },
    canRun: () => ctx.session !== null && !ctx.stopped,
    local,
    refreshCounts() {
      const fresh = local('counts', () => store.counts(), counts);
      counts = { pending: fresh.pending, held: fresh.held };
    },
    status() {
      return {
        state: ctx.state,
        serverUrl,
        account: ctx.session ? { ...ctx.session.account } : null,
        pending: counts.pending,
        held: counts.held,
        lastSyncAt: ctx.lastSyncAt,
        lastError: ctx.lastError ? { ...ctx.lastError } : null,
        nextRetryAt: ctx.nextRetryAt,
      };
    },
    emit() {
      const current = ctx.status();
      if (deepEqual(current, lastEmitted)) return;
      lastEmitted = current;
      for (const listener of [...listeners]) {
        try {
          listener(ctx.status());
        } catch {
          log('sync: a status listener failed');
        }
      }
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };

  ctx.lastSyncAt = local('lastSyncAt', () => store.lastSyncAt(), null);
  ctx.refreshCounts();
  lastEmitted = ctx.status();
  return ctx;
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
