import { z } from 'zod';
import { CaseType, Priority } from './case.js';

/** Who a case can be routed to: an internal directorate, a district municipality, an outside institution. */
export const UnitKind = z.enum(['directorate', 'district', 'external']);
export type UnitKind = z.infer<typeof UnitKind>;

export const Unit = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  kind: UnitKind,
});
export type Unit = z.infer<typeof Unit>;

/** This many cases with one subject in one district within this many minutes suggests a mass incident. */
export const SurgeRule = z.object({
  cases: z.number().int().min(2).max(1000),
  minutes: z.number().int().min(1).max(1440),
});
export type SurgeRule = z.infer<typeof SurgeRule>;

export const Subject = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  /** Parent subject's code; null at the top of the tree. */
  parent: z.string().max(64).nullable(),
  /** Resolution time in working days (weekends and Turkish public holidays skipped). */
  resolutionDays: z.number().int().min(0).max(90),
  priority: Priority,
  confidential: z.boolean(),
  defaultUnit: z.string().max(64).nullable(),
  /** Death and funeral, ambulance or doctor, hospital transfer, injured animal (DOMAIN.md). */
  urgent: z.boolean(),
  /** The type an operator usually picks for this subject. */
  defaultType: CaseType,
  /** Extra words the type-ahead should match (natural Turkish; folded when searching). */
  keywords: z.array(z.string().max(60)).max(30).default([]),
  /** Null: the parent's rule, else the catalogue's `surgeDefault` (lookup.ts surgeRuleOf). */
  surge: SurgeRule.nullable().default(null),
});
export type Subject = z.infer<typeof Subject>;

/** Ready answers for common information requests, read out and recorded as the resolution. */
export const CannedAnswer = z.object({
  code: z.string().min(1).max(64),
  subjectCode: z.string().max(64).nullable(),
  title: z.string().min(1).max(200),
  text: z.string().min(1).max(4000),
});
export type CannedAnswer = z.infer<typeof CannedAnswer>;

/** A district (ilçe) and its neighbourhoods (mahalle), named as written in Turkish, without "Mahallesi". */
export const District = z.object({
  name: z.string().min(1).max(120),
  neighbourhoods: z.array(z.string().min(1).max(120)).max(400),
});
export type District = z.infer<typeof District>;

export const Catalogue = z.object({
  version: z.string().min(1).max(40),
  /** Where a forwarded case without a catalogue subject or chosen unit goes to be triaged. */
  triageUnit: z.string().max(64).nullable().default(null),
  units: z.array(Unit).min(1),
  subjects: z.array(Subject).min(1),
  cannedAnswers: z.array(CannedAnswer),
  /** Defaulted, so a centre's catalogue.json written before mass incidents still loads. */
  districts: z.array(District).default([]),
  surgeDefault: SurgeRule.default({ cases: 10, minutes: 60 }),
});
export type Catalogue = z.infer<typeof Catalogue>;

/** The longest resolution time any subject of the catalogue gives, in working days. */
export const longestResolutionDays = (catalogue: Catalogue): number => Math.max(0, ...catalogue.subjects.map((s) => s.resolutionDays));
