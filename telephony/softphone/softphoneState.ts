/**
 * The softphone's state: two explicit unions (registration, call) and their legal transitions.
 * Pure: no JsSIP, no clock, no timers. The adapter (jssipPhone.ts) turns JsSIP events into the
 * events below; an event that is not legal in the current state leaves the state unchanged and
 * is reported (`illegal`), never silently applied.
 *
 * Registration transitions (event → next state; a blank cell is illegal):
 *
 * | from \ event     | start      | ws-connecting | ws-connected | registered | registration-failed | ws-disconnected     | unregistered | reregister  | stop         | disable        |
 * |------------------|------------|---------------|--------------|------------|---------------------|---------------------|--------------|-------------|--------------|----------------|
 * | not-configured   | connecting |               |              |            |                     |                     |              |             |              | not-configured |
 * | connecting       |            | connecting    | registering  | registered | failed              | failed(transport)   |              |             | unregistered | not-configured |
 * | registering      |            | connecting    | registering  | registered | failed              | failed(transport)   | unregistered | registering | unregistered | not-configured |
 * | registered       |            | connecting    | registering  | registered | failed              | failed(transport)   | unregistered | registering | unregistered | not-configured |
 * | unregistered     | connecting | connecting    | registering  | registered | failed              | failed(transport)   | unregistered | registering | unregistered | not-configured |
 * | failed           | connecting | connecting    | registering  | registered | failed              | failed(transport)   | unregistered | registering | unregistered | not-configured |
 *
 * Call transitions (the call column of the panel; one call at a time, a consult call hangs off `active.transfer`):
 *
 * | from \ event   | incoming | dial    | progress | answer    | accepted  | confirmed | hold / mute / audio / transfer-* | end   | clear |
 * |----------------|----------|---------|----------|-----------|-----------|-----------|----------------------------------|-------|-------|
 * | idle           | ringing  | dialing |          |           |           |           |                                  |       |       |
 * | ringing        |          |         |          | answering |           | active    |                                  | ended |       |
 * | dialing        |          |         | alerting |           | answering | active    |                                  | ended |       |
 * | alerting       |          |         | alerting |           | answering | active    |                                  | ended |       |
 * | answering      |          |         |          |           | answering | active    |                                  | ended |       |
 * | active         |          |         |          |           |           | active    | active                           | ended |       |
 * | ended          | ringing  | dialing |          |           |           |           |                                  |       | idle  |
 */

// ───────────────────────────── registration ─────────────────────────────

export type RegistrationFailure = 'auth' | 'transport' | 'timeout' | 'rejected';

export type Registration =
  | { kind: 'not-configured' }
  /** The WebSocket to the SIP server is opening. */
  | { kind: 'connecting' }
  /** REGISTER sent, no final answer yet. */
  | { kind: 'registering' }
  | { kind: 'registered'; expiresAt: number }
  | { kind: 'unregistered' }
  /** retryAt: when the next attempt starts (epoch ms), null when none is planned. */
  | { kind: 'failed'; reason: RegistrationFailure; retryAt: number | null };

export type RegistrationKind = Registration['kind'];

export type RegistrationEvent =
  | { type: 'start' }
  | { type: 'ws-connecting' }
  | { type: 'ws-connected' }
  | { type: 'registered'; expiresAt: number }
  | { type: 'registration-failed'; reason: RegistrationFailure; retryAt: number | null }
  | { type: 'ws-disconnected'; retryAt: number | null }
  | { type: 'unregistered' }
  /** Register again now (network back, wake from sleep, registration expired). */
  | { type: 'reregister' }
  | { type: 'stop' }
  | { type: 'disable' };

export type RegistrationEventType = RegistrationEvent['type'];

export const REGISTRATION_KINDS: readonly RegistrationKind[] = ['not-configured', 'connecting', 'registering', 'registered', 'unregistered', 'failed'];
export const REGISTRATION_EVENTS: readonly RegistrationEventType[] = [
  'start',
  'ws-connecting',
  'ws-connected',
  'registered',
  'registration-failed',
  'ws-disconnected',
  'unregistered',
  'reregister',
  'stop',
  'disable',
];

