import type { i18n as I18n } from 'i18next';
import { namespaceT, registerNamespace, uiLanguageOf, type Leaves, type NamespaceT } from '../shared/i18n/namespace.js';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };

export const SOFTPHONE_NS = 'softphone';

/** Turkish first: it is the source of the key type and the fallback. */
export const softphoneResources = { tr, en } as const;
export type SoftphoneLanguage = keyof typeof softphoneResources;

/** Every text key of the softphone namespace, checked against tr.json. */
export type SoftphoneKey = Leaves<typeof tr>;
export type SoftphoneT = NamespaceT<SoftphoneKey>;

/** Adds the softphone's texts to the app's i18next instance under 'softphone' (idempotent). */
export const registerSoftphoneLocales = (i18n: I18n): void => registerNamespace(i18n, SOFTPHONE_NS, softphoneResources);

export const softphoneLanguageOf = (i18n: I18n): SoftphoneLanguage => uiLanguageOf(i18n);

/** A translate function bound to the softphone namespace; registers the texts on first use. */
export const softphoneT = (i18n: I18n, lng: SoftphoneLanguage): SoftphoneT => namespaceT<SoftphoneKey>(i18n, SOFTPHONE_NS, softphoneResources, lng);
