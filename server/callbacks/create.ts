import { DEFAULT_CALLBACK_GRACE_MINUTES, type CallbackKind } from '../../core/callback.js';
import type { SqlRunner } from '../db/sqlClient.js';

/** How often a feedback operator tries a citizen who does not answer (server/config.ts). */
export interface CallbackPolicy {
  /** CALLBACK_MAX_ATTEMPTS: unanswered calls before the call-back gives up. */
  maxAttempts: number;
  /** CALLBACK_RETRY_MINUTES: from an unanswered call to the next try. */
  retryMinutes: number;
  /**
   * From its due time to when a call-back shows as late, by kind: CALLBACK_GRACE_MINUTES for
   * resolution notices (due the moment the unit resolves), CALLBACK_REQUESTED_GRACE_MINUTES for
   * a time the citizen asked for (core/callback.ts has the defaults and why).
   */
  graceMinutes: Readonly<Record<CallbackKind, number>>;
}

export const DEFAULT_CALLBACK_POLICY: CallbackPolicy = { maxAttempts: 3, retryMinutes: 120, graceMinutes: DEFAULT_CALLBACK_GRACE_MINUTES };

/**
 * A unit resolved the case: the citizen is to be told, due at once. In the resolve action's
 * transaction. A case already waiting for its resolution call-back does not get a second one.
 */
export async function insertResolutionCallback(tx: SqlRunner, caseId: string, now: Date, policy: CallbackPolicy): Promise<void> {
  await tx.query(
    `INSERT INTO callbacks (case_id, kind, due_at, max_attempts, created_at, updated_at)
     VALUES ($1, 'resolution', $2, $3, $2, $2)
     ON CONFLICT (case_id) WHERE kind = 'resolution' AND status = 'open' DO NOTHING`,
    [caseId, now.toISOString(), policy.maxAttempts],
  );
}

/** The citizen asked (through a desk) to be called at dueAt; returns the call-back's id. */
export async function insertRequestedCallback(
  tx: SqlRunner,
  caseId: string,
  request: { dueAt: string; note: string | null },
  now: Date,
  policy: CallbackPolicy,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO callbacks (case_id, kind, due_at, max_attempts, note, created_at, updated_at)
     VALUES ($1, 'requested', $2, $3, $4, $5, $5) RETURNING id::text AS id`,
    [caseId, request.dueAt, policy.maxAttempts, request.note, now.toISOString()],
  );
  return row!.id;
}
