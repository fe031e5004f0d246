import type { CallbackKind, CallbackOutcome } from '../../../core/callback.js';

/**
 * The feedback operator's call script: after the greeting, what to say in each way the call can
 * go, and which outcome to record for it. The words are in the locales (script.*).
 */
export type ScriptCase = 'satisfied' | 'unsatisfied' | 'notSolved' | 'noAnswer' | 'wrongNumber';

export interface ScriptStep {
  case: ScriptCase;
  outcome: CallbackOutcome;
  /** The satisfaction scores this case stands for, when it records one. */
  score: string | null;
}

const STEPS: readonly ScriptStep[] = [
  { case: 'satisfied', outcome: 'informed', score: '4–5' },
  { case: 'unsatisfied', outcome: 'informed', score: '1–3' },
  { case: 'notSolved', outcome: 'not-solved', score: null },
  { case: 'noAnswer', outcome: 'no-answer', score: null },
  { case: 'wrongNumber', outcome: 'wrong-number', score: null },
];

/**
 * The cases for a call-back. "Problem not solved" reopens a resolved case, so it belongs to a
 * resolution notice; a citizen who asked to be called has no resolution to dispute yet.
 */
export const scriptSteps = (kind: CallbackKind): readonly ScriptStep[] => (kind === 'resolution' ? STEPS : STEPS.filter((s) => s.case !== 'notSolved'));
