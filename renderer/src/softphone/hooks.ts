import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useDeskPart, type DeskCore } from '../shared/desk/deskContext.js';
import type { Dialer } from './dialer.js';
import { softphoneLanguageOf, softphoneT, type SoftphoneLanguage, type SoftphoneT } from './i18n.js';
import type { SoftphoneActions, SoftphoneController } from './startSoftphone.js';
import type { SoftphoneViewState } from './softphoneStore.js';

/** What calling out needs of the wired desk (app/desk.ts provides it). */
export interface SoftphonePart extends DeskCore {
  /** Click-to-dial: the softphone when registered, else the desk phone (AMI Originate). */
  dialer: Dialer;
  /** The WebRTC softphone (when SIP is configured): its store and the panel's actions. */
  softphone: SoftphoneController;
}

export const useSoftphoneDesk = (): SoftphonePart => useDeskPart<SoftphonePart>();
export const useSoftphone = <T,>(selector: (s: SoftphoneViewState) => T): T => useStore(useSoftphoneDesk().softphone.store, selector);
export const useSoftphoneActions = (): SoftphoneActions => useSoftphoneDesk().softphone.actions;

/** Texts of the 'softphone' namespace, re-rendering on a language switch. */
export function useSoftphoneText(): { t: SoftphoneT; lng: SoftphoneLanguage } {
  const { i18n } = useTranslation();
  const lng = softphoneLanguageOf(i18n);
  const t = useMemo(() => softphoneT(i18n, lng), [i18n, lng]);
  return { t, lng };
}
