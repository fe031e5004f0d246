import type { Database } from 'better-sqlite3';
import { CaseNotFoundError } from './caseRepository.js';
import { enqueueChange } from './syncOutbox.js';

/**
 * The citizen asked to be called back at `dueAt`: a 'callback-requested' event on the case and
 * a 'callback-request' change for the central server (whose feedback operators work the
 * call-back list), in one transaction. Throws CaseNotFoundError for an unknown case.
 */
export function requestCallback(
  db: Database,
  caseId: number,
  request: { dueAt: Date; note: string | null },
  ctx: { now: Date; actor: string },
): void {
  const at = ctx.now.toISOString();
  const dueAt = request.dueAt.toISOString();
  db.transaction(() => {
    const touched = db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(at, caseId);
    if (touched.changes === 0) throw new CaseNotFoundError(caseId);
    db.prepare("INSERT INTO case_events (case_id, at, actor, kind, detail) VALUES (?, ?, ?, 'callback-requested', ?)").run(
      caseId,
      at,
      ctx.actor,
      JSON.stringify({ dueAt, note: request.note }),
    );
    enqueueChange(db, caseId, 'callback-request', { dueAt, note: request.note }, ctx.now);
  }).immediate();
}
