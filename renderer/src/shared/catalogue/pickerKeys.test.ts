import { describe, expect, it } from 'vitest';
import { closedPicker, pickerKey, type PickerState } from './pickerKeys.js';

const press = (s: PickerState, key: string, count = 3, mods = {}) => pickerKey(s, { key, ...mods }, count);

describe('pickerKey (the subject list\'s keyboard)', () => {
  it('↓ opens the list on the first option and stops at the last; ↑ goes back to the typed text', () => {
    let s = press(closedPicker, 'ArrowDown').state;
    expect(s).toEqual({ open: true, active: 0 });
    s = press(press(press(s, 'ArrowDown').state, 'ArrowDown').state, 'ArrowDown').state;
    expect(s.active).toBe(2);
    s = press(press(press(s, 'ArrowUp').state, 'ArrowUp').state, 'ArrowUp').state;
    expect(s).toEqual({ open: true, active: -1 });
  });

  it('Enter picks the highlighted subject and closes the list', () => {
    expect(press({ open: true, active: 1 }, 'Enter')).toEqual({ state: closedPicker, effect: { kind: 'pick', index: 1 }, handled: true });
    // Ctrl+Enter too: the subject is taken, then the save shortcut runs with it.
    expect(press({ open: true, active: 0 }, 'Enter', 3, { ctrlKey: true }).effect).toEqual({ kind: 'pick', index: 0 });
  });

  it('Enter on an open list with nothing highlighted picks the first suggestion', () => {
    expect(press({ open: true, active: -1 }, 'Enter')).toEqual({ state: closedPicker, effect: { kind: 'pick', index: 0 }, handled: true });
  });

  it('Enter with the list closed or empty keeps the typed text (free text) and lets the form move on; Ctrl+Enter never picks unseen', () => {
    expect(press(closedPicker, 'Enter')).toMatchObject({ effect: { kind: 'free' }, handled: false });
    expect(press({ open: true, active: 2 }, 'Enter', 0)).toMatchObject({ effect: { kind: 'free' } });
    expect(press({ open: true, active: -1 }, 'Enter', 3, { ctrlKey: true })).toMatchObject({ effect: { kind: 'free' }, handled: false });
  });

  it('Esc closes an open list and claims the key; with the list closed it is left to others', () => {
    expect(press({ open: true, active: 1 }, 'Escape')).toEqual({ state: closedPicker, effect: { kind: 'none' }, handled: true });
    expect(press(closedPicker, 'Escape').handled).toBe(false);
  });

  it('Tab closes without picking; ↓ with no options does nothing', () => {
    expect(press({ open: true, active: 1 }, 'Tab')).toEqual({ state: closedPicker, effect: { kind: 'none' }, handled: false });
    expect(press(closedPicker, 'ArrowDown', 0)).toEqual({ state: closedPicker, effect: { kind: 'none' }, handled: false });
    expect(press(closedPicker, 'ArrowDown', 3, { altKey: true }).handled).toBe(false);
  });
});
