import type { SyncAccount, SyncErrorCode, SyncStatus } from '../../core/syncStatus.js';
import { MAX_PUSH_CHANGES } from '../protocol.js';
import { createCycleScheduler } from './cycleScheduler.js';
import { createEngineContext } from './engineContext.js';
import { createLiveChannel } from './liveChannel.js';
import { createLiveNotices } from './liveNotices.js';
import { createLoginRetry } from './loginRetry.js';
import { createSyncCycle } from './syncCycle.js';
import type { SyncEngineDeps } from './engineDeps.js';
import { SyncFailure } from './transport.js';

export { PULL_LIMIT } from './syncCycle.js';
export type { SyncEngineDeps, SyncStore, TimerHandle } from './engineDeps.js';

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

/**
 * The desk's sync engine. One cycle = top up reserved numbers → push the outbox in batches →
 * catch up with the server → record the sync time. Catching up applies the live channel's
 * notices that carry what changed (liveNotices.ts) and pulls until the server has nothing more
 * when a trigger needs it or a notice does not fit. Cycles never overlap: a trigger during a
 * cycle asks for one more cycle after it, however many triggers come.
 *
 * Triggers: sign-in, a local change, a live notice, the pull interval, retryNow, and the backoff
 * timer after a failure. All of them pull but a notice that fits and a local change while the
 * live channel is open (the server announces the desk's own change like any other). While
 * offline only the backoff timer and retryNow start a cycle, so a burst of typing does not hammer
 * a server that is down.
 */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const ctx = createEngineContext(deps);
  const { store, transport, serverUrl, log } = ctx;
  const pullIntervalMs = deps.pullIntervalMs ?? DEFAULT_PULL_INTERVAL_MS;
  const batchSize = Math.max(1, Math.min(deps.batchSize ?? MAX_PUSH_CHANGES, MAX_PUSH_CHANGES));

  const scheduler = createCycleScheduler(ctx, () => syncCycle.run());
  const requestCycle = scheduler.request;
  const notices = createLiveNotices();
  const live = createLiveChannel(ctx, {
    onChanged(notice) {
      notices.add(notice);
      void requestCycle(false, notice === null);
    },
    onRefused: () => endSession('unauthorized'),
    ...(deps.onQueueFigures ? { onQueues: deps.onQueueFigures } : {}),
    ...(deps.onIncidents ? { onIncidents: deps.onIncidents } : {}),
  });
  const syncCycle = createSyncCycle(ctx, { batchSize, pullIntervalMs, requestCycle, ensureLive: live.ensure, notices, endSession });
  const logins = createLoginRetry(ctx, startSession);

  function stopActivity(): void {
    ctx.epoch += 1;
    logins.drop();
    live.close();
    notices.clear();
    syncCycle.cancelTimers();
    ctx.cycleBackoff.reset();
  }

  function endSession(error: SyncErrorCode | null): void {
    stopActivity();
    ctx.session = null;
    ctx.state = 'signed-out';
    ctx.nextRetryAt = null;
    ctx.lastError = error ? { code: error, at: ctx.iso() } : null;
    ctx.refreshCounts();
    ctx.emit();
  }

  function startSession(token: string, account: SyncAccount): void {
    stopActivity();
    ctx.session = { token, account: { ...account } };
    ctx.state = 'connecting';
    ctx.lastError = null;
    ctx.nextRetryAt = null;
    ctx.refreshCounts();
    ctx.emit();
    log(`sync: signed in as ${account.username}`);
    void requestCycle(true);
  }

  return {
    status: ctx.status,
    onStatus: ctx.onStatus,
    async login(username, password) {
      if (!serverUrl) throw new SyncFailure('unreachable', 'login: no sync server configured');
      if (ctx.stopped) throw new SyncFailure('unreachable', 'login: sync is stopped');
      // A new login replaces one waiting for the server.
      logins.drop();
      await logins.attempt(username, password);
      return ctx.status();
    },
    async logout() {
      const current = ctx.session;
      if (!current) {
        if (logins.waiting()) endSession(null); // gives up the login waiting for the server
        return ctx.status();
      }
      endSession(null);
      log('sync: signed out');
      try {
        await transport.logout(current.token);
      } catch (error) {
        log(`sync: ${error instanceof SyncFailure ? error.message : 'logout failed'}; session dropped on this desk`);
      }
      return ctx.status();
    },
    useSession(token, account) {
      if (!serverUrl || ctx.stopped) return;
      startSession(token, account);
    },
    async retryNow() {
      if (!ctx.session && logins.waiting() && !ctx.stopped) {
        await logins.retryNow();
        return ctx.status();
      }
      if (!ctx.canRun()) return ctx.status();
      const released = ctx.local('releaseHeld', () => store.releaseHeld(), 0);
      if (released > 0) log(`sync: ${released} held change(s) back in the outbox`);
      ctx.cycleBackoff.reset();
      syncCycle.cancelRetry();
      live.skipWait();
      ctx.refreshCounts();
      ctx.emit();
      await requestCycle(true);
      return ctx.status();
    },
    localChange() {
      ctx.refreshCounts();
      ctx.emit();
      // With the live channel open the server announces this desk's own change too: no pull.
      void requestCycle(false, !live.isOpen());
    },
    currentToken() {
      return ctx.session?.token ?? null;
    },
    flush() {
      return requestCycle(true);
    },
    async stop() {
      ctx.stopped = true;
      stopActivity();
      const running = scheduler.running();
      if (running) await running;
    },
  };
}
