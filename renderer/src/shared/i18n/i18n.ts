import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language, type TranslationResources } from './resources.js';

const STORAGE_KEY = 'alo153.language';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** localStorage, or null where reading it throws (storage disabled by policy). */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

export function storedLanguage(storage: KeyValueStorage | null): Language {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/**
 * The language an earlier release kept in this browser, removed as it is read: the desk's
 * settings keep it now (renderer/src/presence). null: none kept.
 */
export function takeStoredLanguage(storage: (KeyValueStorage & Pick<Storage, 'removeItem'>) | null): Language | null {
  try {
    const value = storage?.getItem(STORAGE_KEY) ?? null;
    storage?.removeItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/** `resources`: the app's default namespace, which the shell assembles from the features' texts. */
export function createI18n(lng: Language, resources: TranslationResources): i18n {
  const instance = i18next.createInstance();
  // Resources are bundled, so init completes synchronously and the first render is translated.
  void instance.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}

export function switchLanguage(instance: i18n, lng: Language, storage: KeyValueStorage | null): void {
  void instance.changeLanguage(lng);
  document.documentElement.lang = lng;
  try {
    storage?.setItem(STORAGE_KEY, lng);
  } catch {
    // A refused write (private mode, quota) only costs the preference, not the switch.
  }
}
