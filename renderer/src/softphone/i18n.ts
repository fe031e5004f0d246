import type { i18n as I18n } from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };

export const SOFTPHONE_NS = 'softphone';

/** Turkish first: it is the source of the key type and the fallback. */
export const softphoneResources = { tr, en } as const;
export type SoftphoneLanguage = keyof typeof softphoneResources;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every text key of the softphone namespace, checked against tr.json. */
export type SoftphoneKey = Leaves<typeof tr>;
export type SoftphoneT = (key: SoftphoneKey, vars?: Record<string, string | number>) => string;

/** Adds the softphone's texts to the app's i18next instance under 'softphone' (idempotent). */
export function registerSoftphoneLocales(i18n: I18n): void {
  for (const lng of ['tr', 'en'] as const) i18n.addResourceBundle(lng, SOFTPHONE_NS, softphoneResources[lng], true, true);
}

export function softphoneLanguageOf(i18n: I18n): SoftphoneLanguage {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return lng === 'en' ? 'en' : 'tr';
}

type UntypedT = (key: string, options?: Record<string, unknown>) => string;

/** A translate function bound to the softphone namespace; registers the texts on first use. */
export function softphoneT(i18n: I18n, lng: SoftphoneLanguage): SoftphoneT {
  if (!i18n.hasResourceBundle(lng, SOFTPHONE_NS)) registerSoftphoneLocales(i18n);
  const t = i18n.t.bind(i18n) as unknown as UntypedT;
  return (key, vars) => t(key, { ...vars, ns: SOFTPHONE_NS, lng });
}
