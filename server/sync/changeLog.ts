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
 * that lock short.
 */
export async function appendToChangeLog(tx: SqlRunner, entries: readonly LogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const [head] = await tx.query<{ last: string }>(
    'UPDATE change_log_head SET last_seq = last_seq + $1 RETURNING last_seq::text AS last',
    [entries.length],
  );
  const first = BigInt(head!.last) - BigInt(entries.length) + 1n;
  for (const [i, e] of entries.entries()) {
    await tx.query(
      `INSERT INTO change_log (seq, case_id, change_id, desk_id, kind, detail, snapshot, at)
       VALUES ($1::bigint, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
      [String(first + BigInt(i)), e.caseId, e.change?.changeId ?? null, e.change?.deskId ?? null, e.kind, JSON.stringify(e.detail), JSON.stringify(e.snapshot), e.snapshot.updatedAt],
    );
  }
  await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, head!.last]);
}
