import type { DeskError, ErrorCode } from '../../../core/contract.js';
import { DRAFT_FIELDS, type DraftField } from './caseDraft.js';

export type FieldErrorKey = 'required' | 'tooLong' | 'controlChars' | 'phoneInvalid' | 'invalid';
export type FieldErrors = Partial<Record<DraftField, FieldErrorKey>>;

/** Issue messages core/case.ts attaches to its refinements; anything else is a generic "invalid". */
const byIssueMessage: Record<string, FieldErrorKey> = {
  'text.required': 'required',
  'text.tooLong': 'tooLong',
  'text.controlChars': 'controlChars',
  'phone.invalid': 'phoneInvalid',
};

const isDraftField = (name: string | undefined): name is DraftField =>
  (DRAFT_FIELDS as readonly string[]).includes(name ?? '');

export interface SaveErrors {
  fieldErrors: FieldErrors;
  /** A problem no field can show (no host, a bad linkedid, an internal error). */
  formError: ErrorCode | null;
}

export function saveErrorsFrom(error: DeskError): SaveErrors {
  if (error.code !== 'invalid-request') return { fieldErrors: {}, formError: error.code };
  const fieldErrors: FieldErrors = {};
  let unplaced = false;
  for (const issue of error.issues ?? []) {
    const field = issue.path.split('.')[0];
    if (isDraftField(field)) fieldErrors[field] ??= byIssueMessage[issue.message] ?? 'invalid';
    else unplaced = true;
  }
  const placed = Object.keys(fieldErrors).length > 0;
  return { fieldErrors, formError: unplaced || !placed ? 'invalid-request' : null };
}
