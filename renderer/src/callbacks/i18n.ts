import type { i18n as I18n } from 'i18next';
import { namespaceT, registerNamespace, uiLanguageOf, type Leaves, type NamespaceT, type TextVars } from '../shared/i18n/namespace.js';
import type { Language } from '../shared/i18n/resources.js';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };

export const CALLBACKS_NS = 'callbacks';

/** Turkish first: it is the source of the key type and the fallback. */
export const callbackResources = { tr, en } as const;

/** Every text key of the call-backs namespace, checked against tr.json. */
export type CallbackKey = Leaves<typeof tr>;
export type CallbackVars = TextVars;
export type CallbackT = NamespaceT<CallbackKey>;

/** Adds the call-backs' texts to the app's i18next instance under the 'callbacks' namespace (idempotent). */
export const registerCallbackLocales = (i18n: I18n): void => registerNamespace(i18n, CALLBACKS_NS, callbackResources);

export const callbackLanguage = (i18n: I18n): Language => uiLanguageOf(i18n);

/** A translate function bound to the call-backs namespace and one language (registers the texts on first use). */
export const callbacksT = (i18n: I18n, lng: Language): CallbackT => namespaceT<CallbackKey>(i18n, CALLBACKS_NS, callbackResources, lng);
