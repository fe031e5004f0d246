import type { Database, Statement } from 'better-sqlite3';
import type { Address, CaseStatus, CaseType, Channel, Priority } from '../core/case.js';
import { phoneSearchKey } from '../core/phone.js';
import { storableTcKimlikNo } from '../core/tcKimlik.js';
import { caseRepositorySql } from './caseRepository.js';
import { addressToColumn, statementCache } from './caseRows.js';
import { writeCursor, writeLastSyncAt } from './syncMeta.js';

/**
 * The server's copy of a case after a change, as far as this desk stores it. Structurally the
 * shape of sync/protocol.ts `ServerCase` (db/ may not import sync/): a ServerCase is a
 * PulledCase.
 */
export interface PulledCase {
  applicationNo: string;
  type: CaseType;
  subject: string;
  subjectCode: string | null;
  channel: Channel;
  priority: Priority;
  confidential: boolean;
  urgent: boolean;
  description: string;
  phone: string | null;
  citizenName: string | null;
  tcKimlikNo: string | null;
  address: Address | null;
  linkedid: string | null;
  /** Absent from servers before issue 17. */
  incidentId?: string | null | undefined;
  /** ISO instants, any offset: stored as Date.toISOString(). */
  dueAt: string | null;
  status: CaseStatus;
  unitCode: string | null;
  resolution: string | null;
  firstContactResolution: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One entry of the server's change log; structurally sync/protocol.ts `ServerChange`. */
export interface PulledChange {
  /** The desk that made the change; null for the server's own (department workflow). */
  deskId: string | null;
  kind: 'create' | 'fields' | 'note' | 'workflow';
  /** For notes `{ text }`; for fields/workflow what changed. */
  detail?: unknown;
  at: string;
  case: PulledCase;
}

interface LocalCase {
  id: number;
  server_version: number | null;
  tc_kimlik_no: string | null;
}

type CaseParams = Record<string, string | number | null>;

/** The columns a pulled case writes, as keys of the JSON rows below (and of CaseParams). */
const ROW = (column: string, key: string) => `value ->> '$.${key}' AS ${column}`;
const PULLED_ROW = [
  ROW('id', 'id'),
  ROW('application_no', 'applicationNo'),
  ROW('citizen_id', 'citizenId'),
  ROW('type', 'type'),
  ROW('subject_code', 'subjectCode'),
  ROW('subject', 'subject'),
  ROW('description', 'description'),
  ROW('channel', 'channel'),
  ROW('priority', 'priority'),
  ROW('confidential', 'confidential'),
  ROW('urgent', 'urgent'),
  ROW('status', 'status'),
  ROW('unit_code', 'unitCode'),
  ROW('resolution', 'resolution'),
  ROW('first_contact_resolution', 'firstContactResolution'),
  ROW('phone', 'phone'),
  ROW('citizen_name', 'citizenName'),
  ROW('tc_kimlik_no', 'tcKimlikNo'),
  ROW('address', 'address'),
  ROW('linkedid', 'linkedid'),
  ROW('incident_id', 'incidentId'),
  ROW('created_at', 'createdAt'),
  ROW('updated_at', 'updatedAt'),
  ROW('due_at', 'dueAt'),
  ROW('server_version', 'version'),
].join(', ');

/**
 * Cases are written once per page, with one INSERT … SELECT and one UPDATE … FROM over a JSON
 * array of rows, not one statement per change: FTS5 flushes its pending index data at the end
 * of every statement that touches cases (the full-text triggers of 0008), which row by row
 * costs a segment per case and merges that grow (see bench/caseStore.bench.ts). Per statement
 * it buffers the whole page.
 */
export const pulledChangesSql = {
  findCase: `
    SELECT id, server_version, tc_kimlik_no FROM cases WHERE application_no = $applicationNo`,
  findCitizen: `
    SELECT id FROM citizens WHERE phone_key = $phoneKey`,
  // Ids are handed out here, under the write lock of the IMMEDIATE transaction, so that the
  // page's events can name their cases before the cases are written; an explicit id above the
  // AUTOINCREMENT mark moves the mark, so no id is ever given out twice.
  lastCaseId: `
    SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'cases'), 0),
      coalesce((SELECT max(id) FROM cases), 0))`,
  insertCases: `
    INSERT INTO cases (
      id, application_no, security_code_hash, citizen_id, type, subject_code, subject,
      description, channel, priority, confidential, urgent, status, unit_code, resolution,
      first_contact_resolution, phone, citizen_name, tc_kimlik_no, address, linkedid, draft_id,
      incident_id, created_at, updated_at, due_at, server_version)
    SELECT
      id, application_no, NULL, citizen_id, type, subject_code, subject,
      description, channel, priority, confidential, urgent, status, unit_code, resolution,
      first_contact_resolution, phone, citizen_name, tc_kimlik_no, address, linkedid, NULL,
      incident_id, created_at, updated_at, due_at, server_version
    FROM (SELECT ${PULLED_ROW} FROM json_each($rows))
    ORDER BY id`,
  // created_at, application_no, security code, draft and first-contact resolution are the
  // case's birth facts: a pull never rewrites them. Two statements: the columns the full-text
  // index does not cover, for every row, then those it covers only where one differs, so that
  // a note or a version bump does not reindex the case (the 0008 trigger fires on SET OF them).
  updateCases: `
    UPDATE cases SET
      citizen_id = p.citizen_id, type = p.type, priority = p.priority,
      confidential = p.confidential, urgent = p.urgent, resolution = p.resolution,
      address = p.address, linkedid = p.linkedid, incident_id = p.incident_id, due_at = p.due_at, updated_at = p.updated_at,
      server_version = p.server_version
    FROM (SELECT ${PULLED_ROW} FROM json_each($rows)) AS p
    WHERE cases.id = p.id`,
  updateIndexed: `
    UPDATE cases SET
      subject_code = p.subject_code, subject = p.subject, description = p.description,
      channel = p.channel, status = p.status, unit_code = p.unit_code, phone = p.phone,
      citizen_name = p.citizen_name, tc_kimlik_no = p.tc_kimlik_no
    FROM (SELECT ${PULLED_ROW} FROM json_each($rows)) AS p
    WHERE cases.id = p.id
      AND (cases.subject_code IS NOT p.subject_code OR cases.subject IS NOT p.subject
        OR cases.description IS NOT p.description OR cases.channel IS NOT p.channel
        OR cases.status IS NOT p.status OR cases.unit_code IS NOT p.unit_code
        OR cases.phone IS NOT p.phone OR cases.citizen_name IS NOT p.citizen_name
        OR cases.tc_kimlik_no IS NOT p.tc_kimlik_no)`,
  insertEvent: `
    INSERT INTO case_events (case_id, at, actor, kind, detail)
    VALUES ($caseId, $at, $actor, $kind, $detail)`,
  dropReserved: `
    DELETE FROM reserved_numbers WHERE application_no = $applicationNo`,
} as const;

interface Statements {
  findCase: Statement<[{ applicationNo: string }], LocalCase>;
  findCitizen: Statement<[{ phoneKey: string }], number>;
  upsertCitizen: Statement<
    [{ phone: string; phoneKey: string; name: string | null; tcKimlikNo: string | null; address: string | null; now: string }],
    { id: number }
  >;
  lastCaseId: Statement<[], number>;
  insertCases: Statement<[{ rows: string }], never>;
  updateCases: Statement<[{ rows: string }], never>;
  updateIndexed: Statement<[{ rows: string }], never>;
  insertEvent: Statement<[{ caseId: number; at: string; actor: string; kind: string; detail: string }], never>;
  dropReserved: Statement<[{ applicationNo: string }], never>;
}

const statements = statementCache((db: Database): Statements => {
  const sql = pulledChangesSql;
  return {
    findCase: db.prepare(sql.findCase),
    findCitizen: db.prepare<[{ phoneKey: string }], number>(sql.findCitizen).pluck(),
    upsertCitizen: db.prepare(caseRepositorySql.upsertCitizen),
    lastCaseId: db.prepare<[], number>(sql.lastCaseId).pluck(),
    insertCases: db.prepare(sql.insertCases),
    updateCases: db.prepare(sql.updateCases),
    updateIndexed: db.prepare(sql.updateIndexed),
    insertEvent: db.prepare(sql.insertEvent),
    dropReserved: db.prepare(sql.dropReserved),
  };
});

/** The schema's instant shape; throws RangeError on something that is not an instant. */
const instant = (iso: string): string => new Date(iso).toISOString();
const bit = (value: boolean): number => (value ? 1 : 0);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The columns both the insert and the update write, from the server's case. */
function caseParams(c: PulledCase, citizenId: number | null): CaseParams {
  return {
    citizenId,
    type: c.type,
    subjectCode: c.subjectCode,
    subject: c.subject,
    description: c.description,
    channel: c.channel,
    priority: c.priority,
    confidential: bit(c.confidential),
    urgent: bit(c.urgent),
    status: c.status,
    unitCode: c.unitCode,
    resolution: c.resolution,
    phone: c.phone,
    citizenName: c.citizenName,
    tcKimlikNo: c.tcKimlikNo,
    address: addressToColumn(c.address),
    linkedid: c.linkedid,
    incidentId: c.incidentId ?? null,
    dueAt: c.dueAt === null ? null : instant(c.dueAt),
    updatedAt: instant(c.updatedAt),
    version: c.version,
  };
}

/**
 * Stores one page of the server's change log, all or nothing: every case upserted by its
 * application number, the case events of changes made elsewhere, the new pull cursor and the
 * last sync time. A failure anywhere leaves the cases and the cursor as they were, so the same
 * page is pulled again.
 *
 * - A case this desk lacks is inserted with the server's version (citizen upserted by phone as
 *   insertCase does; no security code hash, no draft) and gets a 'created' event.
 * - A case it has takes the server's workflow and desk fields only when the incoming version is
 *   newer than the stored one: an older copy never overwrites a newer one.
 * - Changes with `deskId === ownDeskId` already have their local events: none is added (unless
 *   the case itself was missing here). Others add 'note' `{ text }`, or 'workflow' / 'fields'
 *   with the change's detail plus the new status, unitCode and resolution.
 *
 * Returns the local ids of the cases that changed, each once, in first-change order.
 */
export function applyPulledChanges(
  db: Database,
  changes: readonly PulledChange[],
  cursor: string,
  ownDeskId: string,
  now: Date,
): { changedCaseIds: number[] } {
  const s = statements(db);
  const nowIso = now.toISOString();

  return db.transaction(() => {
    const changed = new Set<number>();
    /** The page's view of each case it touches: stored, or about to be written. */
    const seen = new Map<string, { id: number; version: number; isNew: boolean; row: CaseParams | null; tcKimlikNo: string | null }>();
    const events: { caseId: number; at: string; actor: string; kind: string; detail: string }[] = [];
    let nextId: number | null = null;

    const citizenOf = (c: PulledCase, phoneKey: string | null, lookUpFirst: boolean): number | null => {
      if (c.phone === null || phoneKey === null) return null;
      // For a case already here the citizen is looked up rather than upserted: an older case's
      // name must not overwrite what a newer call recorded on the citizen.
      const existing = lookUpFirst ? s.findCitizen.get({ phoneKey }) : undefined;
      return (
        existing ??
        s.upsertCitizen.get({
          phone: c.phone,
          phoneKey,
          name: c.citizenName,
          tcKimlikNo: c.tcKimlikNo,
          address: addressToColumn(c.address),
          now: nowIso,
        })!.id
      );
    };

    for (const change of changes) {
      let c = change.case;
      const own = change.deskId === ownDeskId;
      const actor = change.deskId === null || change.deskId === '' ? 'server' : change.deskId;
      const at = instant(change.at);
      const phoneKey = c.phone === null ? null : phoneSearchKey(c.phone);

      let entry = seen.get(c.applicationNo);
      if (entry === undefined) {
        const local = s.findCase.get({ applicationNo: c.applicationNo });
        if (local !== undefined) {
          entry = { id: local.id, version: local.server_version ?? 0, isNew: false, row: null, tcKimlikNo: local.tc_kimlik_no };
          seen.set(c.applicationNo, entry);
        }
      }
      // The server masks the T.C. kimlik no for roles that may not see it whole (`123******90`);
      // this desk stores whole numbers only, so a mask keeps the number it has behind that same
      // mask, or stores none (core/tcKimlik.ts).
      c = { ...c, tcKimlikNo: storableTcKimlikNo(c.tcKimlikNo, entry?.tcKimlikNo ?? null) };

      let inserted = false;
      if (entry === undefined) {
        nextId ??= s.lastCaseId.get()! + 1;
        const id = nextId++;
        entry = {
          id,
          version: c.version,
          isNew: true,
          tcKimlikNo: c.tcKimlikNo,
          row: {
            ...caseParams(c, citizenOf(c, phoneKey, false)),
            id,
            applicationNo: c.applicationNo,
            firstContactResolution: bit(c.firstContactResolution),
            createdAt: instant(c.createdAt),
          },
        };
        seen.set(c.applicationNo, entry);
        // A number reserved for this desk that the server has now given to a case is spent.
        s.dropReserved.run({ applicationNo: c.applicationNo });
        inserted = true;
        changed.add(id);
      } else if (c.version > entry.version) {
        entry.version = c.version;
        entry.tcKimlikNo = c.tcKimlikNo;
        // A case new in this page keeps its birth facts; later changes bring the rest.
        entry.row = { ...entry.row, ...caseParams(c, citizenOf(c, phoneKey, true)), id: entry.id };
        changed.add(entry.id);
      }

      const caseId = entry.id;
      const event = (kind: string, detail: object) => {
        events.push({ caseId, at, actor, kind, detail: JSON.stringify(detail) });
        changed.add(caseId);
      };
      // Own changes have their events already, unless the case was not here at all.
      if (inserted) event('created', { applicationNo: c.applicationNo, source: 'sync' });
      if (own) continue;
      if (change.kind === 'note') {
        const text = isObject(change.detail) && typeof change.detail.text === 'string' ? change.detail.text : '';
        event('note', { text });
      } else if (change.kind === 'workflow' || change.kind === 'fields') {
        const detail = isObject(change.detail)
          ? change.detail
          : change.detail === undefined
            ? {}
            : { detail: change.detail };
        event(change.kind, { ...detail, status: c.status, unitCode: c.unitCode, resolution: c.resolution });
      }
    }

    const entries = [...seen.values()];
    const inserts = entries.filter((e) => e.isNew).map((e) => e.row);
    const updates = entries.filter((e) => !e.isNew && e.row !== null).map((e) => e.row);
    if (inserts.length > 0) s.insertCases.run({ rows: JSON.stringify(inserts) });
    if (updates.length > 0) {
      const rows = JSON.stringify(updates);
      s.updateCases.run({ rows });
      s.updateIndexed.run({ rows });
    }
    for (const e of events) s.insertEvent.run(e);

    writeCursor(db, cursor);
    writeLastSyncAt(db, nowIso);
    return { changedCaseIds: [...changed] };
  }).immediate();
}
