import { DAY_MS, ISTANBUL_OFFSET_MS } from '../../core/istanbulTime.js';
import type { CaseFigures } from '../../core/queueStats.js';
import type { SqlRunner } from '../db/sqlClient.js';

// The case-aware wallboard's figures: what today's calls became. Counts only: no case's content
// leaves here, so a confidential case counts like any other.

const TOP_SUBJECTS = 8;
const TOP_UNITS = 10;
const WEEK_MS = 7 * DAY_MS;
const DONE = "('resolved', 'closed', 'rejected')";

const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

export async function caseFigures(db: SqlRunner, now: Date): Promise<CaseFigures> {
  const nowMs = now.getTime();
  const dayStart = Math.floor((nowMs + ISTANBUL_OFFSET_MS) / DAY_MS) * DAY_MS - ISTANBUL_OFFSET_MS;
  const iso = (ms: number) => new Date(ms).toISOString();

  const [today] = await db.query<{ created: number; fcr: number }>(
    `SELECT count(*)::int AS created,
            count(*) FILTER (WHERE coalesce((fields ->> 'firstContactResolution')::boolean, false))::int AS fcr
       FROM cases WHERE created_at >= $1 AND created_at <= $2`,
    [iso(dayStart), iso(nowMs)],
  );
  // Today's top subjects, each beside the same span of the same weekday a week ago.
  const subjects = await db.query<{ subject: string; today: number; last_week: number }>(
    `WITH counts AS (
       SELECT coalesce(fields ->> 'subject', '') AS subject,
              count(*) FILTER (WHERE created_at >= $1) AS today,
              count(*) FILTER (WHERE created_at < $1) AS last_week
         FROM cases
        WHERE (created_at >= $1 AND created_at <= $2) OR (created_at >= $3 AND created_at <= $4)
        GROUP BY 1)
     SELECT subject, today::int, last_week::int FROM counts WHERE today > 0
      ORDER BY today DESC, subject LIMIT ${TOP_SUBJECTS}`,
    [iso(dayStart), iso(nowMs), iso(dayStart - WEEK_MS), iso(nowMs - WEEK_MS)],
  );
  const [calls] = await db.query<{ calls: number; repeats: number }>(
    `SELECT count(*)::int AS calls,
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM queue_calls p
               WHERE p.caller_number = c.caller_number AND p.entered_at < c.entered_at AND p.entered_at >= c.entered_at - interval '7 days'))::int AS repeats
       FROM queue_calls c WHERE c.entered_at >= $1 AND c.entered_at <= $2 AND c.caller_number <> ''`,
    [iso(dayStart), iso(nowMs)],
  );
  const [collecting] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM collector_state');
  const units = await db.query<{ unit_code: string; name: string | null; open: number; overdue: number }>(
    `SELECT c.unit_code, max(u.name) AS name, count(*)::int AS open,
            count(*) FILTER (WHERE (c.fields ->> 'dueAt')::timestamptz < $1)::int AS overdue
       FROM cases c LEFT JOIN units u ON u.code = c.unit_code
      WHERE c.status NOT IN ${DONE} AND c.unit_code IS NOT NULL
      GROUP BY c.unit_code
      ORDER BY overdue DESC, open DESC, c.unit_code LIMIT ${TOP_UNITS}`,
    [iso(nowMs)],
  );
  return {
    at: iso(nowMs),
    createdToday: today!.created,
    firstContactPct: pct(today!.fcr, today!.created),
    subjects: subjects.map((s) => ({ subject: s.subject, today: s.today, lastWeek: s.last_week })),
    repeatCalls: collecting!.n === 0 ? null : { calls: calls!.calls, repeats: calls!.repeats, pct: pct(calls!.repeats, calls!.calls) },
    units: units.map((u) => ({ unitCode: u.unit_code, name: u.name ?? u.unit_code, open: u.open, overdue: u.overdue })),
  };
}
