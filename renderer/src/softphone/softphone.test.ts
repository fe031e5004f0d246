import { describe, expect, it, vi } from 'vitest';
import { createDeskClient } from '../shared/api/deskClient.js';
import { createDialer } from './dialer.js';
import { createFakeTransport } from '../shared/testing/fakeTransport.js';
import { expectLocalesAgree, flattenLocale } from '../shared/testing/localeTree.js';
import type { Softphone, SoftphoneDeps } from '../../../telephony/softphone/jssipPhone.js';
import { CALL_KINDS, INITIAL_SOFTPHONE_STATE, REGISTRATION_KINDS, type SoftphoneState } from '../../../telephony/softphone/softphoneState.js';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import { startSoftphone } from './startSoftphone.js';
import { initialSoftphoneView, numberBackspace, numberEdited, numberTyped, selectShouldRing } from './softphoneStore.js';

const settings = {
  enabled: true,
  wsUrl: 'ws://127.0.0.1:8088',
  sipUri: 'sip:1001@127.0.0.1',
  authorizationUser: '1001',
  password: 'pw',
  displayName: 'Ayşe',
  autoAnswer: false,
  iceServers: [],
  iceGatheringTimeoutMs: 1000,
  correlationHeader: 'X-Linkedid',
};

/** A softphone the test drives: state pushed by hand, calls recorded. */
function fakePhone() {
  let state: SoftphoneState = INITIAL_SOFTPHONE_STATE;
  const listeners = new Set<(s: SoftphoneState, p: SoftphoneState) => void>();
  let deps: SoftphoneDeps = {};
  const calls: string[] = [];
  const rec =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(args.length ? `${name}:${args.join(',')}` : name);
    };
  const phone: Softphone = {
    start: rec('start'),
    stop: rec('stop'),
    getState: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    canDial: () => state.registration.kind === 'registered' && (state.call.kind === 'idle' || state.call.kind === 'ended'),
    answer: rec('answer'),
    reject: rec('reject'),
    hangup: rec('hangup'),
    call: rec('call'),
    hold: rec('hold'),
    resume: rec('resume'),
    setMuted: rec('setMuted'),
    sendDtmf: rec('sendDtmf'),
    blindTransfer: rec('blindTransfer'),
    startConsult: rec('startConsult'),
    completeTransfer: rec('completeTransfer'),
    cancelConsult: rec('cancelConsult'),
    setInputDevice: async (id) => void calls.push(`input:${id}`),
    setOutputDevice: async (id) => void calls.push(`output:${id}`),
    listDevices: async () => ({ inputs: [{ id: 'm1', label: 'Mic' }], outputs: [] }),
    setAutoAnswer: rec('setAutoAnswer'),
  };
  return {
    phone,
    calls,
    create: (d: SoftphoneDeps) => {
      deps = d;
      return phone;
    },
    deps: () => deps,
    push(next: Partial<SoftphoneState>) {
      const prev = state;
      state = { ...state, ...next };
      for (const l of listeners) l(state, prev);
    },
  };
}

const ringtone = () => {
  let playing = false;
  return {
    start: vi.fn(() => void (playing = true)),
    stop: vi.fn(() => void (playing = false)),
    get playing() {
      return playing;
    },
  };
};

const flush = () => new Promise((r) => setTimeout(r, 0));
const active = {
  kind: 'active' as const,
  callId: 'c1',
  direction: 'incoming' as const,
  number: '05321234567',
  name: null,
  linkedid: '1700.1',
  startedAt: 1,
  answeredAt: 2,
  hold: { local: false, remote: false },
  muted: false,
  audio: 'ok' as const,
  transfer: { kind: 'none' as const },
};

function setup(answerSettings: unknown = settings) {
  const fake = createFakeTransport();
  fake.answer('softphone.settings', () => ({ ok: true, value: answerSettings }));
  fake.answer('softphone.incoming', () => ({ ok: true, value: { screenPop: null } }));
  fake.answer('softphone.ended', () => ({ ok: true, value: { ok: true } }));
  fake.answer('softphone.answered', () => ({ ok: true, value: { ok: true } }));
  fake.answer('call.originate', () => ({ ok: true, value: { ok: true } }));
  const client = createDeskClient(fake.transport);
  const dialer = createDialer(client);
  const phone = fakePhone();
  const ring = ringtone();
  const controller = startSoftphone(client, dialer, { createPhone: phone.create, ringtone: ring });
  return { fake, client, dialer, phone, ring, controller };
}

