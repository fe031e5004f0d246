import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../i18n/i18n.js';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/resources.js';
import { onTick } from './sharedTicker.js';

/** Wall-clock time that re-renders every interval while `active`; idle screens do not tick. */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    // Woken after a pause, the time kept is stale; just mounted, it is fresh, and setting it
    // again would draw the component twice (every SLA badge of a screen-pop, while it rings).
    setNow((kept) => (Date.now() - kept < intervalMs ? kept : Date.now()));
    return onTick(intervalMs, setNow);
  }, [active, intervalMs]);
  return now;
}

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}
