import { z } from 'zod';
import type { SqlClient } from '../db/sqlClient.js';
import { csvDocument, decimal, type CsvCell } from '../../core/csv.js';
import { ISTANBUL_OFFSET_MS } from '../../core/istanbulTime.js';
// The report's shape lives in core/report.ts: the desktop reads the same JSON.
import {
  REPORT_COLUMN_NAMES_TR,
  REPORT_FIGURES,
  REPORT_ROW_NAMES_TR,
  ReportGrouping,
  ReportMonth,
  onTimeRatio,
  reportColumns,
  type MonthlyReport,
  type MonthlyReportRow,
  type ReportFigure,
} from '../../core/report.js';

export const MonthlyReportQuery = z.object({
  month: ReportMonth,
  by: ReportGrouping,
  format: z.enum(['json', 'csv']).default('json'),
});
export type MonthlyReportQuery = z.infer<typeof MonthlyReportQuery>;

/** The month's bounds in Istanbul civil time (UTC+3 all year), as instants. */
export function monthBounds(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1) - ISTANBUL_OFFSET_MS), to: new Date(Date.UTC(y, m, 1) - ISTANBUL_OFFSET_MS) };
}

/**
 * The cases created in the month (Istanbul time), grouped by subject or unit. Every figure is
 * about that cohort, so a month's row does not change meaning as later months go by:
 * - resolved: reached 'resolved' (or 'closed') at some point, whenever;
 * - resolvedOnTime: first resolution at or before the case's dueAt (no dueAt counts as on time);
 * - meanResolutionHours: creation to first resolution;
 * - firstContactResolutions: resolved on the call (the desk's firstContactResolution). Such a
 *   case was resolved when it was created: its change log says when the server received it,
 *   which is later by however long the desk held it (offline, or a demo desk's case of
 *   yesterday pushed today), and that delay is not resolution time;
 * - reopened: reached 'reopened' at some point;
 * - citizenConfirmed / citizenDisputed: the cases' resolution call-backs (server/callbacks) whose
 *   citizen said it is solved ('informed') / not solved ('not-solved'); a case reopened and
 *   resolved again has one of each. citizenConfirmedRate = confirmed / (confirmed + disputed),
 *   null when no citizen was reached.
 * - the cases attached to one mass incident count once, as the incident (its earliest case in the
 *   month stands for it, resolved when the incident closed it), with `incidentCases` calls.
 * When a case reached a status comes from the change log: every change (desk push or
 * department workflow) is logged with the case as it became (change_log.snapshot) at that time.
 */
