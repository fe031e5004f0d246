import { maskTcKimlikNo } from '../../core/tcKimlik.js';
import type { CaseChangeKind, DeskFields, ServerCase, ServerChangeKind, WorkflowFields } from '../../sync/protocol.js';
import type { ActionName } from '../workflow/actions.js';
import { maySeeCase, type Account, type Role } from './roles.js';

/*
 * Who may do what to a case: the one place these rules are written down, per action, per field
 * and per role. Every rule assumes the account may see the case first (roles.ts: department
 * users their unit's cases, team leads every case, everyone else every case that is not
 * confidential): nobody changes, works or learns more of a case they may not see.
 *
 *                               operator  feedback  team-lead  unit  admin
 *   desk change (sync push)
 *     create, note, call-back      yes       yes       yes       -     yes
 *     fields: desk fields          yes       yes       yes       -     yes
 *     fields: confidential          -         -        yes      yes     -
 *     fields: status/unit/resol.    -         -         -        -      -    (the server's: dropped, rule 1)
 *   department workflow (5 actions) -         -        yes      yes    yes
 *   T.C. kimlik no whole            -         -        yes      yes     -    (masked otherwise)
 *   mass incident (server/incidents)
 *     read (list, one, its cases)   yes       yes       yes      yes    yes   (its cases as each may see them)
 *     declare, change, close         -         -        yes      yes     -
 *
 * `unit` is a department account of the case's own unit (for an incident: of the incident's unit). Department accounts do not push
 * (roles.ts mayPush): they work cases through the workflow routes, so the `unit` entries for
 * desk changes are the rule, not a way in.
 *
 * Why these:
 * - Confidentiality decides who sees the case, so only the team lead or the unit that owns the
 *   case changes it (either way): an operator who could clear the flag could read the case.
 * - The T.C. kimlik no is personal data (KVKK: the minimum, masked where not needed). The desk
 *   shows it whole to team leads only (main/host/caseService.ts); the unit that acts on the
 *   application may need to identify the applicant (an information request under law 4982).
 *   Admins run the system, not cases: masked.
 * - Declaring an incident tells every caller of a district what to expect and closes all its
 *   cases at once: the floor's team leads, and the unit that owns the outage, decide it.
 */

/** A role, or `unit`: a department account of the case's own unit. */
export type Actor = Exclude<Role, 'department'> | 'unit';

const DESK: readonly Actor[] = ['operator', 'feedback-operator', 'team-lead', 'admin'];
const LEAD_OR_UNIT: readonly Actor[] = ['team-lead', 'unit'];
const WORKERS: readonly Actor[] = ['team-lead', 'unit', 'admin'];
const NOBODY: readonly Actor[] = [];

type FieldName = keyof DeskFields | keyof WorkflowFields;

export const CASE_RULES = {
  /** The changes a desk pushes (sync/protocol.ts CaseChange); a `fields` change also per field. */
  push: {
    create: DESK,
    fields: DESK,
    note: DESK,
    'callback-request': DESK,
  } satisfies Record<CaseChangeKind, readonly Actor[]>,
  /** Per field of a `fields` change, for each field whose value the change really changes. */
  fields: {
    type: DESK,
    subject: DESK,
    subjectCode: DESK,
    channel: DESK,
    priority: DESK,
    urgent: DESK,
    description: DESK,
    phone: DESK,
    citizenName: DESK,
    tcKimlikNo: DESK,
    address: DESK,
    linkedid: DESK,
    dueAt: DESK,
    incidentId: DESK,
    confidential: LEAD_OR_UNIT,
    // Workflow fields belong to the server (sync/protocol.ts rule 1): a desk's values are
    // dropped and kept in the history, never applied, so they never reach this check.
    status: NOBODY,
    unitCode: NOBODY,
    resolution: NOBODY,
  } satisfies Record<FieldName, readonly Actor[]>,
  /** The department workflow's actions (server/workflow), on a case of the unit in question. */
  work: {
    assign: WORKERS,
    note: WORKERS,
    resolve: WORKERS,
    reject: WORKERS,
    redirect: WORKERS,
  } satisfies Record<ActionName, readonly Actor[]>,
  /** Who receives a case's T.C. kimlik no whole (pull, inbox, workflow answers); the rest masked. */
  wholeTcKimlikNo: LEAD_OR_UNIT,
  /** Mass incidents; reading them is open to every signed-in account. */
  incident: {
    declare: LEAD_OR_UNIT,
    update: LEAD_OR_UNIT,
    close: LEAD_OR_UNIT,
  },
} as const;

