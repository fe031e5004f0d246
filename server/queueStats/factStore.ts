import { DAY_MS, ISTANBUL_OFFSET_MS } from '../../core/istanbulTime.js';
import type { LedgerCall, LedgerFact } from '../../telephony/queueMetrics/queueLedger.js';
import type { SqlRunner } from '../db/sqlClient.js';

// Writes the ledger's facts (telephony/queueMetrics/queueLedger.ts) with their rollups, a batch
// per transaction, so a report never sees a call without its quarter hour or the other way round.
// A fact finds its call by (pbx, queue, uniqueid) among the open rows: waiting (outcome null) or
// talking (answered, not completed).

export const QUARTER_MS = 15 * 60_000;

/** Upper bounds (exclusive, seconds) of the abandoned-by-wait buckets; the last is open. */
export const ABANDON_WAIT_BOUNDS = [10, 30, 60, 120] as const;

const quarterOf = (ms: number) => new Date(Math.floor(ms / QUARTER_MS) * QUARTER_MS);

/** The Istanbul civil date of an instant, as YYYY-MM-DD. */
export function istanbulDate(ms: number): string {
  return new Date(ms + ISTANBUL_OFFSET_MS).toISOString().slice(0, 10);
}

const asMs = (value: unknown) => (value instanceof Date ? value.getTime() : Date.parse(String(value)));

type Columns = Partial<Record<
  | 'offered'
  | 'answered'
  | 'answered_in_sl'
  | 'answered_wait_sec'
  | 'abandoned'
  | 'abandoned_in_sl'
  | 'abandoned_wait_sec'
  | 'timed_out'
  | 'timed_out_in_sl'
  | 'timed_out_wait_sec'
  | 'left_empty'
  | 'unknown'
  | 'completed'
  | 'talk_sec'
  | 'transferred'
  | 'ring_no_answers',
  number
>>;

async function bumpQuarter(tx: SqlRunner, pbx: string, queue: string, enteredAt: number, columns: Columns, extra?: { maxWaitSec?: number; abandonBucket?: number }): Promise<void> {
  const names = Object.keys(columns);
  const values = Object.values(columns);
  const sets = names.map((name) => `${name} = queue_stats_15m.${name} + excluded.${name}`);
  let insertNames = names.join(', ');
  let insertValues = names.map((_, i) => `$${i + 4}`).join(', ');
  const params: unknown[] = [pbx, queue, quarterOf(enteredAt).toISOString(), ...values];
  if (extra?.maxWaitSec !== undefined) {
    params.push(extra.maxWaitSec);
    insertNames += `${insertNames ? ', ' : ''}max_wait_sec`;
    insertValues += `${insertValues ? ', ' : ''}$${params.length}`;
    sets.push('max_wait_sec = greatest(queue_stats_15m.max_wait_sec, excluded.max_wait_sec)');
  }
  if (extra?.abandonBucket !== undefined) {
    // Array subscripts are 1-based.
    sets.push(`abandoned_by_wait[${extra.abandonBucket + 1}] = queue_stats_15m.abandoned_by_wait[${extra.abandonBucket + 1}] + 1`);
    params.push(`{${[0, 1, 2, 3, 4].map((i) => (i === extra.abandonBucket ? 1 : 0)).join(',')}}`);
    insertNames += `${insertNames ? ', ' : ''}abandoned_by_wait`;
    insertValues += `${insertValues ? ', ' : ''}$${params.length}::integer[]`;
  }
  await tx.query(
    `INSERT INTO queue_stats_15m (pbx, queue, start${insertNames ? ', ' : ''}${insertNames}) VALUES ($1, $2, $3${insertValues ? ', ' : ''}${insertValues})
     ON CONFLICT (start, queue, pbx) DO UPDATE SET ${sets.join(', ')}`,
    params,
  );
}

async function bumpAgentDay(tx: SqlRunner, pbx: string, agent: string, agentName: string, at: number, columns: Partial<Record<'answered' | 'completed' | 'talk_sec' | 'ring_no_answers', number>>): Promise<void> {
  const names = Object.keys(columns);
  await tx.query(
    `INSERT INTO agent_day (pbx, agent, day, agent_name, ${names.join(', ')}) VALUES ($1, $2, $3, $4, ${names.map((_, i) => `$${i + 5}`).join(', ')})
     ON CONFLICT (day, agent, pbx) DO UPDATE SET ${names.map((n) => `${n} = agent_day.${n} + excluded.${n}`).join(', ')}${agentName ? ', agent_name = excluded.agent_name' : ''}`,
    [pbx, agent, istanbulDate(at), agentName, ...Object.values(columns)],
  );
}

