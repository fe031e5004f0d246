import { z } from 'zod';
import { storablePhone } from './phone.js';

/** Başvuru türü: şikayet, talep, öneri, bilgi edinme (law 4982), teşekkür. */
export const CaseType = z.enum(['complaint', 'request', 'suggestion', 'information', 'thanks']);
export type CaseType = z.infer<typeof CaseType>;

/** The channel a case came in through; every case keeps the one it came from (DOMAIN.md). */
export const Channel = z.enum([
  'phone',
  'whatsapp',
  'web-form',
  'web-chat',
  'sms',
  'email',
  'social-media',
  'cimer',
  'behak',
  'walk-in',
  'petition',
  'field-team',
  'mayor-office',
]);
export type Channel = z.infer<typeof Channel>;

export const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof Priority>;

export const CaseStatus = z.enum(['new', 'forwarded', 'in-progress', 'resolved', 'closed', 'reopened', 'rejected']);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** How the operator finished the form: answered on the call (first-contact resolution), or sent to a unit. */
export const CaseOutcome = z.enum(['resolved', 'forwarded']);
export type CaseOutcome = z.infer<typeof CaseOutcome>;

/** SLA state against the case's due time (see core/sla.ts); `done` once resolved, closed or rejected. */
export const SlaState = z.enum(['on-time', 'due-soon', 'overdue', 'done']);
export type SlaState = z.infer<typeof SlaState>;

/** A caller number as Asterisk gives it (digits, optional leading +). */
export const PhoneNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{3,20}$/, 'phone.invalid');

/**
 * A phone number a person typed, in any shape (`0532 111 22 33`, `+90 532 111 2233`,
 * `(0532) 111-22-33`), or a caller number from the PBX: comes out in its stored form
 * (core/phone.ts storablePhone: `905321112233`).
 */
export const PhoneInput = z
  .string()
  .trim()
  .refine((value) => storablePhone(value) !== null, 'phone.invalid')
  .transform((value) => storablePhone(value)!);

export const LIMITS = {
  subject: 200,
  description: 4000,
  resolution: 4000,
  citizenName: 120,
  addressPart: 120,
  note: 4000,
} as const;

/**
 * A lone (unpaired) UTF-16 surrogate: no character at all. JSON carries it as `\ud800`, which
 * PostgreSQL's jsonb refuses, so it is refused where text comes in.
 */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Text fields refuse control characters other than newline and tab: they end up in reports and exports. */
export const cleanText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'text.required')
    .max(max, 'text.tooLong')
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), 'text.controlChars')
    .refine((s) => !LONE_SURROGATE.test(s), 'text.loneSurrogate');

/**
 * A code or number on one line (subject and unit codes, a phone number, a call's linkedid): no
 * control character at all (C0, DEL, C1) and no lone surrogate. A NUL made PostgreSQL refuse the
 * row, which answered 500; these are refused where they come in, with a reason.
 */
export const oneLine = (max: number) =>
  z
    .string()
    .max(max, 'text.tooLong')
    .refine((s) => !/[\u0000-\u001F\u007F-\u009F]/.test(s), 'text.controlChars')
    .refine((s) => !LONE_SURROGATE.test(s), 'text.loneSurrogate');

/** T.C. kimlik no: 11 digits, first not 0, two check digits (see core/tcKimlik.ts). */
export const TcKimlikNo = z.string().trim().regex(/^[1-9][0-9]{10}$/, 'tc.invalid');

export const Address = z.object({
  district: cleanText(LIMITS.addressPart).nullable(),
  neighbourhood: cleanText(LIMITS.addressPart).nullable(),
  street: cleanText(LIMITS.addressPart).nullable(),
  detail: cleanText(LIMITS.addressPart).nullable(),
});
export type Address = z.infer<typeof Address>;

export const LinkedId = z.string().regex(/^[0-9]+\.[0-9]+$/, 'linkedid.invalid');