type RegStep<E extends RegistrationEventType = RegistrationEventType> = (s: Registration, e: Extract<RegistrationEvent, { type: E }>) => Registration;
type RegRow = { [E in RegistrationEventType]?: RegStep<E> };

const toConnecting = (): Registration => ({ kind: 'connecting' });
const toRegistering = (): Registration => ({ kind: 'registering' });
const toRegistered: RegStep<'registered'> = (_s, e) => ({ kind: 'registered', expiresAt: e.expiresAt });
const toFailed: RegStep<'registration-failed'> = (_s, e) => ({ kind: 'failed', reason: e.reason, retryAt: e.retryAt });
const toTransportFailed: RegStep<'ws-disconnected'> = (_s, e) => ({ kind: 'failed', reason: 'transport', retryAt: e.retryAt });
const toUnregistered = (): Registration => ({ kind: 'unregistered' });
const toNotConfigured = (): Registration => ({ kind: 'not-configured' });

/** Every state once configured: the WebSocket, REGISTER and its answers may arrive in any of them. */
const configuredRow: RegRow = {
  'ws-connecting': toConnecting,
  'ws-connected': toRegistering,
  registered: toRegistered,
  'registration-failed': toFailed,
  'ws-disconnected': toTransportFailed,
  unregistered: toUnregistered,
  reregister: toRegistering,
  stop: toUnregistered,
  disable: toNotConfigured,
};

/** The table of the comment above, as code. */
export const REGISTRATION_TRANSITIONS: Record<RegistrationKind, RegRow> = {
  'not-configured': { start: toConnecting, disable: toNotConfigured },
  connecting: {
    'ws-connecting': toConnecting,
    'ws-connected': toRegistering,
    registered: toRegistered,
    'registration-failed': toFailed,
    'ws-disconnected': toTransportFailed,
    stop: toUnregistered,
    disable: toNotConfigured,
  },
  registering: configuredRow,
  registered: configuredRow,
  unregistered: { ...configuredRow, start: toConnecting },
  failed: { ...configuredRow, start: toConnecting },
};

export interface Illegal {
  machine: 'registration' | 'call';
  from: string;
  event: string;
}

export interface Step<S> {
  state: S;
  /** Set when the event is not legal in the state: the state is returned unchanged. */
  illegal: Illegal | null;
}

export function registrationStep(state: Registration, event: RegistrationEvent): Step<Registration> {
  const step = REGISTRATION_TRANSITIONS[state.kind][event.type] as RegStep | undefined;
  if (!step) return { state, illegal: { machine: 'registration', from: state.kind, event: event.type } };
  return { state: step(state, event as never), illegal: null };
}

/** JsSIP's registrationFailed / disconnected causes, as the panel tells them apart. */
export function registrationFailureReason(cause: string | undefined): RegistrationFailure {
  switch (cause) {
    case 'Authentication Error':
      return 'auth';
    case 'Connection Error':
      return 'transport';
    case 'Request Timeout':
      return 'timeout';
    default:
      return 'rejected';
  }
}

/**
 * When to try REGISTER again after a failure: 2 s doubling to 60 s; a refused password waits
 * at least a minute (a wrong password retried fast locks the account on most PBXs).
 */
export function registrationRetryDelayMs(reason: RegistrationFailure, attempt: number): number {
  const base = Math.min(60_000, 2_000 * 2 ** Math.max(0, Math.min(attempt, 10)));
  return reason === 'auth' ? Math.max(60_000, base) : base;
}

/** True when the registration should be refreshed now (expired, or nothing registered). */
export function registrationNeedsRefresh(reg: Registration, now: number): boolean {
  if (reg.kind === 'registered') return now >= reg.expiresAt;
  return reg.kind === 'unregistered' || reg.kind === 'failed';
}

