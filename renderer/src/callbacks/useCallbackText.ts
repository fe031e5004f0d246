import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../shared/i18n/resources.js';
import { callbackLanguage, callbacksT, type CallbackT } from './i18n.js';

/** Texts of the 'callbacks' namespace, re-rendering on a language switch. */
export function useCallbackText(): { t: CallbackT; lng: Language } {
  const { i18n } = useTranslation();
  const lng = callbackLanguage(i18n);
  const t = useMemo(() => callbacksT(i18n, lng), [i18n, lng]);
  return { t, lng };
}
