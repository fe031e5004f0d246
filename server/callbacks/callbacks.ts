import { z } from 'zod';
import { addressLine, type CallbackItem, type CallbackOutcomeInput, type CallbackOutcomeResult } from '../../core/callback.js';
import { Address } from '../../core/case.js';
import { visibilityOf, visibilityParams, visibilitySql, type Account } from '../auth/roles.js';
import { isoInstant, type SqlClient, type SqlRunner } from '../db/sqlClient.js';
import { reopenCase } from '../workflow/workflow.js';
import { DEFAULT_CALLBACK_POLICY, type CallbackPolicy } from './create.js';

/** How long a claim holds: one call and its write-up. An expired claim counts as free. */
export const CLAIM_TTL_MS = 10 * 60 * 1000;
/** The worklist shows what is due and what comes due within this window. */
export const UPCOMING_MS = 24 * 60 * 60 * 1000;

export const WorklistQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export const CallbackParams = z.object({ id: z.string().regex(/^[1-9][0-9]{0,17}$/, 'id.invalid') });

/** Feedback operators call citizens back; team leads and admins oversee them. */
export function mayCallBack(account: Account): boolean {
  return account.role === 'feedback-operator' || account.role === 'team-lead' || account.role === 'admin';
}

/** Team leads and admins may record an outcome or release a claim that is not theirs. */
function overseer(account: Account): boolean {
  return account.role === 'team-lead' || account.role === 'admin';
}

interface ItemRow {
  id: string;
  kind: CallbackItem['kind'];
  application_no: string;
  fields: Record<string, unknown>;
  unit_code: string | null;
  due_at: unknown;
  attempts: number;
  max_attempts: number;
  claimed_by: string | null;
  claimed_until: unknown;
  note: string | null;
  comment: string | null;
}

/** $1: now; the account's visibility in $2, $3 (auth/roles.ts): confidential cases stay with team leads. */
const ITEM_SELECT = `SELECT b.id::text AS id, b.kind, c.application_no, c.fields, c.unit_code, b.due_at, b.attempts, b.max_attempts,
         CASE WHEN b.claimed_until > $1 THEN a.username END AS claimed_by,
         CASE WHEN b.claimed_until > $1 THEN b.claimed_until END AS claimed_until,
         b.note, b.comment
    FROM callbacks b JOIN cases c ON c.id = b.case_id LEFT JOIN accounts a ON a.id = b.claimed_by`;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
/** The case's stored address (core/case.ts Address) on one line; anything else as none. */
const addressOf = (v: unknown): string | null => {
  const parsed = Address.safeParse(v);
  return parsed.success ? addressLine(parsed.data) : null;
};

/** Grace: the center's, from its due time to when the call-back shows as late (create.ts). */
function toItem(r: ItemRow, grace: CallbackPolicy['graceMinutes']): CallbackItem {
  const dueAt = isoInstant(r.due_at);
  return {
    id: r.id,
    kind: r.kind,
    applicationNo: r.application_no,
    subject: text(r.fields.subject) ?? '',
    unitCode: r.unit_code,
    resolution: text(r.fields.resolution),
    citizenName: text(r.fields.citizenName),
    phone: text(r.fields.phone),
    dueAt,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    claimedBy: r.claimed_by,
    claimedUntil: r.claimed_until === null ? null : isoInstant(r.claimed_until),
    note: r.note ?? r.comment,
    description: text(r.fields.description),
    address: addressOf(r.fields.address),
    overdueAt: new Date(Date.parse(dueAt) + grace[r.kind] * 60_000).toISOString(),
  };
}

/**
 * Open call-backs due by now + 24 h, by due time (so the due ones come first), with their live
 * claims. Only the cases the account may see.
 */
