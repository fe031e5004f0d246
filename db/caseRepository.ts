import type { Database, Statement } from 'better-sqlite3';
import type { Address, CaseHistoryEntry, CaseRecord, PreparedCase } from '../core/case.js';
import { formatApplicationNo, parseApplicationNo } from '../core/applicationNumber.js';
import { phoneSearchKey, storablePhone } from '../core/phone.js';
import {
  addressFromColumn,
  addressToColumn,
  CASE_COLUMNS,
  caseFromRow,
  checkLimit,
  OPEN_STATUSES,
  revealOrMask,
  sqlList,
  statementCache,
} from './caseRows.js';
import type { CaseReadOptions, CaseRow } from './caseRows.js';
import { takeApplicationNumber } from './numberPool.js';
import { hashSecurityCode, securityCodeMatches } from '../core/securityCode.js';
import { enqueueChange } from './syncOutbox.js';

export { searchCases, caseSearchSql } from './caseSearch.js';
export type { CaseReadOptions } from './caseRows.js';

export interface CitizenRecord {
  id: number;
  phone: string;
  name: string | null;
  /** Masked unless asked for (see CaseReadOptions). */
  tcKimlikNo: string | null;
  address: Address | null;
}

/** A case's audit trail entry; the contract's CaseHistoryEntry. */
export type CaseEvent = CaseHistoryEntry;

/** appendNote on a case id that does not exist. */
export class CaseNotFoundError extends Error {
  constructor(readonly caseId: number) {
    super(`No case with id ${caseId}`);
    this.name = 'CaseNotFoundError';
  }
}

/** More repeat-call candidates than this within the window is not a repeat call any more. */
const REPEAT_CANDIDATES_MAX = 50;

interface CitizenRow {
  id: number;
  phone: string;
  name: string | null;
  tc_kimlik_no: string | null;
  address: string | null;
}

interface CaseEventRow {
  at: string;
  actor: string;
  kind: string;
  detail: string;
}

/** Exported so tests can check the query plans of the statements actually run. */
export const caseRepositorySql = {
  upsertCitizen: `
    INSERT INTO citizens (phone, phone_key, name, tc_kimlik_no, address, created_at, updated_at)
    VALUES ($phone, $phoneKey, $name, $tcKimlikNo, $address, $now, $now)
    ON CONFLICT (phone_key) DO UPDATE SET
      -- A case saved without a name (T.C. no, address) must not erase what an earlier call
      -- gave us. The phone is stored canonical (core/phone.ts), so every shape keeps one form.
      name = coalesce(excluded.name, citizens.name),
      tc_kimlik_no = coalesce(excluded.tc_kimlik_no, citizens.tc_kimlik_no),
      address = coalesce(excluded.address, citizens.address),
      updated_at = CASE
        WHEN (excluded.name IS NOT NULL AND excluded.name IS NOT citizens.name)
          OR (excluded.tc_kimlik_no IS NOT NULL AND excluded.tc_kimlik_no IS NOT citizens.tc_kimlik_no)
          OR (excluded.address IS NOT NULL AND excluded.address IS NOT citizens.address)
          THEN excluded.updated_at
        ELSE citizens.updated_at
      END
    RETURNING id`,
  insertCase: `
    INSERT INTO cases (
      application_no, security_code_hash, citizen_id, type, subject_code, subject, description,
      channel, priority, confidential, urgent, status, unit_code, resolution,
      first_contact_resolution, phone, citizen_name, tc_kimlik_no, address, linkedid, draft_id,
      incident_id, created_at, updated_at, due_at)
    VALUES (
      $applicationNo, $securityCodeHash, $citizenId, $type, $subjectCode, $subject, $description,
      $channel, $priority, $confidential, $urgent, $status, $unitCode, $resolution,
      $firstContactResolution, $phone, $citizenName, $tcKimlikNo, $address, $linkedid, $draftId,
      $incidentId, $now, $now, $dueAt)
    RETURNING id`,
  insertEvent: `
    INSERT INTO case_events (case_id, at, actor, kind, detail)
    VALUES ($caseId, $at, $actor, $kind, $detail)`,
  deleteDraft: `
    DELETE FROM drafts WHERE draft_id = $draftId`,
  touchCase: `
    UPDATE cases SET updated_at = $now WHERE id = $caseId`,
  getCase: `
    SELECT ${CASE_COLUMNS} FROM cases AS c WHERE c.id = $id`,
  listCases: `
    SELECT ${CASE_COLUMNS}
    FROM cases AS c
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT $limit`,
  // Through the citizen rather than cases.phone: the citizen row is the one identity of a
  // number (whatever shape it was typed in), and its index on (citizen_id, created_at, id)
  // already serves the foreign key.
  casesByPhone: `
    SELECT ${CASE_COLUMNS}
    FROM cases AS c
    WHERE c.citizen_id = (SELECT id FROM citizens WHERE phone_key = $phoneKey)
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT $limit OFFSET $offset`,
  // The status list word for word as in the partial index cases_citizen_open (migration 0013).
  openCasesByPhone: `
    SELECT ${CASE_COLUMNS}
    FROM cases AS c
    WHERE c.citizen_id = (SELECT id FROM citizens WHERE phone_key = $phoneKey)
      AND c.status IN (${sqlList(OPEN_STATUSES)})
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT $limit`,
  // From indexes: all cases without reading a row, the open ones reading only theirs (a few), so
  // a caller with thousands of closed cases costs microseconds more, not thousands of rows.
  countCasesByPhone: `
    SELECT
      (SELECT count(*) FROM cases AS c WHERE c.citizen_id = z.id) AS all_cases,
      (SELECT count(*) FROM cases AS c WHERE c.citizen_id = z.id AND c.status IN (${sqlList(OPEN_STATUSES)})) AS open_cases
    FROM citizens AS z WHERE z.phone_key = $phoneKey`,
  recentCasesByPhone: `
    SELECT ${CASE_COLUMNS}
    FROM cases AS c
    WHERE c.citizen_id = (SELECT id FROM citizens WHERE phone_key = $phoneKey)
      AND c.created_at >= $since
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT $limit`,
  findCitizenByPhone: `
    SELECT id, phone, name, tc_kimlik_no, address FROM citizens WHERE phone_key = $phoneKey`,
  caseEvents: `
    SELECT at, actor, kind, detail FROM case_events WHERE case_id = $caseId ORDER BY id`,
  securityCodeHash: `
    SELECT security_code_hash FROM cases WHERE application_no = $applicationNo`,
  countCases: `
    SELECT count(*) FROM cases`,
} as const;

