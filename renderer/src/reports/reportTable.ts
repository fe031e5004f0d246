import { citizenConfirmedRatio, onTimeRatio, type MonthlyReportRow, type ReportFigure } from '../../../core/report.js';
import type { Language } from '../shared/i18n/resources.js';

// The ratios are the CSV's too (server/reports/monthly.ts): one definition in core.
export { citizenConfirmedRatio, onTimeRatio } from '../../../core/report.js';

export type ReportTotals = Omit<MonthlyReportRow, 'key' | 'label'>;

/**
 * The totals row. Counts add up; the mean resolution time is weighted by the cases each row
 * resolved (a mean of means would let a row with one case weigh as much as one with hundreds),
 * and the citizen-confirmed rate is recomputed from the summed counts for the same reason.
 */
export function reportTotals(rows: readonly MonthlyReportRow[]): ReportTotals {
  const totals: ReportTotals = {
    created: 0,
    resolved: 0,
    resolvedOnTime: 0,
    meanResolutionHours: null,
    firstContactResolutions: 0,
    reopened: 0,
    citizenConfirmed: 0,
    citizenDisputed: 0,
    citizenConfirmedRate: null,
    incidents: 0,
    incidentCases: 0,
  };
  let hours = 0;
  let timed = 0;
  for (const r of rows) {
    totals.created += r.created;
    totals.resolved += r.resolved;
    totals.resolvedOnTime += r.resolvedOnTime;
    totals.firstContactResolutions += r.firstContactResolutions;
    totals.reopened += r.reopened;
    totals.citizenConfirmed += r.citizenConfirmed;
    totals.citizenDisputed += r.citizenDisputed;
    totals.incidents += r.incidents;
    totals.incidentCases += r.incidentCases;
    if (r.meanResolutionHours !== null && r.resolved > 0) {
      hours += r.meanResolutionHours * r.resolved;
      timed += r.resolved;
    }
  }
  if (timed > 0) totals.meanResolutionHours = Math.round((hours / timed) * 10) / 10;
  totals.citizenConfirmedRate = citizenConfirmedRatio(totals);
  return totals;
}

const LOCALE: Record<Language, string> = { tr: 'tr-TR', en: 'en-GB' };
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(lng: Language, kind: 'percent' | 'hours' | 'count'): Intl.NumberFormat {
  const key = `${lng}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.NumberFormatOptions =
      kind === 'percent'
        ? { style: 'percent', maximumFractionDigits: 1 }
        : kind === 'hours'
          ? { minimumFractionDigits: 1, maximumFractionDigits: 1 }
          : {};
    formats.set(key, (f = new Intl.NumberFormat(LOCALE[lng], options)));
  }
  return f;
}

/** 0.857 → "%85,7" in Turkish, "85.7%" in English; a dash when there is nothing to divide. */
export const formatRatio = (ratio: number | null, lng: Language): string =>
  ratio === null ? '—' : numberFormat(lng, 'percent').format(ratio);

/** 12.5 → "12,5" in Turkish. */
export const formatHours = (hours: number | null, lng: Language): string =>
  hours === null ? '—' : numberFormat(lng, 'hours').format(hours);

/** 1234 → "1.234" in Turkish. */
export const formatReportCount = (n: number, lng: Language): string => numberFormat(lng, 'count').format(n);

/** One figure as the screen shows it (the CSV writes the same figures as numbers: server/reports/monthly.ts). */
export function figureText(f: ReportTotals, figure: ReportFigure, lng: Language): string {
  switch (figure) {
    case 'onTimePercent':
      return formatRatio(onTimeRatio(f), lng);
    case 'meanResolutionHours':
      return formatHours(f.meanResolutionHours, lng);
    case 'citizenConfirmedPercent':
      return formatRatio(f.citizenConfirmedRate, lng);
    default:
      return formatReportCount(f[figure], lng);
  }
}
