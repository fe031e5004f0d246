import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { browserStorage, rememberShownLanguage, switchLanguage } from '../shared/i18n/i18n.js';
import type { Language } from '../shared/i18n/resources.js';
import { useLanguage } from '../shared/ui/hooks.js';
import { usePresence, usePresenceDesk } from './deskPart.js';
import { selectAdminSet, selectLanguage } from './presenceStore.js';

/** The page speaks the settings' language: at start, and when another window of this desk changes it. */
export function useSettingsLanguage(): void {
  const { i18n } = useTranslation();
  const language = usePresence(selectLanguage);
  useEffect(() => {
    if (language === null) return;
    if (language !== i18n.resolvedLanguage) switchLanguage(i18n, language, browserStorage());
    // Also when the page already speaks it: the next start's first frame is drawn in it.
    else rememberShownLanguage(browserStorage(), language);
  }, [i18n, language]);
}

/** The header's language switch: at once on screen, then kept in the settings (refused: back). */
export function useLanguageChoice(): { current: Language; locked: boolean; choose: (lng: Language) => void } {
  const { i18n } = useTranslation();
  const desk = usePresenceDesk();
  const current = useLanguage();
  const locked = usePresence(selectAdminSet).includes('language');
  const choose = (lng: Language) => {
    switchLanguage(i18n, lng, browserStorage());
    void desk.presence.update({ language: lng }).then((result) => {
      const kept = selectLanguage(desk.presence.store.getState());
      if (!result.ok && kept !== null) switchLanguage(i18n, kept, browserStorage());
    });
  };
  return { current, locked, choose };
}
