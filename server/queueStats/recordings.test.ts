import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { header } from '../../telephony/ami/amiFrame.js';
import { connections, loadRecording, recordingNames } from '../../telephony/testing/recordings.js';
import { replayConnection } from '../../telephony/testing/replay.js';
import { createQueueLedger, type LedgerFact } from '../../telephony/queueMetrics/queueLedger.js';
import { createQueueMetricsState, figuresOf, parseQueueEvent, reduceQueueMetrics, resync, type QueueMetricsState } from '../../telephony/queueMetrics/index.js';
import { migrate } from '../db/migrate.js';
import { engines, type TestDatabase } from '../db/testEngines.js';
import { istanbulDate, storeFacts } from './factStore.js';
import { queueStats } from './report.js';

// Every real Asterisk recording (and, with AMI_FIXTURES_DIR, recordings this code has not seen)
// through the collector's path: the desk's reducer, the ledger, the facts written to the
// database, and the report read back. The report must say what the reducer says of the same
// events: one definition of answered, abandoned, timed out, ASA, waits and service levels.

const TABLES = ['queue_calls', 'queue_stats_15m', 'agent_intervals', 'agent_state_day', 'agent_day', 'collector_gaps', 'collector_state'];

let t: TestDatabase;
beforeAll(async () => {
  t = await engines.find((e) => e.name === 'pglite')!.open();
  await migrate(t.db);
});
afterAll(() => t.drop());

function replay(name: string, conn: string | undefined): { state: QueueMetricsState | null; facts: LedgerFact[]; first: number; last: number } {
  const ledger = createQueueLedger();
  const facts: LedgerFact[] = [];
  let state: QueueMetricsState | null = null;
  let first = 0;
  let last = 0;
  replayConnection(loadRecording(name), conn, {
    onEvent(frame, now) {
      state ??= createQueueMetricsState((first = now));
      last = now;
      const event = parseQueueEvent(frame);
      const next = event === null ? state : reduceQueueMetrics(state, event, now);
      facts.push(...ledger.step(state, next, event, event === null ? frame : null, now));
      state = next;
    },
    onList(list, now) {
      state ??= createQueueMetricsState((first = now));
      last = now;
      const unfiltered = header(list.request, 'Action') === 'QueueStatus' && header(list.request, 'Queue') === undefined && header(list.request, 'Member') === undefined;
      if (!unfiltered) return;
      state = resync(state, list.items, now);
      facts.push(...ledger.resynced(state, now));
    },
  });
  return { state, facts, first, last };
}

const cases = recordingNames().flatMap((name) => connections(loadRecording(name)).map((conn) => ({ name, conn: conn === '' ? undefined : conn })));

describe('the collector over the recordings', () => {
  it.each(cases)('$name ($conn): the report says what the reducer says', async ({ name, conn }) => {
    const { state, facts, first, last } = replay(name, conn);
    if (state === null) return;
    for (const table of TABLES) await t.db.query(`DELETE FROM ${table}`);
    await t.db.transaction((tx) => storeFacts(tx, 'pbx', facts, last));
    const report = await queueStats(t.db, { from: istanbulDate(first), to: istanbulDate(last), interval: 'day' });
    for (const queue of Object.values(state.queues)) {
      const reducer = figuresOf(queue.sinceStart);
      const left = reducer.answered + reducer.abandoned + reducer.timedOut;
      const total = report.totals.find((r) => r.queue === queue.name);
      if (left === 0 && total === undefined) continue;
      expect({
        queue: queue.name,
        answered: total?.answered,
        abandoned: total?.abandoned,
        timedOut: total?.timedOut,
        asaSec: total?.asaSec,
        avgWaitAllSec: total?.avgWaitAllSec,
        serviceLevelPct: total?.serviceLevelPct,
        serviceLevel2Pct: total?.serviceLevel2Pct,
        abandonRatePct: total?.abandonRatePct,
      }).toEqual({
        queue: queue.name,
        answered: reducer.answered,
        abandoned: reducer.abandoned,
        timedOut: reducer.timedOut,
        asaSec: reducer.asaSec,
        avgWaitAllSec: reducer.avgWaitAllSec,
        serviceLevelPct: reducer.serviceLevelPct,
        serviceLevel2Pct: reducer.serviceLevel2Pct,
        abandonRatePct: reducer.abandonRatePct,
      });
      // Every call that left is one row with its outcome; those still waiting have none yet.
      const rows = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM queue_calls WHERE queue = $1 AND outcome IS NOT NULL AND outcome <> 'unknown'`, [queue.name]);
      expect(rows[0]!.n).toBe(left);
    }
  });

  it('covers calls of every kind across the recordings', () => {
    const kinds = new Set(cases.flatMap(({ name, conn }) => replay(name, conn).facts.map((f) => (f.kind === 'left' ? `left:${f.outcome}` : f.kind))));
    expect([...kinds]).toEqual(expect.arrayContaining(['entered', 'left:answered', 'left:abandoned', 'connected', 'completed', 'ringNoAnswer', 'agentState']));
  });
});
