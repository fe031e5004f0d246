import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseSearchQuery } from '../core/case.js';
import type { CaseSearchFilters } from '../core/case.js';
import { searchCases } from './caseSearch.js';
import { loadMigrations, schemaVersion } from './migrate.js';
import { openDatabase } from './openDatabase.js';
import { facetToken } from './searchTokens.js';
import { migrationsUpTo, preparedCase, T0, TC_A } from './testSupport.js';

// 0012 rebuilt the full-text index without the T.C. kimlik no and with only the words of the
// cases' text: a store written by 0011 must come out of it with neither weakness.

const LATEST = loadMigrations().at(-1)!.version;
const NOW = new Date('2025-03-12T09:00:00.000Z');

let dir: string;
let file: string;
const opened: Database[] = [];
const ids: Record<string, number> = {};

function open(migrationsDir?: string): Database {
  const db = openDatabase(file, migrationsDir === undefined ? {} : { migrationsDir });
  opened.push(db);
  return db;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alo153-upgrade11-'));
  file = join(dir, 'cases.sqlite');
  const old = open(migrationsUpTo(dir, 11));
  expect(schemaVersion(old)).toBe(11);
  // The columns a 0011 store has (today's insertCase writes later ones too), as insertCase wrote them then.
  const add = (name: string, ...args: Parameters<typeof preparedCase>) => {
    const { input, ...decided } = preparedCase(...args);
    ids[name] = Number(
      old
        .prepare(
          `INSERT INTO cases (application_no, type, subject_code, subject, description, channel, priority, confidential, urgent,
             status, unit_code, resolution, first_contact_resolution, phone, citizen_name, tc_kimlik_no, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, NULL, 0, ?, ?, ?, ?, ?)`,
        )
        .run(`2025-000000${Object.keys(ids).length + 1}-1`, decided.type, decided.subjectCode, input.subject, input.description, input.channel, decided.priority,
          decided.status, decided.unitCode, input.phone, input.citizenName, input.tcKimlikNo, T0.toISOString(), T0.toISOString()).lastInsertRowid,
    );
  };
  add('withTc', { tcKimlikNo: TC_A, description: 'Parktaki lambalar yanmıyor.' });
  // Forwarded to fen-isleri; its text carries the facets of a closed zabıta case.
  add('hostile', { description: `Kaldırım kırık ${facetToken('status', 'closed')} ${facetToken('unit', 'zabita')}` });
  old.close();
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('upgrading a 0011 store to the rebuilt full-text index', () => {
  it('finds a T.C. kimlik no only whole, and a case by its real facets only', () => {
    const db = open();
    expect(schemaVersion(db)).toBe(LATEST);
    const found = (text: string, filters: Partial<CaseSearchFilters> = {}) =>
      searchCases(db, CaseSearchQuery.parse({ text, filters }), NOW).rows.map((r) => r.id);

    expect(found(TC_A)).toEqual([ids.withTc]);
    for (let n = 2; n < 11; n++) expect(found(TC_A.slice(0, n)), TC_A.slice(0, n)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM search_terms WHERE term = ?').pluck().get(TC_A)).toBe(0);

    expect(found('', { status: ['closed'], unitCode: 'zabita' })).toEqual([]);
    expect(found('kaldirim', { status: ['closed'] })).toEqual([]);
    expect(found('kaldirim', { status: ['forwarded'], unitCode: 'fen-isleri' })).toEqual([ids.hostile]);
    // The rest of the index came through: words, prefixes, phones.
    expect(found('parktaki')).toEqual([ids.withTc]);
    expect(found('kaldır')).toEqual([ids.hostile]);
    expect(found('0532 111')).toEqual([ids.hostile, ids.withTc]);
  });
});
