import type { ScreenPop } from '../../../core/call.js';
import { PhoneNumber, type CaseOutcome, type CaseType, type Channel, type Priority } from '../../../core/case.js';
import type { CannedAnswer, Subject } from '../../../core/catalogue.js';
import type { RequestOf } from '../../../core/contract.js';

/** Fields the operator types into; each maps to one input and one error slot. */
export const TEXT_FIELDS = [
  'subject',
  'description',
  'resolution',
  'phone',
  'citizenName',
  'tcKimlikNo',
  'district',
  'neighbourhood',
  'street',
  'addressDetail',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Fields chosen from a list; null means "the subject's default" (or the contract's, without a subject). */
export interface DraftChoices {
  channel: Channel;
  type: CaseType | null;
  priority: Priority | null;
  confidential: boolean | null;
  unitCode: string | null;
}

export const ADDRESS_FIELDS = ['district', 'neighbourhood', 'street', 'addressDetail'] as const;

export interface CaseDraft extends DraftChoices, Record<TextField, string> {
  /** The catalogue subject the operator picked; null for free text. */
  subjectCode: string | null;
  /** The canned answer that filled the resolution, so the picker shows it as chosen. */
  cannedAnswerCode: string | null;
  /** The call this case is being written for; kept even after that call is gone. */
  linkedid: string | null;
  /** What the binding put in, so we can tell the operator's typing from our prefill. */
  prefill: { phone: string; citizenName: string } | null;
}

export const emptyDraft: CaseDraft = {
  subject: '',
  subjectCode: null,
  description: '',
  resolution: '',
  cannedAnswerCode: null,
  phone: '',
  citizenName: '',
  tcKimlikNo: '',
  district: '',
  neighbourhood: '',
  street: '',
  addressDetail: '',
  channel: 'phone',
  type: null,
  priority: null,
  confidential: null,
  unitCode: null,
  linkedid: null,
  prefill: null,
};

const PREFILLED: ReadonlySet<TextField> = new Set(['phone', 'citizenName']);

/** True while the operator has typed or chosen nothing of their own. */
export function isPristine(d: CaseDraft): boolean {
  for (const field of TEXT_FIELDS) {
    if (PREFILLED.has(field)) continue;
    if (d[field].trim() !== '') return false;
  }
  return (
    d.phone.trim() === (d.prefill?.phone ?? '') &&
    d.citizenName.trim() === (d.prefill?.citizenName ?? '') &&
    d.subjectCode === null &&
    d.channel === emptyDraft.channel &&
    d.type === null &&
    d.priority === null &&
    d.confidential === null &&
    d.unitCode === null
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
 * The binding rule: an untouched form follows the call on screen (prefilled, channel phone, bound
 * to its linkedid); once the operator has typed, the form keeps its text and the call it was started for.
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
  return { ...emptyDraft, ...prefill, channel: 'phone', linkedid: pop.call.linkedid, prefill };
}

/** The number came from the PBX; letting the operator change it would detach the case from the caller. */
export const isPhoneLocked = (d: CaseDraft): boolean => d.linkedid !== null && !!d.prefill?.phone;

/** A case bound to a call came in by phone, whatever else is on screen. */
export const isChannelLocked = (d: CaseDraft): boolean => d.linkedid !== null;

export function editDraft(d: CaseDraft, field: TextField, value: string): CaseDraft {
  if (field === 'phone' && isPhoneLocked(d)) return d;
  if (d[field] === value) return d;
  // Typing over a picked subject makes it free text again: the catalogue code no longer fits.
  if (field === 'subject') return { ...d, subject: value, subjectCode: null };
  // An edited canned answer is the operator's own answer now.
  if (field === 'resolution') return { ...d, resolution: value, cannedAnswerCode: null };
  return { ...d, [field]: value };
}

export function subjectPicked(d: CaseDraft, subject: Subject): CaseDraft {
  return { ...d, subject: subject.name, subjectCode: subject.code };
}

export function choiceMade(d: CaseDraft, patch: Partial<DraftChoices>): CaseDraft {
  if (patch.channel !== undefined && isChannelLocked(d)) return d;
  return { ...d, ...patch };
}

export function cannedAnswerPicked(d: CaseDraft, answer: CannedAnswer): CaseDraft {
  return { ...d, resolution: answer.text, cannedAnswerCode: answer.code };
}

/** What the form shows and sends when the operator left a choice to the subject. */
export interface EffectiveChoices {
  type: CaseType;
  priority: Priority;
  confidential: boolean;
  unitCode: string | null;
  /** Where the unit comes from: the operator, the subject, or the triage fallback for free text. */
  unitSource: 'chosen' | 'subject' | 'triage' | 'none';
  urgent: boolean;
}

export interface CatalogueContext {
  /** The picked subject, looked up in the catalogue (null for free text). */
  subject: Subject | null;
  /** Where the host sends a forwarded free-text case when no unit is chosen (the catalogue's triage unit). */
  triageUnitCode: string | null;
}

export function effectiveChoices(d: CaseDraft, { subject, triageUnitCode }: CatalogueContext): EffectiveChoices {
  const freeText = d.subjectCode === null;
  const unit: Pick<EffectiveChoices, 'unitCode' | 'unitSource'> =
    d.unitCode !== null
      ? { unitCode: d.unitCode, unitSource: 'chosen' }
      : subject?.defaultUnit
        ? { unitCode: subject.defaultUnit, unitSource: 'subject' }
        : freeText && triageUnitCode !== null
          ? { unitCode: triageUnitCode, unitSource: 'triage' }
          : { unitCode: null, unitSource: 'none' };
  return {
    type: d.type ?? subject?.defaultType ?? 'request',
    priority: d.priority ?? subject?.priority ?? 'normal',
    confidential: d.confidential ?? subject?.confidential ?? false,
    ...unit,
    urgent: (subject?.urgent ?? false) || d.priority === 'urgent',
  };
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value);

function addressOf(d: CaseDraft): RequestOf<'cases.create'>['address'] {
  if (ADDRESS_FIELDS.every((f) => d[f].trim() === '')) return null;
  return {
    district: orNull(d.district),
    neighbourhood: orNull(d.neighbourhood),
    street: orNull(d.street),
    detail: orNull(d.addressDetail),
  };
}

/**
 * The form as the contract's NewCaseInput. Choices the operator left alone go as null so the host
 * applies the catalogue (priority, confidentiality, the subject's unit); the type always goes, as
 * the form shows it. Resolving sends the answer given (null: the host uses the description);
 * forwarding sends no resolution (the host routes a free-text case without a unit to triage).
 */
export function toNewCaseInput(
  d: CaseDraft,
  outcome: CaseOutcome,
  draftId: string | null,
  ctx: CatalogueContext,
): RequestOf<'cases.create'> {
  return {
    subject: d.subject,
    subjectCode: d.subjectCode,
    type: effectiveChoices(d, ctx).type,
    channel: d.channel,
    priority: d.priority,
    confidential: d.confidential,
    description: d.description,
    outcome,
    resolution: outcome === 'resolved' ? orNull(d.resolution) : null,
    unitCode: d.unitCode,
    phone: d.phone.trim() || null,
    citizenName: orNull(d.citizenName),
    tcKimlikNo: d.tcKimlikNo.trim() || null,
    address: addressOf(d),
    linkedid: d.linkedid,
    draftId,
  };
}
