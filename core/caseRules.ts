import type { NewCaseInput, PreparedCase } from './case.js';
import type { Catalogue, Subject } from './catalogue.js';
import type { DeskRole } from './contract.js';
import { findSubject, findUnit } from './catalogue/lookup.js';
import { caseDueAt } from './sla.js';
import { isValidTcKimlikNo } from './tcKimlik.js';

/** A new case breaks a catalogue or SLA rule; `code` is the i18n key the form shows next to the field. */
export class CaseRuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CaseRuleError';
  }
}

/**
 * Applies the catalogue's defaults and the SLA rules to what the operator typed. The operator's
 * explicit choices win over the subject's defaults; the subject's urgency cannot be lowered,
 * because urgent calls (a death, an ambulance, an injured animal) go first everywhere.
 */
export function prepareCase(input: NewCaseInput, catalogue: Catalogue, now: Date): PreparedCase {
  const subject = subjectOf(input, catalogue);
  if (input.tcKimlikNo !== null && !isValidTcKimlikNo(input.tcKimlikNo)) {
    throw new CaseRuleError('tc.invalid', 'T.C. kimlik no fails its check digits');
  }
  const type = input.type;
  const priority = input.priority ?? subject?.priority ?? 'normal';
  const confidential = input.confidential ?? subject?.confidential ?? false;
  const urgent = (subject?.urgent ?? false) || priority === 'urgent';
  const common = { input, type, subjectCode: subject?.code ?? null, priority, confidential, urgent };

  if (input.outcome === 'resolved') {
    const unitCode = input.unitCode === null ? null : knownUnit(input.unitCode, catalogue);
    return {
      ...common,
      status: 'closed',
      unitCode,
      resolution: input.resolution ?? input.description,
      firstContactResolution: true,
      dueAt: null,
    };
  }

  // A case typed in free text (no catalogue subject) still goes somewhere: the unit that
  // triages unrouted cases (Halkla İlişkiler in the built-in catalogue) — it is never dropped.
  const wanted = input.unitCode ?? subject?.defaultUnit ?? catalogue.triageUnit ?? null;
  if (wanted === null) throw new CaseRuleError('unit.required', 'a forwarded case needs a unit and the subject has no default');
  return {
    ...common,
    status: 'forwarded',
    unitCode: knownUnit(wanted, catalogue),
    resolution: null,
    firstContactResolution: false,
    // No subject: information requests still have the law's deadline; anything else has none.
    dueAt: caseDueAt(now, type, subject?.resolutionDays ?? 0),
  };
}

function subjectOf(input: NewCaseInput, catalogue: Catalogue): Subject | null {
  if (input.subjectCode === null) return null;
  const subject = findSubject(catalogue, input.subjectCode);
  if (!subject) throw new CaseRuleError('subject.unknown', `no subject ${input.subjectCode} in catalogue ${catalogue.version}`);
  return subject;
}

function knownUnit(code: string, catalogue: Catalogue): string {
  if (!findUnit(catalogue, code)) throw new CaseRuleError('unit.unknown', `no unit ${code} in catalogue ${catalogue.version}`);
  return code;
}

/** Why this desk's user may not add a note to a case; null when they may. */
export type NoteRefusal = 'confidential';

/**
 * Who may add a note to a case (a repeat call, or the case detail's "Not ekle"). Every desk role
 * may, on a case it may see; a confidential case is seen by team leads (and its unit) only, so the
 * central server refuses anyone else's note on it (server/auth/permissions.ts, CASE_RULES.push.note
 * and maySeeCase). Refused here at once, a note is not left waiting in the outbox to be turned down.
 */
export function noteRefusal(role: DeskRole, c: { confidential: boolean }): NoteRefusal | null {
  if (c.confidential && role !== 'team-lead') return 'confidential';
  return null;
}
