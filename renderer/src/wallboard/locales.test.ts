import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/contract.js';
import { AgentState } from '../../../core/queue.js';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import { pauseReasonLabel } from './i18n.js';
import { FIGURE_WINDOWS } from './queueFigures.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const trKeys = flatten(tr);
const enKeys = flatten(en);

describe('wallboard locales', () => {
  it('have the same keys in Turkish and English', () => {
    expect([...enKeys.keys()].sort()).toEqual([...trKeys.keys()].sort());
  });

  it('use the same interpolation variables in both languages', () => {
    for (const [key, text] of trKeys) expect(variables(enKeys.get(key) ?? ''), key).toEqual(variables(text));
  });

  it('have no empty texts', () => {
    for (const [key, text] of [...trKeys, ...enKeys]) expect(text.trim(), key).not.toBe('');
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
