import { createStore } from 'zustand/vanilla';
import type { AudioDevices } from '../../../telephony/softphone/jssipPhone.js';
import { INITIAL_SOFTPHONE_STATE, type SoftphoneState } from '../../../telephony/softphone/softphoneState.js';

/**
 * setup: 'loading' until `softphone.settings` answered; 'disabled' when no SIP is configured
 * (the desk phone rings over AMI); 'error' when the settings could not be read (asked again on
 * the next connect).
 */
export type SoftphoneSetup = 'loading' | 'disabled' | 'enabled' | 'error';

export interface SoftphoneViewState {
  setup: SoftphoneSetup;
  /** The softphone module's state, as it pushed it last. */
  phone: SoftphoneState;
  devices: AudioDevices;
  /** Digits typed on the dial pad outside a call. */
  number: string;
  /** The last failed action (a code for the panel), cleared by the next one that works. */
  actionError: string | null;
}

export const initialSoftphoneView: SoftphoneViewState = {
  setup: 'loading',
  phone: INITIAL_SOFTPHONE_STATE,
  devices: { inputs: [], outputs: [] },
  number: '',
  actionError: null,
};

export const createSoftphoneStore = (initial: SoftphoneViewState = initialSoftphoneView) => createStore<SoftphoneViewState>()(() => initial);
export type SoftphoneStore = ReturnType<typeof createSoftphoneStore>;

// ── reducers ──
export const setupChanged = (s: SoftphoneViewState, setup: SoftphoneSetup): SoftphoneViewState => (s.setup === setup ? s : { ...s, setup });
export const phoneChanged = (s: SoftphoneViewState, phone: SoftphoneState): SoftphoneViewState => (s.phone === phone ? s : { ...s, phone });
export const devicesListed = (s: SoftphoneViewState, devices: AudioDevices): SoftphoneViewState => ({ ...s, devices });
export const actionFailed = (s: SoftphoneViewState, code: string | null): SoftphoneViewState => (s.actionError === code ? s : { ...s, actionError: code });

const DIAL_CHARS = /^[0-9*#+]$/;
/** A key of the dial pad typed into the number (out of a call); 32 characters at most. */
export const numberTyped = (s: SoftphoneViewState, key: string): SoftphoneViewState =>
  DIAL_CHARS.test(key) && s.number.length < 32 ? { ...s, number: s.number + key } : s;
export const numberEdited = (s: SoftphoneViewState, value: string): SoftphoneViewState => ({ ...s, number: value.replace(/[^0-9*#+]/g, '').slice(0, 32) });
export const numberBackspace = (s: SoftphoneViewState): SoftphoneViewState => ({ ...s, number: s.number.slice(0, -1) });

// ── selectors ──
export const selectRegistration = (s: SoftphoneViewState) => s.phone.registration;
export const selectCall = (s: SoftphoneViewState) => s.phone.call;
export const selectRegistrationKind = (s: SoftphoneViewState) => s.phone.registration.kind;
/** The ring tone plays while an incoming call rings, and stops on answer, reject or end. */
export const selectShouldRing = (s: SoftphoneViewState) => s.phone.call.kind === 'ringing';
export const selectInCall = (s: SoftphoneViewState) => s.phone.call.kind === 'active';
