import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/contract.js';
import { AgentState } from '../../../core/queue.js';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import { pauseReasonLabel } from './i18n.js';
import { FIGURE_WINDOWS } from './queueFigures.js';
import { expectLocalesAgree, flattenLocale } from '../shared/testing/localeTree.js';

const trKeys = flattenLocale(tr);
const enKeys = flattenLocale(en);

describe('wallboard locales', () => {
  it('agree between Turkish and English (keys, variables, no empty text)', () => {
    expectLocalesAgree(trKeys, enKeys);
  });

  it('name every agent state, error code and figure window the contract can produce', () => {
    for (const state of AgentState.options) expect(trKeys.has(`states.${state}`), state).toBe(true);
    for (const code of ErrorCode.options) expect(trKeys.has(`errors.${code}`), code).toBe(true);
    for (const w of FIGURE_WINDOWS) expect(trKeys.has(`windows.${w}`), w).toBe(true);
  });

  it('label the default Turkish pause reasons, and show any other as the host sent it', () => {
    expect(pauseReasonLabel('geri arama', 'tr')).toBe('Geri arama');
    expect(pauseReasonLabel('eğitim', 'en')).toBe('Training');
    expect(pauseReasonLabel('Toplantı', 'en')).toBe('Meeting');
    expect(pauseReasonLabel('EĞİTİM', 'tr')).toBe('Eğitim');
    expect(pauseReasonLabel('Sendika', 'en')).toBe('Sendika');
  });
});