type Params<T> = [T];

interface Statements {
  upsertCitizen: Statement<
    Params<{ phone: string; phoneKey: string; name: string | null; tcKimlikNo: string | null; address: string | null; now: string }>,
    { id: number }
  >;
  insertCase: Statement<Params<Record<string, string | number | null>>, { id: number }>;
  insertEvent: Statement<
    Params<{ caseId: number; at: string; actor: string; kind: string; detail: string }>,
    never
  >;
  deleteDraft: Statement<Params<{ draftId: string }>, never>;
  touchCase: Statement<Params<{ caseId: number; now: string }>, never>;
  getCase: Statement<Params<{ id: number }>, CaseRow>;
  listCases: Statement<Params<{ limit: number }>, CaseRow>;
  casesByPhone: Statement<Params<{ phoneKey: string; limit: number; offset: number }>, CaseRow>;
  openCasesByPhone: Statement<Params<{ phoneKey: string; limit: number }>, CaseRow>;
  countCasesByPhone: Statement<Params<{ phoneKey: string }>, { all_cases: number; open_cases: number }>;
  recentCasesByPhone: Statement<Params<{ phoneKey: string; since: string; limit: number }>, CaseRow>;
  findCitizenByPhone: Statement<Params<{ phoneKey: string }>, CitizenRow>;
  caseEvents: Statement<Params<{ caseId: number }>, CaseEventRow>;
  securityCodeHash: Statement<Params<{ applicationNo: string }>, string | null>;
  countCases: Statement<[], number>;
}

const statements = statementCache((db: Database): Statements => {
  const sql = caseRepositorySql;
  return {
    upsertCitizen: db.prepare(sql.upsertCitizen),
    insertCase: db.prepare(sql.insertCase),
    insertEvent: db.prepare(sql.insertEvent),
    deleteDraft: db.prepare(sql.deleteDraft),
    touchCase: db.prepare(sql.touchCase),
    getCase: db.prepare(sql.getCase),
    listCases: db.prepare(sql.listCases),
    casesByPhone: db.prepare(sql.casesByPhone),
    openCasesByPhone: db.prepare(sql.openCasesByPhone),
    countCasesByPhone: db.prepare(sql.countCasesByPhone),
    recentCasesByPhone: db.prepare(sql.recentCasesByPhone),
    findCitizenByPhone: db.prepare(sql.findCitizenByPhone),
    caseEvents: db.prepare(sql.caseEvents),
    securityCodeHash: db
      .prepare<Params<{ applicationNo: string }>, string | null>(sql.securityCodeHash)
      .pluck(),
    countCases: db.prepare<[], number>(sql.countCases).pluck(),
  };
});

