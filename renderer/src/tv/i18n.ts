import type { i18n as I18n } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import type { Language } from '../shared/i18n/resources.js';
import { namespaceT, registerNamespace, uiLanguageOf, type Leaves, type NamespaceT } from '../shared/i18n/namespace.js';

/** The TV page's own texts (login, banners); the board's are the wallboard's namespace. */
export const TV_NS = 'tv';

/** Turkish first: it is the source of the key type and the fallback. */
export const tvResources = { tr, en } as const;

export type TvKey = Leaves<typeof tr>;
export type TvT = NamespaceT<TvKey>;

export const registerTvLocales = (i18n: I18n): void => registerNamespace(i18n, TV_NS, tvResources);

/** Texts of the 'tv' namespace, re-rendering on a language switch. */
export function useTvText(): { t: TvT; lng: Language; i18n: I18n } {
  const { i18n } = useTranslation();
  const lng = uiLanguageOf(i18n);
  const t = useMemo(() => namespaceT<TvKey>(i18n, TV_NS, tvResources, lng), [i18n, lng]);
  return { t, lng, i18n };
}
