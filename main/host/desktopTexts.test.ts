import { describe, expect, it } from 'vitest';
import { hostLocales, hostTexts } from './desktopTexts.js';

const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));

describe("the host's texts", () => {
  it('English has every Turkish text and no other', () => {
    expect(keys(hostLocales.en).sort()).toEqual(keys(hostLocales.tr).sort());
  });

  it('fill in their variables', () => {
    expect(hostTexts('tr')('ring.title', { number: '905321112233' })).toBe('Gelen çağrı: 905321112233');
    expect(hostTexts('en')('tray.paused', { reason: 'Mola' })).toBe('Paused: Mola');
  });
});
