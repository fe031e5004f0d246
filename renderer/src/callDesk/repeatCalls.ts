import type { CaseRecord } from '../../../core/case.js';

export type RepeatMatch =
  /** No subject picked yet: every case from this number in the last 7 days. */
  | 'all'
  /** Narrowed to the cases about the subject the operator picked. */
  | 'same-subject'
  /** A subject is picked but none of the recent cases is about it: all of them, said as such. */
  | 'other-subjects';

export interface RepeatCall {
  match: RepeatMatch;
  cases: readonly CaseRecord[];
}

/**
 * The repeat-call rule. The host sends the cases from this number in the last 7 days; a case
 * written on this very call is no repeat. Once the operator picks a catalogue subject, the flag
 * narrows to the cases with the same subjectCode, and says so. Null: no flag.
 */
export function repeatCallFor(
  candidates: readonly CaseRecord[],
  subjectCode: string | null,
  linkedid: string | null,
): RepeatCall | null {
  const others = candidates.filter((c) => linkedid === null || c.linkedid !== linkedid);
  if (others.length === 0) return null;
  if (subjectCode === null) return { match: 'all', cases: others };
  const same = others.filter((c) => c.subjectCode === subjectCode);
  return same.length > 0 ? { match: 'same-subject', cases: same } : { match: 'other-subjects', cases: others };
}
