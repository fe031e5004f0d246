import type { SyncAccount } from '../../core/syncStatus.js';
import type { EngineContext } from './engineContext.js';
import type { TimerHandle } from './engineDeps.js';
import { SyncFailure } from './transport.js';

/** Logins, including one the server could not answer, which is kept and tried again. */
export interface LoginRetry {
  /** One login attempt; on unreachable/server-error it is remembered and retried with backoff. */
  attempt(username: string, password: string): Promise<void>;
  /** A login is waiting for the server. */
  waiting(): boolean;
  /** Tries the waiting login now, from the base delay again; a failure is already in the status. */
  retryNow(): Promise<void>;
  /** Gives up the login waiting for the server. */
  drop(): void;
}

export function createLoginRetry(ctx: EngineContext, startSession: (token: string, account: SyncAccount) => void): LoginRetry {
  /**
   * A login the server could not answer (down, network cut): kept in memory only and tried again
   * with backoff, so a desk started while the server is down connects once it is back.
   */
  let pendingLogin: { username: string; password: string } | null = null;
  let loginTimer: TimerHandle | null = null;

  async function attemptLogin(username: string, password: string): Promise<void> {
    const mine = ctx.epoch;
    let answer;
    try {
      answer = await ctx.transport.login(username, password);
    } catch (error) {
      const failure = error instanceof SyncFailure ? error : new SyncFailure('server-error', 'login: failed on this desk');
      if (mine !== ctx.epoch || ctx.stopped) throw failure;
      if (ctx.session) throw failure; // a signed-in session stays as it was
      const at = ctx.now();
      ctx.lastError = { code: failure.code, at: at.toISOString() };
      if (failure.code === 'unreachable' || failure.code === 'server-error') {
        const delay = ctx.cycleBackoff.next();
        pendingLogin = { username, password };
        ctx.state = 'offline';
        ctx.nextRetryAt = new Date(at.getTime() + delay).toISOString();
        loginTimer = ctx.cancel(loginTimer);
        loginTimer = ctx.setTimer(() => {
          loginTimer = null;
          const retry = pendingLogin;
          if (retry && !ctx.session && !ctx.stopped) attemptLogin(retry.username, retry.password).catch(() => undefined);
        }, delay);
        ctx.log(`sync: ${failure.message}; login retried in ${delay} ms`);
      } else {
        pendingLogin = null;
        ctx.state = 'signed-out';
        ctx.nextRetryAt = null;
      }
      ctx.refreshCounts();
      ctx.emit();
      throw failure;
    }
    if (mine !== ctx.epoch || ctx.stopped) return;
    startSession(answer.token, answer.account);
  }

  return {
    attempt: attemptLogin,
    waiting: () => pendingLogin !== null,
    async retryNow() {
      const retry = pendingLogin;
      if (!retry) return;
      loginTimer = ctx.cancel(loginTimer);
      ctx.cycleBackoff.reset();
      await attemptLogin(retry.username, retry.password).catch(() => undefined);
    },
    drop() {
      pendingLogin = null;
      loginTimer = ctx.cancel(loginTimer);
    },
  };
}
