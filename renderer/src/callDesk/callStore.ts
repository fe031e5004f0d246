import { createStore } from 'zustand/vanilla';
import type { ScreenPop } from '../../../core/call.js';

export interface CallState {
  screenPop: ScreenPop | null;
}

export const initialCallState: CallState = { screenPop: null };

export const screenPopChanged = (_: CallState, screenPop: ScreenPop | null): CallState => ({ screenPop });

/** The host also pushes null after a dismiss; clearing early just makes the click feel instant. */
export const callDismissed = (s: CallState, linkedid: string): CallState =>
  s.screenPop?.call.linkedid === linkedid ? { screenPop: null } : s;

export const createCallStore = (initial: CallState = initialCallState) => createStore<CallState>()(() => initial);
export type CallStore = ReturnType<typeof createCallStore>;

export const selectScreenPop = (s: CallState) => s.screenPop;