/** A timer that should tick every intervalMs came back much later: the machine slept. */
export function isTimerGap(lastTickAt: number, now: number, intervalMs: number): boolean {
  return now - lastTickAt > 2 * intervalMs;
}

// ───────────────────────────────── call ─────────────────────────────────

export type EndCause =
  | 'local-hangup'
  | 'remote-hangup'
  | 'rejected'
  | 'busy'
  | 'no-answer'
  | 'canceled'
  | 'transferred'
  | 'failed'
  | 'unreachable';

export type AudioHealth = 'ok' | 'no-inbound' | 'no-outbound' | 'unknown';

export type Transfer =
  | { kind: 'none' }
  /** Blind transfer: REFER sent, waiting for the other side's NOTIFY. */
  | { kind: 'blind'; target: string }
  /** Attended: the first call is on hold, the consult call to target is in this phase. */
  | { kind: 'consulting'; target: string; phase: 'dialing' | 'alerting' | 'active' }
  /** Attended: REFER with Replaces sent. */
  | { kind: 'completing'; target: string }
  | { kind: 'failed'; target: string };

export type CallDirection = 'incoming' | 'outgoing';

export interface CallParty {
  /** SIP Call-ID, used to pair `softphone.incoming` and `softphone.ended`. */
  callId: string;
  direction: CallDirection;
  number: string;
  name: string | null;
  linkedid: string | null;
  /** When it rang or was dialed (epoch ms). */
  startedAt: number;
}

export type Call =
  | { kind: 'idle' }
  | ({ kind: 'ringing' } & CallParty)
  | ({ kind: 'dialing' } & CallParty)
  | ({ kind: 'alerting' } & CallParty)
  /** Accepted; media and ICE are setting up. */
  | ({ kind: 'answering' } & CallParty)
  | ({
      kind: 'active';
      /** The call timer's base (epoch ms). */
      answeredAt: number;
      /** local: we put it on hold; remote: the other side did (sendonly/inactive re-INVITE). */
      hold: { local: boolean; remote: boolean };
      muted: boolean;
      audio: AudioHealth;
      transfer: Transfer;
    } & CallParty)
  | ({ kind: 'ended'; cause: EndCause; answeredAt: number | null; endedAt: number } & CallParty);

export type CallKind = Call['kind'];
export type ActiveCall = Extract<Call, { kind: 'active' }>;

export type CallEvent =
  | { type: 'incoming'; callId: string; number: string; name: string | null; linkedid: string | null; at: number }
  | { type: 'dial'; callId: string; number: string; at: number }
  /** 18x on an outgoing call: the remote phone rings. */
  | { type: 'progress' }
  /** We answered an incoming call (200 OK going out). */
  | { type: 'answer' }
  /** 200 OK received on an outgoing call. */
  | { type: 'accepted' }
  /** ACK sent/received: media flows; the call timer starts. */
  | { type: 'confirmed'; at: number }
  | { type: 'hold'; originator: 'local' | 'remote'; on: boolean }
  | { type: 'mute'; on: boolean }
  | { type: 'audio'; health: AudioHealth }
  | { type: 'transfer'; transfer: Transfer }
  | { type: 'end'; cause: EndCause; at: number }
  /** The ended call leaves the panel. */
  | { type: 'clear' };

export type CallEventType = CallEvent['type'];
export const CALL_KINDS: readonly CallKind[] = ['idle', 'ringing', 'dialing', 'alerting', 'answering', 'active', 'ended'];
export const CALL_EVENTS: readonly CallEventType[] = [
  'incoming',
  'dial',
  'progress',
  'answer',
  'accepted',
  'confirmed',
  'hold',
  'mute',
  'audio',
  'transfer',
  'end',
  'clear',
];

type CallStep<E extends CallEventType = CallEventType> = (s: Call, e: Extract<CallEvent, { type: E }>) => Call;
type CallRow = { [E in CallEventType]?: CallStep<E> };

const party = (s: Call): CallParty => {
  if (s.kind === 'idle') throw new Error('idle has no party');
  return { callId: s.callId, direction: s.direction, number: s.number, name: s.name, linkedid: s.linkedid, startedAt: s.startedAt };
};

