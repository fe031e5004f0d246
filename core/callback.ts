import { z } from 'zod';
import { cleanText } from './case.js';

/**
 * Call-backs: feedback operators tell citizens what the municipality did. `resolution`: a unit
 * resolved the case and the citizen must hear it; `requested`: the citizen asked to be called
 * at a given time.
 */
export const CallbackKind = z.enum(['resolution', 'requested']);
export type CallbackKind = z.infer<typeof CallbackKind>;

/**
 * - informed: the citizen heard the resolution (satisfaction 1–5, optional comment);
 * - no-answer: tried again later, up to the configured number of attempts;
 * - wrong-number: nobody to call at this number;
 * - not-solved: the citizen says the problem is still there: the case reopens at its unit.
 */
export const CallbackOutcome = z.enum(['informed', 'no-answer', 'wrong-number', 'not-solved']);
export type CallbackOutcome = z.infer<typeof CallbackOutcome>;

export const CallbackItem = z.object({
  id: z.string(),
  kind: CallbackKind,
  applicationNo: z.string(),
  subject: z.string(),
  unitCode: z.string().nullable(),
  resolution: z.string().nullable(),
  citizenName: z.string().nullable(),
  phone: z.string().nullable(),
  /** When to call (ISO instant); the list is ordered by it. */
  dueAt: z.string(),
  attempts: z.number().int().nonnegative(),
  maxAttempts: z.number().int().positive(),
  /** Who holds the claim (username) and until when; null when free. */
  claimedBy: z.string().nullable(),
  claimedUntil: z.string().nullable(),
  /** What the citizen asked for (requested call-backs), or the last attempt's comment. */
  note: z.string().nullable(),
});
export type CallbackItem = z.infer<typeof CallbackItem>;

export const CallbackOutcomeInput = z
  .object({
    outcome: CallbackOutcome,
    satisfaction: z.number().int().min(1).max(5).nullable().default(null),
    comment: cleanText(1000).nullable().default(null),
  })
  .refine((v) => v.outcome !== 'informed' || v.satisfaction !== null, { message: 'satisfaction.required', path: ['satisfaction'] });
export type CallbackOutcomeInput = z.infer<typeof CallbackOutcomeInput>;

/** What happened to the call-back after an outcome. */
export const CallbackOutcomeResult = z.object({
  next: z.enum(['done', 'retry-scheduled', 'gave-up', 'reopened']),
  retryAt: z.string().nullable(),
});
export type CallbackOutcomeResult = z.infer<typeof CallbackOutcomeResult>;
