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
 */
export type Visibility = { scope: 'all' } | { scope: 'unit'; unitCode: string } | { scope: 'public' };

export function visibilityOf(account: Account): Visibility {
  if (account.role === 'team-lead') return { scope: 'all' };
  if (account.role === 'department') return { scope: 'unit', unitCode: account.unitCode ?? '' };
  return { scope: 'public' };
}

/** SQL condition over a `cases` row aliased `c`, with the scope and unit as parameters $a, $b. */
export function visibilitySql(scopeParam: number, unitParam: number): string {
  return `($${scopeParam} = 'all' OR ($${scopeParam} = 'unit' AND c.unit_code = $${unitParam}) OR ($${scopeParam} = 'public' AND NOT c.confidential))`;
}

export function visibilityParams(v: Visibility): [string, string | null] {
  return [v.scope, v.scope === 'unit' ? v.unitCode : null];
}
