import { describe, expect, it } from 'vitest';
import { actionOfCombo, comboOfKey, DEFAULT_HOTKEYS, hotkeyConflicts, isHotkeyCombo, normalizeCombo, parseHotkeyList, toAccelerator, type KeyLike } from './hotkeys.js';

const press = (key: string, code: string, mods: Partial<Pick<KeyLike, 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>> = {}): KeyLike => ({
  key,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('hot key combinations', () => {
  it('are written one way, whatever case and order they were typed in', () => {
    expect(normalizeCombo('alt + ctrl + f9')).toEqual({ ok: true, combo: 'Ctrl+Alt+F9' });
    expect(normalizeCombo('control+shift+h')).toEqual({ ok: true, combo: 'Ctrl+Shift+H' });
    expect(isHotkeyCombo('Ctrl+Alt+F9')).toBe(true);
    expect(isHotkeyCombo('alt+ctrl+f9')).toBe(false);
  });

  it('refuse keys that would fire while typing, keys the desk or the browser keep, and nonsense', () => {
    expect(normalizeCombo('H')).toEqual({ ok: false, problem: 'needs-modifier' });
    expect(normalizeCombo('Shift+7')).toEqual({ ok: false, problem: 'needs-modifier' });
    expect(normalizeCombo('F1')).toEqual({ ok: false, problem: 'reserved' });
    expect(normalizeCombo('Ctrl+Enter')).toEqual({ ok: false, problem: 'reserved' });
    expect(normalizeCombo('Ctrl+W')).toEqual({ ok: false, problem: 'reserved' });
    expect(normalizeCombo('Ctrl+Ctrl+F2')).toEqual({ ok: false, problem: 'invalid' });
    expect(normalizeCombo('Ctrl+Alt')).toEqual({ ok: false, problem: 'invalid' });
    expect(normalizeCombo('F25')).toEqual({ ok: false, problem: 'invalid' });
  });

  it('are read from a key press by the physical key, so a Turkish keyboard gives the same letters', () => {
    expect(comboOfKey(press('F9', 'F9'))).toBe('F9');
    expect(comboOfKey(press('ı', 'KeyI', { ctrlKey: true, altKey: true }))).toBe('Ctrl+Alt+I');
    expect(comboOfKey(press('2', 'Digit2', { altKey: true }))).toBe('Alt+2');
    expect(comboOfKey(press('Control', 'ControlLeft', { ctrlKey: true }))).toBeNull();
    expect(comboOfKey(press('ArrowUp', 'ArrowUp'))).toBeNull();
  });

  it('find the action bound to a key, and keys given to two actions', () => {
    expect(actionOfCombo(DEFAULT_HOTKEYS, 'F9')).toBe('answer');
    expect(actionOfCombo(DEFAULT_HOTKEYS, 'F2')).toBe('focusSubject');
    expect(actionOfCombo(DEFAULT_HOTKEYS, 'F12')).toBeNull();
    expect(hotkeyConflicts(DEFAULT_HOTKEYS)).toEqual([]);
    expect(hotkeyConflicts({ ...DEFAULT_HOTKEYS, hold: 'F9' })).toEqual([{ combo: 'F9', actions: ['answer', 'hold'] }]);
  });

  it('become Electron accelerators', () => {
    expect(toAccelerator('Ctrl+Alt+Meta+F9')).toBe('Ctrl+Alt+Super+F9');
  });

  it('an administrator lists them in one variable; a wrong entry is named', () => {
    expect(parseHotkeyList('answer=f9, hangup = ctrl+alt+h, hold=off')).toEqual({ answer: 'F9', hangup: 'Ctrl+Alt+H', hold: null });
    expect(() => parseHotkeyList('dance=F9')).toThrow(/unknown action "dance"/);
    expect(() => parseHotkeyList('answer=Q')).toThrow(/needs-modifier/);
  });
});
