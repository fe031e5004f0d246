import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language, type TranslationResources } from './resources.js';
import { relayoutDateFields } from './nativeFields.js';

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

/**
 * Where the page notes the language it last showed. Only a hint for the first frame of the next
 * start, drawn before the desk's settings arrive over the link (they decide, and switch if they
 * differ): without it an English-speaking operator would see every start in Turkish first.
 */
const SHOWN_KEY = 'alo153.language.shown';

function readLanguage(storage: KeyValueStorage | null, key: string): Language | null {
  try {
    const value = storage?.getItem(key);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/** The language of the first frame: the one last shown, else an older release's choice, else Turkish. */
export function initialLanguage(storage: KeyValueStorage | null): Language {
  return readLanguage(storage, SHOWN_KEY) ?? readLanguage(storage, STORAGE_KEY) ?? DEFAULT_LANGUAGE;
}

export function rememberShownLanguage(storage: KeyValueStorage | null, lng: Language): void {
  try {
    storage?.setItem(SHOWN_KEY, lng);
  } catch {
    // A refused write (private mode, quota) only costs the next start's first frame.
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
  // The date fields already on screen follow (dd.mm.yyyy in Turkish).
  relayoutDateFields(document);
  rememberShownLanguage(storage, lng);
}
