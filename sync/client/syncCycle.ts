import type { SyncErrorCode } from '../../core/syncStatus.js';
import type { EngineContext } from './engineContext.js';
import type { TimerHandle } from './engineDeps.js';
import type { LiveNotices } from './liveNotices.js';
import { MAX_RESERVE_COUNT, SyncFailure } from './transport.js';

export const PULL_LIMIT = 500;

/** Thrown inside a cycle whose session ended (logout, new login, stop) while it awaited. */
const STALE = Symbol('stale cycle');

/**
 * A cycle's exchanges with the server, and what its outcome schedules: after a success the
 * safety-net pull and the live channel, after a failure the retry with backoff (state 'offline').
 */
export interface SyncCycle {
  run(): Promise<void>;
  /** Drops the retry a failed cycle scheduled. */
  cancelRetry(): void;
  /** Drops the retry and the interval pull. */
  cancelTimers(): void;
}

export interface SyncCycleOptions {
  batchSize: number;
  pullIntervalMs: number;
  requestCycle(firm: boolean, pull?: boolean): Promise<void>;
  /** The live channel's notices, applied here between the cycle's other steps. */
  notices: LiveNotices;
  /** A cycle succeeded: the live channel may open. */
  ensureLive(): void;
  endSession(error: SyncErrorCode | null): void;
}

export function createSyncCycle(ctx: EngineContext, options: SyncCycleOptions): SyncCycle {
  const { store, transport, deskId, log } = ctx;
  const { batchSize, pullIntervalMs, requestCycle, notices } = options;
  let retryTimer: TimerHandle | null = null;
  let intervalTimer: TimerHandle | null = null;

  async function cycle(): Promise<void> {
    const current = ctx.session;
    if (!current || ctx.stopped) return;
    const mine = ctx.epoch;
    const check = () => {
      if (mine !== ctx.epoch || ctx.stopped) throw STALE;
    };
    retryTimer = ctx.cancel(retryTimer);
    if (ctx.state === 'offline') {
      ctx.state = 'connecting';
      ctx.nextRetryAt = null;
      ctx.emit();
    }
    try {
      await topUpNumbers(current.token, check);
      await pushAll(current.token, check);
      await catchUp(current.token, check);
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
      ctx.refreshCounts();
      ctx.emit();
      if (response.rejected.length > 0) log(`sync: server refused ${response.rejected.length} change(s)`);
      if (response.accepted.length + response.duplicates.length === 0) return;
    }
  }

  async function catchUp(token: string, check: () => void): Promise<void> {
    const pull = ctx.pullWanted;
    ctx.pullWanted = false;
    if (!pull && notices.apply(store)) return;
    const covered = notices.mark();
    try {
      await pullAll(token, check);
    } catch (error) {
      ctx.pullWanted = true;
      throw error;
    }
    // A notice that came during the pull and does not fit what it brought: one more pull.
    if (!notices.apply(store, covered)) void requestCycle(false);
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
    const at = ctx.iso();
    ctx.cycleBackoff.reset();
    retryTimer = ctx.cancel(retryTimer);
    ctx.local('setLastSyncAt', () => store.setLastSyncAt(at), undefined);
    ctx.lastSyncAt = at;
    ctx.refreshCounts();
    const wasOnline = ctx.state === 'online';
    ctx.state = 'online';
    ctx.nextRetryAt = null;
    ctx.lastError = ctx.counts.held > 0 ? (ctx.lastError?.code === 'rejected' ? ctx.lastError : { code: 'rejected', at }) : null;
    ctx.emit();
    if (!wasOnline) log('sync: online');
    intervalTimer = ctx.cancel(intervalTimer);
    intervalTimer = ctx.setTimer(() => {
      intervalTimer = null;
      void requestCycle(false);
    }, pullIntervalMs);
    options.ensureLive();
  }

  function fail(error: unknown): void {
    const failure = error instanceof SyncFailure ? error : null;
    if (failure?.code === 'unauthorized') {
      log('sync: the server refused the session; sign in again');
      options.endSession('unauthorized');
      return;
    }
    const code: SyncErrorCode = failure?.code === 'unreachable' ? 'unreachable' : 'server-error';
    log(failure ? `sync: ${failure.message}` : `sync: cycle failed on this desk (${error instanceof Error ? error.name : 'error'})`);
    const delay = ctx.cycleBackoff.next();
    const at = ctx.now();
    ctx.state = 'offline';
    ctx.lastError = { code, at: at.toISOString() };
    ctx.nextRetryAt = new Date(at.getTime() + delay).toISOString();
    ctx.refreshCounts();
    ctx.emit();
    intervalTimer = ctx.cancel(intervalTimer);
    retryTimer = ctx.cancel(retryTimer);
    retryTimer = ctx.setTimer(() => {
      retryTimer = null;
      void requestCycle(true);
    }, delay);
  }

  return {
    run: cycle,
    cancelRetry() {
      retryTimer = ctx.cancel(retryTimer);
    },
    cancelTimers() {
      retryTimer = ctx.cancel(retryTimer);
      intervalTimer = ctx.cancel(intervalTimer);
    },
  };
}
