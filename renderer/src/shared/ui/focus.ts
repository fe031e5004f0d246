import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

const FOCUSABLE = 'input:not([readonly]):not([disabled]), textarea:not([readonly]):not([disabled]), select:not([disabled])';

/** Enter in a one-line field moves on instead of submitting: saving is always a deliberate Ctrl+Enter. */
export function focusNextField(e: ReactKeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
  const form = e.currentTarget.closest('form');
  if (!form) return;
  e.preventDefault();
  const fields = Array.from(form.querySelectorAll<HTMLElement>(FOCUSABLE));
  fields[fields.indexOf(e.currentTarget) + 1]?.focus();
}

/** Ids the global shortcuts jump to. */
export const SUBJECT_INPUT_ID = 'case-subject';
export const DESCRIPTION_INPUT_ID = 'case-description';
export const SEARCH_INPUT_ID = 'case-search';
/** The operator's own pause reason (F8 while ready): Enter there pauses with it. */
export const PAUSE_REASON_ID = 'operator-pause-reason';

export function focusById(id: string): void {
  const el = document.getElementById(id);
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    el.focus();
    el.select();
  } else {
    el?.focus();
  }
}

/** The operator is typing somewhere else (search box, a note): a call pop must not pull the caret away. */
export function isTypingOutside(container: HTMLElement | null): boolean {
  const el = document.activeElement;
  if (el === null || el === document.body) return false;
  if (container?.contains(el)) return false;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}
