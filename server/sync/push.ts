import type { Account } from '../auth/roles.js';
import type { SqlClient, SqlRunner } from '../db/sqlClient.js';
import type { CaseChange, PushRequest, PushResponse, RejectCode, ServerCase } from '../../sync/protocol.js';
import { CASE_COLUMNS, caseFromCreate, fieldsDocument, rowToCase, type CaseRow } from './caseRows.js';
import { appendToChangeLog, type LogEntry } from './changeLog.js';
import { mergeFields } from './merge.js';

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

async function applyFields(tx: SqlRunner, change: Extract<CaseChange, { kind: 'fields' }>, at: string): Promise<Outcome> {
  const locked = await lockCase(tx, change.caseKey);
  if (!locked) return { ok: false, code: 'unknown-case' };
  const { next, changed, ignored } = mergeFields(locked.current, change.payload, at);
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

async function applyNote(tx: SqlRunner, change: Extract<CaseChange, { kind: 'note' }>, at: string): Promise<Outcome> {
  const locked = await lockCase(tx, change.caseKey);
  if (!locked) return { ok: false, code: 'unknown-case' };
  const next = { ...locked.current, version: locked.current.version + 1, updatedAt: at };
  await tx.query('UPDATE cases SET updated_at = $2, version = $3 WHERE id = $1', [locked.id, next.updatedAt, next.version]);
  return { ok: true, entry: { caseId: locked.id, change, kind: 'note', detail: { text: change.payload.text }, snapshot: next } };
}

function apply(tx: SqlRunner, change: CaseChange, at: string): Promise<Outcome> {
  switch (change.kind) {
    case 'create':
      return applyCreate(tx, change, at);
    case 'fields':
      return applyFields(tx, change, at);
    case 'note':
      return applyNote(tx, change, at);
  }
}

/**
 * One batch, one transaction. Each change first claims its id in applied_changes; a change whose
 * id is already there (an earlier push, an earlier copy in this batch, or a concurrent push that
 * committed first: the INSERT waits for it) is a duplicate and changes nothing.
 */
export async function pushChanges(db: SqlClient, account: Account, request: PushRequest, now: () => Date): Promise<PushResponse> {
  return db.transaction(async (tx) => {
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
      const outcome = await apply(tx, change, now().toISOString());
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
