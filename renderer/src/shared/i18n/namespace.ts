import type { i18n as I18n } from 'i18next';
import { LANGUAGES, type Language } from './resources.js';

/**
 * A part of the UI with texts of its own (wallboard, softphone, call-backs) keeps them in its
 * own locale files, added to the app's i18next instance as a namespace on first use.
 */

/** Every text key of a locale tree, dotted: the Turkish file is the source of the key type. */
export type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type TextVars = Record<string, string | number>;
export type NamespaceT<Key extends string> = (key: Key, vars?: TextVars) => string;

/** The UI language i18next resolved, Turkish when it is anything else. */
export function uiLanguageOf(i18n: I18n): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return (LANGUAGES as readonly string[]).includes(lng) ? (lng as Language) : 'tr';
}

/** Adds a namespace's texts in every language (idempotent). */
export function registerNamespace(i18n: I18n, ns: string, resources: Record<Language, object>): void {
  for (const lng of LANGUAGES) i18n.addResourceBundle(lng, ns, resources[lng], true, true);
}

type UntypedT = (key: string, options?: Record<string, unknown>) => string;

/** A translate function bound to one namespace and language; registers the texts on first use. */
export function namespaceT<Key extends string>(i18n: I18n, ns: string, resources: Record<Language, object>, lng: Language): NamespaceT<Key> {
  if (!i18n.hasResourceBundle(lng, ns)) registerNamespace(i18n, ns, resources);
  // The app's i18next types know only its own namespace; these keys are typed by Key instead.
  const t = i18n.t.bind(i18n) as unknown as UntypedT;
  return (key, vars) => t(key, { ...vars, ns, lng });
}
