import { useEffect } from 'react';
import { focusById, SEARCH_INPUT_ID, SUBJECT_INPUT_ID } from '../components/form/focus.js';

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
      if (e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
      const target = GLOBAL_KEYS[e.key];
      if (!target) return;
      e.preventDefault();
      focusById(target);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
