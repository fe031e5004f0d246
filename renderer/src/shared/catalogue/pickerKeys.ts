/** The type-ahead list's keyboard, as a pure function: what a key does to the list and what it asks for. */
export interface PickerState {
  open: boolean;
  /** Highlighted option; -1: none (Enter keeps the typed text). */
  active: number;
}

export const closedPicker: PickerState = { open: false, active: -1 };

export interface PickerKeyResult {
  state: PickerState;
  /** `pick`: take option `state.active` before the state was reset; `free`: Enter on the typed text. */
  effect: { kind: 'none' } | { kind: 'pick'; index: number } | { kind: 'free' };
  /** The key was the list's: the caller prevents its default (and Esc stops there). */
  handled: boolean;
}

interface Keys {
  key: string;
  altKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  ctrlKey?: boolean;
}

const none = (state: PickerState, handled = false): PickerKeyResult => ({ state, effect: { kind: 'none' }, handled });

/**
 * ↓ opens the list and moves down, ↑ moves up (back to the typed text above the first option),
 * Enter picks the highlighted option (the first when none is; Esc then Enter keeps the text), Esc
 * closes an open list, Tab closes it without picking. `count` is the number of options for the text now.
 */
export function pickerKey(s: PickerState, e: Keys, count: number): PickerKeyResult {
  const expanded = s.open && count > 0;
  const plain = !e.altKey && !e.metaKey && !e.shiftKey && !e.ctrlKey;
  switch (e.key) {
    case 'ArrowDown':
      if (!plain || count === 0) return none(s);
      return none({ open: true, active: Math.min(count - 1, (s.open ? s.active : -1) + 1) }, true);
    case 'ArrowUp':
      if (!plain || !expanded) return none(s);
      return none({ open: true, active: Math.max(-1, s.active - 1) }, true);
    case 'Escape':
      return expanded ? none(closedPicker, true) : none(s);
    case 'Tab':
      return none(closedPicker);
    case 'Enter':
      if (e.altKey || e.shiftKey) return none(s);
      if (expanded && s.active >= 0 && s.active < count) return { state: closedPicker, effect: { kind: 'pick', index: s.active }, handled: true };
      // A plain Enter on an open list with nothing highlighted takes the first suggestion (typing
      // "su kes" and Enter means "Su kesintisi"); free text is Esc first, then Enter. Ctrl+Enter
      // (save) keeps the text as typed: a save never picks a subject the operator did not see chosen.
      if (expanded && plain) return { state: closedPicker, effect: { kind: 'pick', index: 0 }, handled: true };
      return { state: s, effect: { kind: 'free' }, handled: false };
    default:
      return none(s);
  }
}