export const NewCaseInput = z.object({
  /** Free text as the operator typed or picked it; the catalogue subject, when chosen, is subjectCode. */
  subject: cleanText(LIMITS.subject),
  subjectCode: z.string().max(64).nullable().default(null),
  type: CaseType.default('request'),
  channel: Channel.default('phone'),
  /** Null: the subject's default from the catalogue. */
  priority: Priority.nullable().default(null),
  confidential: z.boolean().nullable().default(null),
  description: cleanText(LIMITS.description),
  outcome: CaseOutcome,
  /** The answer given on the call (resolved) — null falls back to the description. */
  resolution: cleanText(LIMITS.resolution).nullable().default(null),
  /** Where a forwarded case goes; null: the subject's default unit. */
  unitCode: z.string().max(64).nullable().default(null),
  phone: PhoneInput.nullable(),
  citizenName: cleanText(LIMITS.citizenName).nullable(),
  tcKimlikNo: TcKimlikNo.nullable().default(null),
  address: Address.nullable().default(null),
  /** Asterisk Linkedid of the call the case came from, when it came from a call. */
  linkedid: LinkedId.nullable(),
  /** The draft this case was written in; deleted in the same transaction as the case is saved. */
  draftId: z.string().uuid().nullable().default(null),
  /** The mass incident the call was attached to (core/incident.ts). */
  incidentId: z.uuid().nullable().default(null),
});
export type NewCaseInput = z.infer<typeof NewCaseInput>;

export const CaseRecord = z.object({
  id: z.number().int().positive(),
  /** Readable, unique: year + sequence + check digit (core/applicationNumber.ts). */
  applicationNo: z.string(),
  type: CaseType,
  subject: z.string(),
  subjectCode: z.string().nullable(),
  channel: Channel,
  priority: Priority,
  confidential: z.boolean(),
  /** Death and funeral, ambulance or doctor, hospital transfer, injured animal: first, everywhere. */
  urgent: z.boolean(),
  status: CaseStatus,
  unitCode: z.string().nullable(),
  description: z.string(),
  resolution: z.string().nullable(),
  firstContactResolution: z.boolean(),
  phone: z.string().nullable(),
  citizenName: z.string().nullable(),
  /** Masked unless the request asked for it and the role may see it. */
  tcKimlikNo: z.string().nullable(),
  address: Address.nullable(),
  linkedid: z.string().nullable(),
  /** The mass incident it is attached to (core/incident.ts). */
  incidentId: z.string().nullable(),
  attachmentCount: z.number().int().nonnegative(),
  /** ISO 8601 instants (UTC); shown in Europe/Istanbul time. */
  createdAt: z.string(),
  updatedAt: z.string(),
  dueAt: z.string().nullable(),
  sla: SlaState,
});
export type CaseRecord = z.infer<typeof CaseRecord>;

/** Returned once, at creation: the security code is shown to be read out, never again. */
export const CreatedCase = z.object({ case: CaseRecord, securityCode: z.string() });
export type CreatedCase = z.infer<typeof CreatedCase>;

export const CaseHistoryEntry = z.object({
  at: z.string(),
  actor: z.string(),
  kind: z.string(),
  detail: z.unknown(),
});
export type CaseHistoryEntry = z.infer<typeof CaseHistoryEntry>;

export const CaseSearchFilters = z.object({
  status: z.array(CaseStatus).max(10).default([]),
  unitCode: z.string().max(64).nullable().default(null),
  subjectCode: z.string().max(64).nullable().default(null),
  channel: Channel.nullable().default(null),
  /** Inclusive ISO dates (YYYY-MM-DD) in Europe/Istanbul. */
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
  sla: SlaState.nullable().default(null),
});
export type CaseSearchFilters = z.infer<typeof CaseSearchFilters>;

export const CaseSearchQuery = z.object({
  /** Application number, phone, name, T.C. kimlik no or words of the description; '' lists all. */
  text: z.string().max(200).default(''),
  filters: CaseSearchFilters.default(CaseSearchFilters.parse({})),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
  /** Count every match, however many: only when the operator asks (db/caseSearch.ts COUNT_AHEAD). */
  exactTotal: z.boolean().default(false),
});
export type CaseSearchQuery = z.infer<typeof CaseSearchQuery>;

export const CaseSearchResult = z.object({
  /** Every match when totalExact; else a lower bound (there are at least this many). */
  total: z.number().int().nonnegative(),
  totalExact: z.boolean(),
  rows: z.array(CaseRecord),
});
export type CaseSearchResult = z.infer<typeof CaseSearchResult>;

/**
 * A new case after the catalogue's defaults and the SLA rules were applied (core/caseRules.ts):
 * everything the store needs to write it, nothing it has to decide.
 */
export interface PreparedCase {
  input: NewCaseInput;
  type: CaseType;
  subjectCode: string | null;
  priority: Priority;
  confidential: boolean;
  urgent: boolean;
  status: CaseStatus;
  unitCode: string | null;
  resolution: string | null;
  firstContactResolution: boolean;
  dueAt: Date | null;
}
