import { useStore } from 'zustand';
import { useDeskPart, type DeskCore } from '../shared/desk/deskContext.js';
import type { CallbackWorklistController, WorklistState } from './worklist.js';

/** What call-backs need of the wired desk (app/desk.ts provides it). */
export interface CallbacksPart extends DeskCore {
  /** Feedback operators: the call-back worklist (loaded while its tab is open). */
  callbacks: CallbackWorklistController;
}

export const useCallbacksDesk = (): CallbacksPart => useDeskPart<CallbacksPart>();
export const useCallbacks = <T,>(selector: (s: WorklistState) => T): T => useStore(useCallbacksDesk().callbacks.store, selector);
