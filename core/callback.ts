import { z } from 'zod';
import { cleanText, type Address } from './case.js';

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
  /**
   * The case as the citizen told it and where: the feedback operator speaks about it. Defaults
   * for a server from before these fields (null: nothing to show).
   */
  description: z.string().nullable().default(null),
  /** The case's address on one line (addressLine). */
  address: z.string().nullable().default(null),
  /**
   * From when the call-back counts as late (ISO instant): its due time plus the grace the center
   * set for its kind (server: CALLBACK_GRACE_MINUTES, CALLBACK_REQUESTED_GRACE_MINUTES). Null
   * from a server that does not say: the default grace then (callbackOverdueAt).
   */
  overdueAt: z.string().nullable().default(null),
});
export type CallbackItem = z.infer<typeof CallbackItem>;

/**
 * How long after its due time a call-back may wait before it shows as late. A resolution notice
 * is due the moment the unit resolves the case, so "due" alone would make every new one late at
 * once; the citizen should hear within a working day. A requested call-back was promised for a
 * time the citizen chose, so an hour is already late.
 */
export const DEFAULT_CALLBACK_GRACE_MINUTES: Readonly<Record<CallbackKind, number>> = { resolution: 24 * 60, requested: 60 };

/** When a call-back becomes late (epoch ms), or NaN for a due time that does not parse. */
export function callbackOverdueAt(item: Pick<CallbackItem, 'kind' | 'dueAt' | 'overdueAt'>): number {
  const given = item.overdueAt === null ? Number.NaN : Date.parse(item.overdueAt);
  if (!Number.isNaN(given)) return given;
  return Date.parse(item.dueAt) + DEFAULT_CALLBACK_GRACE_MINUTES[item.kind] * 60_000;
}

/** Late: past its due time and the center's grace after it (`now` in epoch ms). */
export function isCallbackOverdue(item: Pick<CallbackItem, 'kind' | 'dueAt' | 'overdueAt'>, now: number): boolean {
  const at = callbackOverdueAt(item);
  return !Number.isNaN(at) && now > at;
}

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

/** A case's address on one line, in the order the case detail shows it; null when it has none. */
export function addressLine(address: Address | null): string | null {
  if (address === null) return null;
  const parts = [address.district, address.neighbourhood, address.street, address.detail].filter((p): p is string => p !== null && p.trim() !== '');
  return parts.length === 0 ? null : parts.join(', ');
}
