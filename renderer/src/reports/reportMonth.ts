import { ReportMonth } from '../../../core/report.js';

const monthFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul', year: 'numeric', month: '2-digit' });

/** The month it is now in Istanbul, `2026-11`, whatever the machine's zone. */
export function istanbulMonth(now: number | Date = Date.now()): string {
  const parts = monthFormat.formatToParts(now);
  const year = parts.find((p) => p.type === 'year')?.value ?? '1970';
  const month = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${year}-${month}`;
}

/** What `<input type="month">` gives back is '' while the field is incomplete. */
export const isReportMonth = (value: string): boolean => ReportMonth.safeParse(value).success;
