import type { CaseStatus } from '../../../core/case.js';

/** The status filter as one choice: a single status, or every status that still waits for someone. */
export type StatusPreset = CaseStatus | 'open';

export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'forwarded', 'in-progress', 'reopened'];

export function statusesOf(preset: StatusPreset | null): CaseStatus[] {
  if (preset === null) return [];
  return preset === 'open' ? [...OPEN_STATUSES] : [preset];
}

/** The preset a filter's statuses stand for; null for none (or a set the picker cannot show). */
export function statusPreset(statuses: readonly CaseStatus[]): StatusPreset | null {
  if (statuses.length === 1) return statuses[0] ?? null;
  if (statuses.length === OPEN_STATUSES.length && OPEN_STATUSES.every((s) => statuses.includes(s))) return 'open';
  return null;
}
