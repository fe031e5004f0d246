import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { CallStore } from '../callDesk/index.js';
import { useDeskPart, type DeskCore } from '../shared/desk/deskContext.js';
import type { SoftphoneController } from '../softphone/index.js';
import { presenceLanguageOf, presenceT, type PresenceT } from './i18n.js';
import type { PresenceState } from './presenceStore.js';
import type { PresenceController } from './startPresence.js';
import type { Language } from '../shared/i18n/resources.js';

/** What the presence feature needs of the wired desk (app/desk.ts provides it). */
export interface PresencePart extends DeskCore {
  presence: PresenceController;
  /** The call on the screen-pop: a desk phone's hang-up key acts on it. */
  call: CallStore;
  /** The softphone: answer, hang up, hold and mute keys act on it. */
  softphone: SoftphoneController;
}

export const usePresenceDesk = (): PresencePart => useDeskPart<PresencePart>();
export const usePresence = <T,>(selector: (s: PresenceState) => T): T => useStore(usePresenceDesk().presence.store, selector);

/** Texts of the 'presence' namespace, re-rendering on a language switch. */
export function usePresenceText(): { t: PresenceT; lng: Language } {
  const { i18n } = useTranslation();
  const lng = presenceLanguageOf(i18n);
  const t = useMemo(() => presenceT(i18n, lng), [i18n, lng]);
  return { t, lng };
}
