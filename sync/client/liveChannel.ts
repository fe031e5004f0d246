import { createBackoff } from './backoff.js';
import type { EngineContext } from './engineContext.js';
import type { TimerHandle } from './engineDeps.js';
import type { LiveStream } from './transport.js';

/**
 * The live channel: the server announces that its change log grew, so the desk pulls at once
 * rather than at the next safety-net pull. It reopens with its own backoff when it drops.
 */
export interface LiveChannel {
  /** Opens the channel unless it is open or waiting to reopen. */
  ensure(): void;
  /** A reopen waiting for its backoff is dropped; the next successful cycle reopens at once. */
  skipWait(): void;
  close(): void;
}

export function createLiveChannel(ctx: EngineContext, handlers: { onChanged(): void; onRefused(): void }): LiveChannel {
  const liveBackoff = createBackoff({ random: ctx.random });
  let liveTimer: TimerHandle | null = null;
  let live: LiveStream | null = null;

  function ensureLive(): void {
    if (live || liveTimer !== null || !ctx.session || ctx.stopped) return;
    const mine = ctx.epoch;
    let ended = false;
    const stream = ctx.transport.openLive(ctx.session.token, {
      onOpen: () => {
        if (mine !== ctx.epoch) return;
        liveBackoff.reset();
        // Whatever changed between the last pull and now was not announced: pull once.
        handlers.onChanged();
      },
      onChanged: () => {
        if (mine !== ctx.epoch) return;
        handlers.onChanged();
      },
      onClose: (failure) => {
        ended = true;
        if (mine !== ctx.epoch) return;
        live = null;
        if (failure.code === 'unauthorized') {
          ctx.log('sync: the server refused the session on the live channel; sign in again');
          handlers.onRefused();
          return;
        }
        const delay = liveBackoff.next();
        ctx.log(`sync: ${failure.message}; reopening in ${delay} ms`);
        liveTimer = ctx.setTimer(() => {
          liveTimer = null;
          ensureLive();
        }, delay);
      },
    });
    if (!ended && mine === ctx.epoch) live = stream;
  }

  return {
    ensure: ensureLive,
    skipWait() {
      if (liveTimer !== null) {
        liveTimer = ctx.cancel(liveTimer);
        liveBackoff.reset();
      }
    },
    close() {
      const stream = live;
      live = null;
      liveTimer = ctx.cancel(liveTimer);
      stream?.close();
      liveBackoff.reset();
    },
  };
}
