import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };

export const LANGUAGES = ['tr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'tr';

/** Texts of what every feature names (case fields, SLA states, roles, error codes). */
export const sharedTexts = { tr, en } as const;

/** One part of the app's default namespace: a feature's texts by language, Turkish first. */
export type TextsByLanguage = Readonly<Record<Language, object>>;

/** The default namespace's texts in every language, as i18next takes them. */
export type TranslationResources = Readonly<Record<Language, { translation: object }>>;
