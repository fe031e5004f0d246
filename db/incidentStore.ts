import type { Database, Statement } from 'better-sqlite3';
import type { CaseRecord } from '../core/case.js';
import { phoneSearchKey } from '../core/phone.js';
import { CASE_COLUMNS, caseFromRow, statementCache, type CaseRow } from './caseRows.js';

/*
 * The active mass incidents as the server last sent them (migration 0014), kept so that a desk
 * offers them at the pop and attaches calls to them while the server is away. Stored as the
 * server's JSON: the desk reads them whole and never queries inside them.
 */

interface Statements {
  all: Statement<[], { body: string }>;
  clear: Statement<[]>;
  insert: Statement<[{ id: string; body: string }]>;
  caseOfCaller: Statement<[{ incidentId: string; phoneKey: string }], CaseRow>;
  recentUnattached: Statement<[{ since: string }], RecentCase>;
}

/** A recent case as surge detection reads it (core/incidentSurge.ts SurgeCase). */
export interface RecentCase {
  applicationNo: string;
  subjectCode: string | null;
  district: string | null;
  createdAt: string;
  incidentId: string | null;
}

const statements = statementCache(
  (db: Database): Statements => ({
    all: db.prepare('SELECT body FROM incidents ORDER BY id'),
    clear: db.prepare('DELETE FROM incidents'),
    insert: db.prepare('INSERT INTO incidents (id, body) VALUES ($id, $body)'),
    caseOfCaller: db.prepare(`
      SELECT ${CASE_COLUMNS} FROM cases AS c
      WHERE c.incident_id = $incidentId AND c.citizen_id = (SELECT id FROM citizens WHERE phone_key = $phoneKey)
      ORDER BY c.created_at, c.id LIMIT 1`),
    recentUnattached: db.prepare(`
      SELECT application_no AS applicationNo, subject_code AS subjectCode, json_extract(address, '$.district') AS district,
        created_at AS createdAt, incident_id AS incidentId
      FROM cases WHERE created_at >= $since AND incident_id IS NULL AND subject_code IS NOT NULL AND address IS NOT NULL
      ORDER BY created_at`),
  }),
);

/** The stored incidents' JSON texts; the caller parses them (db/ holds no protocol schema). */
export function storedIncidents(db: Database): string[] {
  return statements(db)
    .all.all()
    .map((r) => r.body);
}

/** Replaces the stored list with this one, in one transaction. */
export function replaceIncidents(db: Database, incidents: readonly { id: string }[]): void {
  const s = statements(db);
  db.transaction(() => {
    s.clear.run();
    for (const incident of incidents) s.insert.run({ id: incident.id, body: JSON.stringify(incident) });
  })();
}

/** Cases created since `since` with a subject and an address and no incident: what a surge is made of. */
export function recentUnattachedCases(db: Database, since: Date): RecentCase[] {
  return statements(db).recentUnattached.all({ since: since.toISOString() });
}

/** The caller's case already attached to this incident (their first), if they called about it before. */
export function incidentCaseOfCaller(db: Database, incidentId: string, phone: string, now: Date): CaseRecord | null {
  const phoneKey = phoneSearchKey(phone);
  if (phoneKey === null) return null;
  const row = statements(db).caseOfCaller.get({ incidentId, phoneKey });
  return row === undefined ? null : caseFromRow(row, now);
}