describe('softphone wiring', () => {
  it('asks the settings once connected and starts the phone with them', async () => {
    const { phone, controller, fake } = setup();
    await flush();
    expect(fake.calls.map((c) => c.method)).toContain('softphone.settings');
    expect(phone.calls).toEqual(['start:[object Object]']);
    expect(controller.store.getState().setup).toBe('enabled');
  });

  it('stays a desk-phone note when SIP is not enabled, and never creates a phone', async () => {
    const { phone, controller } = setup({ ...settings, enabled: false });
    await flush();
    expect(controller.store.getState().setup).toBe('disabled');
    expect(phone.calls).toEqual([]);
  });

  it('marks an error when the settings cannot be read, and asks again on the next connect', async () => {
    const fake = createFakeTransport({ status: 'connecting' } as never);
    let answer: unknown = { ok: false, error: { code: 'unavailable', message: 'x' } };
    fake.answer('softphone.settings', () => answer as never);
    const client = createDeskClient(fake.transport);
    const phone = fakePhone();
    const controller = startSoftphone(client, createDialer(client), { createPhone: phone.create, ringtone: ringtone() });
    fake.setConnection({ status: 'connected' });
    await flush();
    expect(controller.store.getState().setup).toBe('error');
    answer = { ok: true, value: settings };
    fake.setConnection({ status: 'connected' });
    await flush();
    expect(controller.store.getState().setup).toBe('enabled');
  });

  it('offers itself to the dialer while registered, and withdraws when not', async () => {
    const { phone, dialer, fake } = setup();
    await flush();
    expect(await dialer.dial('153')).toBe('desk-phone');
    phone.push({ registration: { kind: 'registered', expiresAt: Date.now() + 1000 } });
    expect(await dialer.dial('05321234567')).toBe('softphone');
    expect(phone.calls).toContain('call:05321234567');
    phone.push({ registration: { kind: 'failed', reason: 'transport', retryAt: null } });
    expect(await dialer.dial('153')).toBe('desk-phone');
    expect(fake.calls.filter((c) => c.method === 'call.originate')).toHaveLength(2);
  });

  it('reports incoming and ended calls to the host', async () => {
    const { phone, fake } = setup();
    await flush();
    phone.deps().onIncoming?.({ callId: 'c1', callerNumber: '0532', callerName: null, linkedid: '1700.1' });
    phone.deps().onEnded?.({ callId: 'c1', answered: true });
    await flush();
    expect(fake.calls.filter((c) => c.method.startsWith('softphone.') && c.method !== 'softphone.settings')).toEqual([
      { method: 'softphone.incoming', params: { callId: 'c1', callerNumber: '0532', callerName: null, linkedid: '1700.1' } },
      { method: 'softphone.ended', params: { callId: 'c1', answered: true } },
    ]);
  });

  it('tells the host when an incoming call is answered (its screen-pop turns connected), not an outgoing one', async () => {
    const { phone, fake } = setup();
    await flush();
    phone.push({ call: { ...active, kind: 'ringing' as const } });
    phone.push({ call: active });
    phone.push({ call: active });
    phone.push({ call: { ...active, kind: 'ended', cause: 'remote-hangup', endedAt: 9 } });
    phone.push({ call: { ...active, direction: 'outgoing', callId: 'out-1' } });
    await flush();
    expect(fake.calls.filter((c) => c.method === 'softphone.answered')).toEqual([{ method: 'softphone.answered', params: { callId: active.callId } }]);
  });

  it('rings while an incoming call rings, and stops on answer or end', async () => {
    const { phone, ring } = setup();
    await flush();
    const ringing = { ...active, kind: 'ringing' as const };
    phone.push({ call: ringing });
    expect(ring.playing).toBe(true);
    phone.push({ call: { ...ringing, kind: 'answering' } });
    expect(ring.playing).toBe(false);
    phone.push({ call: ringing });
    phone.push({ call: { ...ringing, kind: 'ended', cause: 'canceled', answeredAt: null, endedAt: 5 } });
    expect(ring.playing).toBe(false);
    expect(selectShouldRing({ ...initialSoftphoneView, phone: { ...INITIAL_SOFTPHONE_STATE, call: ringing } })).toBe(true);
  });

  it('turns panel actions into phone calls: hold toggles, mute toggles, keys send DTMF in a call and type out of one', async () => {
    const { phone, controller } = setup();
    await flush();
    const a = controller.actions;
    a.key('5');
    a.key('3');
    expect(controller.store.getState().number).toBe('53');
    phone.push({ registration: { kind: 'registered', expiresAt: 1 }, call: active });
    a.key('#');
    a.toggleHold();
    phone.push({ call: { ...active, hold: { local: true, remote: false }, muted: true } });
    a.toggleHold();
    a.toggleMute();
    a.blindTransfer('1002');
    a.startConsult('1003');
    a.completeTransfer();
    a.cancelConsult();
    a.hangup();
    expect(phone.calls.slice(1)).toEqual(['sendDtmf:#', 'hold', 'resume', 'setMuted:false', 'blindTransfer:1002', 'startConsult:1003', 'completeTransfer', 'cancelConsult', 'hangup']);
    expect(controller.store.getState().number).toBe('53');
  });

  it('dials the typed number and shows a refused dial as an action error', async () => {
    const { phone, controller } = setup();
    await flush();
    controller.actions.typeNumber('0 (532) 123-45');
    expect(controller.store.getState().number).toBe('053212345');
    await controller.actions.dial();
    expect(phone.calls).toContain('call:053212345');
    phone.phone.call = () => {
      throw new Error('softphone-not-registered');
    };
    await controller.actions.dial('153');
    expect(controller.store.getState().actionError).toBe('softphone-not-registered');
  });

  it('lists devices and stops cleanly', async () => {
    const { phone, controller, dialer } = setup();
    await flush();
    await flush();
    expect(controller.store.getState().devices.inputs).toEqual([{ id: 'm1', label: 'Mic' }]);
    phone.push({ registration: { kind: 'registered', expiresAt: 1 } });
    controller.stop();
    expect(phone.calls).toContain('stop');
    expect(await dialer.dial('153')).toBe('desk-phone');
  });
});

