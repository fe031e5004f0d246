import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Incident, IncidentDeclaration, IncidentUpdate, IncidentStatus } from '../../core/incident.js';
import { caseSeenBy, mayManageIncident, type IncidentAction } from '../auth/permissions.js';
import { maySeeCase, visibilityOf, visibilityParams, visibilitySql, type Account } from '../auth/roles.js';
import { isoInstant, type SqlClient, type SqlRunner } from '../db/sqlClient.js';
import type { ServerCase } from '../../sync/protocol.js';
import { CASE_COLUMNS, fieldsObject, rowToCase, type CaseRow } from '../sync/caseRows.js';
import { appendToChangeLog, type LogEntry } from '../sync/changeLog.js';

/** Attached "recently", for the wallboard: the last quarter hour. */
export const RECENT_MS = 15 * 60_000;

export const IncidentParams = z.object({ id: z.uuid() });
export const IncidentListQuery = z.object({ active: z.enum(['0', '1']).optional() });
export const IncidentCasesQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) });

export type IncidentError = 'not-found' | 'forbidden' | 'closed' | 'invalid-request';
/** `invalid-request` names the field and why, as a 400's issues do. */
export type IncidentOutcome<T> = { ok: true; value: T } | { ok: false; error: IncidentError; path?: string; message?: string };

const UNKNOWN_UNIT = { ok: false, error: 'invalid-request', path: 'unitCode', message: 'unit.unknown' } as const;

interface IncidentRow {
  id: string;
  subject_code: string;
  unit_code: string;
  districts: string[];
  neighbourhoods: string[];
  message: string;
  starts_at: unknown;
  expected_end_at: unknown;
  announce_queues: string[];
  announcement_sound: string | null;
  status: IncidentStatus;
  resolution: string | null;
  closed_at: unknown;
  declared_by: string;
  created_at: unknown;
  updated_at: unknown;
  version: number;
}

const COLUMNS = `i.id::text AS id, i.subject_code, i.unit_code, i.districts, i.neighbourhoods, i.message, i.starts_at,
  i.expected_end_at, i.announce_queues, i.announcement_sound, i.status, i.resolution, i.closed_at, i.declared_by, i.created_at, i.updated_at, i.version`;

const orNull = (v: unknown) => (v === null || v === undefined ? null : isoInstant(v));

function toIncident(row: IncidentRow, counts: { attached: number; recent: number } = { attached: 0, recent: 0 }): Incident {
  return {
    id: row.id,
    subjectCode: row.subject_code,
    unitCode: row.unit_code,
    districts: row.districts,
    neighbourhoods: row.neighbourhoods,
    message: row.message,
    startsAt: isoInstant(row.starts_at),
    expectedEndAt: orNull(row.expected_end_at),
    announceQueues: row.announce_queues,
    announcementSound: row.announcement_sound,
    status: row.status,
    resolution: row.resolution,
    closedAt: orNull(row.closed_at),
    declaredBy: row.declared_by,
    createdAt: isoInstant(row.created_at),
    updatedAt: isoInstant(row.updated_at),
    version: row.version,
    attachedCount: counts.attached,
    attachedRecently: counts.recent,
  };
}

/** Attached cases per incident, all and of the last quarter hour, in one indexed query. */
async function withCounts(db: SqlRunner, rows: readonly IncidentRow[], now: Date): Promise<Incident[]> {
  if (rows.length === 0) return [];
  const counts = await db.query<{ id: string; attached: number; recent: number }>(
    `SELECT c.fields ->> 'incidentId' AS id, count(*)::int AS attached, count(*) FILTER (WHERE c.created_at >= $2)::int AS recent
       FROM cases c WHERE c.fields ->> 'incidentId' = ANY($1::text[]) GROUP BY 1`,
    [rows.map((r) => r.id), new Date(now.getTime() - RECENT_MS).toISOString()],
  );
  const byId = new Map(counts.map((c) => [c.id, c]));
  return rows.map((r) => toIncident(r, byId.get(r.id)));
}

async function unitKnown(db: SqlRunner, unitCode: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM units WHERE code = $1', [unitCode])).length > 0;
}

/** Active incidents, or those of the last 30 days (the newest 200), with their attached counts. */
export async function listIncidents(db: SqlRunner, activeOnly: boolean, now: Date): Promise<Incident[]> {
  const rows = await db.query<IncidentRow>(
    activeOnly
      ? `SELECT ${COLUMNS} FROM incidents i WHERE i.status = 'active' ORDER BY i.starts_at DESC, i.id`
      : `SELECT ${COLUMNS} FROM incidents i WHERE i.status = 'active' OR i.closed_at >= $1 ORDER BY i.starts_at DESC, i.id LIMIT 200`,
    activeOnly ? [] : [new Date(now.getTime() - 30 * 86_400_000).toISOString()],
  );
  return withCounts(db, rows, now);
}