/** Seconds of [from, to) in each Istanbul day it touches. */
export function splitByIstanbulDay(from: number, to: number): Array<{ day: string; seconds: number }> {
  const parts: Array<{ day: string; seconds: number }> = [];
  let start = from;
  while (start < to) {
    const dayEnd = (Math.floor((start + ISTANBUL_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - ISTANBUL_OFFSET_MS;
    const end = Math.min(to, dayEnd);
    parts.push({ day: istanbulDate(start), seconds: (end - start) / 1000 });
    start = end;
  }
  return parts;
}

async function insertCall(tx: SqlRunner, pbx: string, call: LedgerCall, outcome: string | null): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO queue_calls (pbx, queue, uniqueid, linkedid, caller_number, caller_name, entered_at, position, outcome)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (pbx, queue, uniqueid) WHERE outcome IS NULL DO NOTHING RETURNING id`,
    [pbx, call.queue, call.uniqueid, call.linkedid, call.callerNumber, call.callerName, new Date(call.enteredAt).toISOString(), call.position, outcome],
  );
  if (rows.length > 0) await bumpQuarter(tx, pbx, call.queue, call.enteredAt, { offered: 1 });
  return rows.length > 0;
}

const OUTCOME_COLUMNS = {
  answered: { count: 'answered', inSl: 'answered_in_sl', wait: 'answered_wait_sec' },
  abandoned: { count: 'abandoned', inSl: 'abandoned_in_sl', wait: 'abandoned_wait_sec' },
  timedOut: { count: 'timed_out', inSl: 'timed_out_in_sl', wait: 'timed_out_wait_sec' },
  leftEmpty: { count: 'timed_out', inSl: 'timed_out_in_sl', wait: 'timed_out_wait_sec' },
} as const;

export function abandonBucket(waitSec: number): number {
  const index = ABANDON_WAIT_BOUNDS.findIndex((bound) => waitSec < bound);
  return index < 0 ? ABANDON_WAIT_BOUNDS.length : index;
}

const LEAVE_CALL = `UPDATE queue_calls SET outcome = $4, left_at = $5, wait_sec = $6, in_service_level = $7
  WHERE pbx = $1 AND queue = $2 AND uniqueid = $3 AND outcome IS NULL RETURNING entered_at`;

async function applyLeft(tx: SqlRunner, pbx: string, fact: Extract<LedgerFact, { kind: 'left' }>): Promise<void> {
  const params = [pbx, fact.call.queue, fact.call.uniqueid, fact.outcome, new Date(fact.at).toISOString(), fact.waitSec, fact.inServiceLevel];
  let rows = await tx.query<{ entered_at: unknown }>(LEAVE_CALL, params);
  if (rows.length === 0) {
    // Its entry was never written (a batch lost to a crash): written now, whole.
    await insertCall(tx, pbx, fact.call, null);
    rows = await tx.query(LEAVE_CALL, params);
  }
  const enteredAt = rows.length > 0 ? asMs(rows[0]!.entered_at) : fact.call.enteredAt;
  if (fact.outcome === 'unknown') return bumpQuarter(tx, pbx, fact.call.queue, enteredAt, { unknown: 1 });
  const columns = OUTCOME_COLUMNS[fact.outcome];
  await bumpQuarter(
    tx,
    pbx,
    fact.call.queue,
    enteredAt,
    { [columns.count]: 1, [columns.inSl]: fact.inServiceLevel ? 1 : 0, [columns.wait]: fact.waitSec },
    { maxWaitSec: fact.waitSec, ...(fact.outcome === 'abandoned' ? { abandonBucket: abandonBucket(fact.waitSec) } : {}) },
  );
}

async function applyFact(tx: SqlRunner, pbx: string, fact: LedgerFact): Promise<void> {
  switch (fact.kind) {
    case 'entered':
      await insertCall(tx, pbx, fact.call, null);
      return;
    case 'left':
      return applyLeft(tx, pbx, fact);
    case 'connected':
      await tx.query(
        `UPDATE queue_calls SET agent = $4, agent_name = $5
          WHERE pbx = $1 AND queue = $2 AND uniqueid = $3 AND outcome = 'answered' AND completed_at IS NULL`,
        [pbx, fact.call.queue, fact.call.uniqueid, fact.agent, fact.agentName],
      );
      return bumpAgentDay(tx, pbx, fact.agent, fact.agentName, fact.at, { answered: 1 });
    case 'completed': {
      const rows = await tx.query<{ entered_at: unknown }>(
        `UPDATE queue_calls SET talk_sec = $4, end_reason = $5, completed_at = $6
          WHERE pbx = $1 AND queue = $2 AND uniqueid = $3 AND outcome = 'answered' AND completed_at IS NULL RETURNING entered_at`,
        [pbx, fact.call.queue, fact.call.uniqueid, fact.talkSec, fact.reason, new Date(fact.at).toISOString()],
      );
      if (rows.length === 0) return;
      await bumpQuarter(tx, pbx, fact.call.queue, asMs(rows[0]!.entered_at), { completed: 1, talk_sec: fact.talkSec, transferred: fact.reason === 'transfer' ? 1 : 0 });
      return bumpAgentDay(tx, pbx, fact.agent, '', fact.at, { completed: 1, talk_sec: fact.talkSec });
    }
    case 'endedUnseen':
      // Answered, so counted; its talk time is not known and it is not counted as completed.
      await tx.query(
        `UPDATE queue_calls SET end_reason = 'unknown', completed_at = $4
          WHERE pbx = $1 AND queue = $2 AND uniqueid = $3 AND outcome = 'answered' AND completed_at IS NULL`,
        [pbx, fact.call.queue, fact.call.uniqueid, new Date(fact.at).toISOString()],
      );
      return;
    case 'leftEmpty': {
      const rows = await tx.query<{ entered_at: unknown }>(
        `UPDATE queue_calls SET outcome = 'leftEmpty' WHERE id = (
           SELECT id FROM queue_calls WHERE pbx = $1 AND queue = $2 AND uniqueid = $3 AND outcome = 'timedOut' ORDER BY id DESC LIMIT 1)
         RETURNING entered_at`,
        [pbx, fact.call.queue, fact.call.uniqueid],
      );
      if (rows.length > 0) await bumpQuarter(tx, pbx, fact.call.queue, asMs(rows[0]!.entered_at), { left_empty: 1 });
      return;
    }
    case 'ringNoAnswer': {
      if (fact.call !== null) {
        const rows = await tx.query<{ entered_at: unknown }>(
          `UPDATE queue_calls SET ring_no_answers = ring_no_answers + 1
            WHERE pbx = $1 AND queue = $2 AND uniqueid = $3 AND outcome IS NULL RETURNING entered_at`,
          [pbx, fact.call.queue, fact.call.uniqueid],
        );
        if (rows.length > 0) await bumpQuarter(tx, pbx, fact.call.queue, asMs(rows[0]!.entered_at), { ring_no_answers: 1 });
      }
      return bumpAgentDay(tx, pbx, fact.agent, fact.agentName, fact.at, { ring_no_answers: 1 });
    }
    case 'agentState':
    case 'membership': {
      if (fact.to <= fact.from) return;
      const state = fact.kind === 'membership' ? 'member' : fact.state;
      const reason = fact.kind === 'membership' ? '' : fact.reason;
      await tx.query(
        `INSERT INTO agent_intervals (pbx, agent, agent_name, state, reason, queue, started_at, ended_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [pbx, fact.agent, fact.agentName, state, reason, fact.kind === 'membership' ? fact.queue : null, new Date(fact.from).toISOString(), new Date(fact.to).toISOString()],
      );
      if (fact.kind === 'membership') return;
      for (const part of splitByIstanbulDay(fact.from, fact.to)) {
        await tx.query(
          `INSERT INTO agent_state_day (pbx, agent, day, state, reason, seconds, agent_name) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (day, agent, pbx, state, reason) DO UPDATE SET seconds = agent_state_day.seconds + excluded.seconds, agent_name = excluded.agent_name`,
          [pbx, fact.agent, part.day, state, reason, part.seconds, fact.agentName],
        );
      }
      return;
    }
  }
}