export async function worklist(db: SqlRunner, account: Account, limit: number, now: Date, policy: CallbackPolicy = DEFAULT_CALLBACK_POLICY): Promise<CallbackItem[]> {
  const rows = await db.query<ItemRow>(
    `${ITEM_SELECT}
     WHERE b.status = 'open' AND b.due_at <= $4 AND ${visibilitySql(2, 3)}
     ORDER BY b.due_at, b.id LIMIT $5`,
    [now.toISOString(), ...visibilityParams(visibilityOf(account)), new Date(now.getTime() + UPCOMING_MS).toISOString(), limit],
  );
  return rows.map((r) => toItem(r, policy.graceMinutes));
}

async function item(db: SqlRunner, account: Account, id: string, now: Date, policy: CallbackPolicy): Promise<CallbackItem | null> {
  const [row] = await db.query<ItemRow>(`${ITEM_SELECT} WHERE b.id = $4::bigint AND ${visibilitySql(2, 3)}`, [
    now.toISOString(),
    ...visibilityParams(visibilityOf(account)),
    id,
  ]);
  return row ? toItem(row, policy.graceMinutes) : null;
}

export type CallbackError = 'not-found' | 'claimed' | 'closed' | 'not-claimed';
export type Result<T> = { ok: true; value: T } | { ok: false; error: CallbackError };

interface StateRow {
  case_id: string;
  kind: CallbackItem['kind'];
  status: 'open' | 'done' | 'gave-up';
  attempts: number;
  max_attempts: number;
  claimed_by: string | null;
  claimed_until: unknown;
}

/** The call-back's state, locked, if the account may see its case. */
async function lockState(tx: SqlRunner, account: Account, id: string): Promise<StateRow | null> {
  const [row] = await tx.query<StateRow>(
    `SELECT b.case_id::text AS case_id, b.kind, b.status, b.attempts, b.max_attempts, b.claimed_by::text AS claimed_by, b.claimed_until
       FROM callbacks b JOIN cases c ON c.id = b.case_id
      WHERE b.id = $1::bigint AND ${visibilitySql(2, 3)}
      FOR UPDATE OF b`,
    [id, ...visibilityParams(visibilityOf(account))],
  );
  return row ?? null;
}

const liveClaim = (row: Pick<StateRow, 'claimed_by' | 'claimed_until'>, now: Date) =>
  row.claimed_by !== null && row.claimed_until !== null && new Date(isoInstant(row.claimed_until)).getTime() > now.getTime();

/**
 * Takes the call-back for CLAIM_TTL_MS (again, if the account holds it already). One UPDATE whose
 * condition is re-checked on the row as the concurrent winner left it (PostgreSQL re-evaluates
 * the WHERE after waiting for the row lock), so of two concurrent claims exactly one succeeds.
 */
export async function claim(db: SqlClient, account: Account, id: string, now: Date, policy: CallbackPolicy = DEFAULT_CALLBACK_POLICY): Promise<Result<CallbackItem>> {
  const until = new Date(now.getTime() + CLAIM_TTL_MS).toISOString();
  const taken = await db.query(
    `UPDATE callbacks b SET claimed_by = $2, claimed_until = $3, updated_at = $4
      WHERE b.id = $1::bigint AND b.status = 'open' AND (b.claimed_by IS NULL OR b.claimed_by = $2 OR b.claimed_until <= $4)
        AND EXISTS (SELECT 1 FROM cases c WHERE c.id = b.case_id AND ${visibilitySql(5, 6)})
      RETURNING b.id`,
    [id, account.id, until, now.toISOString(), ...visibilityParams(visibilityOf(account))],
  );
  const current = await item(db, account, id, now, policy);
  if (!current) return { ok: false, error: 'not-found' };
  if (taken.length === 1) return { ok: true, value: current };
  const [state] = await db.query<{ status: string }>('SELECT status FROM callbacks WHERE id = $1::bigint', [id]);
  return { ok: false, error: state?.status === 'open' ? 'claimed' : 'closed' };
}

