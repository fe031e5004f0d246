import type { ScreenPop } from '../../../core/call.js';
import type { Softphone, SoftphoneDeps } from '../../../telephony/softphone/jssipPhone.js';
import type { SoftphoneState } from '../../../telephony/softphone/softphoneState.js';
import type { DeskClient } from '../shared/api/deskClient.js';
import type { Dialer } from './dialer.js';
import { createRingtone, type Ringtone } from './ringtone.js';
import {
  actionFailed,
  createSoftphoneStore,
  devicesListed,
  numberBackspace,
  numberEdited,
  numberTyped,
  phoneChanged,
  setupChanged,
  type SoftphoneStore,
} from './softphoneStore.js';

/** What the panel calls; every action is safe to call with no softphone (it does nothing). */
export interface SoftphoneActions {
  answer(): void;
  reject(): void;
  hangup(): void;
  toggleHold(): void;
  toggleMute(): void;
  /** In a call: DTMF. Out of a call: the key goes into the number field. */
  key(key: string): void;
  typeNumber(value: string): void;
  backspace(): void;
  /** Calls the typed number (or the one given). */
  dial(number?: string): Promise<void>;
  blindTransfer(target: string): void;
  startConsult(target: string): void;
  completeTransfer(): void;
  cancelConsult(): void;
  setInputDevice(id: string | null): Promise<void>;
  setOutputDevice(id: string | null): Promise<void>;
  refreshDevices(): Promise<void>;
  setAutoAnswer(on: boolean): void;
}

export interface SoftphoneController {
  store: SoftphoneStore;
  actions: SoftphoneActions;
  /** Stops the softphone and withdraws it from the dialer. */
  stop(): void;
}

export interface StartSoftphoneOptions {
  /** Makes the softphone (jssipPhone's createSoftphone; tests pass a fake). */
  /** May load the JsSIP module on demand: desks without SIP never download it. */
  createPhone: (deps: SoftphoneDeps) => Softphone | Promise<Softphone>;
  ringtone?: Ringtone;
  /** The screen-pop the host answered to `softphone.incoming` (when it did not push it already). */
  onScreenPop?: (screenPop: ScreenPop) => void;
}

/**
 * Wires the softphone into the desk: asks `softphone.settings` once connected; when enabled
 * starts the phone, reports incoming and ended calls to the host, rings, and offers itself to
 * the dialer while registered. The password stays in this closure's memory only.
 */
export function startSoftphone(client: DeskClient, dialer: Dialer, options: StartSoftphoneOptions): SoftphoneController {
  const store = createSoftphoneStore();
  const ringtone = options.ringtone ?? createRingtone();
  let phone: Softphone | null = null;
  let withdraw: (() => void) | null = null;
  let asking = false;
  let stopped = false;

  const setError = (code: string | null) => store.setState((s) => actionFailed(s, code), true);
  const guard = (f: (p: Softphone) => void): void => {
    if (!phone) return;
    try {
      f(phone);
      setError(null);
    } catch (err) {
      setError((err as Error).message || 'action');
    }
  };

  const follow = (state: SoftphoneState): void => {
    const before = store.getState().phone;
    store.setState((s) => phoneChanged(s, state), true);
    // Device labels come with the microphone permission, i.e. with the first call.
    if (state.call.kind === 'active' && before.call.kind !== 'active') {
      void actions.refreshDevices();
      // The host moves a call only the softphone knows (no AMI call matched) to connected.
      if (state.call.direction === 'incoming') void client.call('softphone.answered', { callId: state.call.callId });
    }
    if (state.call.kind === 'ringing') ringtone.start();
    else ringtone.stop();
    const registered = state.registration.kind === 'registered';
    if (registered && !withdraw && phone) {
      const p = phone;
      withdraw = dialer.useSoftphone({ canDial: () => p.canDial(), dial: async (n) => p.call(n) });
    } else if (!registered && withdraw) {
      withdraw();
      withdraw = null;
    }
  };

  async function loadSettings(): Promise<void> {
    if (asking || phone || stopped || store.getState().setup === 'disabled') return;
    asking = true;
    try {
      const r = await client.call('softphone.settings', {});
      if (stopped) return;
      if (!r.ok) {
        store.setState((s) => setupChanged(s, 'error'), true);
        return;
      }
      if (!r.value.enabled || !r.value.wsUrl || !r.value.sipUri) {
        store.setState((s) => setupChanged(s, 'disabled'), true);
        return;
      }
      const p = await options.createPhone({
        onIncoming: (incoming) => {
          void client.call('softphone.incoming', incoming).then((res) => {
            if (res.ok && res.value.screenPop) options.onScreenPop?.(res.value.screenPop);
          });
        },
        onEnded: (ended) => void client.call('softphone.ended', ended),
      });
      if (stopped) return;
      phone = p;
      p.subscribe((state) => follow(state));
      store.setState((s) => setupChanged(s, 'enabled'), true);
      p.start(r.value);
      follow(p.getState());
      void actions.refreshDevices();
    } finally {
      asking = false;
    }
  }

  const actions: SoftphoneActions = {
    answer: () => guard((p) => p.answer()),
    reject: () => guard((p) => p.reject()),
    hangup: () => guard((p) => p.hangup()),
    toggleHold: () =>
      guard((p) => {
        const call = p.getState().call;
        if (call.kind !== 'active') return;
        if (call.hold.local) p.resume();
        else p.hold();
      }),
    toggleMute: () =>
      guard((p) => {
        const call = p.getState().call;
        if (call.kind === 'active') p.setMuted(!call.muted);
      }),
    key(key) {
      if (phone?.getState().call.kind === 'active') guard((p) => p.sendDtmf(key));
      else store.setState((s) => numberTyped(s, key), true);
    },
    typeNumber: (value) => store.setState((s) => numberEdited(s, value), true),
    backspace: () => store.setState((s) => numberBackspace(s), true),
    async dial(number) {
      const target = (number ?? store.getState().number).trim();
      if (!target) return;
      guard((p) => p.call(target));
    },
    blindTransfer: (target) => guard((p) => p.blindTransfer(target)),
    startConsult: (target) => guard((p) => p.startConsult(target)),
    completeTransfer: () => guard((p) => p.completeTransfer()),
    cancelConsult: () => guard((p) => p.cancelConsult()),
    async setInputDevice(id) {
      try {
        await phone?.setInputDevice(id);
        setError(null);
      } catch {
        setError('device');
      }
    },
    async setOutputDevice(id) {
      try {
        await phone?.setOutputDevice(id);
        setError(null);
      } catch {
        setError('device');
      }
    },
    async refreshDevices() {
      if (!phone) return;
      try {
        const devices = await phone.listDevices();
        store.setState((s) => devicesListed(s, devices), true);
      } catch {
        // No permission yet: labels and ids come after the first call's getUserMedia.
      }
    },
    setAutoAnswer: (on) => guard((p) => p.setAutoAnswer(on)),
  };

  const onConnection = (): void => {
    if (client.connection().status === 'connected') void loadSettings();
  };
  const offConnection = client.onConnection(onConnection);
  onConnection();

  return {
    store,
    actions,
    stop() {
      stopped = true;
      offConnection?.();
      withdraw?.();
      withdraw = null;
      ringtone.stop();
      phone?.stop();
      phone = null;
    },
  };
}
