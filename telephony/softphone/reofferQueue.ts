/**
 * The hold/unhold re-INVITEs of the primary call, one at a time: a hold or resume asked while
 * one is in flight waits for it instead of racing it.
 */
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { PhoneContext } from './phoneContext.js';

export interface ReofferQueue {
  reoffer(session: RTCSession, what: 'hold' | 'unhold'): void;
  /** The call ended: nothing is in flight any more. */
  reset(): void;
}

export function createReofferQueue(ctx: PhoneContext): ReofferQueue {
  /** A hold/unhold re-INVITE is in flight; pendingHold: what was asked meanwhile. */
  let reoffering = false;
  let pendingHold: boolean | null = null;

  /**
   * hold()/unhold() send a re-INVITE; JsSIP refuses (returns false) while the previous
   * offer/answer is still open, e.g. a resume clicked right after hold: try again shortly.
   */
  function reoffer(session: RTCSession, what: 'hold' | 'unhold', attempt = 0): void {
    if (session !== ctx.primary || session.isEnded()) return;
    const wanted = what === 'hold';
    if (reoffering) {
      // JsSIP would start a second re-INVITE at once (glare, and it hangs up on the failed
      // hold): the wish waits for the one in flight.
      pendingHold = wanted;
      return;
    }
    if (session.isOnHold().local === wanted) return;
    reoffering = true;
    pendingHold = null;
    const done = (): void => {
      reoffering = false;
      const next = pendingHold;
      pendingHold = null;
      if (next !== null) reoffer(session, next ? 'hold' : 'unhold');
    };
    const sent = wanted ? session.hold({}, done) : session.unhold({}, done);
    if (!sent) {
      reoffering = false;
      if (attempt < 10) ctx.timers.setTimeout(() => reoffer(session, what, attempt + 1), 200);
    }
  }

  return {
    reoffer,
    reset() {
      reoffering = false;
      pendingHold = null;
    },
  };
}
