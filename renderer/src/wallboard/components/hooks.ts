import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { WallboardLanguage } from '../format.js';
import { languageOf, wallboardT, type WallboardT } from '../i18n.js';
import type { ActionsState } from '../queueActions.js';
import type { QueueState } from '../queueStore.js';
import type { WallboardViewState } from '../viewStore.js';
import { useWallboard } from './WallboardContext.js';

export const useQueue = <T,>(selector: (s: QueueState) => T): T => useStore(useWallboard().queue, selector);
export const useView = <T,>(selector: (s: WallboardViewState) => T): T => useStore(useWallboard().view, selector);
export const useActions = <T,>(selector: (s: ActionsState) => T): T => useStore(useWallboard().actions.store, selector);

/** The wallboard's clock (epoch ms), moving every second while a component that counts is mounted. */
export function useNow(): number {
  const { ticker } = useWallboard();
  useEffect(() => ticker.retain(), [ticker]);
  return useStore(ticker.store, (s) => s.now);
}

/** Texts of the 'wallboard' namespace, re-rendering on a language switch. */
export function useWallboardText(): { t: WallboardT; lng: WallboardLanguage } {
  const { i18n } = useTranslation();
  const lng = languageOf(i18n);
  const t = useMemo(() => wallboardT(i18n, lng), [i18n, lng]);
  return { t, lng };
}
