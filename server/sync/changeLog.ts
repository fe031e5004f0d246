import type { SqlRunner } from '../db/sqlClient.js';
import type { CaseChange, ServerCase, ServerChangeKind } from '../../sync/protocol.js';

export interface LogEntry {
  caseId: string;
  change: CaseChange | null;
  kind: ServerChangeKind;
  detail: unknown;
  snapshot: ServerCase;
}

/** Where instances tell each other (LISTEN/NOTIFY) that the log grew; the payload is the last seq. */
export const CHANGES_CHANNEL = 'case_changes';

/**
 * Must be the last statement before COMMIT: taking numbers locks change_log_head until commit,
 * which is what keeps the log gap-free for readers (see migration 0002). Doing it last keeps
 * that lock short, and so does doing it in ONE statement: taking the numbers, inserting every
 * entry and the NOTIFY go to PostgreSQL together, so the lock is held for one round trip and the
 * commit, not one round trip per entry (every other push waits on it; bench/syncServer.bench.ts).
 */
export async function appendToChangeLog(tx: SqlRunner, entries: readonly LogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e, i) => ({
    i: i + 1,
    case_id: e.caseId,
    change_id: e.change?.changeId ?? null,
    desk_id: e.change?.deskId ?? null,
    kind: e.kind,
    detail: e.detail,
    snapshot: e.snapshot,
    at: e.snapshot.updatedAt,
  }));
  await tx.query(
    `WITH head AS (
       UPDATE change_log_head SET last_seq = last_seq + $1 RETURNING last_seq
     ), logged AS (
       INSERT INTO change_log (seq, case_id, change_id, desk_id, kind, detail, snapshot, at)
       SELECT head.last_seq - $1 + e.i, e.case_id, e.change_id, e.desk_id, e.kind, e.detail, e.snapshot, e.at
         FROM head, jsonb_to_recordset($2::jsonb)
           AS e(i bigint, case_id bigint, change_id uuid, desk_id text, kind text, detail jsonb, snapshot jsonb, at timestamptz)
     )
     SELECT pg_notify($3, head.last_seq::text) FROM head`,
    [entries.length, JSON.stringify(rows), CHANGES_CHANNEL],
  );
}
