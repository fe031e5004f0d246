import type { EngineContext } from './engineContext.js';

/**
 * When cycles run: never two at once (both would push the same outbox), and a trigger during a
 * cycle asks for one more cycle after it, however many triggers come.
 */
export interface CycleScheduler {
  /**
   * Resolves once a cycle that started after the call has run; only a firm request runs while
   * offline. `pull` false: the cycle need not pull for this request (a live notice it applies).
   */
  request(firm: boolean, pull?: boolean): Promise<void>;
  /** The cycle running now, if any. */
  running(): Promise<void> | null;
}

export function createCycleScheduler(ctx: EngineContext, cycle: () => Promise<void>): CycleScheduler {
  let inFlight: Promise<void> | null = null;
  let wanted = false;
  /** A wanted cycle that runs even while offline (retry timer, retryNow, flush, sign-in). */
  let wantedFirm = false;
  let waiters: Array<() => void> = [];

  function requestCycle(firm: boolean, pull = true): Promise<void> {
    if (!ctx.canRun()) return Promise.resolve();
    // Offline, the backoff timer decides when to try again.
    if (!firm && ctx.state === 'offline') return Promise.resolve();
    if (pull) ctx.pullWanted = true;
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
      if (wanted && ctx.canRun()) kick();
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
    while (wanted && ctx.canRun()) {
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
      if (ctx.state === 'offline' && !wantedFirm) wanted = false;
    }
  }

  return { request: requestCycle, running: () => inFlight };
}
