import { describe, expect, it } from 'vitest';
import {
  AUDIO_WATCH_START,
  CALL_EVENTS,
  CALL_KINDS,
  INITIAL_SOFTPHONE_STATE,
  REGISTRATION_EVENTS,
  REGISTRATION_KINDS,
  callInProgress,
  callStep,
  canDial,
  endCause,
  isTimerGap,
  observeAudio,
  registrationFailureReason,
  registrationNeedsRefresh,
  registrationRetryDelayMs,
  registrationStep,
  rtpDelta,
  sdpOffersHold,
  type AudioWatch,
  type Call,
  type CallEvent,
  type CallEventType,
  type CallKind,
  type Registration,
  type RegistrationEvent,
  type RegistrationEventType,
  type RegistrationKind,
} from './softphoneState.js';

const regSample: Record<RegistrationKind, Registration> = {
  'not-configured': { kind: 'not-configured' },
  connecting: { kind: 'connecting' },
  registering: { kind: 'registering' },
  registered: { kind: 'registered', expiresAt: 1000 },
  unregistered: { kind: 'unregistered' },
  failed: { kind: 'failed', reason: 'auth', retryAt: 5000 },
};
const regEvent: Record<RegistrationEventType, RegistrationEvent> = {
  start: { type: 'start' },
  'ws-connecting': { type: 'ws-connecting' },
  'ws-connected': { type: 'ws-connected' },
  registered: { type: 'registered', expiresAt: 9000 },
  'registration-failed': { type: 'registration-failed', reason: 'timeout', retryAt: 7000 },
  'ws-disconnected': { type: 'ws-disconnected', retryAt: null },
  unregistered: { type: 'unregistered' },
  reregister: { type: 'reregister' },
  stop: { type: 'stop' },
  disable: { type: 'disable' },
};

/** The registration table of softphoneState.ts's comment, written out again: kind or null (illegal). */
const R = null;
const configured = {
  start: R,
  'ws-connecting': 'connecting',
  'ws-connected': 'registering',
  registered: 'registered',
  'registration-failed': 'failed',
  'ws-disconnected': 'failed',
  unregistered: 'unregistered',
  reregister: 'registering',
  stop: 'unregistered',
  disable: 'not-configured',
} as const;
const regTable: Record<RegistrationKind, Record<RegistrationEventType, RegistrationKind | null>> = {
  'not-configured': {
    start: 'connecting',
    'ws-connecting': R,
    'ws-connected': R,
    registered: R,
    'registration-failed': R,
    'ws-disconnected': R,
    unregistered: R,
    reregister: R,
    stop: R,
    disable: 'not-configured',
  },
  connecting: { ...configured, unregistered: R, reregister: R },
  registering: configured,
  registered: configured,
  unregistered: { ...configured, start: 'connecting' },
  failed: { ...configured, start: 'connecting' },
};

