import { mayMakeChange } from '../auth/permissions.js';
import type { Account } from '../auth/roles.js';
import type { SqlClient, SqlRunner } from '../db/sqlClient.js';
import type { CaseChange, PushRequest, PushResponse, RejectCode, ServerCase } from '../../sync/protocol.js';
import { CASE_COLUMNS, caseFromCreate, fieldsDocument, rowToCase, type CaseRow } from './caseRows.js';
import { appendToChangeLog, type LogEntry } from './changeLog.js';
import { mergeFields } from './merge.js';
import { DEFAULT_CALLBACK_POLICY, insertRequestedCallback, type CallbackPolicy } from '../callbacks/create.js';
import { admitCreates } from './admission.js';

type Outcome = { ok: true; entry: LogEntry } | { ok: false; code: RejectCode };

async function applyCreate(tx: SqlRunner, change: Extract<CaseChange, { kind: 'create' }>, at: string): Promise<Outcome> {
  const c = caseFromCreate(change.caseKey, change.payload, at);
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO cases (application_no, security_code_hash, status, unit_code, confidential, fields, created_at, updated_at, version)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, 1)
     ON CONFLICT (application_no) DO NOTHING RETURNING id::text AS id`,
    [c.applicationNo, change.payload.securityCodeHash, c.status, c.unitCode, c.confidential, fieldsDocument(c), c.createdAt, c.updatedAt],
  );
  if (!row) return { ok: false, code: 'case-exists' };
  return { ok: true, entry: { caseId: row.id, change, kind: 'create', detail: {}, snapshot: c } };
}

async function lockCase(tx: SqlRunner, key: string): Promise<{ id: string; current: ServerCase } | null> {
  const [row] = await tx.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.application_no = $1 FOR UPDATE`, [key]);
  return row ? { id: row.id, current: rowToCase(row) } : null;
}

/**
 * A change to a case the pusher may not see is `forbidden`, not `unknown-case`: the desk must hold
 * it, not send it again forever (unknown-case means "not yet"). That tells the pusher a case with
 * that number exists, and nothing else of it; its content never leaves (pull.ts).
 */
const FORBIDDEN: Outcome = { ok: false, code: 'forbidden' };

async function applyFields(tx: SqlRunner, account: Account, change: Extract<CaseChange, { kind: 'fields' }>, at: string): Promise<Outcome> {
  const locked = await lockCase(tx, change.caseKey);
  if (!locked) return { ok: false, code: 'unknown-case' };
  const { next, changed, ignored } = mergeFields(locked.current, change.payload, at);
  // Only the fields this change really changes count: a desk may send a field as it already is.
  if (!mayMakeChange(account, 'fields', locked.current, Object.keys(changed))) return FORBIDDEN;
  if (next !== locked.current) {
    await tx.query('UPDATE cases SET confidential = $2, fields = $3::jsonb, updated_at = $4, version = $5 WHERE id = $1', [
      locked.id,
      next.confidential,
      fieldsDocument(next),
      next.updatedAt,
      next.version,
    ]);
  }
  return { ok: true, entry: { caseId: locked.id, change, kind: 'fields', detail: { changed, ignored }, snapshot: next } };
}

async function applyNote(tx: SqlRunner, account: Account, change: Extract<CaseChange, { kind: 'note' }>, at: string): Promise<Outcome> {
  const locked = await lockCase(tx, change.caseKey);
  if (!locked) return { ok: false, code: 'unknown-case' };
  if (!mayMakeChange(account, 'note', locked.current)) return FORBIDDEN;
  const next = { ...locked.current, version: locked.current.version + 1, updatedAt: at };
  await tx.query('UPDATE cases SET updated_at = $2, version = $3 WHERE id = $1', [locked.id, next.updatedAt, next.version]);
  return { ok: true, entry: { caseId: locked.id, change, kind: 'note', detail: { text: change.payload.text }, snapshot: next } };
}

/**
 * The citizen asked to be called back: a 'requested' call-back for the feedback operators. The
 * case's fields stay as they are; its version goes up (like a note) so the change-log entry
 * carries the case after the change. Logged as a 'workflow' entry (sync/protocol.ts rule 6).
 */