const ring: CallStep<'incoming'> = (_s, e) => ({
  kind: 'ringing',
  callId: e.callId,
  direction: 'incoming',
  number: e.number,
  name: e.name,
  linkedid: e.linkedid,
  startedAt: e.at,
});
const dial: CallStep<'dial'> = (_s, e) => ({
  kind: 'dialing',
  callId: e.callId,
  direction: 'outgoing',
  number: e.number,
  name: null,
  linkedid: null,
  startedAt: e.at,
});
const toAlerting: CallStep<'progress'> = (s) => ({ kind: 'alerting', ...party(s) });
const toAnswering = (s: Call): Call => ({ kind: 'answering', ...party(s) });
const toActive: CallStep<'confirmed'> = (s, e) =>
  s.kind === 'active'
    ? s
    : { kind: 'active', ...party(s), answeredAt: e.at, hold: { local: false, remote: false }, muted: false, audio: 'unknown', transfer: { kind: 'none' } };
const toEnded: CallStep<'end'> = (s, e) => ({
  kind: 'ended',
  ...party(s),
  cause: e.cause,
  answeredAt: s.kind === 'active' ? s.answeredAt : null,
  endedAt: e.at,
});
const inActive =
  <E extends CallEventType>(f: (s: ActiveCall, e: Extract<CallEvent, { type: E }>) => ActiveCall): CallStep<E> =>
  (s, e) =>
    s.kind === 'active' ? f(s, e) : s;

/** The table of the comment above, as code. */
export const CALL_TRANSITIONS: Record<CallKind, CallRow> = {
  idle: { incoming: ring, dial },
  ringing: { answer: toAnswering, confirmed: toActive, end: toEnded },
  dialing: { progress: toAlerting, accepted: toAnswering, confirmed: toActive, end: toEnded },
  alerting: { progress: toAlerting, accepted: toAnswering, confirmed: toActive, end: toEnded },
  answering: { accepted: toAnswering, confirmed: toActive, end: toEnded },
  active: {
    confirmed: toActive,
    hold: inActive<'hold'>((s, e) => ({ ...s, hold: { ...s.hold, [e.originator]: e.on } })),
    mute: inActive<'mute'>((s, e) => ({ ...s, muted: e.on })),
    audio: inActive<'audio'>((s, e) => (s.audio === e.health ? s : { ...s, audio: e.health })),
    transfer: inActive<'transfer'>((s, e) => ({ ...s, transfer: e.transfer })),
    end: toEnded,
  },
  ended: { incoming: ring, dial, clear: () => ({ kind: 'idle' }) },
};

export function callStep(state: Call, event: CallEvent): Step<Call> {
  const step = CALL_TRANSITIONS[state.kind][event.type] as CallStep | undefined;
  if (!step) return { state, illegal: { machine: 'call', from: state.kind, event: event.type } };
  return { state: step(state, event as never), illegal: null };
}

/** A call is in progress (not idle, not ended): a second INVITE gets 486, the dialer is busy. */
export const callInProgress = (call: Call): boolean => call.kind !== 'idle' && call.kind !== 'ended';

/**
 * Why a JsSIP session ended, as the panel says it. `ended` (after the call was established):
 * who hung up. `failed` (never established): the SIP cause.
 */
export function endCause(input: {
  how: 'ended' | 'failed';
  originator: 'local' | 'remote' | 'system';
  cause: string;
  transferred?: boolean;
}): EndCause {
  if (input.transferred) return 'transferred';
  if (input.how === 'ended') {
    if (input.cause === 'Terminated') return input.originator === 'local' ? 'local-hangup' : 'remote-hangup';
    if (input.originator === 'local') return 'local-hangup';
    return input.originator === 'remote' ? 'remote-hangup' : 'failed';
  }
  switch (input.cause) {
    case 'Busy':
      return 'busy';
    case 'Rejected':
      return 'rejected';
    case 'Canceled':
      return 'canceled';
    case 'No Answer':
    case 'Expires':
      return 'no-answer';
    case 'Not Found':
    case 'Unavailable':
    case 'Address Incomplete':
    case 'Connection Error':
    case 'Request Timeout':
      return 'unreachable';
    default:
      return 'failed';
  }
}