describe('dial pad number', () => {
  it('takes dial characters only, at most 32, and erases', () => {
    let s = initialSoftphoneView;
    for (const k of ['1', 'a', '*', '#', '+', ' ']) s = numberTyped(s, k);
    expect(s.number).toBe('1*#+');
    s = numberBackspace(s);
    expect(s.number).toBe('1*#');
    expect(numberEdited(s, '9'.repeat(40)).number).toHaveLength(32);
  });
});

describe('softphone locales', () => {
  const trKeys = flattenLocale(tr);
  const enKeys = flattenLocale(en);
  it('agree between Turkish and English', () => expectLocalesAgree(trKeys, enKeys));
  it('name every registration state, call state and end cause', () => {
    for (const k of REGISTRATION_KINDS) expect(trKeys.has(`registration.${k}`), k).toBe(true);
    for (const k of CALL_KINDS.filter((k) => k !== 'idle')) expect(trKeys.has(`call.${k}`), k).toBe(true);
    for (const c of ['local-hangup', 'remote-hangup', 'rejected', 'busy', 'no-answer', 'canceled', 'transferred', 'failed', 'unreachable']) expect(trKeys.has(`cause.${c}`), c).toBe(true);
    expect(tr.registration.registered).toBe('Kayıtlı');
    expect(tr.registration.registering).toBe('Kaydediliyor');
    expect(tr.registration.connecting).toBe('Bağlanıyor');
    expect(tr.registration.failed).toBe('Kayıt başarısız');
    expect(tr.registration['not-configured']).toBe('Yapılandırılmadı');
    expect(tr.actions.hold).toBe('Beklet');
    expect(tr.actions.resume).toBe('Devam et');
  });
});