export type IncidentAction = keyof typeof CASE_RULES.incident;

/** May the account declare, change or close an incident of this unit? */
export function mayManageIncident(account: Account, action: IncidentAction, unitCode: string): boolean {
  return allows(CASE_RULES.incident[action], account, unitCode);
}

function allows(actors: readonly Actor[], account: Account, unitCode: string | null): boolean {
  if (account.role === 'department') return actors.includes('unit') && account.unitCode !== null && account.unitCode === unitCode;
  return actors.includes(account.role);
}

/**
 * A desk change: `current` is the case as the server has it (null for a create), `changedFields`
 * the fields a `fields` change would really change (server/sync/merge.ts). False for a case the
 * account may not see, whatever the change.
 */
export function mayMakeChange(account: Account, kind: CaseChangeKind, current: ServerCase | null, changedFields: readonly string[] = []): boolean {
  const unitCode = current?.unitCode ?? null;
  if (!allows(CASE_RULES.push[kind], account, unitCode)) return false;
  if (current !== null && !maySeeCase(account, current)) return false;
  return changedFields.every((field) => {
    const actors = (CASE_RULES.fields as Record<string, readonly Actor[]>)[field];
    return actors !== undefined && allows(actors, account, unitCode);
  });
}

/** May the account work this unit's cases at all (its inbox, the workflow actions)? */
export function mayWorkUnit(account: Account, unitCode: string | null): boolean {
  return Object.values(CASE_RULES.work).some((actors) => allows(actors, account, unitCode));
}

/** Is the account one that works some unit's cases (department users, team leads, admins)? */
export function worksCases(account: Account): boolean {
  return account.role === 'department' || mayWorkUnit(account, null);
}

/** One workflow action on a case; false as well for a case the account may not see. */
export function mayWorkCase(account: Account, action: ActionName, c: ServerCase): boolean {
  return allows(CASE_RULES.work[action], account, c.unitCode) && maySeeCase(account, c);
}

export function maySeeWholeTcKimlikNo(account: Account, c: { unitCode: string | null }): boolean {
  return allows(CASE_RULES.wholeTcKimlikNo, account, c.unitCode);
}

function masked(value: unknown): unknown {
  return typeof value === 'string' ? maskTcKimlikNo(value) : value;
}

/** The case as this account receives it: the T.C. kimlik no masked unless it may see it whole. */
export function caseSeenBy<C extends { unitCode: string | null; tcKimlikNo: string | null }>(account: Account, c: C): C {
  if (c.tcKimlikNo === null || maySeeWholeTcKimlikNo(account, c)) return c;
  return { ...c, tcKimlikNo: maskTcKimlikNo(c.tcKimlikNo) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A change-log entry's detail as this account receives it, next to its snapshot `after` (the
 * case after the change). A `fields` detail carries old and new values (`changed: {field: {from,
 * to}}`): the T.C. kimlik no in them is masked as in the case, and when the change cleared the
 * confidential flag, the old values are the confidential version of the case, so an account that
 * could not see that version gets only the new values.
 */
export function detailSeenBy(account: Account, kind: ServerChangeKind, detail: unknown, after: ServerCase): unknown {
  if (kind !== 'fields' || !isObject(detail) || !isObject(detail.changed)) return detail;
  const changed: Record<string, unknown> = { ...detail.changed };
  const wasConfidential = isObject(changed.confidential) && changed.confidential.from === true;
  const hideOld = wasConfidential && !maySeeCase(account, { confidential: true, unitCode: after.unitCode });
  const maskTc = !maySeeWholeTcKimlikNo(account, after);
  for (const [field, change] of Object.entries(changed)) {
    if (!isObject(change)) continue;
    const { from, ...rest } = change;
    let next: Record<string, unknown> = hideOld ? rest : { ...rest, from };
    if (maskTc && field === 'tcKimlikNo') next = Object.fromEntries(Object.entries(next).map(([k, v]) => [k, masked(v)]));
    changed[field] = next;
  }
  return { ...detail, changed };
}
