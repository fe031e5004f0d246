import { LIMITS } from '../../../core/case.js';
import type { DeskError } from '../../../core/contract.js';
import type { DeskClient } from '../shared/api/deskClient.js';

/** A note's longest text: the contract's (core/contract.ts cases.appendNote, cleanText(LIMITS.note)). */
export const NOTE_MAX = LIMITS.note;

/** Why a note was not added; each has a message (caseNote.problem.*). */
export const NOTE_PROBLEMS = ['required', 'tooLong', 'controlChars', 'forbidden', 'not-found', 'unavailable', 'failed'] as const;
export type NoteProblem = (typeof NOTE_PROBLEMS)[number];

/** What can be told before sending, as the host's schema counts it (trimmed). */
export function noteProblem(text: string): NoteProblem | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'required';
  if (trimmed.length > NOTE_MAX) return 'tooLong';
  return null;
}

/** The host's refusal as a problem to show next to the note. */
export function noteProblemFrom(error: DeskError): NoteProblem {
  if (error.code === 'forbidden' || error.code === 'not-found' || error.code === 'unavailable') return error.code;
  if (error.code !== 'invalid-request') return 'failed';
  const message = error.issues?.find((i) => i.path === 'text')?.message;
  if (message === 'text.required') return 'required';
  if (message === 'text.tooLong') return 'tooLong';
  if (message === 'text.controlChars') return 'controlChars';
  return 'failed';
}

/**
 * Adds a note to a case from its detail: the repeat call's host method (cases.appendNote), with
 * no call to tie it to. The host writes it to the case's history and the sync outbox together.
 */
export async function addNote(client: DeskClient, caseId: number, text: string): Promise<NoteProblem | null> {
  const before = noteProblem(text);
  if (before !== null) return before;
  const result = await client.call('cases.appendNote', { caseId, text, linkedid: null });
  return result.ok ? null : noteProblemFrom(result.error);
}
