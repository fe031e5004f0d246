import type { Database, Statement } from 'better-sqlite3';
import { safeAttachmentName } from '../core/attachmentName.js';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../core/contract.js';
import type { AttachmentInfo } from '../core/contract.js';
import { statementCache } from './caseRows.js';

/** An attachment whose bytes the host has already stored as `storedName`. */
export interface NewAttachment {
  caseId: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  storedName: string;
  /** Who added it, for the case's audit trail. */
  actor: string;
}

/** What the host needs to serve the file back, besides what the UI is shown. */
export interface StoredAttachment extends AttachmentInfo {
  sha256: string;
  storedName: string;
}

interface AttachmentRow {
  id: number;
  case_id: number;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  stored_name: string;
  added_at: string;
}

const COLUMNS = 'id, case_id, file_name, mime_type, size_bytes, sha256, stored_name, added_at';

/** Exported so tests can check the query plans of the statements actually run. */
export const attachmentRepositorySql = {
  insertAttachment: `
    INSERT INTO attachments (case_id, file_name, mime_type, size_bytes, sha256, stored_name, added_at)
    VALUES ($caseId, $fileName, $mimeType, $sizeBytes, $sha256, $storedName, $addedAt)
    RETURNING ${COLUMNS}`,
  touchCase: `
    UPDATE cases SET updated_at = $addedAt WHERE id = $caseId`,
  insertEvent: `
    INSERT INTO case_events (case_id, at, actor, kind, detail)
    VALUES ($caseId, $at, $actor, 'attachment', $detail)`,
  listAttachments: `
    SELECT ${COLUMNS} FROM attachments WHERE case_id = $caseId ORDER BY id`,
  getAttachment: `
    SELECT ${COLUMNS} FROM attachments WHERE id = $id`,
} as const;

interface Statements {
  insertAttachment: Statement<[Omit<NewAttachment, 'actor'> & { addedAt: string }], AttachmentRow>;
  touchCase: Statement<[{ caseId: number; addedAt: string }], never>;
  insertEvent: Statement<[{ caseId: number; at: string; actor: string; detail: string }], never>;
  listAttachments: Statement<[{ caseId: number }], AttachmentRow>;
  getAttachment: Statement<[{ id: number }], AttachmentRow>;
}

const statements = statementCache(
  (db: Database): Statements => ({
    insertAttachment: db.prepare(attachmentRepositorySql.insertAttachment),
    touchCase: db.prepare(attachmentRepositorySql.touchCase),
    insertEvent: db.prepare(attachmentRepositorySql.insertEvent),
    listAttachments: db.prepare(attachmentRepositorySql.listAttachments),
    getAttachment: db.prepare(attachmentRepositorySql.getAttachment),
  }),
);

function infoFromRow(row: AttachmentRow): StoredAttachment {
  return {
    id: row.id,
    caseId: row.case_id,
    // Names stored before core/attachmentName.ts existed are cleaned here; newer ones already are.
    fileName: safeAttachmentName(row.file_name, row.mime_type),
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    addedAt: row.added_at,
    sha256: row.sha256,
    storedName: row.stored_name,
  };
}

function publicInfo({ sha256: _sha256, storedName: _storedName, ...info }: StoredAttachment): AttachmentInfo {
  return info;
}

/**
 * Records an attachment of a case, with an 'attachment' event in its history and a new
 * updated_at, all or nothing. The type and size were checked on the bytes by the host; they are
 * checked again here so that no row can claim what the contract refuses. The name is kept as
 * core/attachmentName.ts makes it (no bidi tricks, paths or device names; an extension that
 * fits the type). Throws on an unknown case (foreign key).
 */
export function addAttachment(db: Database, row: NewAttachment, now: Date): AttachmentInfo {
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(row.mimeType)) {
    throw new RangeError(`attachment type not accepted: ${row.mimeType}`);
  }
  if (!Number.isSafeInteger(row.sizeBytes) || row.sizeBytes < 0 || row.sizeBytes > ATTACHMENT_MAX_BYTES) {
    throw new RangeError(`attachment size out of range: ${row.sizeBytes}`);
  }
  const s = statements(db);
  const addedAt = now.toISOString();
  const { actor, ...rest } = row;
  const fields = { ...rest, fileName: safeAttachmentName(row.fileName, row.mimeType) };
  return db.transaction((): AttachmentInfo => {
    const stored = infoFromRow(s.insertAttachment.get({ ...fields, addedAt })!);
    s.touchCase.run({ caseId: row.caseId, addedAt });
    s.insertEvent.run({
      caseId: row.caseId,
      at: addedAt,
      actor,
      detail: JSON.stringify({
        attachmentId: stored.id,
        fileName: stored.fileName,
        mimeType: stored.mimeType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
      }),
    });
    return publicInfo(stored);
  }).immediate();
}

/** A case's attachments in the order they were added. */
export function listAttachments(db: Database, caseId: number): AttachmentInfo[] {
  return statements(db).listAttachments.all({ caseId }).map((row) => publicInfo(infoFromRow(row)));
}

/** One attachment with where its bytes are, for the host to serve; null when unknown. */
export function getAttachment(db: Database, id: number): StoredAttachment | null {
  const row = statements(db).getAttachment.get({ id });
  return row === undefined ? null : infoFromRow(row);
}