async function applyCallbackRequest(
  tx: SqlRunner,
  account: Account,
  change: Extract<CaseChange, { kind: 'callback-request' }>,
  at: string,
  policy: CallbackPolicy,
): Promise<Outcome> {
  const locked = await lockCase(tx, change.caseKey);
  if (!locked) return { ok: false, code: 'unknown-case' };
  if (!mayMakeChange(account, 'callback-request', locked.current)) return FORBIDDEN;
  const callbackId = await insertRequestedCallback(tx, locked.id, change.payload, new Date(at), policy);
  const next = { ...locked.current, version: locked.current.version + 1, updatedAt: at };
  await tx.query('UPDATE cases SET updated_at = $2, version = $3 WHERE id = $1', [locked.id, next.updatedAt, next.version]);
  const detail = { action: 'callback-request', callbackId, dueAt: new Date(change.payload.dueAt).toISOString(), note: change.payload.note };
  return { ok: true, entry: { caseId: locked.id, change, kind: 'workflow', detail, snapshot: next } };
}

/** A create here has passed admitCreates (admission.ts). */
function apply(tx: SqlRunner, account: Account, change: CaseChange, at: string, policy: CallbackPolicy): Promise<Outcome> {
  switch (change.kind) {
    case 'create':
      return applyCreate(tx, change, at);
    case 'fields':
      return applyFields(tx, account, change, at);
    case 'note':
      return applyNote(tx, account, change, at);
    case 'callback-request':
      return applyCallbackRequest(tx, account, change, at, policy);
  }
}

type CreateChange = Extract<CaseChange, { kind: 'create' }>;

/** The usual batch: only creates, every change id and every case number once. */
function onlyDistinctCreates(changes: readonly CaseChange[]): changes is CreateChange[] {
  const ids = new Set<string>();
  const keys = new Set<string>();
  for (const c of changes) {
    if (c.kind !== 'create' || ids.has(c.changeId) || keys.has(c.caseKey)) return false;
    ids.add(c.changeId);
    keys.add(c.caseKey);
  }
  return true;
}

/**
 * The same outcome as applying the creates one by one (claim the id, insert the case unless its
 * number exists, record the event), in one statement for the whole batch: a desk's batch costs
 * a few round trips instead of four per change (bench/syncServer.bench.ts). Returns, in batch
 * order, whether each id was claimed and the new case's id (null when the number exists).
 */
