import { caseSeenBy, detailSeenBy } from '../auth/permissions.js';
import { maySeeCase, type Account } from '../auth/roles.js';
import { isoInstant, type SqlRunner } from '../db/sqlClient.js';
import {
  cursorPosition,
  formatCursor,
  ServerCase,
  type ChangeWithCursor,
  type PullQuery,
  type PullResponse,
  type ServerChange,
} from '../../sync/protocol.js';

/** A change-log entry as read, for any account: what each account receives is `changeSeenBy`. */
export interface LogRow {
  txid: string;
  seq: string;
  change_id: string | null;
  desk_id: string | null;
  kind: ServerChange['kind'];
  application_no: string;
  /** The case as it is now (its row in `cases`), beside the entry's own version (`snapshot`). */
  unit_code: string | null;
  confidential: boolean;
  detail: unknown;
  snapshot: unknown;
  at: unknown;
}

/*
 * WHY THE LOG IS READ BY (txid, seq) AND ONLY BELOW THE SNAPSHOT'S XMIN
 *
 * seq comes from a sequence when the entry is written, not when it commits: a push holding seq 7
 * may commit after another push's seq 8 has been read. A reader that moved its cursor past 8
 * would never see 7. So entries are ordered by the writing transaction's id first (txid, stamped
 * by changeLog.ts), and a read returns only entries with txid < X, where X is
 * pg_snapshot_xmin(pg_current_snapshot()) of the reading statement itself:
 * 1. every transaction whose id is below X has ended (committed or rolled back) when the
 *    statement's snapshot was taken: X is the oldest id still running then, or the next id to be
 *    given out if none was;
 * 2. every transaction running then, or starting later, has an id >= X (ids are handed out in
 *    increasing order), so no entry with txid < X can be written or committed afterwards;
 * 3. an ended transaction's entries are visible to the snapshot exactly when it committed.
 * So the entries with txid < X are final, and this read sees them all. A read returns a prefix of
 * them in (txid, seq) order after the cursor, and the new cursor is the position of the last
 * entry it looked at: every entry at or before it was either returned now or before, or will
 * never exist. X only grows between reads that follow each other in time (a later snapshot's
 * oldest running id cannot be one that had already ended), so readers on any instance agree.
 * An entry committed while an older transaction still runs waits for it: delayed, never skipped.
 * Any transaction holding an id delays the log this way, in any database of the cluster (ids are
 * cluster-wide); a long one is visible in pg_stat_activity (backend_xid).
 *
 * The same rule on PGlite (one connection: every transaction has ended when a read runs).
 * Not on a hot-standby replica, whose snapshots are built differently: read the primary.
 */
const LOG_COLUMNS = `l.txid::text AS txid, l.seq::text AS seq, l.change_id::text AS change_id, l.desk_id, l.kind,
  c.application_no, c.unit_code, c.confidential, l.detail, l.snapshot, l.at`;

export interface LogPage {
  rows: LogRow[];
  /** Entries that are final but did not fit in `limit`. */
  more: boolean;
}

/** The final entries after `cursor` (any valid Cursor), in log order, at most `limit`. */
export async function readChangeLog(db: SqlRunner, cursor: string, limit: number): Promise<LogPage> {
  const after = cursorPosition(cursor);
  const rows = await db.query<LogRow>(
    `SELECT ${LOG_COLUMNS}
     FROM change_log l JOIN cases c ON c.id = l.case_id
     WHERE (l.txid, l.seq) > ($1::xid8, $2::bigint) AND l.txid < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY l.txid, l.seq LIMIT $3`,
    [after.txid.toString(), after.seq.toString(), limit + 1],
  );
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * Whether entries after `cursor` have committed but are still held back by an older transaction
 * that has not ended (the live channel then reads again shortly instead of waiting for a notice).
 */
export async function changesHeldBack(db: SqlRunner, cursor: string): Promise<boolean> {
  const after = cursorPosition(cursor);
  const [row] = await db.query<{ held: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM change_log l
        WHERE l.txid >= pg_snapshot_xmin(pg_current_snapshot()) AND (l.txid, l.seq) > ($1::xid8, $2::bigint)
     ) AS held`,
    [after.txid.toString(), after.seq.toString()],
  );
  return row?.held === true;
}

/** The cursor after everything final now: where a reader starts that wants only what comes next. */
export async function changeLogHead(db: SqlRunner): Promise<string> {
  const [row] = await db.query<{ txid: string; seq: string }>(
    `SELECT l.txid::text AS txid, l.seq::text AS seq FROM change_log l
      WHERE l.txid < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY l.txid DESC, l.seq DESC LIMIT 1`,
  );
  return row ? formatCursor(row) : '';
}

export const rowCursor = (row: LogRow): string => formatCursor(row);

/**
 * One entry as this account may receive it, or null. It must see both the case as it is now and
 * the entry's own version of it (its snapshot), so a confidential case reaches nobody who may not
 * see it, in no version: not its history from before a team lead made it public (the entry that
 * made it public carries the case as it is, its detail without the old values), nor its public
 * past once it is confidential. The case and detail as the account may see them
 * (auth/permissions.ts: the T.C. kimlik no masked for most roles).
 * Pull and the live channel both hand out entries through this one function.
 */
export function changeSeenBy(account: Account, row: LogRow): ChangeWithCursor | null {
  const snapshot = ServerCase.parse(row.snapshot);
  if (!maySeeCase(account, { unitCode: row.unit_code, confidential: row.confidential }) || !maySeeCase(account, snapshot)) return null;
  return {
    seq: row.seq,
    cursor: rowCursor(row),
    changeId: row.change_id,
    deskId: row.desk_id,
    kind: row.kind,
    caseKey: row.application_no,
    detail: detailSeenBy(account, row.kind, row.detail, snapshot),
    at: isoInstant(row.at),
    case: caseSeenBy(account, snapshot),
  };
}

/**
 * Changes after the cursor that the account may see, in log order. The new cursor is the position
 * of the last entry read, seen or not, so a desk does not read past the same hidden entries again;
 * with nothing new it stays as it was.
 */
export async function pullChanges(db: SqlRunner, account: Account, query: PullQuery): Promise<PullResponse> {
  const page = await readChangeLog(db, query.cursor, query.limit);
  const changes: ServerChange[] = [];
  for (const row of page.rows) {
    const seen = changeSeenBy(account, row);
    if (seen) changes.push(seen);
  }
  const last = page.rows.at(-1);
  return { changes, more: page.more, cursor: last ? rowCursor(last) : query.cursor };
}
