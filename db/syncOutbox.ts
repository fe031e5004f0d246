import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { CaseRecord } from '../core/case.js';
import { CASE_COLUMNS, caseFromRow, checkLimit, statementCache } from './caseRows.js';
import type { CaseRow } from './caseRows.js';

/**
 * The outbox of changes this desk made, waiting for the central server (migration 0009).
 * Rows are written in the transaction that makes the change (insertCase, appendNote) and
 * leave only when the server acknowledged them; a change the server refused for good is held,
 * never dropped.
 */

export type OutboxKind = 'create' | 'fields' | 'note' | 'callback-request';

/** What a 'create' change sends: the case as stored now, T.C. kimlik no unmasked. */
export type OutboxCreateCase = CaseRecord & { securityCodeHash: string | null };

export interface OutboxChange {
  outboxId: number;
  /** The uuid the server deduplicates on; the same on every retry. */
  changeId: string;
  kind: OutboxKind;
  /** When the operator made the change (the protocol's clientAt). */
  createdAt: string;
  /** The case key the change is sent under. */
  applicationNo: string;
  caseId: number;
  /** The stored payload: `{ text }` for a note, `{}` for a create. */
  payload: unknown;
  /** For kind 'create' only: the case row to build the create payload from. */
  createCase: OutboxCreateCase | null;
}

interface PendingRow extends CaseRow {
  outbox_id: number;
  change_id: string;
  outbox_kind: OutboxKind;
  outbox_payload: string;
  outbox_created_at: string;
  security_code_hash: string | null;
}

export const syncOutboxSql = {
  enqueue: `
    INSERT INTO sync_outbox (change_id, case_id, kind, payload, created_at)
    VALUES ($changeId, $caseId, $kind, $payload, $createdAt)`,
  pending: `
    SELECT o.id AS outbox_id, o.change_id, o.kind AS outbox_kind, o.payload AS outbox_payload,
      o.created_at AS outbox_created_at, c.security_code_hash, ${CASE_COLUMNS}
    FROM sync_outbox AS o
    JOIN cases AS c ON c.id = o.case_id
    WHERE o.held = 0
    ORDER BY o.id
    LIMIT $limit`,
  acknowledge: `
    DELETE FROM sync_outbox WHERE change_id = $changeId RETURNING case_id, kind`,
  confirmCreate: `
    UPDATE cases SET server_version = coalesce(server_version, 1) WHERE id = $caseId`,
  hold: `
    UPDATE sync_outbox SET held = 1, last_error = $code, attempts = attempts + 1
    WHERE change_id = $changeId`,
  defer: `
    UPDATE sync_outbox SET last_error = $code, attempts = attempts + 1
    WHERE change_id = $changeId`,
  release: `
    UPDATE sync_outbox SET held = 0 WHERE held = 1`,
  counts: `
    SELECT
      (SELECT count(*) FROM sync_outbox WHERE held = 0) AS pending,
      (SELECT count(*) FROM sync_outbox WHERE held = 1) AS held`,
  // Not "no outbox row at all": a note appended to a case recorded before 0009 must not hide
  // that the case itself was never sent.
  missingCreates: `
    SELECT c.id, c.created_at FROM cases AS c
    WHERE c.server_version IS NULL
      AND NOT EXISTS (SELECT 1 FROM sync_outbox AS o WHERE o.case_id = c.id AND o.kind = 'create')
    ORDER BY c.id`,
} as const;

interface Statements {
  enqueue: Statement<[{ changeId: string; caseId: number; kind: OutboxKind; payload: string; createdAt: string }], never>;
  pending: Statement<[{ limit: number }], PendingRow>;
  acknowledge: Statement<[{ changeId: string }], { case_id: number; kind: OutboxKind }>;
  confirmCreate: Statement<[{ caseId: number }], never>;
  hold: Statement<[{ changeId: string; code: string }], never>;
  defer: Statement<[{ changeId: string; code: string }], never>;
  release: Statement<[], never>;
  counts: Statement<[], { pending: number; held: number }>;
  missingCreates: Statement<[], { id: number; created_at: string }>;
}

