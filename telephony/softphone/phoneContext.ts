/**
 * What the softphone's parts share: the state the machines of softphoneState.ts step, and the
 * JsSIP objects of the current registration and calls. Registration, sessions, call control and
 * the watchdog all act on the same call, so they read and write one context rather than keep
 * copies that could disagree.
 */
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { UA } from 'jssip/lib/UA.js';
import type { SoftphoneSettings } from '../../core/softphone.js';
import type { SoftphoneDeps } from './softphoneApi.js';
import {
  INITIAL_SOFTPHONE_STATE,
  callStep,
  registrationStep,
  type CallEvent,
  type Illegal,
  type RegistrationEvent,
  type SoftphoneState,
} from './softphoneState.js';

export type PhoneTimers = NonNullable<SoftphoneDeps['timers']>;

export interface PhoneContext {
  readonly deps: SoftphoneDeps;
  readonly timers: PhoneTimers;
  readonly log: NonNullable<SoftphoneDeps['log']>;
  now(): number;
  readonly state: SoftphoneState;
  set(next: SoftphoneState): void;
  subscribe(listener: (state: SoftphoneState, prev: SoftphoneState) => void): () => void;
  /** Steps the registration machine; an illegal event leaves it as it is and is reported. */
  reg(event: RegistrationEvent): void;
  /** Steps the call machine; an illegal event leaves it as it is and is reported. */
  callEv(event: CallEvent): void;
  settings: SoftphoneSettings | null;
  ua: UA | null;
  primary: RTCSession | null;
  consult: RTCSession | null;
  consultCanceled: boolean;
  primaryIncoming: boolean;
  transferred: boolean;
}

const browserTimers: PhoneTimers = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
  clearInterval: (h: unknown) => clearInterval(h as ReturnType<typeof setInterval>),
};

export function createPhoneContext(deps: SoftphoneDeps): PhoneContext {
  const timers = deps.timers ?? browserTimers;
  const log = deps.log ?? (() => {});
  let state: SoftphoneState = INITIAL_SOFTPHONE_STATE;
  const listeners = new Set<(s: SoftphoneState, prev: SoftphoneState) => void>();

  function set(next: SoftphoneState): void {
    if (next === state) return;
    const prev = state;
    state = next;
    for (const l of listeners) l(state, prev);
  }
  function reportIllegal(illegal: Illegal): void {
    set({ ...state, lastIllegal: illegal });
    if (deps.onIllegal) deps.onIllegal(illegal);
    else log('warn', 'softphone: illegal event ignored', { machine: illegal.machine, from: illegal.from, event: illegal.event });
  }

  return {
    deps,
    timers,
    log,
    now: () => timers.now(),
    get state() {
      return state;
    },
    set,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reg(event) {
      const step = registrationStep(state.registration, event);
      if (step.illegal) return reportIllegal(step.illegal);
      if (step.state !== state.registration) set({ ...state, registration: step.state });
    },
    callEv(event) {
      const step = callStep(state.call, event);
      if (step.illegal) return reportIllegal(step.illegal);
      if (step.state !== state.call) set({ ...state, call: step.state });
    },
    settings: null,
    ua: null,
    primary: null,
    consult: null,
    consultCanceled: false,
    primaryIncoming: false,
    transferred: false,
  };
}
