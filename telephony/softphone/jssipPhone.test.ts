import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createSoftphone, dialTarget, incomingInfo, rtpSampleOf, type JsSipApi } from './jssipPhone.js';

const settings = {
  enabled: true,
  wsUrl: 'ws://127.0.0.1:8088',
  sipUri: 'sip:1001@127.0.0.1',
  authorizationUser: '1001',
  password: 'secret',
  displayName: null,
  autoAnswer: false,
  iceServers: [],
  iceGatheringTimeoutMs: 500,
  correlationHeader: 'X-Linkedid',
};

const invite = (headers: Record<string, string>, user = '05321234567', name = 'Ali Veli') => ({
  call_id: 'abc@host',
  from: { display_name: name, uri: { user } },
  getHeader: (h: string) => headers[h.toLowerCase()],
});

describe('incoming INVITE', () => {
  it('reads Call-ID, From user and display name, and a well-formed correlation header', () => {
    expect(incomingInfo(invite({ 'x-linkedid': '1700000000.42' }), 'X-Linkedid')).toEqual({ callId: 'abc@host', callerNumber: '05321234567', callerName: 'Ali Veli', linkedid: '1700000000.42' });
    expect(incomingInfo(invite({ 'x-linkedid': 'drop table' }), 'X-Linkedid').linkedid).toBeNull();
    expect(incomingInfo(invite({}, 'anonymous', ''), 'X-Linkedid')).toMatchObject({ callerNumber: 'anonymous', callerName: null, linkedid: null });
    expect(incomingInfo(invite({}, '1'.repeat(100), 'x'.repeat(300)), '').callerNumber).toHaveLength(64);
  });
  it('dials numbers without separators and SIP URIs as given', () => {
    expect(dialTarget(' 0 (532) 123-45-67 ')).toBe('05321234567');
    expect(dialTarget('sip:1002@pbx.local')).toBe('sip:1002@pbx.local');
  });
  it('sums the audio RTP counters of a stats report', () => {
    const report = new Map<string, Record<string, unknown>>([
      ['a', { type: 'inbound-rtp', kind: 'audio', packetsReceived: 10 }],
      ['b', { type: 'outbound-rtp', kind: 'audio', packetsSent: 7 }],
      ['c', { type: 'inbound-rtp', kind: 'video', packetsReceived: 99 }],
    ]);
    expect(rtpSampleOf(report, 5)).toEqual({ at: 5, packetsReceived: 10, packetsSent: 7 });
  });
});

/** A JsSIP UA that the test drives by emitting its events. */
function fakeJsSip() {
  const uas: FakeUA[] = [];
  class FakeUA extends EventEmitter {
    config: Record<string, unknown>;
    connected = false;
    registers = 0;
    stopped = false;
    constructor(config: Record<string, unknown>) {
      super();
      this.config = config;
      uas.push(this);
    }
    start() {}
    stop() {
      this.stopped = true;
    }
    register() {
      this.registers++;
    }
    isConnected() {
      return this.connected;
    }
  }
  const api = { UA: FakeUA, WebSocketInterface: class {} } as unknown as JsSipApi;
  return { api, uas };
}

function fakeTimers() {
  let t = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void; every?: number }>();
  const timers = {
    now: () => t,
    setTimeout: (fn: () => void, ms: number) => (pending.set(++seq, { at: t + ms, fn }), seq),
    clearTimeout: (h: unknown) => void pending.delete(h as number),
    setInterval: (fn: () => void, ms: number) => (pending.set(++seq, { at: t + ms, fn, every: ms }), seq),
    clearInterval: (h: unknown) => void pending.delete(h as number),
  };
  return {
    timers,
    /** Moves the clock; `jump` skips the timers in between (the machine slept). */
    advance(ms: number, jump = false) {
      const end = t + ms;
      if (jump) {
        t = end;
        for (const p of pending.values()) if (p.at < t) p.at = t;
      }
      for (;;) {
        const next = [...pending.entries()].filter(([, p]) => p.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        const [id, p] = next;
        t = p.at;
        if (p.every) p.at += p.every;
        else pending.delete(id);
        p.fn();
      }
      t = end;
    },
  };
}

