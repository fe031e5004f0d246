import { z } from 'zod';

/** How the operator closed the call's case: answered on the call, or sent to a unit. */
export const CaseOutcome = z.enum(['resolved', 'forwarded']);
export type CaseOutcome = z.infer<typeof CaseOutcome>;

export const CaseStatus = z.enum(['resolved', 'forwarded']);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** A caller number as Asterisk gives it (digits, optional leading +). */
export const PhoneNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{3,20}$/, 'phone.invalid');

export const LIMITS = {
  subject: 200,
  description: 4000,
  citizenName: 120,
} as const;

/** Text fields refuse control characters other than newline and tab: they end up in reports and exports. */
const cleanText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'text.required')
    .max(max, 'text.tooLong')
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), 'text.controlChars');

export const NewCaseInput = z.object({
  subject: cleanText(LIMITS.subject),
  description: cleanText(LIMITS.description),
  outcome: CaseOutcome,
  phone: PhoneNumber.nullable(),
  citizenName: cleanText(LIMITS.citizenName).nullable(),
  /** Asterisk Linkedid of the call the case came from, when it came from a call. */
  linkedid: z.string().regex(/^[0-9]+\.[0-9]+$/, 'linkedid.invalid').nullable(),
});
export type NewCaseInput = z.infer<typeof NewCaseInput>;

export const CaseRecord = z.object({
  id: z.number().int().positive(),
  subject: z.string(),
  description: z.string(),
  status: CaseStatus,
  phone: z.string().nullable(),
  citizenName: z.string().nullable(),
  linkedid: z.string().nullable(),
  /** ISO 8601 instant (UTC); shown in Europe/Istanbul time. */
  createdAt: z.string(),
});
export type CaseRecord = z.infer<typeof CaseRecord>;
