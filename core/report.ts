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

/** Share of the resolved cases that were resolved on time; null when none was resolved. */
export const onTimeRatio = (r: Pick<MonthlyReportRow, 'resolved' | 'resolvedOnTime'>): number | null =>
  r.resolved > 0 ? r.resolvedOnTime / r.resolved : null;

/** Share of the citizens reached on a resolution call-back who confirmed the fix; null when none was reached. */
export const citizenConfirmedRatio = (r: Pick<MonthlyReportRow, 'citizenConfirmed' | 'citizenDisputed'>): number | null => {
  const reached = r.citizenConfirmed + r.citizenDisputed;
  return reached > 0 ? r.citizenConfirmed / reached : null;
};

/**
 * The report's columns after the row's name, in the order the screen and the CSV both show them:
 * one list, so a team lead who reads "Süresinde %" on screen finds the same column in Excel.
 */
export const REPORT_FIGURES = [
  'created',
  'resolved',
  'resolvedOnTime',
  'onTimePercent',
  'meanResolutionHours',
  'firstContactResolutions',
  'reopened',
  'citizenConfirmed',
  'citizenDisputed',
  'citizenConfirmedPercent',
  'incidents',
  'incidentCases',
] as const;
export type ReportFigure = (typeof REPORT_FIGURES)[number];
/** The first column names the row: its subject or its unit. */
export type ReportColumn = ReportGrouping | ReportFigure;

export const reportColumns = (by: ReportGrouping): ReportColumn[] => [by, ...REPORT_FIGURES];

/**
 * The Turkish column names. The CSV goes to directorates in Turkish whatever the desk's language;
 * the screen's Turkish texts (renderer/src/reports/locales/tr.json, reports.column.*) are the same
 * words, and a test holds them together.
 */
export const REPORT_COLUMN_NAMES_TR: Readonly<Record<ReportColumn, string>> = {
  subject: 'Konu',
  unit: 'Birim',
  created: 'Açılan',
  resolved: 'Çözülen',
  resolvedOnTime: 'Süresinde çözülen',
  onTimePercent: 'Süresinde %',
  meanResolutionHours: 'Ort. çözüm süresi (saat)',
  firstContactResolutions: 'İlk temasta çözüm',
  reopened: 'Yeniden açılan',
  citizenConfirmed: 'Vatandaş onayı',
  citizenDisputed: 'Vatandaş itirazı',
  citizenConfirmedPercent: 'Onay %',
  incidents: 'Toplu olay',
  incidentCases: 'Toplu olaya bağlı çağrı',
};

/**
 * What the rows without a name are called, on screen and in the CSV. By unit, the cases without
 * a unit: only a case answered on the call has none (a forwarded case always has one, and no
 * workflow step takes it away), so the row says so.
 */
export const REPORT_ROW_NAMES_TR = { resolvedOnCall: 'Görüşmede çözülen', noSubject: '(Konu yok)' } as const;
