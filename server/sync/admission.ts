import { formatApplicationNo, parseApplicationNo } from '../../core/applicationNumber.js';
import type { CaseChange, CreatePayload, RejectCode } from '../../sync/protocol.js';
import type { Account } from '../auth/roles.js';
import { mayMakeChange } from '../auth/permissions.js';
import type { SqlRunner } from '../db/sqlClient.js';

/*
 * What a desk may create: under which number, in which status, routed to which unit. Checked
 * before a create is applied; a create that fails is refused for good (sync/protocol.ts
 * RejectCode) and the desk holds it.
 *
 * Numbers (core/applicationNumber.ts), in their written form only, so one number is never two
 * cases spelled differently:
 * - a final number (`2026-0001234-7`) only from the desk the server reserved it for
 *   (server/numbers, reserved_numbers): nobody takes a number the server will hand out, and a
 *   desk that was given it gets its case through;
 * - a provisional number (`D7KQ2M-2026-0000042-3`) only with the pushing desk's own prefix. The
 *   server learns a desk's prefix from its first provisional create (desk_prefixes, migration
 *   0008): a desk draws its prefix at random once and keeps it with its desk id
 *   (db/syncMeta.ts), so the first desk id to use a prefix is its owner, and another desk id
 *   pushing under it is refused. A prefix cannot be taken before its desk uses it without
 *   guessing it (30^6 of them).
 *
 * Status: a desk records a case forwarded to a unit, or answered on the call (first-contact
 * resolution: `closed`, as core/caseRules.ts records it, or `resolved`). Only the workflow puts a
 * case in progress, reopens it or rejects it, and a case finished on create must say it was
 * answered on the call.
 *
 * Unit: one the server knows (units), and an open case must have one: a forwarded case with no
 * unit would sit in no inbox.
 */

type CreateChange = Extract<CaseChange, { kind: 'create' }>;

export type CaseNumber = { kind: 'final' } | { kind: 'provisional'; prefix: string };

/** The number a case key is, or null when it is not one in its written form. */
export function caseNumberOf(caseKey: string): CaseNumber | null {
  const parsed = parseApplicationNo(caseKey);
  if (parsed === null) return null;
  if (formatApplicationNo(parsed.year, parsed.sequence, parsed.prefix ?? undefined) !== caseKey) return null;
  return parsed.prefix === null ? { kind: 'final' } : { kind: 'provisional', prefix: parsed.prefix };
}

const OPEN = new Set<CreatePayload['status']>(['new', 'forwarded']);
const ANSWERED_ON_THE_CALL = new Set<CreatePayload['status']>(['resolved', 'closed']);

/** The status and unit a new case may have, as far as they can be told without the database. */
export function createPayloadProblem(p: CreatePayload): RejectCode | null {
  if (ANSWERED_ON_THE_CALL.has(p.status)) return p.firstContactResolution ? null : 'invalid-status';
  if (!OPEN.has(p.status)) return 'invalid-status';
  return p.unitCode === null ? 'invalid-unit' : null;
}

/**
 * The creates of one push, in the push's transaction: for each that may not be applied, why
 * not. Binds the desk's provisional prefixes first (a prefix is the first pushing desk's), then
 * one query answers every number's owner and every unit. `at` is the server's time.
 */
export async function admitCreates(tx: SqlRunner, account: Account, deskId: string, creates: readonly CreateChange[], at: string): Promise<Map<string, RejectCode>> {
  const refused = new Map<string, RejectCode>();
  const checked: { i: number; key: string; prefix: string | null; unit: string | null }[] = [];
  for (const [i, change] of creates.entries()) {
    const number = caseNumberOf(change.caseKey);
    const problem = !mayMakeChange(account, 'create', null) ? 'forbidden' : number === null ? 'invalid-number' : null;
    if (problem !== null) refused.set(change.changeId, problem);
    else checked.push({ i, key: change.caseKey, prefix: number!.kind === 'provisional' ? number!.prefix : null, unit: change.payload.unitCode });
  }
  if (checked.length === 0) return refused;

  const prefixes = [...new Set(checked.flatMap((c) => (c.prefix === null ? [] : [c.prefix])))];
  if (prefixes.length > 0) {
    // A concurrent first use of the same prefix waits on the primary key, then does nothing.
    await tx.query(
      `INSERT INTO desk_prefixes (prefix, desk_id, bound_at)
       SELECT p, $2, $3 FROM jsonb_array_elements_text($1::jsonb) AS p ORDER BY p
       ON CONFLICT (prefix) DO NOTHING`,
      [JSON.stringify(prefixes), deskId, at],
    );
  }
  const rows = await tx.query<{ i: number; owner: string | null; unit_known: boolean }>(
    `SELECT x.i,
            CASE WHEN x.prefix IS NULL THEN (SELECT r.desk_id FROM reserved_numbers r WHERE r.application_no = x.key)
                 ELSE (SELECT p.desk_id FROM desk_prefixes p WHERE p.prefix = x.prefix) END AS owner,
            (x.unit IS NULL OR EXISTS (SELECT 1 FROM units u WHERE u.code = x.unit)) AS unit_known
       FROM jsonb_to_recordset($1::jsonb) AS x(i int, key text, prefix text, unit text)`,
    [JSON.stringify(checked)],
  );
  const byIndex = new Map(checked.map((c) => [c.i, c]));
  for (const row of rows) {
    const { i, prefix } = byIndex.get(row.i)!;
    const change = creates[i]!;
    const problem =
      row.owner !== deskId
        ? prefix === null
          ? 'number-not-reserved'
          : 'prefix-of-other-desk'
        : (createPayloadProblem(change.payload) ?? (row.unit_known ? null : 'invalid-unit'));
    if (problem !== null) refused.set(change.changeId, problem);
  }
  return refused;
}
