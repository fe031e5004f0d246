import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useDesk } from '../app/index.js';
import { softphoneLanguageOf, softphoneT, type SoftphoneLanguage, type SoftphoneT } from './i18n.js';
import type { SoftphoneActions } from './startSoftphone.js';
import type { SoftphoneViewState } from './softphoneStore.js';

export const useSoftphone = <T,>(selector: (s: SoftphoneViewState) => T): T => useStore(useDesk().softphone.store, selector);
export const useSoftphoneActions = (): SoftphoneActions => useDesk().softphone.actions;

/** Texts of the 'softphone' namespace, re-rendering on a language switch. */
export function useSoftphoneText(): { t: SoftphoneT; lng: SoftphoneLanguage } {
  const { i18n } = useTranslation();
  const lng = softphoneLanguageOf(i18n);
  const t = useMemo(() => softphoneT(i18n, lng), [i18n, lng]);
  return { t, lng };
}