/** A remote SDP offer asks us to hold when every audio section is sendonly or inactive. */
export function sdpOffersHold(sdp: string): boolean {
  const sections = sdp.split(/\r?\nm=/).slice(1);
  const sessionLevel = sdp.split(/\r?\nm=/)[0] ?? '';
  const sessionDir = /^a=(sendonly|inactive|sendrecv|recvonly)\s*$/m.exec(sessionLevel)?.[1] ?? 'sendrecv';
  const audio = sections.filter((s) => s.startsWith('audio'));
  if (audio.length === 0) return false;
  return audio.every((s) => {
    const dir = /^a=(sendonly|inactive|sendrecv|recvonly)\s*$/m.exec(s)?.[1] ?? sessionDir;
    const port = /^audio (\d+)/.exec(s)?.[1];
    return dir === 'sendonly' || dir === 'inactive' || port === '0';
  });
}

// ──────────────────────────── one-way audio ─────────────────────────────

/** One getStats reading of the audio RTP counters. */
export interface RtpSample {
  at: number;
  packetsReceived: number;
  packetsSent: number;
}

/** What moved between two samples. */
export function rtpDelta(prev: RtpSample, cur: RtpSample): { receiving: boolean; sending: boolean } {
  return { receiving: cur.packetsReceived > prev.packetsReceived, sending: cur.packetsSent > prev.packetsSent };
}

export interface AudioWatch {
  last: RtpSample | null;
  /** Since when no packet came in / went out (null: packets are flowing). */
  inboundStalledSince: number | null;
  outboundStalledSince: number | null;
}

export const AUDIO_WATCH_START: AudioWatch = { last: null, inboundStalledSince: null, outboundStalledSince: null };

/**
 * Feeds one sample to the watchdog. Nothing sent for `stallMs` → 'no-outbound' (our microphone or
 * path is dead); sending but nothing received for `stallMs` → 'no-inbound' (one-way audio).
 * Held calls are not judged (no media is expected): the caller resets the watch on hold.
 */
export function observeAudio(watch: AudioWatch, sample: RtpSample, stallMs: number): { watch: AudioWatch; health: AudioHealth } {
  if (watch.last === null || sample.at <= watch.last.at) {
    return { watch: { last: sample, inboundStalledSince: null, outboundStalledSince: null }, health: 'unknown' };
  }
  const { receiving, sending } = rtpDelta(watch.last, sample);
  const next: AudioWatch = {
    last: sample,
    inboundStalledSince: receiving ? null : (watch.inboundStalledSince ?? watch.last.at),
    outboundStalledSince: sending ? null : (watch.outboundStalledSince ?? watch.last.at),
  };
  if (next.outboundStalledSince !== null && sample.at - next.outboundStalledSince >= stallMs) return { watch: next, health: 'no-outbound' };
  if (next.inboundStalledSince !== null && sample.at - next.inboundStalledSince >= stallMs) return { watch: next, health: 'no-inbound' };
  return { watch: next, health: 'ok' };
}

// ────────────────────────────── the whole ───────────────────────────────

export interface SoftphoneState {
  registration: Registration;
  call: Call;
  autoAnswer: boolean;
  devices: { inputId: string | null; outputId: string | null };
  /** The last illegal event (for diagnostics; the panel does not show it). */
  lastIllegal: Illegal | null;
}

export const INITIAL_SOFTPHONE_STATE: SoftphoneState = {
  registration: { kind: 'not-configured' },
  call: { kind: 'idle' },
  autoAnswer: false,
  devices: { inputId: null, outputId: null },
  lastIllegal: null,
};

/** The dialer may place a call now. */
export const canDial = (s: SoftphoneState): boolean => s.registration.kind === 'registered' && !callInProgress(s.call);
