import type { Database, Statement } from 'better-sqlite3';
import type { DraftRecord } from '../core/contract.js';
import { statementCache } from './caseRows.js';

interface DraftRow {
  draft_id: string;
  content: string;
  linkedid: string | null;
  saved_at: string;
}

/** Exported so tests can check the query plans of the statements actually run. */
export const draftRepositorySql = {
  // A draft whose case is already saved stays gone: an autosave that fires just after the case
  // was recorded must not bring the form back on the next start.
  saveDraft: `
    INSERT INTO drafts (draft_id, content, linkedid, saved_at)
    SELECT $draftId, $content, $linkedid, $savedAt
    WHERE NOT EXISTS (SELECT 1 FROM cases WHERE draft_id = $draftId)
    ON CONFLICT (draft_id) DO UPDATE SET
      content = excluded.content,
      linkedid = excluded.linkedid,
      saved_at = excluded.saved_at`,
  latestDraft: `
    SELECT draft_id, content, linkedid, saved_at FROM drafts
    ORDER BY saved_at DESC LIMIT 1`,
  discardDraft: `
    DELETE FROM drafts WHERE draft_id = $draftId`,
} as const;

interface Statements {
  saveDraft: Statement<
    [{ draftId: string; content: string; linkedid: string | null; savedAt: string }],
    never
  >;
  latestDraft: Statement<[], DraftRow>;
  discardDraft: Statement<[{ draftId: string }], never>;
}

const statements = statementCache(
  (db: Database): Statements => ({
    saveDraft: db.prepare(draftRepositorySql.saveDraft),
    latestDraft: db.prepare(draftRepositorySql.latestDraft),
    discardDraft: db.prepare(draftRepositorySql.discardDraft),
  }),
);

/** Saves (or replaces) the form the operator is typing; called continuously while they type. */
export function saveDraft(
  db: Database,
  draft: { draftId: string; content: string; linkedid: string | null },
  now: Date,
): { savedAt: string } {
  const savedAt = now.toISOString();
  statements(db).saveDraft.run({ ...draft, savedAt });
  return { savedAt };
}

/** The most recently saved draft, to bring back after a restart; null when there is none. */
export function latestDraft(db: Database): DraftRecord | null {
  const row = statements(db).latestDraft.get();
  return row === undefined
    ? null
    : { draftId: row.draft_id, content: row.content, linkedid: row.linkedid, savedAt: row.saved_at };
}

/** False when there was no such draft (already discarded, or saved as a case). */
export function discardDraft(db: Database, draftId: string): boolean {
  return statements(db).discardDraft.run({ draftId }).changes > 0;
}
