import { describe, it } from 'vitest';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import { expectLocalesAgree, flattenLocale } from '../shared/testing/localeTree.js';

describe('presence locales', () => {
  it('agree between Turkish and English (keys, variables, no empty text)', () => {
    expectLocalesAgree(flattenLocale(tr), flattenLocale(en));
  });
});
