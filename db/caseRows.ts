import type { Database, Statement } from 'better-sqlite3';
import { Address, CaseStatus, CaseType, Channel, Priority } from '../core/case.js';
import type { CaseRecord } from '../core/case.js';
import { slaState } from '../core/sla.js';
import { maskTcKimlikNo } from '../core/tcKimlik.js';

/** A cases row as the SELECTs below read it (the table aliased `c`). */
export interface CaseRow {
  id: number;
  application_no: string;
  type: string;
  subject_code: string | null;
  subject: string;
  description: string;
  channel: string;
  priority: string;
  confidential: number;
  urgent: number;
  status: string;
  unit_code: string | null;
  resolution: string | null;
  first_contact_resolution: number;
  phone: string | null;
  citizen_name: string | null;
  tc_kimlik_no: string | null;
  address: string | null;
  linkedid: string | null;
  incident_id: string | null;
  created_at: string;
  updated_at: string;
  due_at: string | null;
  attachment_count: number;
}

/** The columns of CaseRow, for a query that names the cases table `c`. */
export const CASE_COLUMNS = `
  c.id, c.application_no, c.type, c.subject_code, c.subject, c.description, c.channel,
  c.priority, c.confidential, c.urgent, c.status, c.unit_code, c.resolution,
  c.first_contact_resolution, c.phone, c.citizen_name, c.tc_kimlik_no, c.address, c.linkedid,
  c.incident_id, c.created_at, c.updated_at, c.due_at,
  (SELECT count(*) FROM attachments AS a WHERE a.case_id = c.id) AS attachment_count`;

export interface CaseReadOptions {
  /** KVKK: the T.C. kimlik no is masked unless the caller asked for it and may see it. */
  revealTcKimlikNo?: boolean;
}

/** Statuses whose SLA is `done`, taken from core's slaState so SQL and the mapper agree. */
export const DONE_STATUSES: readonly CaseStatus[] = CaseStatus.options.filter(
  (status) => slaState(null, status, new Date(0)) === 'done',
);
export const OPEN_STATUSES: readonly CaseStatus[] = CaseStatus.options.filter(
  (status) => !DONE_STATUSES.includes(status),
);

/** `'a', 'b'` for an IN list of enum values (never user text). */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
}

export function caseFromRow(row: CaseRow, now: Date, options: CaseReadOptions = {}): CaseRecord {
  // The CHECK constraints already guarantee these; parsing narrows the types without a cast.
  const status = CaseStatus.parse(row.status);
  const dueAt = row.due_at === null ? null : new Date(row.due_at);
  return {
    id: row.id,
    applicationNo: row.application_no,
    type: CaseType.parse(row.type),
    subject: row.subject,
    subjectCode: row.subject_code,
    channel: Channel.parse(row.channel),
    priority: Priority.parse(row.priority),
    confidential: row.confidential === 1,
    urgent: row.urgent === 1,
    status,
    unitCode: row.unit_code,
    description: row.description,
    resolution: row.resolution,
    firstContactResolution: row.first_contact_resolution === 1,
    phone: row.phone,
    citizenName: row.citizen_name,
    tcKimlikNo: revealOrMask(row.tc_kimlik_no, options),
    address: addressFromColumn(row.address),
    linkedid: row.linkedid,
    incidentId: row.incident_id,
    attachmentCount: row.attachment_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    dueAt: row.due_at,
    sla: slaState(dueAt, status, now),
  };
}

export function revealOrMask(tcKimlikNo: string | null, options: CaseReadOptions): string | null {
  if (tcKimlikNo === null) return null;
  return options.revealTcKimlikNo === true ? tcKimlikNo : maskTcKimlikNo(tcKimlikNo);
}

export function addressFromColumn(json: string | null): Address | null {
  return json === null ? null : Address.parse(JSON.parse(json));
}

export function addressToColumn(address: Address | null): string | null {
  return address === null ? null : JSON.stringify(address);
}

export function checkLimit(limit: number): number {
  // SQLite reads a negative LIMIT as "no limit"; a caller bug must not dump the whole table.
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  }
  return limit;
}

/**
 * Statements prepared once per Database. `build` runs on the first call for a database; later
 * calls get the same object.
 */
export function statementCache<T>(build: (db: Database) => T): (db: Database) => T {
  const cache = new WeakMap<Database, T>();
  return (db) => {
    let cached = cache.get(db);
    if (cached === undefined) {
      cached = build(db);
      cache.set(db, cached);
    }
    return cached;
  };
}

/** For SQL assembled at run time from a bounded set of shapes (the search filters). */
export const preparedBySql = statementCache(
  () => new Map<string, Statement<[Record<string, unknown>], unknown>>(),
);