describe('registration transitions', () => {
  for (const from of REGISTRATION_KINDS) {
    for (const ev of REGISTRATION_EVENTS) {
      const expected = regTable[from][ev];
      it(`${from} + ${ev} → ${expected ?? 'illegal'}`, () => {
        const state = regSample[from];
        const step = registrationStep(state, regEvent[ev]);
        if (expected === null) {
          expect(step.illegal).toEqual({ machine: 'registration', from, event: ev });
          expect(step.state).toBe(state);
        } else {
          expect(step.illegal).toBeNull();
          expect(step.state.kind).toBe(expected);
        }
      });
    }
  }

  it('carries the failure reason, retry time and expiry', () => {
    expect(registrationStep(regSample.registering, regEvent['registration-failed']).state).toEqual({ kind: 'failed', reason: 'timeout', retryAt: 7000 });
    expect(registrationStep(regSample.registered, regEvent['ws-disconnected']).state).toEqual({ kind: 'failed', reason: 'transport', retryAt: null });
    expect(registrationStep(regSample.registering, regEvent.registered).state).toEqual({ kind: 'registered', expiresAt: 9000 });
  });

  it('maps JsSIP causes to the four failure reasons', () => {
    expect(registrationFailureReason('Authentication Error')).toBe('auth');
    expect(registrationFailureReason('Connection Error')).toBe('transport');
    expect(registrationFailureReason('Request Timeout')).toBe('timeout');
    expect(registrationFailureReason('Rejected')).toBe('rejected');
    expect(registrationFailureReason('SIP Failure Code')).toBe('rejected');
    expect(registrationFailureReason(undefined)).toBe('rejected');
  });

  it('backs off 2 s doubling to 60 s; a refused password waits at least a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((n) => registrationRetryDelayMs('timeout', n))).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(registrationRetryDelayMs('auth', 0)).toBe(60_000);
    expect(registrationRetryDelayMs('auth', 9)).toBe(60_000);
  });

  it('knows when to register again', () => {
    expect(registrationNeedsRefresh({ kind: 'registered', expiresAt: 100 }, 99)).toBe(false);
    expect(registrationNeedsRefresh({ kind: 'registered', expiresAt: 100 }, 100)).toBe(true);
    expect(registrationNeedsRefresh({ kind: 'unregistered' }, 0)).toBe(true);
    expect(registrationNeedsRefresh({ kind: 'failed', reason: 'transport', retryAt: null }, 0)).toBe(true);
    expect(registrationNeedsRefresh({ kind: 'connecting' }, 0)).toBe(false);
    expect(registrationNeedsRefresh({ kind: 'registering' }, 0)).toBe(false);
    expect(registrationNeedsRefresh({ kind: 'not-configured' }, 0)).toBe(false);
  });

  it('detects sleep as a timer gap over twice the interval', () => {
    expect(isTimerGap(0, 10_000, 5000)).toBe(false);
    expect(isTimerGap(0, 10_001, 5000)).toBe(true);
    expect(isTimerGap(1000, 6100, 5000)).toBe(false);
  });
});

const party = { callId: 'c1', direction: 'incoming' as const, number: '05321234567', name: 'Ali', linkedid: '1700.1', startedAt: 10 };
const callSample: Record<CallKind, Call> = {
  idle: { kind: 'idle' },
  ringing: { kind: 'ringing', ...party },
  dialing: { kind: 'dialing', ...party, direction: 'outgoing' },
  alerting: { kind: 'alerting', ...party, direction: 'outgoing' },
  answering: { kind: 'answering', ...party },
  active: { kind: 'active', ...party, answeredAt: 20, hold: { local: false, remote: false }, muted: false, audio: 'unknown', transfer: { kind: 'none' } },
  ended: { kind: 'ended', ...party, cause: 'remote-hangup', answeredAt: 20, endedAt: 30 },
};
const callEvent: Record<CallEventType, CallEvent> = {
  incoming: { type: 'incoming', callId: 'c2', number: '444', name: null, linkedid: null, at: 100 },
  dial: { type: 'dial', callId: 'c3', number: '555', at: 100 },
  progress: { type: 'progress' },
  answer: { type: 'answer' },
  accepted: { type: 'accepted' },
  confirmed: { type: 'confirmed', at: 50 },
  hold: { type: 'hold', originator: 'remote', on: true },
  mute: { type: 'mute', on: true },
  audio: { type: 'audio', health: 'no-inbound' },
  transfer: { type: 'transfer', transfer: { kind: 'blind', target: '1002' } },
  end: { type: 'end', cause: 'local-hangup', at: 60 },
  clear: { type: 'clear' },
};
const none = { incoming: R, dial: R, progress: R, answer: R, accepted: R, confirmed: R, hold: R, mute: R, audio: R, transfer: R, end: R, clear: R };
const callTable: Record<CallKind, Record<CallEventType, CallKind | null>> = {
  idle: { ...none, incoming: 'ringing', dial: 'dialing' },
  ringing: { ...none, answer: 'answering', confirmed: 'active', end: 'ended' },
  dialing: { ...none, progress: 'alerting', accepted: 'answering', confirmed: 'active', end: 'ended' },
  alerting: { ...none, progress: 'alerting', accepted: 'answering', confirmed: 'active', end: 'ended' },
  answering: { ...none, accepted: 'answering', confirmed: 'active', end: 'ended' },
  active: { ...none, confirmed: 'active', hold: 'active', mute: 'active', audio: 'active', transfer: 'active', end: 'ended' },
  ended: { ...none, incoming: 'ringing', dial: 'dialing', clear: 'idle' },
};

