import { describe, expect, it } from 'vitest';
import { saveShortcut } from './shortcuts.js';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'repeat', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  repeat: false,
  ...mods,
});

describe('keyboard map', () => {
  it('Ctrl+Enter resolves on the call, Ctrl+Shift+Enter forwards; nothing else saves', () => {
    expect(saveShortcut(key('Enter', { ctrlKey: true }))).toBe('resolved');
    expect(saveShortcut(key('Enter', { ctrlKey: true, shiftKey: true }))).toBe('forwarded');
    expect(saveShortcut(key('Enter', { metaKey: true }))).toBe('resolved');
    expect(saveShortcut(key('Enter'))).toBeNull();
    expect(saveShortcut(key('Enter', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(saveShortcut(key('Enter', { ctrlKey: true, repeat: true }))).toBeNull();
  });
});
