import type { i18n as I18n } from 'i18next';
import type { Language } from '../i18n/resources.js';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };

export const CALLBACKS_NS = 'callbacks';

/** Turkish first: it is the source of the key type and the fallback. */
export const callbackResources = { tr, en } as const;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every text key of the call-backs namespace, checked against tr.json. */
export type CallbackKey = Leaves<typeof tr>;
export type CallbackVars = Record<string, string | number>;
export type CallbackT = (key: CallbackKey, vars?: CallbackVars) => string;

/** Adds the call-backs' texts to the app's i18next instance under the 'callbacks' namespace (idempotent). */
export function registerCallbackLocales(i18n: I18n): void {
  for (const lng of ['tr', 'en'] as const) {
    i18n.addResourceBundle(lng, CALLBACKS_NS, callbackResources[lng], true, true);
  }
}

export function callbackLanguage(i18n: I18n): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return lng === 'en' || lng === 'tr' ? lng : 'tr';
}

type UntypedT = (key: string, options?: Record<string, unknown>) => string;

/** A translate function bound to the call-backs namespace and one language (registers the texts on first use). */
export function callbacksT(i18n: I18n, lng: Language): CallbackT {
  if (!i18n.hasResourceBundle(lng, CALLBACKS_NS)) registerCallbackLocales(i18n);
  // The app's i18next types know only its own namespace; ours is typed by CallbackKey instead.
  const t = i18n.t.bind(i18n) as unknown as UntypedT;
  return (key, vars) => t(key, { ...vars, ns: CALLBACKS_NS, lng });
}
