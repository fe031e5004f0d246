import type { DayCountersJson } from '../../telephony/queueMetrics/dayCounters.js';
import { restoreDayCounters } from '../../telephony/queueMetrics/dayCounters.js';
import type { QueueMetricsState } from '../../telephony/queueMetrics/queueMetricsState.js';
import type { SqlRunner } from '../db/sqlClient.js';
import { istanbulDate } from './factStore.js';

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
    `SELECT queue, sum(answered)::float8 AS answered, sum(answered_in_sl)::float8 AS answered_in_sl, sum(answered_wait_sec)::float8 AS answered_wait_sec,
            sum(abandoned)::float8 AS abandoned, sum(abandoned_in_sl)::float8 AS abandoned_in_sl, sum(abandoned_wait_sec)::float8 AS abandoned_wait_sec,
            sum(timed_out)::float8 AS timed_out, sum(timed_out_in_sl)::float8 AS timed_out_in_sl, sum(timed_out_wait_sec)::float8 AS timed_out_wait_sec,
            sum(completed)::float8 AS completed, sum(talk_sec)::float8 AS talk_sec
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
      queues.map((q) => [
        String(q.queue),
        {
          answered: n(q.answered),
          answeredInSl: n(q.answered_in_sl),
          answeredWaitSec: n(q.answered_wait_sec),
          abandoned: n(q.abandoned),
          abandonedInSl: n(q.abandoned_in_sl),
          abandonedWaitSec: n(q.abandoned_wait_sec),
          timedOut: n(q.timed_out),
          timedOutInSl: n(q.timed_out_in_sl),
          timedOutWaitSec: n(q.timed_out_wait_sec),
          completed: n(q.completed),
          talkSec: n(q.talk_sec),
        },
      ]),
    ),
    agents: Object.fromEntries(agents.map((a) => [a.agent, { answered: n(a.answered), ringNoAnswer: n(a.rna) }])),
  };
  return restoreDayCounters(state, JSON.stringify(json)).state;
}
