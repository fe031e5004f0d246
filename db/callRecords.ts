import type { Database } from 'better-sqlite3';
import type { AgentCall, CallRecord } from '../core/call.js';

interface CallRecordRow {
  linkedid: string;
  queue: string;
  caller_number: string;
  agent_interface: string;
  ringing_at: string;
  answered_at: string | null;
  ended_at: string;
  queue_wait_sec: number | null;
  talk_sec: number | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Keeps an ended call under its Linkedid. A call rung again after a transfer keeps one record,
 * the latest leg's. Talk time comes from the PBX when it gave one, else from the desk's clock.
 */
export function recordCall(db: Database, call: AgentCall, agentInterface: string): void {
  if (call.phase !== 'ended' || call.endedAt === null) throw new RangeError('only an ended call is recorded');
  const talkSec = call.talkSec ?? (call.answeredAt === null ? null : Math.max(0, Math.round((call.endedAt - call.answeredAt) / 1000)));
  db.prepare(
    `INSERT INTO call_records (linkedid, queue, caller_number, agent_interface, ringing_at, answered_at, ended_at, queue_wait_sec, talk_sec)
     VALUES ($linkedid, $queue, $callerNumber, $agentInterface, $ringingAt, $answeredAt, $endedAt, $queueWaitSec, $talkSec)
     ON CONFLICT (linkedid) DO UPDATE SET
       queue = excluded.queue, caller_number = excluded.caller_number, agent_interface = excluded.agent_interface,
       ringing_at = excluded.ringing_at, answered_at = excluded.answered_at, ended_at = excluded.ended_at,
       queue_wait_sec = excluded.queue_wait_sec, talk_sec = excluded.talk_sec`,
  ).run({
    linkedid: call.linkedid,
    queue: call.queue,
    callerNumber: call.callerNumber,
    agentInterface,
    ringingAt: iso(call.ringingSince),
    answeredAt: iso(call.answeredAt),
    endedAt: iso(call.endedAt),
    queueWaitSec: call.queueWaitSec,
    talkSec,
  });
}

export function callRecordOf(db: Database, linkedid: string): CallRecord | null {
  const row = db.prepare<[string], CallRecordRow>('SELECT * FROM call_records WHERE linkedid = ?').get(linkedid);
  if (row === undefined) return null;
  return {
    linkedid: row.linkedid,
    queue: row.queue,
    callerNumber: row.caller_number,
    agentInterface: row.agent_interface,
    ringingAt: row.ringing_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    queueWaitSec: row.queue_wait_sec,
    talkSec: row.talk_sec,
  };
}