async function applyCreates(tx: SqlRunner, account: Account, deskId: string, changes: readonly CreateChange[], at: string) {
  const cases = changes.map((change, i) => ({ i, change, c: caseFromCreate(change.caseKey, change.payload, at) }));
  const input = cases.map(({ i, change, c }) => ({
    i,
    change_id: change.changeId,
    application_no: c.applicationNo,
    security_code_hash: change.payload.securityCodeHash,
    status: c.status,
    unit_code: c.unitCode,
    confidential: c.confidential,
    fields: JSON.parse(fieldsDocument(c)) as unknown,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    detail: { changeId: change.changeId, clientAt: change.clientAt },
  }));
  const rows = await tx.query<{ i: number; claimed: boolean; id: string | null }>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(i int, change_id uuid, application_no text, security_code_hash text,
         status text, unit_code text, confidential boolean, fields jsonb, created_at timestamptz, updated_at timestamptz, detail jsonb)
     ), claim AS (
       INSERT INTO applied_changes (change_id, desk_id) SELECT change_id, $2 FROM input ORDER BY i
       ON CONFLICT DO NOTHING RETURNING change_id
     ), inserted AS (
       INSERT INTO cases (application_no, security_code_hash, status, unit_code, confidential, fields, created_at, updated_at, version)
       SELECT x.application_no, x.security_code_hash, x.status, x.unit_code, x.confidential, x.fields, x.created_at, x.updated_at, 1
         FROM input x JOIN claim USING (change_id) ORDER BY x.i
       ON CONFLICT (application_no) DO NOTHING RETURNING id, application_no
     ), events AS (
       INSERT INTO case_events (case_id, at, actor, kind, detail)
       SELECT n.id, x.updated_at, $3, 'create', x.detail FROM inserted n JOIN input x USING (application_no) ORDER BY x.i
     )
     SELECT x.i, claim.change_id IS NOT NULL AS claimed, n.id::text AS id
       FROM input x LEFT JOIN claim USING (change_id) LEFT JOIN inserted n USING (application_no)
      ORDER BY x.i`,
    [JSON.stringify(input), deskId, `${account.username}@${deskId}`],
  );
  return rows.map((r) => ({ ...cases[r.i]!, claimed: r.claimed, id: r.id }));
}

async function pushCreates(tx: SqlRunner, account: Account, request: PushRequest, changes: readonly CreateChange[], at: string): Promise<PushResponse> {
  const response: PushResponse = { accepted: [], duplicates: [], rejected: [] };
  const entries: LogEntry[] = [];
  const unclaim: string[] = [];
  const links: { change_id: string; case_id: string }[] = [];
  for (const r of await applyCreates(tx, account, request.deskId, changes, at)) {
    if (!r.claimed) {
      response.duplicates.push(r.change.changeId);
    } else if (r.id === null) {
      unclaim.push(r.change.changeId);
      response.rejected.push({ changeId: r.change.changeId, code: 'case-exists' });
    } else {
      links.push({ change_id: r.change.changeId, case_id: r.id });
      entries.push({ caseId: r.id, change: r.change, kind: 'create', detail: {}, snapshot: r.c });
      response.accepted.push(r.change.changeId);
    }
  }
  // Not recorded: the desk may send the change again once it can apply (conflict rule 5).
  if (unclaim.length > 0) {
    await tx.query('DELETE FROM applied_changes WHERE change_id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid)', [JSON.stringify(unclaim)]);
  }
  if (links.length > 0) {
    await tx.query(
      `UPDATE applied_changes a SET case_id = x.case_id
         FROM jsonb_to_recordset($1::jsonb) AS x(change_id uuid, case_id bigint) WHERE a.change_id = x.change_id`,
      [JSON.stringify(links)],
    );
  }
  await appendToChangeLog(tx, entries);
  return response;
}

/**
 * One batch, one transaction. Each change first claims its id in applied_changes; a change whose
 * id is already there (an earlier push, an earlier copy in this batch, or a concurrent push that
 * committed first: the INSERT waits for it) is a duplicate and changes nothing. Creates are
 * checked first (admission.ts: number, status, unit), other changes against the case they change
 * (auth/permissions.ts); a change that fails is refused and not recorded. A batch of distinct
 * creates (what desks send) that all pass goes through pushCreates, set-based, with the same
 * outcome.
 */
export async function pushChanges(
  db: SqlClient,
  account: Account,
  request: PushRequest,
  now: () => Date,
  policy: CallbackPolicy = DEFAULT_CALLBACK_POLICY,
): Promise<PushResponse> {
  return db.transaction(async (tx) => {
    const creates = request.changes.filter((c): c is CreateChange => c.kind === 'create');
    const refused = await admitCreates(tx, account, request.deskId, creates, now().toISOString());
    if (refused.size === 0 && onlyDistinctCreates(request.changes)) return pushCreates(tx, account, request, request.changes, now().toISOString());
    const response: PushResponse = { accepted: [], duplicates: [], rejected: [] };
    const entries: LogEntry[] = [];
    for (const change of request.changes) {
      const claimed = await tx.query('INSERT INTO applied_changes (change_id, desk_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING change_id', [
        change.changeId,
        request.deskId,
      ]);
      if (claimed.length === 0) {
        response.duplicates.push(change.changeId);
        continue;
      }
      const refusal = change.kind === 'create' ? refused.get(change.changeId) : undefined;
      const outcome: Outcome = refusal !== undefined ? { ok: false, code: refusal } : await apply(tx, account, change, now().toISOString(), policy);
      if (!outcome.ok) {
        // Not recorded: the desk may send the change again once it can apply (conflict rule 5).
        await tx.query('DELETE FROM applied_changes WHERE change_id = $1', [change.changeId]);
        response.rejected.push({ changeId: change.changeId, code: outcome.code });
        continue;
      }
      await tx.query('UPDATE applied_changes SET case_id = $2 WHERE change_id = $1', [change.changeId, outcome.entry.caseId]);
      await tx.query('INSERT INTO case_events (case_id, at, actor, kind, detail) VALUES ($1, $2, $3, $4, $5::jsonb)', [
        outcome.entry.caseId,
        outcome.entry.snapshot.updatedAt,
        `${account.username}@${request.deskId}`,
        change.kind,
        JSON.stringify({ changeId: change.changeId, clientAt: change.clientAt, ...(outcome.entry.detail as object) }),
      ]);
      entries.push(outcome.entry);
      response.accepted.push(change.changeId);
    }
    await appendToChangeLog(tx, entries);
    return response;
  });
}
