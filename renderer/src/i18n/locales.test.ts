import { describe, expect, it } from 'vitest';
import { resources } from './resources.js';

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

const tr = flatten(resources.tr.translation);
const en = flatten(resources.en.translation);

describe('locales', () => {
  it('have the same keys in Turkish and English', () => {
    expect([...en.keys()].sort()).toEqual([...tr.keys()].sort());
  });

  it('use the same interpolation variables in both languages', () => {
    for (const [key, text] of tr) expect(variables(en.get(key) ?? ''), key).toEqual(variables(text));
  });

  it('have no empty texts', () => {
    for (const [key, text] of [...tr, ...en]) expect(text.trim(), key).not.toBe('');
  });

  it('translate every error code and issue the contract can produce', () => {
    for (const code of ['invalid-request', 'unknown-method', 'not-found', 'internal', 'unavailable']) {
      expect(tr.has(`errors.form.${code}`), code).toBe(true);
    }
    for (const status of ['connecting', 'connected', 'reconnecting', 'auth-failed', 'stopped', 'unknown']) {
      expect(tr.has(`link.${status}`), status).toBe(true);
    }
  });
});
