import { createBackoff } from './backoff.js';
import type { EngineContext } from './engineContext.js';
import type { TimerHandle } from './engineDeps.js';
import type { IncidentList, LiveNotice, QueueFiguresEvent } from '../protocol.js';
import type { LiveStream } from './transport.js';

/**
 * The live channel: the server announces what its change log gained, so the desk applies it (or
 * pulls) at once rather than at the next safety-net pull. It reopens with its own backoff when it
 * drops.
 */
export interface LiveChannel {
  /** Opens the channel unless it is open or waiting to reopen. */
  ensure(): void;
  /** The stream is open: every change from now on will be announced on it. */
  isOpen(): boolean;
  /** A reopen waiting for its backoff is dropped; the next successful cycle reopens at once. */
  skipWait(): void;
  close(): void;
}

export function createLiveChannel(
  ctx: EngineContext,
  handlers: {
    onChanged(notice: LiveNotice | null): void;
    onRefused(): void;
    onQueues?: (event: QueueFiguresEvent) => void;
    onIncidents?: (list: IncidentList) => void;
  },
): LiveChannel {
  const liveBackoff = createBackoff({ random: ctx.random });
  let liveTimer: TimerHandle | null = null;
  let live: LiveStream | null = null;
  let open = false;

  function ensureLive(): void {
    if (live || liveTimer !== null || !ctx.session || ctx.stopped) return;
    const mine = ctx.epoch;
    let ended = false;
    const stream = ctx.transport.openLive(ctx.session.token, {
      onOpen: () => {
        if (mine !== ctx.epoch) return;
        liveBackoff.reset();
        open = true;
        // Whatever changed between the last pull and now was not announced: pull once.
        handlers.onChanged(null);
      },
      onChanged: (notice) => {
        if (mine !== ctx.epoch) return;
        handlers.onChanged(notice);
      },
      ...(handlers.onQueues
        ? {
            onQueues: (event: QueueFiguresEvent) => {
              if (mine === ctx.epoch) handlers.onQueues!(event);
            },
          }
        : {}),
      ...(handlers.onIncidents
        ? {
            onIncidents: (list: IncidentList) => {
              if (mine === ctx.epoch) handlers.onIncidents!(list);
            },
          }
        : {}),
      onClose: (failure) => {
        ended = true;
        if (mine !== ctx.epoch) return;
        live = null;
        open = false;
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
    isOpen: () => open,
    skipWait() {
      if (liveTimer !== null) {
        liveTimer = ctx.cancel(liveTimer);
        liveBackoff.reset();
      }
    },
    close() {
      const stream = live;
      live = null;
      open = false;
      liveTimer = ctx.cancel(liveTimer);
      stream?.close();
      liveBackoff.reset();
    },
  };
}