export async function monthlyReport(db: SqlClient, query: Pick<MonthlyReportQuery, 'month' | 'by'>): Promise<MonthlyReport> {
  const { from, to } = monthBounds(query.month);
  const groupKey = query.by === 'unit' ? "coalesce(c.unit_code, '')" : "coalesce(c.fields ->> 'subject', '')";
  const label = query.by === 'unit' ? "coalesce(max(u.name), k.key)" : 'k.key';
  const rows = await db.query<{
    key: string;
    label: string;
    created: number;
    resolved: number;
    resolved_on_time: number;
    mean_hours: string | null;
    fcr: number;
    reopened: number;
    confirmed: number;
    disputed: number;
    incidents: number;
    incident_cases: number;
  }>(
    `WITH month_cases AS (
       SELECT c.id, c.fields ->> 'incidentId' AS incident_id,
              CASE WHEN c.fields ->> 'incidentId' IS NULL THEN 1
                   ELSE row_number() OVER (PARTITION BY c.fields ->> 'incidentId' ORDER BY c.created_at, c.id) END AS nth,
              CASE WHEN c.fields ->> 'incidentId' IS NULL THEN 0
                   ELSE count(*) OVER (PARTITION BY c.fields ->> 'incidentId') END AS attached
         FROM cases c
        WHERE c.created_at >= $1 AND c.created_at < $2),
     cohort AS (
       SELECT c.id, ${groupKey} AS key, c.created_at, c.status, m.incident_id, m.attached,
              (c.fields ->> 'dueAt')::timestamptz AS due_at,
              coalesce((c.fields ->> 'firstContactResolution')::boolean, false) AS fcr,
              CASE WHEN coalesce((c.fields ->> 'firstContactResolution')::boolean, false) THEN c.created_at
                   ELSE coalesce(
                     (SELECT min(l.at) FROM change_log l WHERE l.case_id = c.id AND l.snapshot ->> 'status' IN ('resolved', 'closed')),
                     CASE WHEN c.status IN ('resolved', 'closed') THEN c.updated_at END) END AS resolved_at,
              EXISTS (SELECT 1 FROM change_log l WHERE l.case_id = c.id AND l.snapshot ->> 'status' = 'reopened')
                OR c.status = 'reopened' AS reopened,
              (SELECT count(*) FROM callbacks b WHERE b.case_id = c.id AND b.kind = 'resolution' AND b.outcome = 'informed') AS confirmed,
              (SELECT count(*) FROM callbacks b WHERE b.case_id = c.id AND b.kind = 'resolution' AND b.outcome = 'not-solved') AS disputed
         FROM month_cases m JOIN cases c ON c.id = m.id
        WHERE m.nth = 1)
     SELECT k.key, ${label} AS label,
            count(*)::int AS created,
            count(k.resolved_at)::int AS resolved,
            count(*) FILTER (WHERE k.resolved_at IS NOT NULL AND (k.due_at IS NULL OR k.resolved_at <= k.due_at))::int AS resolved_on_time,
            round((avg(extract(epoch FROM k.resolved_at - k.created_at)) / 3600)::numeric, 1)::text AS mean_hours,
            count(*) FILTER (WHERE k.fcr)::int AS fcr,
            count(*) FILTER (WHERE k.reopened)::int AS reopened,
            sum(k.confirmed)::int AS confirmed,
            sum(k.disputed)::int AS disputed,
            count(k.incident_id)::int AS incidents,
            sum(k.attached)::int AS incident_cases
       FROM cohort k LEFT JOIN units u ON u.code = k.key
      GROUP BY k.key
      ORDER BY count(*) DESC, k.key`,
    [from.toISOString(), to.toISOString()],
  );
  return {
    month: query.month,
    by: query.by,
    rows: rows.map((r) => ({
      key: r.key,
      label: r.label,
      created: r.created,
      resolved: r.resolved,
      resolvedOnTime: r.resolved_on_time,
      meanResolutionHours: r.mean_hours === null ? null : Number(r.mean_hours),
      firstContactResolutions: r.fcr,
      reopened: r.reopened,
      citizenConfirmed: r.confirmed,
      citizenDisputed: r.disputed,
      citizenConfirmedRate: r.confirmed + r.disputed === 0 ? null : r.confirmed / (r.confirmed + r.disputed),
      incidents: r.incidents,
      incidentCases: r.incident_cases,
    })),
  };
}

/** The CSV's cells for one row (or the totals), column by column as core/report.ts lists them. */
function figureCell(r: MonthlyReportRow, figure: ReportFigure): CsvCell {
  const percent = (ratio: number | null) => (ratio === null ? null : decimal(ratio * 100, 1));
  switch (figure) {
    case 'onTimePercent':
      return percent(onTimeRatio(r));
    case 'meanResolutionHours':
      return r.meanResolutionHours === null ? null : decimal(r.meanResolutionHours, 1);
    case 'citizenConfirmedPercent':
      return percent(r.citizenConfirmedRate);
    default:
      return r[figure];
  }
}

/** The row's name as the screen shows it; by unit, the cases without one were answered on the call. */
function rowName(r: MonthlyReportRow, by: ReportGrouping): string {
  if (r.label.trim() !== '') return r.label;
  if (r.key.trim() !== '') return r.key;
  return by === 'unit' ? REPORT_ROW_NAMES_TR.resolvedOnCall : REPORT_ROW_NAMES_TR.noSubject;
}

/**
 * The report as CSV for Turkish Excel (core/csv.ts: BOM, ';', decimal comma, CRLF), with the
 * screen's columns under the screen's Turkish names (core/report.ts). Subjects and unit names
 * are text typed by people and go out as text cells, never as formulas; the figures go out as
 * numbers, percentages as 0–100 with one decimal.
 */
export function monthlyReportCsv(report: MonthlyReport): string {
  const columns = reportColumns(report.by);
  const lines: CsvCell[][] = [columns.map((c) => REPORT_COLUMN_NAMES_TR[c])];
  for (const r of report.rows) lines.push([rowName(r, report.by), ...REPORT_FIGURES.map((f) => figureCell(r, f))]);
  return csvDocument(lines);
}
