import type { DeskError, ErrorCode } from '../../../core/contract.js';
import { TEXT_FIELDS, type TextField } from './caseDraft.js';

export type FieldErrorKey =
  | 'required'
  | 'tooLong'
  | 'controlChars'
  | 'phoneInvalid'
  | 'tcInvalid'
  | 'subjectUnknown'
  | 'unitUnknown'
  | 'invalid';

/** Where a message can sit: every text input, plus the unit picker. */
export type ErrorSlot = TextField | 'unitCode';
export type FieldErrors = Partial<Record<ErrorSlot, FieldErrorKey>>;

/** Issue messages core/case.ts attaches to its refinements; anything else is a generic "invalid". */
const byIssueMessage: Record<string, FieldErrorKey> = {
  'text.required': 'required',
  'text.tooLong': 'tooLong',
  'text.controlChars': 'controlChars',
  'phone.invalid': 'phoneInvalid',
  'tc.invalid': 'tcInvalid',
};

function keyOf(message: string): FieldErrorKey {
  const known = byIssueMessage[message];
  if (known) return known;
  // The host's catalogue rules (core/caseRules.ts) name their field by prefix.
  if (message.startsWith('subject.')) return 'subjectUnknown';
  if (message.startsWith('unit.')) return 'unitUnknown';
  if (message.startsWith('tc.')) return 'tcInvalid';
  return 'invalid';
}

const isTextField = (name: string): name is TextField => (TEXT_FIELDS as readonly string[]).includes(name);

/** The slot an issue path belongs to: `address.detail` → addressDetail, `subjectCode` → subject. */
export function slotOfPath(path: string): ErrorSlot | null {
  const [head, sub] = path.split('.');
  if (head === 'address') {
    if (sub === 'detail') return 'addressDetail';
    return sub !== undefined && isTextField(sub) ? sub : null;
  }
  if (head === 'subjectCode') return 'subject';
  if (head === 'unitCode') return 'unitCode';
  return head !== undefined && isTextField(head) ? head : null;
}

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
    const slot = slotOfPath(issue.path);
    if (slot) fieldErrors[slot] ??= keyOf(issue.message);
    else unplaced = true;
  }
  const placed = Object.keys(fieldErrors).length > 0;
  return { fieldErrors, formError: unplaced || !placed ? 'invalid-request' : null };
}