/** The key citizens are stored under; null when the text has no digits (no citizen matches). */
function citizenKey(phone: string): string | null {
  return phoneSearchKey(phone);
}

const bit = (value: boolean): number => (value ? 1 : 0);

/**
 * Records a new case, all or nothing: the citizen (by phone; name, T.C. no and address when
 * given), an application number of the Istanbul year of `now` (a final one the server reserved
 * for this desk, else a provisional one with the desk prefix: db/numberPool.ts), the case with
 * the hash of `securityCode`, its 'created' event (with everything the rules decided) followed
 * by 'closed' (answered on the call) or 'forwarded' (with the unit), its 'create' change in the
 * sync outbox, and the draft it was written in.
 *
 * `prepared` comes from core's case rules: nothing is decided here.
 */
export function insertCase(
  db: Database,
  prepared: PreparedCase,
  ctx: {
    now: Date;
    actor: string;
    securityCode: string;
    /**
     * A salt$hash already computed (bulk tools and tests that record many cases with one code);
     * when given, `securityCode` is not hashed again.
     */
    securityCodeHash?: string;
  },
): CaseRecord {
  const s = statements(db);
  const { input } = prepared;
  const at = ctx.now.toISOString();
  // scrypt takes tens of milliseconds: outside the transaction, so nobody waits on the lock.
  const securityCodeHash = ctx.securityCodeHash ?? hashSecurityCode(ctx.securityCode);
  const address = addressToColumn(input.address);
  // One stored shape (905321112233) whichever way the number was typed; the contract already
  // canonicalises, this covers callers that build the input themselves (demo data, tools).
  const phone = input.phone === null ? null : (storablePhone(input.phone) ?? input.phone.trim());
  const phoneKey = phone === null ? null : citizenKey(phone);

  return db.transaction((): CaseRecord => {
    const citizenId =
      phone === null || phoneKey === null
        ? null
        : s.upsertCitizen.get({
            phone,
            phoneKey,
            name: input.citizenName,
            tcKimlikNo: input.tcKimlikNo,
            address,
            now: at,
          })!.id;
    const applicationNo = takeApplicationNumber(db, ctx.now);
    const dueAt = prepared.dueAt === null ? null : prepared.dueAt.toISOString();
    const { id } = s.insertCase.get({
      applicationNo,
      securityCodeHash,
      citizenId,
      type: prepared.type,
      subjectCode: prepared.subjectCode,
      subject: input.subject,
      description: input.description,
      channel: input.channel,
      priority: prepared.priority,
      confidential: bit(prepared.confidential),
      urgent: bit(prepared.urgent),
      status: prepared.status,
      unitCode: prepared.unitCode,
      resolution: prepared.resolution,
      firstContactResolution: bit(prepared.firstContactResolution),
      phone,
      citizenName: input.citizenName,
      tcKimlikNo: input.tcKimlikNo,
      address,
      linkedid: input.linkedid,
      draftId: input.draftId,
      incidentId: input.incidentId,
      now: at,
      dueAt,
    })!;

    const event = (kind: string, detail: object) =>
      s.insertEvent.run({ caseId: id, at, actor: ctx.actor, kind, detail: JSON.stringify(detail) });
    event('created', {
      applicationNo,
      citizenId,
      linkedid: input.linkedid,
      type: prepared.type,
      subjectCode: prepared.subjectCode,
      channel: input.channel,
      priority: prepared.priority,
      confidential: prepared.confidential,
      urgent: prepared.urgent,
      status: prepared.status,
      unitCode: prepared.unitCode,
      firstContactResolution: prepared.firstContactResolution,
      dueAt,
    });
    if (prepared.status === 'closed') {
      event('closed', {
        firstContactResolution: prepared.firstContactResolution,
        resolution: prepared.resolution,
      });
    } else if (prepared.status === 'forwarded') {
      event('forwarded', { unitCode: prepared.unitCode });
    }
    // The create payload is built from the case row at push time.
    enqueueChange(db, id, 'create', {}, ctx.now);

    if (input.draftId !== null) s.deleteDraft.run({ draftId: input.draftId });
    return caseFromRow(s.getCase.get({ id })!, ctx.now);
  }).immediate();
}

/** The most recently created cases, newest first. */
export function listCases(db: Database, limit: number, now: Date): CaseRecord[] {
  return statements(db)
    .listCases.all({ limit: checkLimit(limit) })
    .map((row) => caseFromRow(row, now));
}

/**
 * A caller's cases, newest first, `offset` of them skipped; empty when the number has never
 * been recorded. Any shape of the number finds them: 05321112233, 905321112233 and
 * +90 532 111 22 33 are one caller.
 */
