import { z } from 'zod';
import { Address, CaseStatus, CaseType, Channel, LIMITS, Priority, cleanText, oneLine } from '../core/case.js';
import { canonicalPhone } from '../core/phone.js';

/*
 * The sync protocol between a desktop and the central server.
 *
 * A desktop never sends "the case as I see it"; it sends the changes it made, each with an id it
 * generated itself (uuid). The server applies a change at most once: the id is recorded in the
 * same transaction as the change, so a batch retried after a lost answer changes nothing and
 * comes back as `duplicates`.
 *
 * CONFLICT RULE (also in sync/README.md; tested in server/sync.test.ts)
 * 1. Workflow fields belong to the server: unitCode, status and resolution. A desktop sets them
 *    once, in its `create` change (the operator resolved on the call or forwarded to a unit);
 *    after that only the server (department workflow) changes them. A `fields` change that
 *    carries them is applied without them; the dropped values are kept in the case history.
 * 2. Every other field merges field by field: a `fields` change names only the fields the
 *    operator edited, and each named field takes the value of the change the server applied
 *    last (server arrival order, which is the pull order). Fields a change does not name are
 *    never touched, so two desks editing different fields both win.
 * 3. History is kept: every applied change is a case event with the old and new value of each
 *    field, so an overwritten value is never lost.
 * 4. Notes only append; they never conflict.
 * 5. A change for a case the server does not know (its `create` has not arrived) is rejected
 *    with `unknown-case` and not recorded, so the desk may send it again after the create.
 *    Every other rejection is for good (the desk holds the change): who may change what is in
 *    server/auth/permissions.ts (`forbidden`), which numbers a desk may create under and which
 *    status and unit a new case may have in server/sync/admission.ts.
 * 6. A `callback-request` only appends (a call-back for the feedback operators); it changes no
 *    case field. It reaches the pull feed as a `workflow` entry with detail
 *    `{ action: 'callback-request', dueAt, note }`, so desks that predate it keep pulling.
 */

/** Application number, or a desk-prefixed provisional one (core/applicationNumber.ts). */
export const CaseKey = z.string().trim().min(1).max(40).regex(/^[A-Z0-9-]+$/, 'caseKey.invalid');

export const DeskId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'deskId.invalid');

const Instant = z.iso.datetime({ offset: true });

/** Fields a desktop owns and may edit after creation (rule 2). */
export const DeskFields = z.object({
  type: CaseType,
  subject: cleanText(LIMITS.subject),
  subjectCode: oneLine(64).nullable(),
  channel: Channel,
  priority: Priority,
  confidential: z.boolean(),
  urgent: z.boolean(),
  description: cleanText(LIMITS.description),
  /**
   * Stored canonical (core/phone.ts: `905321112233`) whatever shape a desk sent, so a desk that
   * predates canonical numbers still writes one form; a shape we do not recognise stays as sent
   * (refusing it would hold the desk's change forever).
   */
  phone: oneLine(24)
    .transform((phone) => canonicalPhone(phone) ?? phone)
    .nullable(),
  citizenName: cleanText(LIMITS.citizenName).nullable(),
  tcKimlikNo: z.string().regex(/^[1-9][0-9]{10}$/).nullable(),
  address: Address.nullable(),
  linkedid: oneLine(64).nullable(),
  dueAt: Instant.nullable(),
  /**
   * The mass incident the call was attached to (core/incident.ts). Optional, not defaulted: a
   * default would make every partial `fields` change carry it, and clear it (and desks before
   * issue 17 send none).
   */
  incidentId: z.uuid().nullable().optional(),
});
export type DeskFields = z.infer<typeof DeskFields>;

/** Fields the server owns once the case exists (rule 1). */
export const WorkflowFields = z.object({
  status: CaseStatus,
  unitCode: oneLine(64).nullable(),
  resolution: cleanText(LIMITS.resolution).nullable(),
});
export type WorkflowFields = z.infer<typeof WorkflowFields>;

export const WORKFLOW_FIELD_NAMES = ['status', 'unitCode', 'resolution'] as const;

export const CreatePayload = DeskFields.extend(WorkflowFields.shape).extend({
  firstContactResolution: z.boolean(),
  /** salt$hash of the citizen's security code, as the desk stored it; the code never travels. */
  securityCodeHash: z.string().regex(/^[0-9a-f]{32}\$[0-9a-f]{64}$/).nullable(),
  createdAt: Instant,
});
export type CreatePayload = z.infer<typeof CreatePayload>;

