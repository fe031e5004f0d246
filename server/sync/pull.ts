import { caseSeenBy, detailSeenBy } from '../auth/permissions.js';
import { visibilityOf, visibilityParams, visibilitySql, type Account } from '../auth/roles.js';
import { isoInstant, type SqlRunner } from '../db/sqlClient.js';
import { ServerCase, type PullQuery, type PullResponse, type ServerChange } from '../../sync/protocol.js';

interface LogRow {
  seq: string;
  change_id: string | null;
  desk_id: string | null;
  kind: ServerChange['kind'];
  application_no: string;
  detail: unknown;
  snapshot: unknown;
  at: unknown;
}

/** A change-log entry's own version of the case: its snapshot's unit and confidentiality. */
const SNAPSHOT = { unitCode: "(l.snapshot ->> 'unitCode')", confidential: "(l.snapshot ->> 'confidential')::boolean" };

/**
 * Changes after the cursor, in seq order, that the account may see: both the case as it is now
 * and the entry's own version of it (its snapshot). So a confidential case reaches nobody who
 * may not see it, in no version: not its history from before a team lead made it public (the
 * entry that made it public carries the case as it is, its detail without the old values), nor
 * its public past once it is confidential. Each case and detail as the account may see them
 * (auth/permissions.ts: the T.C. kimlik no masked for most roles).
 * The cursor is the last seq returned; with nothing new it stays as it was. No gaps: seq numbers
 * become visible in order (migration 0002), so nothing below the cursor can appear later.
 */
export async function pullChanges(db: SqlRunner, account: Account, query: PullQuery): Promise<PullResponse> {
  const after = query.cursor === '' ? '0' : query.cursor;
  const rows = await db.query<LogRow>(
    `SELECT l.seq::text AS seq, l.change_id::text AS change_id, l.desk_id, l.kind, c.application_no, l.detail, l.snapshot, l.at
     FROM change_log l JOIN cases c ON c.id = l.case_id
     WHERE l.seq > $1::bigint AND ${visibilitySql(2, 3)} AND ${visibilitySql(2, 3, SNAPSHOT)}
     ORDER BY l.seq LIMIT $4`,
    [after, ...visibilityParams(visibilityOf(account)), query.limit + 1],
  );
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const changes: ServerChange[] = page.map((r) => {
    const snapshot = ServerCase.parse(r.snapshot);
    return {
      seq: r.seq,
      changeId: r.change_id,
      deskId: r.desk_id,
      kind: r.kind,
      caseKey: r.application_no,
      detail: detailSeenBy(account, r.kind, r.detail, snapshot),
      at: isoInstant(r.at),
      case: caseSeenBy(account, snapshot),
    };
  });
  return { changes, more, cursor: page.at(-1)?.seq ?? query.cursor };
}