async function lockIncident(tx: SqlRunner, id: string): Promise<IncidentRow | null> {
  const [row] = await tx.query<IncidentRow>(`SELECT ${COLUMNS} FROM incidents i WHERE i.id = $1 FOR UPDATE`, [id]);
  return row ?? null;
}

/** One incident and, of its cases, those the account may see (newest first, up to `limit`), as it may see them. */
export async function incidentWithCases(
  db: SqlRunner,
  account: Account,
  id: string,
  limit: number,
  now: Date,
): Promise<{ incident: Incident; cases: ServerCase[] } | null> {
  const [row] = await db.query<IncidentRow>(`SELECT ${COLUMNS} FROM incidents i WHERE i.id = $1`, [id]);
  if (!row) return null;
  const [incident] = await withCounts(db, [row], now);
  const caseRows = await db.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases c WHERE c.fields ->> 'incidentId' = $1 AND ${visibilitySql(3, 4)}
      ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
    [id, limit, ...visibilityParams(visibilityOf(account))],
  );
  return { incident: incident!, cases: caseRows.map((r) => caseSeenBy(account, rowToCase(r))) };
}

/**
 * Attaches existing cases (a surge's) to the incident: a server change of the desk field
 * `incidentId`, logged as a `fields` change like any other, so desks pull it. Cases the account
 * may not see, unknown numbers and cases already attached elsewhere are left as they are.
 */
async function attachCases(tx: SqlRunner, account: Account, incidentId: string, numbers: readonly string[], at: string): Promise<number> {
  if (numbers.length === 0) return 0;
  const rows = await tx.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases c WHERE c.application_no = ANY($1::text[]) AND c.fields ->> 'incidentId' IS NULL FOR UPDATE`,
    [numbers],
  );
  const entries: LogEntry[] = [];
  for (const row of rows) {
    const current = rowToCase(row);
    if (!maySeeCase(account, current)) continue;
    const next: ServerCase = { ...current, incidentId, version: current.version + 1, updatedAt: at };
    entries.push({ caseId: row.id, change: null, kind: 'fields', detail: { changed: { incidentId: { from: null, to: incidentId } }, ignored: {} }, snapshot: next });
  }
  await writeCaseChanges(tx, entries, account.username, 'incident.attach');
  return entries.length;
}

/** The cases' new state, their history and their change-log entries, each in one statement. */
async function writeCaseChanges(tx: SqlRunner, entries: readonly LogEntry[], actor: string, eventKind: string): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    id: e.caseId,
    status: e.snapshot.status,
    fields: fieldsObject(e.snapshot),
    updated_at: e.snapshot.updatedAt,
    version: e.snapshot.version,
    detail: e.detail,
  }));
  await tx.query(
    `UPDATE cases c SET status = r.status, fields = r.fields, updated_at = r.updated_at, version = r.version
       FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, status text, fields jsonb, updated_at timestamptz, version int, detail jsonb)
      WHERE c.id = r.id`,
    [JSON.stringify(rows)],
  );
  await tx.query(
    `INSERT INTO case_events (case_id, at, actor, kind, detail)
     SELECT r.id, r.updated_at, $2, $3, r.detail
       FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, updated_at timestamptz, detail jsonb)`,
    [JSON.stringify(rows), actor, eventKind],
  );
  await appendToChangeLog(tx, entries);
}

function check(account: Account, action: IncidentAction, unitCode: string): IncidentOutcome<never> | null {
  return mayManageIncident(account, action, unitCode) ? null : { ok: false, error: 'forbidden' };
}

export async function declareIncident(db: SqlClient, account: Account, input: z.output<typeof IncidentDeclaration>, now: Date): Promise<IncidentOutcome<Incident>> {
  const refused = check(account, 'declare', input.unitCode);
  if (refused) return refused;
  return db.transaction(async (tx) => {
    if (!(await unitKnown(tx, input.unitCode))) return UNKNOWN_UNIT;
    const at = now.toISOString();
    const id = randomUUID();
    const [row] = await tx.query<IncidentRow>(
      `INSERT INTO incidents AS i (id, subject_code, unit_code, districts, neighbourhoods, message, starts_at, expected_end_at,
                                   announce_queues, announcement_sound, status, declared_by, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9::jsonb, $12, 'active', $10, $11, $11, 1)
       RETURNING ${COLUMNS}`,
      [
        id,
        input.subjectCode,
        input.unitCode,
        JSON.stringify(input.districts),
        JSON.stringify(input.neighbourhoods),
        input.message,
        input.startsAt,
        input.expectedEndAt,
        JSON.stringify(input.announceQueues),
        account.displayName,
        at,
        input.announcementSound,
      ],
    );
    await attachCases(tx, account, id, input.caseNumbers, at);
    const [incident] = await withCounts(tx, [row!], now);
    return { ok: true, value: incident! };
  });
}

export async function updateIncident(db: SqlClient, account: Account, id: string, patch: IncidentUpdate, now: Date): Promise<IncidentOutcome<{ before: Incident; after: Incident }>> {
  return db.transaction(async (tx) => {
    const row = await lockIncident(tx, id);
    if (!row) return { ok: false, error: 'not-found' };
    // Both the unit it belongs to and the unit it would move to must be the account's to manage.
    const refused = check(account, 'update', row.unit_code) ?? (patch.unitCode ? check(account, 'update', patch.unitCode) : null);
    if (refused) return refused;
    if (row.status === 'closed') return { ok: false, error: 'closed' };
    if (patch.unitCode !== undefined && !(await unitKnown(tx, patch.unitCode))) return UNKNOWN_UNIT;
    const before = toIncident(row);
    const merged = { ...before, ...patch };
    if (merged.expectedEndAt !== null && merged.expectedEndAt <= merged.startsAt) return { ok: false, error: 'invalid-request', path: 'expectedEndAt', message: 'expectedEnd.beforeStart' };
    const [updated] = await tx.query<IncidentRow>(
      `UPDATE incidents i SET subject_code = $2, unit_code = $3, districts = $4::jsonb, neighbourhoods = $5::jsonb, message = $6,
              starts_at = $7, expected_end_at = $8, announce_queues = $9::jsonb, announcement_sound = $11, updated_at = $10, version = i.version + 1
        WHERE i.id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        merged.subjectCode,
        merged.unitCode,
        JSON.stringify(merged.districts),
        JSON.stringify(merged.neighbourhoods),
        merged.message,
        merged.startsAt,
        merged.expectedEndAt,
        JSON.stringify(merged.announceQueues),
        now.toISOString(),
        merged.announcementSound,
      ],
    );
    const [after] = await withCounts(tx, [updated!], now);
    return { ok: true, value: { before, after: after! } };
  });
}

