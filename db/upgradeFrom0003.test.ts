import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseApplicationNo } from '../core/applicationNumber.js';
import {
  caseEvents,
  casesByPhone,
  findCitizenByPhone,
  getCase,
  insertCase,
  listCases,
} from './caseRepository.js';
import { searchCases } from './caseSearch.js';
import { CaseSearchQuery } from '../core/case.js';
import { loadMigrations, schemaVersion } from './migrate.js';
import { openDatabase } from './openDatabase.js';
import { deskIdentity } from './syncMeta.js';
import { ACTOR, preparedCase, migrationsUpTo } from './testSupport.js';

const LATEST = loadMigrations().at(-1)!.version;
const NOW = new Date('2025-06-01T09:00:00.000Z');

let dir: string;
let file: string;
const opened: Database[] = [];

function open(migrationsDir?: string): Database {
  const db = openDatabase(file, migrationsDir === undefined ? {} : { migrationsDir });
  opened.push(db);
  return db;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alo153-upgrade-'));
  file = join(dir, 'cases.sqlite');
  const old = open(migrationsUpTo(dir, 3));
  expect(schemaVersion(old)).toBe(3);
  // Rows as the 0001–0003 repository wrote them, including what it allowed and we now merge:
  // one caller recorded as 905321112233 and, later, as 05321112233.
  old.exec(`
    INSERT INTO citizens (id, phone, name, created_at, updated_at) VALUES
      (1, '905321112233', 'Ali V.', '2024-12-20T10:00:00.000Z', '2024-12-20T10:00:00.000Z'),
      (2, '905427654321', 'Fatma Şahin', '2025-01-05T10:00:00.000Z', '2025-01-05T10:00:00.000Z'),
      (3, '05321112233', 'Ali Vatandaş', '2025-02-01T10:00:00.000Z', '2025-02-01T10:00:00.000Z');
    INSERT INTO cases (id, citizen_id, subject, description, status, phone, citizen_name, linkedid, created_at) VALUES
      (1, 1, 'Işıklandırma arızası', 'Park lambaları yanmıyor.', 'forwarded', '905321112233', 'Ali V.', '1734688800.1', '2024-12-20T10:00:00.000Z'),
      -- 21:30 UTC on 31 December: 00:30 on 1 January in Istanbul, so 2025's first number.
      (2, 2, 'Su kesintisi', 'Bilgi verildi.', 'resolved', '905427654321', 'Fatma Şahin', NULL, '2024-12-31T21:30:00.000Z'),
      (3, NULL, 'Kaldırım', 'İzmit Caddesi kaldırımı bozuk.', 'forwarded', NULL, NULL, NULL, '2025-01-10T10:00:00.000Z'),
      (4, 3, 'Çöp', 'Konteyner boşaltılmadı.', 'resolved', '05321112233', 'Ali Vatandaş', NULL, '2025-02-01T10:00:00.000Z'),
      (5, 2, 'Silinen', 'x', 'resolved', '905427654321', NULL, NULL, '2025-02-02T10:00:00.000Z');
    INSERT INTO case_events (case_id, at, actor, kind, detail) VALUES
      (1, '2024-12-20T10:00:00.000Z', 'PJSIP/1001', 'created', '{"citizenId":1,"linkedid":"1734688800.1"}'),
      (1, '2024-12-20T10:00:00.000Z', 'PJSIP/1001', 'forwarded', '{}'),
      (2, '2024-12-31T21:30:00.000Z', 'PJSIP/1002', 'created', '{}'),
      (2, '2024-12-31T21:30:00.000Z', 'PJSIP/1002', 'resolved', '{}'),
      (4, '2025-02-01T10:00:00.000Z', 'PJSIP/1001', 'created', '{}');
    -- A case removed before the upgrade: its id must never come back.
    DELETE FROM cases WHERE id = 5;`);
  old.close();
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('upgrading a 0003 store', () => {
  it('keeps every case with its id and maps the statuses', () => {
    const db = open();
    expect(schemaVersion(db)).toBe(LATEST);
    const rows = db
      .prepare('SELECT id, status, first_contact_resolution, type, channel, priority, updated_at, created_at FROM cases ORDER BY id')
      .all();
    expect(rows).toEqual([
      { id: 1, status: 'forwarded', first_contact_resolution: 0, type: 'request', channel: 'phone', priority: 'normal', updated_at: '2024-12-20T10:00:00.000Z', created_at: '2024-12-20T10:00:00.000Z' },
      { id: 2, status: 'closed', first_contact_resolution: 1, type: 'request', channel: 'phone', priority: 'normal', updated_at: '2024-12-31T21:30:00.000Z', created_at: '2024-12-31T21:30:00.000Z' },
      { id: 3, status: 'forwarded', first_contact_resolution: 0, type: 'request', channel: 'phone', priority: 'normal', updated_at: '2025-01-10T10:00:00.000Z', created_at: '2025-01-10T10:00:00.000Z' },
      { id: 4, status: 'closed', first_contact_resolution: 1, type: 'request', channel: 'phone', priority: 'normal', updated_at: '2025-02-01T10:00:00.000Z', created_at: '2025-02-01T10:00:00.000Z' },
    ]);
    expect(getCase(db, 2, NOW)).toMatchObject({ status: 'closed', firstContactResolution: true, sla: 'done', dueAt: null, attachmentCount: 0 });
    expect(getCase(db, 1, NOW)).toMatchObject({ status: 'forwarded', sla: 'on-time', subject: 'Işıklandırma arızası', linkedid: '1734688800.1' });
  });

  it('numbers old cases per Istanbul year in recording order, and new cases continue', () => {
    const db = open();
    const numbers = db.prepare<[], string>('SELECT application_no FROM cases ORDER BY id').pluck().all();
    expect(numbers.map((n) => parseApplicationNo(n))).toEqual([
      { prefix: null, year: 2024, sequence: 1 },
      { prefix: null, year: 2025, sequence: 1 },
      { prefix: null, year: 2025, sequence: 2 },
      { prefix: null, year: 2025, sequence: 3 },
    ]);
    expect(db.prepare('SELECT * FROM application_sequences ORDER BY year').all()).toEqual([
      { year: 2024, last_sequence: 1 },
      { year: 2025, last_sequence: 3 },
    ]);
    const next = insertCase(db, preparedCase(), { now: NOW, actor: ACTOR, securityCode: 'ABCD2345' });
    // The desk's own sequence goes on, now for provisional numbers with the desk prefix.
    expect(parseApplicationNo(next.applicationNo)).toEqual({ prefix: deskIdentity(db).prefix, year: 2025, sequence: 4 });
    // The deleted case's id 5 stays used.
    expect(next.id).toBe(6);
    // Old cases have no security code to check against.
    expect(db.prepare('SELECT count(*) FROM cases WHERE security_code_hash IS NULL').pluck().get()).toBe(4);
  });

  it('merges the two shapes of one phone into one citizen, cases following', () => {
    const db = open();
    expect(db.prepare('SELECT id, phone, phone_key, name FROM citizens ORDER BY id').all()).toEqual([
      { id: 1, phone: '905321112233', phone_key: '5321112233', name: 'Ali Vatandaş' },
      { id: 2, phone: '905427654321', phone_key: '5427654321', name: 'Fatma Şahin' },
    ]);
    expect(db.prepare('SELECT citizen_id FROM cases ORDER BY id').pluck().all()).toEqual([1, 2, null, 1]);
    expect(casesByPhone(db, '05321112233', 10, NOW).map((c) => c.id)).toEqual([4, 1]);
    expect(findCitizenByPhone(db, '+90 532 111 22 33')?.name).toBe('Ali Vatandaş');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('keeps the audit trail, still append-only', () => {
    const db = open();
    expect(caseEvents(db, 1).map((e) => e.kind)).toEqual(['created', 'forwarded']);
    expect(caseEvents(db, 2).map((e) => e.kind)).toEqual(['created', 'resolved']);
    expect(() => db.prepare('DELETE FROM case_events').run()).toThrow(/append-only/);
    expect(() => db.prepare(`UPDATE case_events SET kind = 'x'`).run()).toThrow(/append-only/);
    expect(() =>
      db.prepare(`INSERT INTO case_events (case_id, at, actor, kind) VALUES (5, '2025-01-01T00:00:00.000Z', 'x', 'note')`).run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('indexes old cases for search and lists them as before', () => {
    const db = open();
    const found = (text: string) => searchCases(db, CaseSearchQuery.parse({ text }), NOW).rows.map((c) => c.id);
    expect(found('isiklandirma')).toEqual([1]);
    expect(found('IZMIT')).toEqual([3]);
    expect(found('kaldır')).toEqual([3]);
    expect(found('0532 111 22 33')).toEqual([4, 1]);
    expect(listCases(db, 10, NOW).map((c) => c.id)).toEqual([4, 3, 2, 1]);
    const indexes = db
      .prepare<[], string>(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'cases' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all();
    expect(indexes).toEqual([
      'cases_channel',
      'cases_citizen_id_created_at',
      'cases_citizen_open',
      'cases_created_at',
      'cases_draft_id',
      'cases_incident_citizen',
      'cases_open_due_at',
      'cases_status',
      'cases_subject_code',
      'cases_tc_kimlik_no',
      'cases_unit_code',
    ]);
  });
});
