import { z } from 'zod';

/** A month in Istanbul civil time, `2026-11`. */
export const ReportMonth = z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/, 'month.invalid');

export const ReportGrouping = z.enum(['subject', 'unit']);
export type ReportGrouping = z.infer<typeof ReportGrouping>;

/** One row of the monthly report: the cases created in the month with one subject or unit. */
export const MonthlyReportRow = z.object({
  /** Subject text, or unit code; '' for cases without one. */
  key: z.string(),
  /** Unit name for by=unit (when the server knows the unit); the subject again for by=subject. */
  label: z.string(),
  created: z.number().int().nonnegative(),
  resolved: z.number().int().nonnegative(),
  resolvedOnTime: z.number().int().nonnegative(),
  /** Mean hours from creation to first resolution, one decimal; null when none resolved. */
  meanResolutionHours: z.number().nullable(),
  firstContactResolutions: z.number().int().nonnegative(),
  reopened: z.number().int().nonnegative(),
  /** Resolution call-backs where the citizen confirmed the fix ('informed'). */
  citizenConfirmed: z.number().int().nonnegative(),
  /** Resolution call-backs where the citizen said it is not solved (the case reopened). */
  citizenDisputed: z.number().int().nonnegative(),
  /** confirmed / (confirmed + disputed), 0–1; null when no citizen was reached. */
  citizenConfirmedRate: z.number().min(0).max(1).nullable(),
  /**
   * Of `created`, how many are mass incidents (core/incident.ts): an incident's attached cases
   * count once, as the incident, and `incidentCases` says how many calls they were.
   */
  incidents: z.number().int().nonnegative().default(0),
  incidentCases: z.number().int().nonnegative().default(0),
});
export type MonthlyReportRow = z.infer<typeof MonthlyReportRow>;

export const MonthlyReport = z.object({
  month: ReportMonth,
  by: ReportGrouping,
  rows: z.array(MonthlyReportRow),
});
export type MonthlyReport = z.infer<typeof MonthlyReport>;
