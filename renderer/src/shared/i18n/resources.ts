import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };

export const LANGUAGES = ['tr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'tr';

export const resources = {
  tr: { translation: tr },
  en: { translation: en },
} as const;

// Turkish is the source of truth: a key missing there is a type error at every t() call.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof tr };
  }
}