export function casesByPhone(db: Database, phone: string, limit: number, now: Date, offset = 0): CaseRecord[] {
  checkLimit(limit);
  checkLimit(offset);
  const phoneKey = citizenKey(phone);
  if (phoneKey === null) return [];
  return statements(db)
    .casesByPhone.all({ phoneKey, limit, offset })
    .map((row) => caseFromRow(row, now));
}

/** The caller's cases still waiting for someone (new, forwarded, in progress, reopened), newest first. */
export function openCasesByPhone(db: Database, phone: string, limit: number, now: Date): CaseRecord[] {
  checkLimit(limit);
  const phoneKey = citizenKey(phone);
  if (phoneKey === null) return [];
  return statements(db)
    .openCasesByPhone.all({ phoneKey, limit })
    .map((row) => caseFromRow(row, now));
}

/** How many cases the caller has, and how many of them are open; zeros for an unknown number. */
export function countCasesByPhone(db: Database, phone: string): { all: number; open: number } {
  const phoneKey = citizenKey(phone);
  const row = phoneKey === null ? undefined : statements(db).countCasesByPhone.get({ phoneKey });
  return { all: row?.all_cases ?? 0, open: row?.open_cases ?? 0 };
}

/**
 * The caller's cases created at or after `since`, newest first (at most 50): candidates for
 * "the same thing again" while the phone rings.
 */
export function recentCasesByPhone(db: Database, phone: string, since: Date, now: Date): CaseRecord[] {
  const phoneKey = citizenKey(phone);
  if (phoneKey === null) return [];
  return statements(db)
    .recentCasesByPhone.all({ phoneKey, since: since.toISOString(), limit: REPEAT_CANDIDATES_MAX })
    .map((row) => caseFromRow(row, now));
}

export function getCase(
  db: Database,
  id: number,
  now: Date,
  options: CaseReadOptions = {},
): CaseRecord | null {
  const row = statements(db).getCase.get({ id });
  return row === undefined ? null : caseFromRow(row, now, options);
}

export function findCitizenByPhone(
  db: Database,
  phone: string,
  options: CaseReadOptions = {},
): CitizenRecord | null {
  const phoneKey = citizenKey(phone);
  const row = phoneKey === null ? undefined : statements(db).findCitizenByPhone.get({ phoneKey });
  if (row === undefined) return null;
  return {
    id: row.id,
    phone: row.phone,
    name: row.name,
    tcKimlikNo: revealOrMask(row.tc_kimlik_no, options),
    address: addressFromColumn(row.address),
  };
}

/** A case's audit trail, oldest first. */
export function caseEvents(db: Database, caseId: number): CaseEvent[] {
  return statements(db)
    .caseEvents.all({ caseId })
    .map((row) => ({
      at: row.at,
      actor: row.actor,
      kind: row.kind,
      detail: JSON.parse(row.detail) as unknown,
    }));
}

/**
 * Adds what a citizen said on a later call to their case: a 'note' event, a new updated_at and
 * a 'note' change in the sync outbox. The status does not change (a closed case stays closed; reopening is a decision of its own).
 * Throws CaseNotFoundError for an unknown id.
 */
export function appendNote(
  db: Database,
  caseId: number,
  text: string,
  ctx: { now: Date; actor: string; linkedid: string | null },
): CaseRecord {
  const s = statements(db);
  const at = ctx.now.toISOString();
  return db.transaction((): CaseRecord => {
    if (s.touchCase.run({ caseId, now: at }).changes === 0) throw new CaseNotFoundError(caseId);
    s.insertEvent.run({
      caseId,
      at,
      actor: ctx.actor,
      kind: 'note',
      detail: JSON.stringify({ text, linkedid: ctx.linkedid }),
    });
    enqueueChange(db, caseId, 'note', { text }, ctx.now);
    return caseFromRow(s.getCase.get({ id: caseId })!, ctx.now);
  }).immediate();
}

/**
 * The citizen's status query: does `code` belong to `applicationNo` (typed as people type it:
 * `2026 0001234 7`, any case)? False for an unknown number, after the same work as for a known
 * one, so the answer's timing does not tell which numbers exist.
 */
export function verifySecurityCode(db: Database, applicationNo: string, code: string): boolean {
  const parsed = parseApplicationNo(applicationNo);
  const canonical =
    parsed === null ? applicationNo.trim() : formatApplicationNo(parsed.year, parsed.sequence, parsed.prefix ?? undefined);
  const stored = statements(db).securityCodeHash.get({ applicationNo: canonical }) ?? null;
  return securityCodeMatches(stored, code);
}

export function countCases(db: Database): number {
  return statements(db).countCases.get()!;
}
