import type { DayCountersJson } from '../../telephony/queueMetrics/dayCounters.js';
import { restoreDayCounters } from '../../telephony/queueMetrics/dayCounters.js';
import type { QueueMetricsState } from '../../telephony/queueMetrics/queueMetricsState.js';
import type { SqlRunner } from '../db/sqlClient.js';
import { istanbulDate } from './factStore.js';
import { rollupTally, TALLY_COLUMNS } from './report.js';

/**
 * The day's counters a collector starts with: what the database recorded of this PBX since
 * midnight, handed to the reducer as the desk hands it its day file. So a server restarted at
 * 14:00 shows the day since midnight, and says from when it counts: midnight, or its first
 * batch ever when that was today.
 */
export async function restoreTodayFromDb(db: SqlRunner, pbx: string, state: QueueMetricsState): Promise<QueueMetricsState> {
  const dayStart = new Date(state.day.startsAt).toISOString();
  const since = await db.query<{ collecting_since: unknown }>('SELECT collecting_since FROM collector_state WHERE pbx = $1', [pbx]);
  if (since.length === 0) return state;
  const queues = await db.query<Record<string, unknown>>(
    `SELECT queue, ${TALLY_COLUMNS.map((c) => `sum(${c})::float8 AS ${c}`).join(', ')}
       FROM queue_stats_15m WHERE pbx = $1 AND start >= $2 GROUP BY queue`,
    [pbx, dayStart],
  );
  const agents = await db.query<{ agent: string; answered: number; rna: number }>(
    'SELECT agent, answered, ring_no_answers AS rna FROM agent_day WHERE pbx = $1 AND day = $2',
    [pbx, istanbulDate(state.day.startsAt)],
  );
  const n = (value: unknown) => Number(value);
  const json: DayCountersJson = {
    version: 1,
    day: state.day.key,
    countingSince: Math.max(state.day.startsAt, new Date(since[0]!.collecting_since as string | Date).getTime()),
    queues: Object.fromEntries(
      queues.map((q) => [String(q.queue), rollupTally(Object.fromEntries(TALLY_COLUMNS.map((c) => [c, n(q[c])])) as Record<(typeof TALLY_COLUMNS)[number], number>)]),
    ),
    agents: Object.fromEntries(agents.map((a) => [a.agent, { answered: n(a.answered), ringNoAnswer: n(a.rna) }])),
  };
  return restoreDayCounters(state, JSON.stringify(json)).state;
}