describe('call transitions', () => {
  for (const from of CALL_KINDS) {
    for (const ev of CALL_EVENTS) {
      const expected = callTable[from][ev];
      it(`${from} + ${ev} → ${expected ?? 'illegal'}`, () => {
        const state = callSample[from];
        const step = callStep(state, callEvent[ev]);
        if (expected === null) {
          expect(step.illegal).toEqual({ machine: 'call', from, event: ev });
          expect(step.state).toBe(state);
        } else {
          expect(step.illegal).toBeNull();
          expect(step.state.kind).toBe(expected);
        }
      });
    }
  }

  it('walks an incoming call: ring, answer, media, remote hold and back, mute, hang up, clear', () => {
    let s: Call = { kind: 'idle' };
    const go = (e: CallEvent) => {
      const step = callStep(s, e);
      expect(step.illegal).toBeNull();
      s = step.state;
      return s;
    };
    expect(go({ type: 'incoming', callId: 'x', number: '0312', name: 'Veli', linkedid: '1.2', at: 1000 })).toMatchObject({ kind: 'ringing', direction: 'incoming', startedAt: 1000, linkedid: '1.2' });
    go({ type: 'answer' });
    expect(go({ type: 'confirmed', at: 1500 })).toMatchObject({ kind: 'active', answeredAt: 1500, hold: { local: false, remote: false }, muted: false, audio: 'unknown', transfer: { kind: 'none' } });
    expect(go({ type: 'hold', originator: 'remote', on: true })).toMatchObject({ hold: { local: false, remote: true } });
    expect(go({ type: 'hold', originator: 'local', on: true })).toMatchObject({ hold: { local: true, remote: true } });
    expect(go({ type: 'hold', originator: 'remote', on: false })).toMatchObject({ hold: { local: true, remote: false } });
    expect(go({ type: 'mute', on: true })).toMatchObject({ muted: true });
    // A second confirmed (re-INVITE ACK) keeps the timer base.
    expect(go({ type: 'confirmed', at: 9999 })).toMatchObject({ answeredAt: 1500 });
    expect(go({ type: 'end', cause: 'remote-hangup', at: 4000 })).toMatchObject({ kind: 'ended', cause: 'remote-hangup', answeredAt: 1500, endedAt: 4000, callId: 'x' });
    expect(go({ type: 'clear' })).toEqual({ kind: 'idle' });
  });

  it('walks an outgoing call: dialing, alerting, accepted, active; an unanswered end keeps answeredAt null', () => {
    let s = callStep({ kind: 'idle' }, { type: 'dial', callId: 'o', number: '153', at: 5 }).state;
    expect(s).toMatchObject({ kind: 'dialing', direction: 'outgoing', number: '153', name: null, linkedid: null });
    s = callStep(s, { type: 'progress' }).state;
    expect(s.kind).toBe('alerting');
    const ended = callStep(s, { type: 'end', cause: 'no-answer', at: 30 }).state;
    expect(ended).toMatchObject({ kind: 'ended', cause: 'no-answer', answeredAt: null });
    s = callStep(s, { type: 'accepted' }).state;
    expect(s.kind).toBe('answering');
    s = callStep(s, { type: 'confirmed', at: 40 }).state;
    expect(s).toMatchObject({ kind: 'active', answeredAt: 40 });
  });

  it('keeps the same object for an audio reading that changes nothing', () => {
    const active = callSample.active;
    expect(callStep(active, { type: 'audio', health: 'unknown' }).state).toBe(active);
    expect(callStep(active, { type: 'audio', health: 'no-outbound' }).state).toMatchObject({ audio: 'no-outbound' });
  });

  it('tracks the attended transfer on the active call', () => {
    let s = callSample.active;
    s = callStep(s, { type: 'transfer', transfer: { kind: 'consulting', target: '1002', phase: 'dialing' } }).state;
    s = callStep(s, { type: 'transfer', transfer: { kind: 'consulting', target: '1002', phase: 'active' } }).state;
    expect(s).toMatchObject({ transfer: { kind: 'consulting', phase: 'active' } });
    s = callStep(s, { type: 'transfer', transfer: { kind: 'completing', target: '1002' } }).state;
    expect(callStep(s, { type: 'end', cause: 'transferred', at: 99 }).state).toMatchObject({ kind: 'ended', cause: 'transferred' });
  });

  it('says when a call is in progress and when the dialer may dial', () => {
    expect(CALL_KINDS.filter((k) => callInProgress(callSample[k]))).toEqual(['ringing', 'dialing', 'alerting', 'answering', 'active']);
    const registered = { ...INITIAL_SOFTPHONE_STATE, registration: { kind: 'registered' as const, expiresAt: 1 } };
    expect(canDial(registered)).toBe(true);
    expect(canDial({ ...registered, call: callSample.ended })).toBe(true);
    expect(canDial({ ...registered, call: callSample.active })).toBe(false);
    expect(canDial({ ...registered, registration: { kind: 'registering' } })).toBe(false);
  });
});