/** Partial: only the fields the operator edited. Workflow fields are accepted and then dropped (rule 1). */
export const FieldsPayload = DeskFields.extend(WorkflowFields.shape)
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'fields.empty');
export type FieldsPayload = z.infer<typeof FieldsPayload>;

export const NotePayload = z.object({ text: cleanText(LIMITS.note) });
export type NotePayload = z.infer<typeof NotePayload>;

/**
 * The citizen asked to be called back at `dueAt` (server/callbacks: the feedback operators'
 * worklist). Not a case field: the server keeps it as a call-back. `note`: what to call about.
 */
export const CallbackRequestPayload = z.object({ dueAt: Instant, note: cleanText(LIMITS.note).nullable() });
export type CallbackRequestPayload = z.infer<typeof CallbackRequestPayload>;

const changeBase = {
  changeId: z.uuid(),
  deskId: DeskId,
  caseKey: CaseKey,
  /** The desk's clock: shown in history, never used to order anything. */
  clientAt: Instant,
};

export const CaseChange = z.discriminatedUnion('kind', [
  z.object({ ...changeBase, kind: z.literal('create'), payload: CreatePayload }),
  z.object({ ...changeBase, kind: z.literal('fields'), payload: FieldsPayload }),
  z.object({ ...changeBase, kind: z.literal('note'), payload: NotePayload }),
  z.object({ ...changeBase, kind: z.literal('callback-request'), payload: CallbackRequestPayload }),
]);
export type CaseChange = z.infer<typeof CaseChange>;
export type CaseChangeKind = CaseChange['kind'];

export const MAX_PUSH_CHANGES = 500;

export const PushRequest = z
  .object({ deskId: DeskId, changes: z.array(CaseChange).min(1).max(MAX_PUSH_CHANGES) })
  .refine((r) => r.changes.every((c) => c.deskId === r.deskId), { message: 'deskId.mismatch', path: ['changes'] });
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Why the server refused a change. `unknown-case`: not yet (send it again after the case's
 * create); every other code is for good, and the desk holds the change:
 * - `case-exists`: a create for a number the server already has;
 * - `forbidden`: the account may not make this change, or may not see the case
 *   (server/auth/permissions.ts);
 * - `invalid-number`: the case key is not an application number in its written form
 *   (core/applicationNumber.ts);
 * - `number-not-reserved`: a final number the server did not reserve for this desk;
 * - `prefix-of-other-desk`: a provisional number whose prefix another desk uses;
 * - `invalid-unit`: a create routed to a unit the server does not know, or an open case with no unit;
 * - `invalid-status`: a create in a status only the workflow gives (server/sync/admission.ts).
 */
export const RejectCode = z.enum([
  'unknown-case',
  'case-exists',
  'forbidden',
  'invalid-number',
  'number-not-reserved',
  'prefix-of-other-desk',
  'invalid-unit',
  'invalid-status',
]);
export type RejectCode = z.infer<typeof RejectCode>;

export const PushResponse = z.object({
  accepted: z.array(z.uuid()),
  duplicates: z.array(z.uuid()),
  /**
   * A code this desk does not know yet (a later server) is still a refusal: held like any other.
   * A closed enum here would make a desk refuse the whole answer, as a new ServerChangeKind would
   * a pull page, and send the batch again forever.
   */
  rejected: z.array(z.object({ changeId: z.uuid(), code: z.union([RejectCode, z.string().regex(/^[a-z][a-z0-9-]{0,63}$/)]) })),
});
export type PushResponse = z.infer<typeof PushResponse>;

/**
 * The server's copy of a case as a desktop receives it; the security code hash stays on the
 * server. The T.C. kimlik no comes whole only to roles that may see it whole
 * (server/auth/permissions.ts); others get it masked as core/tcKimlik.ts masks it, `123******90`,
 * which a desk stores only as the whole number it already has behind that mask.
 */
