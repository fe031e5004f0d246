import { expect } from 'vitest';

type Tree = { [key: string]: string | Tree };

/** A locale file as `a.b.c → text`. */
export function flattenLocale(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flattenLocale(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** Turkish and English have the same keys, the same {{variables}} per text, and no empty text. */
export function expectLocalesAgree(tr: Map<string, string>, en: Map<string, string>): void {
  expect([...en.keys()].sort()).toEqual([...tr.keys()].sort());
  for (const [key, text] of tr) expect(variables(en.get(key) ?? ''), key).toEqual(variables(text));
  for (const [key, text] of [...tr, ...en]) expect(text.trim(), key).not.toBe('');
}