describe('end causes', () => {
  const cases: [Parameters<typeof endCause>[0], string][] = [
    [{ how: 'ended', originator: 'local', cause: 'Terminated' }, 'local-hangup'],
    [{ how: 'ended', originator: 'remote', cause: 'Terminated' }, 'remote-hangup'],
    [{ how: 'ended', originator: 'system', cause: 'RTP Timeout' }, 'failed'],
    [{ how: 'ended', originator: 'remote', cause: 'Dialog Error' }, 'remote-hangup'],
    [{ how: 'ended', originator: 'local', cause: 'Terminated', transferred: true }, 'transferred'],
    [{ how: 'failed', originator: 'remote', cause: 'Busy' }, 'busy'],
    [{ how: 'failed', originator: 'local', cause: 'Rejected' }, 'rejected'],
    [{ how: 'failed', originator: 'remote', cause: 'Rejected' }, 'rejected'],
    [{ how: 'failed', originator: 'remote', cause: 'Canceled' }, 'canceled'],
    [{ how: 'failed', originator: 'local', cause: 'Canceled' }, 'canceled'],
    [{ how: 'failed', originator: 'remote', cause: 'No Answer' }, 'no-answer'],
    [{ how: 'failed', originator: 'system', cause: 'Expires' }, 'no-answer'],
    [{ how: 'failed', originator: 'remote', cause: 'Not Found' }, 'unreachable'],
    [{ how: 'failed', originator: 'remote', cause: 'Unavailable' }, 'unreachable'],
    [{ how: 'failed', originator: 'system', cause: 'Connection Error' }, 'unreachable'],
    [{ how: 'failed', originator: 'system', cause: 'Request Timeout' }, 'unreachable'],
    [{ how: 'failed', originator: 'remote', cause: 'Address Incomplete' }, 'unreachable'],
    [{ how: 'failed', originator: 'local', cause: 'User Denied Media Access' }, 'failed'],
    [{ how: 'failed', originator: 'remote', cause: 'Incompatible SDP' }, 'failed'],
  ];
  for (const [input, expected] of cases) {
    it(`${input.how}/${input.originator}/${input.cause}${input.transferred ? '/transferred' : ''} → ${expected}`, () => {
      expect(endCause(input)).toBe(expected);
    });
  }
});