/** One batch in one transaction, with the instant the collector was last known watching. */
export async function storeFacts(tx: SqlRunner, pbx: string, facts: readonly LedgerFact[], aliveAt: number): Promise<void> {
  for (const fact of facts) await applyFact(tx, pbx, fact);
  await tx.query(
    `INSERT INTO collector_state (pbx, collecting_since, alive_at) VALUES ($1, $2, $2) ON CONFLICT (pbx) DO UPDATE SET alive_at = greatest(collector_state.alive_at, excluded.alive_at)`,
    [pbx, new Date(aliveAt).toISOString()],
  );
}

/** A span the collector did not see begins (null: one is already open, kept as it is). */
export async function openGap(tx: SqlRunner, pbx: string, from: number, reason: 'link-lost' | 'collector-down'): Promise<void> {
  await tx.query(
    `INSERT INTO collector_gaps (pbx, from_at, reason) VALUES ($1, $2, $3) ON CONFLICT (pbx) WHERE to_at IS NULL DO NOTHING`,
    [pbx, new Date(from).toISOString(), reason],
  );
}

export async function closeGap(tx: SqlRunner, pbx: string, to: number): Promise<void> {
  await tx.query(`UPDATE collector_gaps SET to_at = greatest(from_at, $2) WHERE pbx = $1 AND to_at IS NULL`, [pbx, new Date(to).toISOString()]);
}

/** When the collector of this PBX was last known watching; null on its first start. */
export async function lastAlive(tx: SqlRunner, pbx: string): Promise<number | null> {
  const rows = await tx.query<{ alive_at: unknown }>(`SELECT alive_at FROM collector_state WHERE pbx = $1`, [pbx]);
  return rows.length === 0 ? null : asMs(rows[0]!.alive_at);
}