function setup() {
  const { api, uas } = fakeJsSip();
  const clock = fakeTimers();
  const network = new EventTarget();
  const onIncoming = vi.fn();
  const log = vi.fn();
  const phone = createSoftphone({ jssip: api, timers: clock.timers, network, visibility: null, mediaDevices: null, createAudioElement: () => null, onIncoming, log, wakeCheckIntervalMs: 5000 });
  return { phone, uas, clock, network, onIncoming, log };
}

describe('createSoftphone with a fake JsSIP', () => {
  it('stays not-configured without SIP settings', () => {
    const { phone, uas } = setup();
    phone.start({ ...settings, enabled: false });
    expect(phone.getState().registration.kind).toBe('not-configured');
    expect(uas).toHaveLength(0);
  });

  it('follows the UA through connecting, registering, registered; never logs the password', () => {
    const { phone, uas, log } = setup();
    phone.start(settings);
    const ua = uas[0]!;
    expect(ua.config).toMatchObject({ uri: 'sip:1001@127.0.0.1', authorization_user: '1001', password: 'secret', register: true });
    expect(phone.getState().registration.kind).toBe('connecting');
    ua.connected = true;
    ua.emit('connected', {});
    expect(phone.getState().registration.kind).toBe('registering');
    ua.emit('registered', {});
    expect(phone.getState().registration).toMatchObject({ kind: 'registered' });
    expect(phone.canDial()).toBe(true);
    expect(JSON.stringify(log.mock.calls)).not.toContain('secret');
  });

  it('retries a refused REGISTER after the backoff; the transport case is left to JsSIP', () => {
    const { phone, uas, clock } = setup();
    phone.start(settings);
    const ua = uas[0]!;
    ua.connected = true;
    ua.emit('connected', {});
    ua.emit('registrationFailed', { cause: 'Request Timeout' });
    expect(phone.getState().registration).toEqual({ kind: 'failed', reason: 'timeout', retryAt: 2000 });
    clock.advance(1999);
    expect(ua.registers).toBe(0);
    clock.advance(1);
    expect(ua.registers).toBe(1);
    expect(phone.getState().registration.kind).toBe('registering');
    ua.emit('registrationFailed', { cause: 'Connection Error' });
    expect(phone.getState().registration).toEqual({ kind: 'failed', reason: 'transport', retryAt: null });
  });

  it('registers again after sleep (a timer gap) and when the network comes back', () => {
    const { phone, uas, clock, network } = setup();
    phone.start(settings);
    const ua = uas[0]!;
    ua.connected = true;
    ua.emit('connected', {});
    ua.emit('registered', {});
    clock.advance(5000);
    expect(ua.registers).toBe(0);
    clock.advance(60_000, true);
    expect(ua.registers).toBe(1);
    network.dispatchEvent(new Event('online'));
    expect(ua.registers).toBe(2);
    // Network back while the WebSocket is gone (and no call): a new UA.
    ua.connected = false;
    network.dispatchEvent(new Event('online'));
    expect(uas).toHaveLength(2);
    expect(ua.stopped).toBe(true);
    // The old UA's late events no longer move the state.
    ua.emit('registered', {});
    expect(phone.getState().registration.kind).toBe('connecting');
  });

  it('stop() unregisters and removes the listeners', () => {
    const { phone, uas, network } = setup();
    phone.start(settings);
    phone.stop();
    expect(uas[0]!.stopped).toBe(true);
    expect(phone.getState().registration.kind).toBe('unregistered');
    network.dispatchEvent(new Event('online'));
    expect(uas).toHaveLength(1);
  });
});
