import type { SqlClient, SqlRunner } from '../db/sqlClient.js';
import type { CaseChange, ServerCase, ServerChangeKind } from '../../sync/protocol.js';

export interface LogEntry {
  caseId: string;
  change: CaseChange | null;
  kind: ServerChangeKind;
  detail: unknown;
  snapshot: ServerCase;
}

/**
 * Where instances tell each other (LISTEN/NOTIFY) that the log grew. The payload is the sending
 * instance's id, so an instance skips its own echo; readers take what is new from their own
 * cursor (live/changeFeed.ts), never from the payload.
 */
export const CHANGES_CHANNEL = 'case_changes';

/** Transactions that logged something, announced once they have committed (`announceCommits`). */
const logged = new WeakSet<SqlRunner>();

/**
 * The entries in one statement, numbered from the sequence and stamped with this transaction's
 * id (migration 0009): nothing is locked beyond the rows themselves, so concurrent pushes no
 * longer wait for each other here, and the place in the transaction does not matter. Readers
 * order the log by (txid, seq) and read only below their snapshot's xmin (pull.ts), which is what
 * makes an entry committed late still reach every reader.
 * Entries of one call get increasing seq in the order given: a desk applies a create before
 * the note on the same case pushed with it.
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
    `WITH e AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS e(i bigint, case_id bigint, change_id uuid, desk_id text, kind text, detail jsonb, snapshot jsonb, at timestamptz)
        ORDER BY e.i
     )
     INSERT INTO change_log (seq, txid, case_id, change_id, desk_id, kind, detail, snapshot, at)
     SELECT nextval('change_log_seq'), pg_current_xact_id(), e.case_id, e.change_id, e.desk_id, e.kind, e.detail, e.snapshot, e.at FROM e`,
    [JSON.stringify(rows)],
  );
  logged.add(tx);
}

/**
 * The database as the app uses it: after a transaction that logged entries commits,
 * `onCommitted` runs (the live channel reads them and tells the other instances).
 * Not NOTIFY inside the transaction: PostgreSQL serialises the commits of every transaction that
 * notifies, cluster-wide, on one lock held through the commit's WAL flush, which would be the hot
 * row all over again.
 */
export function announceCommits(db: SqlClient, onCommitted: () => void): SqlClient {
  return {
    ...db,
    async transaction(fn) {
      let runner: SqlRunner | null = null;
      const result = await db.transaction((tx) => {
        runner = tx;
        return fn(tx);
      });
      if (runner !== null && logged.has(runner)) onCommitted();
      return result;
    },
  };
}