/**
 * Closes the incident and resolves, with its one resolution, every attached case still open, in
 * one transaction: each case gets its history entry and change-log entry as a unit's resolve
 * would. Unlike a unit's resolve, no resolution call-back is written: the citizen hears it by
 * SMS, once per number for the incident (migration 0011); a call-back the citizen asked for
 * stays in the worklist.
 */
export async function closeIncident(
  db: SqlClient,
  account: Account,
  id: string,
  resolution: string,
  now: Date,
): Promise<IncidentOutcome<{ before: Incident; incident: Incident; resolved: number }>> {
  return db.transaction(async (tx) => {
    const row = await lockIncident(tx, id);
    if (!row) return { ok: false, error: 'not-found' };
    const refused = check(account, 'close', row.unit_code);
    if (refused) return refused;
    if (row.status === 'closed') return { ok: false, error: 'closed' };
    const at = now.toISOString();
    // Before the cases: their status trigger reads the incident's resolution for the SMS.
    const [closed] = await tx.query<IncidentRow>(
      `UPDATE incidents i SET status = 'closed', resolution = $2, closed_at = $3, updated_at = $3, version = i.version + 1
        WHERE i.id = $1 RETURNING ${COLUMNS}`,
      [id, resolution, at],
    );
    const open = await tx.query<CaseRow>(
      `SELECT ${CASE_COLUMNS} FROM cases c
        WHERE c.fields ->> 'incidentId' = $1 AND c.status NOT IN ('resolved', 'closed', 'rejected')
        ORDER BY c.id FOR UPDATE`,
      [id],
    );
    const entries: LogEntry[] = open.map((r) => {
      const current = rowToCase(r);
      const detail = { action: 'resolve', resolution, from: current.status, incidentId: id };
      return { caseId: r.id, change: null, kind: 'workflow', detail, snapshot: { ...current, status: 'resolved', resolution, version: current.version + 1, updatedAt: at } };
    });
    await writeCaseChanges(tx, entries, account.username, 'workflow.resolve');
    const [incident] = await withCounts(tx, [closed!], now);
    return { ok: true, value: { before: toIncident(row), incident: incident!, resolved: entries.length } };
  });
}

