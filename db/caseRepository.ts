import type { Database, Statement } from 'better-sqlite3';
import { CaseStatus } from '../core/case.js';
import type { CaseRecord, NewCaseInput } from '../core/case.js';

export interface CitizenRecord {
  id: number;
  phone: string;
  name: string | null;
}

export interface CaseEvent {
  at: string;
  actor: string;
  kind: string;
  detail: unknown;
}

interface CaseRow {
  id: number;
  citizen_id: number | null;
  subject: string;
  description: string;
  status: string;
  phone: string | null;
  citizen_name: string | null;
  linkedid: string | null;
  created_at: string;
}

interface CitizenRow {
  id: number;
  phone: string;
  name: string | null;
}

interface CaseEventRow {
  at: string;
  actor: string;
  kind: string;
  detail: string;
}

const CASE_COLUMNS = `
  id, citizen_id, subject, description, status, phone, citizen_name, linkedid, created_at`;

/** Exported so tests can check the query plans of the statements actually run. */
export const caseRepositorySql = {
  upsertCitizen: `
    INSERT INTO citizens (phone, name, created_at, updated_at)
    VALUES ($phone, $name, $now, $now)
    ON CONFLICT (phone) DO UPDATE SET
      -- A case saved without a name must not erase the name an earlier call gave us.
      name = coalesce(excluded.name, citizens.name),
      updated_at = CASE
        WHEN excluded.name IS NOT NULL AND excluded.name IS NOT citizens.name
          THEN excluded.updated_at
        ELSE citizens.updated_at
      END
    RETURNING id`,
  insertCase: `
    INSERT INTO cases
      (citizen_id, subject, description, status, phone, citizen_name, linkedid, created_at)
    VALUES
      ($citizenId, $subject, $description, $status, $phone, $citizenName, $linkedid, $createdAt)
    RETURNING ${CASE_COLUMNS}`,
  insertEvent: `
    INSERT INTO case_events (case_id, at, actor, kind, detail)
    VALUES ($caseId, $at, $actor, $kind, $detail)`,
  listCases: `
    SELECT ${CASE_COLUMNS}
    FROM cases
    ORDER BY created_at DESC, id DESC
    LIMIT $limit`,
  // Through the citizen rather than cases.phone: the citizen row is the one identity of a
  // number, and its index on (citizen_id, created_at, id) already serves the foreign key.
  casesByPhone: `
    SELECT ${CASE_COLUMNS}
    FROM cases
    WHERE citizen_id = (SELECT id FROM citizens WHERE phone = $phone)
    ORDER BY created_at DESC, id DESC
    LIMIT $limit`,
  findCitizenByPhone: `
    SELECT id, phone, name FROM citizens WHERE phone = $phone`,
  caseEvents: `
    SELECT at, actor, kind, detail FROM case_events WHERE case_id = $caseId ORDER BY id`,
  countCases: `
    SELECT count(*) FROM cases`,
} as const;

interface Statements {
  upsertCitizen: Statement<[{ phone: string; name: string | null; now: string }], { id: number }>;
  insertCase: Statement<
    [
      {
        citizenId: number | null;
        subject: string;
        description: string;
        status: CaseStatus;
        phone: string | null;
        citizenName: string | null;
        linkedid: string | null;
        createdAt: string;
      },
    ],
    CaseRow
  >;
  insertEvent: Statement<
    [{ caseId: number; at: string; actor: string; kind: string; detail: string }],
    never
  >;
  listCases: Statement<[{ limit: number }], CaseRow>;
  casesByPhone: Statement<[{ phone: string; limit: number }], CaseRow>;
  findCitizenByPhone: Statement<[{ phone: string }], CitizenRow>;
  caseEvents: Statement<[{ caseId: number }], CaseEventRow>;
  countCases: Statement<[], number>;
}

const statementCache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let cached = statementCache.get(db);
  if (!cached) {
    const sql = caseRepositorySql;
    cached = {
      upsertCitizen: db.prepare(sql.upsertCitizen),
      insertCase: db.prepare(sql.insertCase),
      insertEvent: db.prepare(sql.insertEvent),
      listCases: db.prepare(sql.listCases),
      casesByPhone: db.prepare(sql.casesByPhone),
      findCitizenByPhone: db.prepare(sql.findCitizenByPhone),
      caseEvents: db.prepare(sql.caseEvents),
      countCases: db.prepare<[], number>(sql.countCases).pluck(),
    };
    statementCache.set(db, cached);
  }
  return cached;
}

function caseFromRow(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    subject: row.subject,
    description: row.description,
    // The CHECK constraint already guarantees this; parsing narrows the type without a cast.
    status: CaseStatus.parse(row.status),
    phone: row.phone,
    citizenName: row.citizen_name,
    linkedid: row.linkedid,
    createdAt: row.created_at,
  };
}

function checkLimit(limit: number): number {
  // SQLite reads a negative LIMIT as "no limit"; a caller bug must not dump the whole table.
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  }
  return limit;
}

/**
 * Records a closed call's case: the citizen (by phone), the case, and its 'created' and
 * outcome events, all or nothing. `input` must already be validated (NewCaseInput).
 */
export function insertCase(
  db: Database,
  input: NewCaseInput,
  opts: { now: Date; actor: string },
): CaseRecord {
  const s = statements(db);
  const at = opts.now.toISOString();
  return db.transaction((): CaseRecord => {
    const citizenId =
      input.phone === null
        ? null
        : s.upsertCitizen.get({ phone: input.phone, name: input.citizenName, now: at })!.id;
    const row = s.insertCase.get({
      citizenId,
      subject: input.subject,
      description: input.description,
      status: input.outcome,
      phone: input.phone,
      citizenName: input.citizenName,
      linkedid: input.linkedid,
      createdAt: at,
    })!;
    s.insertEvent.run({
      caseId: row.id,
      at,
      actor: opts.actor,
      kind: 'created',
      detail: JSON.stringify({ citizenId, linkedid: input.linkedid }),
    });
    s.insertEvent.run({ caseId: row.id, at, actor: opts.actor, kind: input.outcome, detail: '{}' });
    return caseFromRow(row);
  }).immediate();
}

/** The most recent cases, newest first. */
export function listCases(db: Database, limit: number): CaseRecord[] {
  return statements(db).listCases.all({ limit: checkLimit(limit) }).map(caseFromRow);
}

/** A caller's cases, newest first; empty when the number has never been recorded. */
export function casesByPhone(db: Database, phone: string, limit: number): CaseRecord[] {
  return statements(db).casesByPhone.all({ phone, limit: checkLimit(limit) }).map(caseFromRow);
}

export function findCitizenByPhone(db: Database, phone: string): CitizenRecord | null {
  const row = statements(db).findCitizenByPhone.get({ phone });
  return row ? { id: row.id, phone: row.phone, name: row.name } : null;
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

export function countCases(db: Database): number {
  return statements(db).countCases.get()!;
}