/** Gives the claim up: the holder, or a team lead or admin; releasing a free call-back is a no-op. */
export async function release(db: SqlClient, account: Account, id: string, now: Date): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const state = await lockState(tx, account, id);
    if (!state) return { ok: false, error: 'not-found' };
    if (state.claimed_by === null) return { ok: true, value: null };
    if (state.claimed_by !== account.id && liveClaim(state, now) && !overseer(account)) return { ok: false, error: 'claimed' };
    await tx.query('UPDATE callbacks SET claimed_by = NULL, claimed_until = NULL, updated_at = $2 WHERE id = $1::bigint', [id, now.toISOString()]);
    return { ok: true, value: null };
  });
}

/**
 * Records what the citizen said, in one transaction with its attempt row and, for not-solved,
 * the case's reopening (workflow.ts reopenCase: history, change log, NOTIFY):
 * - informed, wrong-number: done;
 * - no-answer: one more attempt; due again after policy.retryMinutes, or gave-up at max_attempts;
 * - not-solved: done, and a resolved case goes back to its unit as 'reopened'.
 * The claim's holder may record (its claim may have run out meanwhile, as long as nobody took
 * it since); team leads and admins always.
 */
export async function recordOutcome(
  db: SqlClient,
  account: Account,
  id: string,
  input: CallbackOutcomeInput,
  now: Date,
  policy: CallbackPolicy,
): Promise<Result<CallbackOutcomeResult>> {
  return db.transaction(async (tx) => {
    const state = await lockState(tx, account, id);
    if (!state) return { ok: false, error: 'not-found' };
    if (state.status !== 'open') return { ok: false, error: 'closed' };
    if (!overseer(account) && state.claimed_by !== account.id) return { ok: false, error: liveClaim(state, now) ? 'claimed' : 'not-claimed' };

    const at = now.toISOString();
    const satisfaction = input.outcome === 'informed' ? input.satisfaction : null;
    await tx.query('INSERT INTO callback_attempts (callback_id, account_id, at, outcome, satisfaction, comment) VALUES ($1::bigint, $2, $3, $4, $5, $6)', [
      id,
      account.id,
      at,
      input.outcome,
      satisfaction,
      input.comment,
    ]);

    let result: CallbackOutcomeResult;
    let status: StateRow['status'] = 'done';
    let dueAt: string | null = null;
    const attempts = input.outcome === 'no-answer' ? state.attempts + 1 : state.attempts;
    if (input.outcome === 'no-answer') {
      if (attempts >= state.max_attempts) {
        status = 'gave-up';
        result = { next: 'gave-up', retryAt: null };
      } else {
        status = 'open';
        dueAt = new Date(now.getTime() + policy.retryMinutes * 60_000).toISOString();
        result = { next: 'retry-scheduled', retryAt: dueAt };
      }
    } else if (input.outcome === 'not-solved') {
      const reopened = await reopenCase(tx, state.case_id, account.username, { by: 'callback', callbackId: id, comment: input.comment }, now);
      result = { next: reopened ? 'reopened' : 'done', retryAt: null };
    } else {
      result = { next: 'done', retryAt: null };
    }

    await tx.query(
      `UPDATE callbacks SET status = $2, outcome = $3, satisfaction = $4, comment = $5, attempts = $6,
              due_at = coalesce($7::timestamptz, due_at), claimed_by = NULL, claimed_until = NULL, updated_at = $8
        WHERE id = $1::bigint`,
      [id, status, input.outcome, satisfaction, input.comment, attempts, dueAt, at],
    );
    // The case's history shows the call (who, what); the comment stays with the call-back.
    await tx.query("INSERT INTO case_events (case_id, at, actor, kind, detail) VALUES ($1, $2, $3, 'callback', $4::jsonb)", [
      state.case_id,
      at,
      account.username,
      JSON.stringify({ callbackId: id, kind: state.kind, outcome: input.outcome, satisfaction, next: result.next }),
    ]);
    return { ok: true, value: result };
  });
}
