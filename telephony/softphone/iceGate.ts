/**
 * Bounds ICE gathering. JsSIP sends the INVITE (or the 200 answer) only once gathering is
 * complete, which on a machine with only loopback, or with an unreachable STUN server, takes
 * tens of seconds. Its `icecandidate` event hands over a `ready()` that sends right away with
 * the candidates gathered so far. The gate calls it:
 *   - at once on the first server-reflexive or relay candidate (the address a PBX across NAT needs);
 *   - `hostGraceMs` after the first host candidate (a LAN PBX needs nothing more; the grace lets
 *     the other interfaces' host candidates join);
 *   - at `timeoutMs` after gathering began, whatever arrived.
 * Timers and the clock are injected: the tests drive them by hand.
 */

export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay' | 'unknown';

export interface GateTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface IceGateOptions {
  timeoutMs: number;
  hostGraceMs: number;
  timers: GateTimers;
}

export type IceReadyReason = 'srflx-or-relay' | 'host-grace' | 'timeout';

export interface IceGate {
  /** Gathering began (the peer connection exists): the timeout counts from here. */
  begin(): void;
  /** A candidate arrived with JsSIP's ready(). */
  candidate(type: CandidateType, ready: () => void): void;
  /** Why ready() was called, or null while still waiting. */
  readonly firedBecause: IceReadyReason | null;
  dispose(): void;
}

/** Pure decision: given what arrived so far, when must ready() be called (epoch ms)? */
export function iceReadyAt(input: {
  beganAt: number;
  firstHostAt: number | null;
  firstServerAt: number | null;
  timeoutMs: number;
  hostGraceMs: number;
}): { at: number; reason: IceReadyReason } {
  const deadline = input.beganAt + input.timeoutMs;
  if (input.firstServerAt !== null && input.firstServerAt <= deadline) return { at: input.firstServerAt, reason: 'srflx-or-relay' };
  if (input.firstHostAt !== null) {
    const graceEnd = input.firstHostAt + input.hostGraceMs;
    if (graceEnd < deadline) return { at: graceEnd, reason: 'host-grace' };
  }
  return { at: deadline, reason: 'timeout' };
}

/** The type of an RTCIceCandidate, also from its SDP line when the browser left `type` empty. */
export function candidateType(candidate: { type?: string | null; candidate?: string }): CandidateType {
  const t = candidate.type ?? / typ (host|srflx|prflx|relay)\b/.exec(candidate.candidate ?? '')?.[1];
  return t === 'host' || t === 'srflx' || t === 'prflx' || t === 'relay' ? t : 'unknown';
}

export function createIceGate(options: IceGateOptions): IceGate {
  const { timers } = options;
  let beganAt: number | null = null;
  let firstHostAt: number | null = null;
  let firstServerAt: number | null = null;
  let ready: (() => void) | null = null;
  let timer: unknown = null;
  let fired: IceReadyReason | null = null;
  let disposed = false;
  let pendingTimeout = false;

  const fire = (reason: IceReadyReason): void => {
    if (fired !== null || disposed) return;
    if (!ready) {
      // The deadline passed before any candidate brought a ready(): call it on the first one.
      if (reason === 'timeout') pendingTimeout = true;
      return;
    }
    fired = reason;
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    ready();
  };

  const schedule = (): void => {
    if (fired !== null || disposed || beganAt === null) return;
    const { at, reason } = iceReadyAt({ beganAt, firstHostAt, firstServerAt, timeoutMs: options.timeoutMs, hostGraceMs: options.hostGraceMs });
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const wait = at - timers.now();
    if (wait <= 0) fire(reason);
    else timer = timers.setTimeout(() => fire(reason), wait);
  };

  return {
    begin() {
      if (beganAt !== null) return;
      beganAt = timers.now();
      schedule();
    },
    candidate(type, readyFn) {
      if (fired !== null || disposed) return;
      ready = readyFn;
      if (beganAt === null) beganAt = timers.now();
      const now = timers.now();
      if ((type === 'srflx' || type === 'relay' || type === 'prflx') && firstServerAt === null) firstServerAt = now;
      if ((type === 'host' || type === 'unknown') && firstHostAt === null) firstHostAt = now;
      if (pendingTimeout) {
        fire('timeout');
        return;
      }
      schedule();
    },
    get firedBecause() {
      return fired;
    },
    dispose() {
      disposed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
