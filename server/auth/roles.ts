import { z } from 'zod';

export const Role = z.enum(['operator', 'feedback-operator', 'team-lead', 'department', 'admin']);
export type Role = z.infer<typeof Role>;

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
}

/** Desktops push; department users work cases on the server (their own workflow routes). */
export function mayPush(account: Account): boolean {
  return account.role !== 'department';
}

/**
 * Which cases an account may see, as the three values the SQL filter understands:
 * - `unit`: a department user, its own unit's cases only (confidential ones included);
 * - `all`: a team lead, every case, confidential ones included;
 * - `public`: everyone else, every case that is not confidential.
 * Confidential cases are thereby seen by their unit and team leads only (KVKK: the minimum).
 * Who may change what, and who sees a T.C. kimlik no whole: permissions.ts.
 */
export type Visibility = { scope: 'all' } | { scope: 'unit'; unitCode: string } | { scope: 'public' };

export function visibilityOf(account: Account): Visibility {
  if (account.role === 'team-lead') return { scope: 'all' };
  if (account.role === 'department') return { scope: 'unit', unitCode: account.unitCode ?? '' };
  return { scope: 'public' };
}

/** The same rule for one case in hand (a case being changed, a change-log snapshot). */
export function maySeeCase(account: Account, c: { confidential: boolean; unitCode: string | null }): boolean {
  const v = visibilityOf(account);
  if (v.scope === 'all') return true;
  if (v.scope === 'unit') return c.unitCode === v.unitCode;
  return !c.confidential;
}

/** Where a case's unit and confidentiality are in a query: a `cases` row aliased `c` by default. */
export interface CaseColumns {
  unitCode: string;
  confidential: string;
}
const CASES_ROW: CaseColumns = { unitCode: 'c.unit_code', confidential: 'c.confidential' };

/** SQL condition over a case (a `cases` row aliased `c` unless `row` says where), with the scope and unit as parameters $a, $b. */
export function visibilitySql(scopeParam: number, unitParam: number, row: CaseColumns = CASES_ROW): string {
  return `($${scopeParam} = 'all' OR ($${scopeParam} = 'unit' AND ${row.unitCode} = $${unitParam}) OR ($${scopeParam} = 'public' AND NOT ${row.confidential}))`;
}

export function visibilityParams(v: Visibility): [string, string | null] {
  return [v.scope, v.scope === 'unit' ? v.unitCode : null];
}