const statements = statementCache((db: Database): Statements => {
  const sql = syncOutboxSql;
  return {
    enqueue: db.prepare(sql.enqueue),
    pending: db.prepare(sql.pending),
    acknowledge: db.prepare(sql.acknowledge),
    confirmCreate: db.prepare(sql.confirmCreate),
    hold: db.prepare(sql.hold),
    defer: db.prepare(sql.defer),
    release: db.prepare(sql.release),
    counts: db.prepare(sql.counts),
    missingCreates: db.prepare(sql.missingCreates),
  };
});

/**
 * Queues a change of case `caseId` and returns its new change id. Call inside the transaction
 * that makes the change: the two commit or roll back together.
 */
export function enqueueChange(
  db: Database,
  caseId: number,
  kind: OutboxKind,
  payload: object,
  createdAt: Date,
): string {
  const changeId = randomUUID();
  statements(db).enqueue.run({
    changeId,
    caseId,
    kind,
    payload: JSON.stringify(payload),
    createdAt: createdAt.toISOString(),
  });
  return changeId;
}

/**
 * Changes to push, oldest first, held ones left out. `now` only feeds the SLA state of
 * `createCase` (not part of what is sent).
 */
export function pendingChanges(db: Database, limit: number, now: Date = new Date()): OutboxChange[] {
  return statements(db)
    .pending.all({ limit: checkLimit(limit) })
    .map((row) => ({
      outboxId: row.outbox_id,
      changeId: row.change_id,
      kind: row.outbox_kind,
      createdAt: row.outbox_created_at,
      applicationNo: row.application_no,
      caseId: row.id,
      payload: JSON.parse(row.outbox_payload) as unknown,
      createCase:
        row.outbox_kind === 'create'
          ? { ...caseFromRow(row, now, { revealTcKimlikNo: true }), securityCodeHash: row.security_code_hash }
          : null,
    }));
}

/**
 * The server applied these changes (accepted now, or duplicates of earlier pushes): they leave
 * the outbox, in one transaction. An acknowledged create means the server has the case, so
 * its server_version becomes at least 1. Unknown ids are ignored. Returns how many left.
 */
export function acknowledgeChanges(db: Database, changeIds: string[]): number {
  const s = statements(db);
  return db.transaction((): number => {
    let removed = 0;
    for (const changeId of changeIds) {
      const row = s.acknowledge.get({ changeId });
      if (row === undefined) continue;
      removed++;
      if (row.kind === 'create') s.confirmCreate.run({ caseId: row.case_id });
    }
    return removed;
  }).immediate();
}

/** The server refused these for good: held (kept, not pushed again until released). */
export function holdChanges(db: Database, rejected: { changeId: string; code: string }[]): void {
  const s = statements(db);
  db.transaction(() => {
    for (const { changeId, code } of rejected) s.hold.run({ changeId, code });
  }).immediate();
}

/**
 * The server cannot take these yet (e.g. 'unknown-case': the case's create has not arrived):
 * they stay pending and go again with a later push.
 */
export function deferChanges(db: Database, changeIds: string[], code: string): void {
  const s = statements(db);
  db.transaction(() => {
    for (const changeId of changeIds) s.defer.run({ changeId, code });
  }).immediate();
}

/** The operator pressed retry: every held change is pending again. Returns how many. */
export function releaseHeldChanges(db: Database): number {
  return statements(db).release.run().changes;
}

/** Pending (not held) and held changes, for the sync status in the header. */
export function outboxCounts(db: Database): { pending: number; held: number } {
  const { pending, held } = statements(db).counts.get()!;
  return { pending, held };
}

/**
 * Queues a create for every case the server has not confirmed and that has no create in the
 * outbox: cases recorded before the outbox existed must not be lost (migration 0009 queues
 * those it finds; this is the safety net). Idempotent. Returns how many were queued.
 */
export function enqueueMissingCreates(db: Database): number {
  const s = statements(db);
  return db.transaction((): number => {
    const missing = s.missingCreates.all();
    for (const { id, created_at } of missing) enqueueChange(db, id, 'create', {}, new Date(created_at));
    return missing.length;
  }).immediate();
}
