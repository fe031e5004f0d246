import { describe, expect, it } from 'vitest';
import { initialLanguage, rememberShownLanguage } from './i18n.js';

function memoryStorage(entries: Record<string, string> = {}) {
  const map = new Map(Object.entries(entries));
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe('the language of the first frame', () => {
  it('is the one the page last showed, so an English desk does not start in Turkish', () => {
    const storage = memoryStorage();
    rememberShownLanguage(storage, 'en');
    expect(initialLanguage(storage)).toBe('en');
  });

  it("falls back to an older release's choice, then to Turkish", () => {
    expect(initialLanguage(memoryStorage({ 'alo153.language': 'en' }))).toBe('en');
    expect(initialLanguage(memoryStorage({ 'alo153.language': 'en', 'alo153.language.shown': 'tr' }))).toBe('tr');
    expect(initialLanguage(memoryStorage())).toBe('tr');
    expect(initialLanguage(memoryStorage({ 'alo153.language.shown': 'de' }))).toBe('tr');
    expect(initialLanguage(null)).toBe('tr');
  });

  it('starts in Turkish where the storage refuses to be read, and a refused write is no error', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(initialLanguage(refusing)).toBe('tr');
    expect(() => rememberShownLanguage(refusing, 'en')).not.toThrow();
  });
});
