import type { CaseOutcome } from '../../../../core/case.js';

type KeyInfo = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'repeat'>;

/**
 * The form's save keys, from anywhere on the screen: Ctrl+Enter resolves on the call,
 * Ctrl+Shift+Enter forwards (⌘ for Ctrl on a Mac). A held key does not save twice.
 */
export function saveShortcut(e: KeyInfo): CaseOutcome | null {
  if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || e.repeat) return null;
  return e.shiftKey ? 'forwarded' : 'resolved';
}
