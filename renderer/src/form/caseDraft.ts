import type { ScreenPop } from '../../../core/call.js';
import { PhoneNumber, type CaseOutcome } from '../../../core/case.js';
import type { RequestOf } from '../../../core/contract.js';

export const DRAFT_FIELDS = ['phone', 'citizenName', 'subject', 'description'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

export interface CaseDraft {
  phone: string;
  citizenName: string;
  subject: string;
  description: string;
  /** The call this case is being written for; kept even after that call is gone. */
  linkedid: string | null;
  /** What the binding put in, so we can tell the operator's typing from our prefill. */
  prefill: { phone: string; citizenName: string } | null;
}

export const emptyDraft: CaseDraft = {
  phone: '',
  citizenName: '',
  subject: '',
  description: '',
  linkedid: null,
  prefill: null,
};

/** True while the operator has typed nothing of their own. */
export function isPristine(d: CaseDraft): boolean {
  return (
    d.subject.trim() === '' &&
    d.description.trim() === '' &&
    d.phone.trim() === (d.prefill?.phone ?? '') &&
    d.citizenName.trim() === (d.prefill?.citizenName ?? '')
  );
}

function prefillFor(pop: ScreenPop): CaseDraft['prefill'] & object {
  // Withheld numbers ("anonymous", "<unknown>") would be refused; leave the field for the operator.
  const number = pop.call.callerNumber;
  return {
    phone: PhoneNumber.safeParse(number).success ? number : '',
    citizenName: pop.knownName ?? pop.call.callerName ?? '',
  };
}

/**
 * The binding rule: an untouched form follows the call on screen (prefilled, bound to its
 * linkedid); once the operator has typed, the form keeps its text and the call it was started for.
 */
export function bindToCall(d: CaseDraft, pop: ScreenPop | null): CaseDraft {
  if (!isPristine(d)) return d;
  if (pop === null) return d.linkedid === null && d.prefill === null ? d : emptyDraft;
  const prefill = prefillFor(pop);
  if (
    d.linkedid === pop.call.linkedid &&
    d.prefill?.phone === prefill.phone &&
    d.prefill.citizenName === prefill.citizenName
  ) {
    return d;
  }
  return { ...emptyDraft, ...prefill, linkedid: pop.call.linkedid, prefill };
}

/** The number came from the PBX; letting the operator change it would detach the case from the caller. */
export const isPhoneLocked = (d: CaseDraft): boolean => d.linkedid !== null && !!d.prefill?.phone;

export const editDraft = (d: CaseDraft, field: DraftField, value: string): CaseDraft =>
  field === 'phone' && isPhoneLocked(d) ? d : { ...d, [field]: value };

export function toNewCaseInput(d: CaseDraft, outcome: CaseOutcome): RequestOf<'cases.create'> {
  return {
    subject: d.subject,
    description: d.description,
    outcome,
    phone: d.phone.trim() || null,
    citizenName: d.citizenName.trim() || null,
    linkedid: d.linkedid,
  };
}
