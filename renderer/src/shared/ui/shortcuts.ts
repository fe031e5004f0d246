import { useEffect } from 'react';
import type { CaseOutcome } from '../../../../core/case.js';
import { focusById, SEARCH_INPUT_ID, SUBJECT_INPUT_ID } from './focus.js';

type KeyInfo = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'repeat'>;

/**
 * The form's save keys, from anywhere on the screen: Ctrl+Enter resolves on the call,
 * Ctrl+Shift+Enter forwards (⌘ for Ctrl on a Mac). A held key does not save twice.
 */
export function saveShortcut(e: KeyInfo): CaseOutcome | null {
  if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || e.repeat) return null;
  return e.shiftKey ? 'forwarded' : 'resolved';
}

/** F2 and F3 without modifiers: the id of the field to jump to. */
export function jumpTarget(e: KeyInfo): string | null {
  if (e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return null;
  return GLOBAL_KEYS[e.key] ?? null;
}

/**
 * Keys that work from anywhere on the screen (the save keys live with the form):
 * F2 — to the case form's subject; F3 — to the search box.
 */
export const GLOBAL_KEYS: Readonly<Record<string, string>> = {
  F2: SUBJECT_INPUT_ID,
  F3: SEARCH_INPUT_ID,
};

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = jumpTarget(e);
      if (target === null) return;
      e.preventDefault();
      focusById(target);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