describe('remote hold from SDP', () => {
  const sdp = (dir: string | null, sessionDir: string | null = null, port = 4000) =>
    ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', ...(sessionDir ? [`a=${sessionDir}`] : []), 't=0 0', `m=audio ${port} RTP/AVP 0`, 'c=IN IP4 127.0.0.1', ...(dir ? [`a=${dir}`] : []), ''].join('\r\n');
  it('holds on sendonly or inactive, not on sendrecv or recvonly', () => {
    expect(sdpOffersHold(sdp('sendonly'))).toBe(true);
    expect(sdpOffersHold(sdp('inactive'))).toBe(true);
    expect(sdpOffersHold(sdp('sendrecv'))).toBe(false);
    expect(sdpOffersHold(sdp('recvonly'))).toBe(false);
    expect(sdpOffersHold(sdp(null))).toBe(false);
  });
  it('reads a session-level direction and a media port of 0', () => {
    expect(sdpOffersHold(sdp(null, 'sendonly'))).toBe(true);
    expect(sdpOffersHold(sdp('sendrecv', 'sendonly'))).toBe(false);
    expect(sdpOffersHold(sdp('sendrecv', null, 0))).toBe(true);
  });
  it('does not call a video-only or empty SDP a hold', () => {
    expect(sdpOffersHold('v=0\r\nm=video 5000 RTP/AVP 96\r\na=sendonly\r\n')).toBe(false);
    expect(sdpOffersHold('')).toBe(false);
  });
});

describe('one-way audio watchdog', () => {
  const feed = (samples: [number, number, number][], stallMs = 3000) => {
    let watch: AudioWatch = AUDIO_WATCH_START;
    return samples.map(([at, rx, tx]) => {
      const r = observeAudio(watch, { at, packetsReceived: rx, packetsSent: tx }, stallMs);
      watch = r.watch;
      return r.health;
    });
  };

  it('compares two samples', () => {
    expect(rtpDelta({ at: 0, packetsReceived: 1, packetsSent: 1 }, { at: 1, packetsReceived: 2, packetsSent: 1 })).toEqual({ receiving: true, sending: false });
  });
  it('is unknown on the first sample, ok while both directions move', () => {
    expect(feed([[0, 0, 0], [1000, 50, 50], [2000, 100, 100]])).toEqual(['unknown', 'ok', 'ok']);
  });
  it('says no-inbound when nothing comes in for the stall time while sending', () => {
    expect(feed([[0, 10, 10], [1000, 10, 60], [2000, 10, 110], [3000, 10, 160], [4000, 10, 210]])).toEqual(['unknown', 'ok', 'ok', 'no-inbound', 'no-inbound']);
  });
  it('says no-outbound when nothing goes out, even when nothing comes in either', () => {
    expect(feed([[0, 10, 10], [1000, 60, 10], [2000, 110, 10], [3000, 160, 10]])).toEqual(['unknown', 'ok', 'ok', 'no-outbound']);
    expect(feed([[0, 10, 10], [1000, 10, 10], [2000, 10, 10], [3000, 10, 10]])).toEqual(['unknown', 'ok', 'ok', 'no-outbound']);
  });
  it('recovers as soon as packets move again', () => {
    expect(feed([[0, 10, 10], [1000, 10, 60], [2000, 10, 110], [3000, 10, 160], [4000, 60, 210]])).toEqual(['unknown', 'ok', 'ok', 'no-inbound', 'ok']);
  });
  it('restarts on a sample that goes back in time (new peer connection)', () => {
    expect(feed([[5000, 10, 10], [4000, 0, 0], [5000, 50, 50]])).toEqual(['unknown', 'unknown', 'ok']);
  });
});