export const ServerCase = DeskFields.extend(WorkflowFields.shape).extend({
  tcKimlikNo: z.string().regex(/^[1-9][0-9]{10}$|^[1-9][0-9]{2}\*{6}[0-9]{2}$/).nullable(),
  applicationNo: z.string(),
  firstContactResolution: z.boolean(),
  version: z.number().int().positive(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type ServerCase = z.infer<typeof ServerCase>;

export const ServerChangeKind = z.enum(['create', 'fields', 'note', 'workflow']);
export type ServerChangeKind = z.infer<typeof ServerChangeKind>;

/**
 * Where a desk is in the server's change log: pass back what the server last gave you; '' (or
 * absent) starts at the beginning. Two forms, both ordered positions (`cursorPosition`):
 * - `T.S` (what servers give now): after the entry with transaction id T and sequence number S.
 *   The server's log is ordered by (T, S), which is commit-safe where S alone is not
 *   (server/sync/pull.ts);
 * - `N` (what servers gave before, and desks still hold): after seq N of the log as it was then,
 *   the position (0, N), since those entries come first, in seq order.
 * Each part stays within PostgreSQL's integer types (xid8, bigint), so a valid cursor never makes
 * the server's query fail.
 */
export const Cursor = z.string().regex(/^(?:|0|[1-9][0-9]{0,17}|(?:0|[1-9][0-9]{0,18})\.(?:0|[1-9][0-9]{0,17}))$/, 'cursor.invalid');

export interface CursorPosition {
  txid: bigint;
  seq: bigint;
}

/** A valid Cursor as its position; '' is before every entry. */
export function cursorPosition(cursor: string): CursorPosition {
  const dot = cursor.indexOf('.');
  if (dot === -1) return { txid: 0n, seq: BigInt(cursor === '' ? 0 : cursor) };
  return { txid: BigInt(cursor.slice(0, dot)), seq: BigInt(cursor.slice(dot + 1)) };
}

export function formatCursor(position: { txid: string | bigint; seq: string | bigint }): string {
  return `${position.txid}.${position.seq}`;
}

/** Negative, zero or positive as cursor a is before, at or after cursor b (either form). */
export function compareCursors(a: string, b: string): number {
  const x = cursorPosition(a);
  const y = cursorPosition(b);
  if (x.txid !== y.txid) return x.txid < y.txid ? -1 : 1;
  return x.seq === y.seq ? 0 : x.seq < y.seq ? -1 : 1;
}

/**
 * One entry of the server's change log. `seq` numbers entries uniquely (not in commit order, and
 * with holes); `cursor` is the desk's cursor once it has this entry. `case` is the whole case after
 * the change, so a desktop upserts it and never has to replay field merges itself.
 */
export const ServerChange = z.object({
  seq: z.string().regex(/^[1-9][0-9]*$/),
  /** Always sent by this server; absent from servers before it, whose pages only move as a whole. */
  cursor: Cursor.optional(),
  /** The desk's change id, null for changes made on the server (department workflow). */
  changeId: z.uuid().nullable(),
  deskId: z.string().nullable(),
  kind: ServerChangeKind,
  caseKey: z.string(),
  /** For notes: the text; for fields/workflow: what changed. */
  detail: z.unknown(),
  at: Instant,
  case: ServerCase,
});
export type ServerChange = z.infer<typeof ServerChange>;

/** A ServerChange as this server sends it: with the cursor after it. */
export const ChangeWithCursor = ServerChange.required({ cursor: true });
export type ChangeWithCursor = z.infer<typeof ChangeWithCursor>;

export const PullQuery = z.object({
  cursor: Cursor.default(''),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PullResponse = z.object({
  changes: z.array(ServerChange),
  cursor: Cursor,
  /** True when more changes are waiting: pull again at once. */
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** At most this many bytes of JSON per live notice: a desk's stream parser refuses lines over 1 MiB (sync/client/sse.ts). */
export const MAX_LIVE_NOTICE_BYTES = 512 * 1024;

/**
 * The data of the live channel's `changed` event (GET /api/v1/sync/events). The server read its
 * change log from `from` to `to` (the cursors around that read); `changes` are the entries in
 * that range the account may see, each as pull gives it and with its `cursor`. A desk whose
 * cursor lies within [from, to) applies the entries after its cursor and moves to `to`, exactly
 * as if it had pulled; a desk at or past `to` has them all; any other desk, or a notice without
 * `changes` (too many for one notice, or a desk that reads too slowly), pulls.
 */
export const LiveNotice = z.object({
  from: Cursor,
  to: Cursor,
  changes: z.array(ChangeWithCursor).optional(),
});
export type LiveNotice = z.infer<typeof LiveNotice>;

/** `event: queues` on the live channel: core/queue.ts, where the server's TV page (renderer) reads it too. */
export { QueueFiguresEvent } from '../core/queue.js';

/** `event: incidents` on the live channel: every active mass incident, on opening and after each change (core/incident.ts). */
export { IncidentList } from '../core/incident.js';
