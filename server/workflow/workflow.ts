import { z } from 'zod';
import { CaseStatus } from '../../core/case.js';
import { slaState } from '../../core/sla.js';
import { SlaState } from '../../core/case.js';
import { mayWorkCase } from '../auth/permissions.js';
import { visibilityOf, visibilityParams, visibilitySql, type Account } from '../auth/roles.js';
import type { SqlClient, SqlRunner } from '../db/sqlClient.js';
import { CaseKey, ServerCase } from '../../sync/protocol.js';
import { CASE_COLUMNS, fieldsDocument, rowToCase, type CaseRow } from '../sync/caseRows.js';
import { appendToChangeLog } from '../sync/changeLog.js';
import { DEFAULT_CALLBACK_POLICY, insertResolutionCallback, type CallbackPolicy } from '../callbacks/create.js';
import { UnitCode, type Action } from './actions.js';


export const InboxParams = z.object({ unit: UnitCode });
export const InboxQuery = z.object({
  status: CaseStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type InboxQuery = z.infer<typeof InboxQuery>;
export const CaseParams = z.object({ applicationNo: CaseKey });


/** A case as a unit works it: the case, who in the unit has it, and where it stands against its due time. */
export const WorkedCase = z.object({ case: ServerCase, assignee: z.string().nullable(), sla: SlaState });
export type WorkedCase = z.infer<typeof WorkedCase>;

/** `GET /api/v1/units/:unit/inbox`: newest first, as of `at`. */
export const UnitInbox = z.object({ unit: z.string(), at: z.string(), cases: z.array(WorkedCase) });
export type UnitInbox = z.infer<typeof UnitInbox>;

type Row = CaseRow & { assignee: string | null };
const COLUMNS = `${CASE_COLUMNS}, c.assignee`;

function worked(row: Row, now: Date): WorkedCase {
  const c = rowToCase(row);
  return { case: c, assignee: row.assignee, sla: slaState(c.dueAt === null ? null : new Date(c.dueAt), c.status, now) };
}

/**
 * A unit's cases, newest first, with their SLA state now; only those the account may see (an
 * admin works any unit but sees no confidential case: auth/roles.ts).
 */
export async function unitInbox(db: SqlRunner, account: Account, unitCode: string, query: InboxQuery, now: Date): Promise<WorkedCase[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM cases c
     WHERE c.unit_code = $1 AND ($2::text IS NULL OR c.status = $2) AND ${visibilitySql(4, 5)}
     ORDER BY c.created_at DESC, c.id DESC LIMIT $3`,
    [unitCode, query.status ?? null, query.limit, ...visibilityParams(visibilityOf(account))],
  );
  return rows.map((r) => worked(r, now));
}

export type ActionOutcome =
  | { ok: true; result: WorkedCase }
  | { ok: false; error: 'not-found' }
  | { ok: false; error: 'invalid-request'; path: string; message: string };

/** Assigning starts the work: a case waiting in the unit becomes in-progress. */
const WAITING: ReadonlySet<ServerCase['status']> = new Set(['new', 'forwarded', 'reopened']);

/**
 * One action, one transaction: the case row (locked), a case_events row and a change_log entry
 * (last, see changeLog.ts), so desktops pull the result and the live channel announces it.
 */
export async function applyAction(
  db: SqlClient,
  account: Account,
  applicationNo: string,
  action: Action,
  now: Date,
  policy: CallbackPolicy = DEFAULT_CALLBACK_POLICY,
): Promise<ActionOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<Row>(`SELECT ${COLUMNS} FROM cases c WHERE c.application_no = $1 FOR UPDATE`, [applicationNo]);
    if (!row) return { ok: false, error: 'not-found' };
    const current = rowToCase(row);
    // Another unit's case answers as a case that does not exist: a unit must not learn which
    // numbers exist elsewhere (auth/permissions.ts says who works which case).
    if (!mayWorkCase(account, action.name, current)) return { ok: false, error: 'not-found' };
    // A closed case is final (the citizen was answered and the case archived): notes only.
    if (current.status === 'closed' && action.name !== 'note') return { ok: false, error: 'invalid-request', path: 'status', message: 'case.closed' };
    const at = now.toISOString();
    let next: ServerCase = { ...current, version: current.version + 1, updatedAt: at };
    let assignee = row.assignee;
    let detail: Record<string, unknown>;
    switch (action.name) {
      case 'assign':
        assignee = action.body.assignee;
        if (WAITING.has(current.status)) next = { ...next, status: 'in-progress' };
        detail = { action: 'assign', assignee, from: row.assignee, status: next.status };
        break;
      case 'note':
        detail = { text: action.body.text };
        break;
      case 'resolve':
        next = { ...next, status: 'resolved', resolution: action.body.resolution };
        detail = { action: 'resolve', resolution: action.body.resolution, from: current.status };
        break;
      case 'reject':
        next = { ...next, status: 'rejected', resolution: action.body.reason };
        detail = { action: 'reject', reason: action.body.reason, from: current.status };
        break;
      case 'redirect': {
        const target = action.body.unitCode;
        if (target === current.unitCode) return { ok: false, error: 'invalid-request', path: 'unitCode', message: 'unit.same' };
        const known = await tx.query('SELECT 1 FROM units WHERE code = $1', [target]);
        if (known.length === 0) return { ok: false, error: 'invalid-request', path: 'unitCode', message: 'unit.unknown' };
        next = { ...next, unitCode: target, status: 'forwarded' };
        assignee = null;
        detail = { action: 'redirect', from: current.unitCode, to: target };
        break;
      }
    }
    await tx.query(
      `UPDATE cases SET status = $2, unit_code = $3, fields = $4::jsonb, updated_at = $5, version = $6, assignee = $7 WHERE id = $1`,
      [row.id, next.status, next.unitCode, fieldsDocument(next), next.updatedAt, next.version, assignee],
    );
    await tx.query('INSERT INTO case_events (case_id, at, actor, kind, detail) VALUES ($1, $2, $3, $4, $5::jsonb)', [
      row.id,
      at,
      account.username,
      action.name === 'note' ? 'note' : `workflow.${action.name}`,
      JSON.stringify(detail),
    ]);
    // The citizen must hear what the unit did: a feedback operator calls back (server/callbacks).
    // Not for first-contact cases (answered on the call) nor without a number to call.
    if (action.name === 'resolve' && !next.firstContactResolution && (next.phone ?? '').trim() !== '') {
      await insertResolutionCallback(tx, row.id, now, policy);
    }
    await appendToChangeLog(tx, [{ caseId: row.id, change: null, kind: action.name === 'note' ? 'note' : 'workflow', detail, snapshot: next }]);
    return { ok: true, result: { case: next, assignee, sla: slaState(next.dueAt === null ? null : new Date(next.dueAt), next.status, now) } };
  });
}

/**
 * The citizen told a feedback operator the problem is still there: a resolved case goes back to
 * its unit as 'reopened' (waiting again, so the unit's next assign starts the work), with a case
 * event and a change-log entry like every workflow action, in the caller's transaction. Returns
 * null (nothing changed) unless the case is 'resolved'.
 */
export async function reopenCase(tx: SqlRunner, caseId: string, actor: string, detail: Record<string, unknown>, now: Date): Promise<ServerCase | null> {
  const [row] = await tx.query<Row>(`SELECT ${COLUMNS} FROM cases c WHERE c.id = $1 FOR UPDATE`, [caseId]);
  if (!row) return null;
  const current = rowToCase(row);
  if (current.status !== 'resolved') return null;
  const at = now.toISOString();
  const next: ServerCase = { ...current, status: 'reopened', version: current.version + 1, updatedAt: at };
  const eventDetail = { action: 'reopen', from: current.status, ...detail };
  await tx.query('UPDATE cases SET status = $2, updated_at = $3, version = $4 WHERE id = $1', [row.id, next.status, next.updatedAt, next.version]);
  await tx.query('INSERT INTO case_events (case_id, at, actor, kind, detail) VALUES ($1, $2, $3, $4, $5::jsonb)', [
    row.id,
    at,
    actor,
    'workflow.reopen',
    JSON.stringify(eventDetail),
  ]);
  await appendToChangeLog(tx, [{ caseId: row.id, change: null, kind: 'workflow', detail: eventDetail, snapshot: next }]);
  return next;
}
