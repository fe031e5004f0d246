import type { ErrorCode } from '../../../core/contract.js';
import type { DeskClient } from '../shared/api/deskClient.js';
import { istanbulInputToIso } from './time.js';

export type RequestProblem = 'required' | 'invalid' | 'past';

export type RequestOutcome = { ok: true; dueAt: string } | { ok: false; problem: RequestProblem } | { ok: false; code: ErrorCode };

/** A minute of slack: "now" typed into the field is not in the past. */
const PAST_SLACK_MS = 60_000;

/** Checks the typed time (Istanbul wall time) and the note; the request to send, or why not. */
export function callbackRequestParams(
  caseId: number,
  at: string,
  note: string,
  now: number,
): { ok: true; params: { caseId: number; dueAt: string; note: string | null } } | { ok: false; problem: RequestProblem } {
  if (at.trim() === '') return { ok: false, problem: 'required' };
  const dueAt = istanbulInputToIso(at);
  if (dueAt === null) return { ok: false, problem: 'invalid' };
  if (Date.parse(dueAt) < now - PAST_SLACK_MS) return { ok: false, problem: 'past' };
  const trimmed = note.trim();
  return { ok: true, params: { caseId, dueAt, note: trimmed === '' ? null : trimmed } };
}

/** Operator: the citizen asks to be called back at a time. */
export async function requestCallback(client: DeskClient, caseId: number, at: string, note: string, now = Date.now()): Promise<RequestOutcome> {
  const checked = callbackRequestParams(caseId, at, note, now);
  if (!checked.ok) return checked;
  const result = await client.call('callbacks.request', checked.params);
  return result.ok ? { ok: true, dueAt: checked.params.dueAt } : { ok: false, code: result.error.code };
}
