import type { i18n as I18n } from 'i18next';
import { namespaceT, uiLanguageOf, type Leaves, type NamespaceT } from '../shared/i18n/namespace.js';
import type { Language } from '../shared/i18n/resources.js';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };

export const PRESENCE_NS = 'presence';

/** Turkish first: it is the source of the key type and the fallback. */
export const presenceResources = { tr, en } as const;

export type PresenceKey = Leaves<typeof tr>;
export type PresenceT = NamespaceT<PresenceKey>;

export const presenceT = (i18n: I18n, lng: Language): PresenceT => namespaceT<PresenceKey>(i18n, PRESENCE_NS, presenceResources, lng);
export const presenceLanguageOf = (i18n: I18n): Language => uiLanguageOf(i18n);
