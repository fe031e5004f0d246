import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseSearchQuery } from '../core/case.js';
import { maskPhone } from '../core/phone.js';
import { casesByPhone, findCitizenByPhone, getCase, insertCase } from './caseRepository.js';
import { searchCases } from './caseSearch.js';
import { loadMigrations, schemaVersion } from './migrate.js';
import { openDatabase } from './openDatabase.js';
import { migrationsUpTo, minutesAfter, preparedCase, T0 } from './testSupport.js';

// 0015 rewrote stored phone numbers to one form (905321112233). A store written by 0014 holds
// them as the PBX gave them or the operator typed them: it must come out canonical where the
// number is Turkish, untouched where it is not, and still find every caller by any shape.

const LATEST = loadMigrations().at(-1)!.version;
const NOW = minutesAfter(60);

let dir: string;
let file: string;
const opened: Database[] = [];
const ids: Record<string, number> = {};

function open(migrationsDir?: string): Database {
  const db = openDatabase(file, migrationsDir === undefined ? {} : { migrationsDir });
  opened.push(db);
  return db;
}

/** A 0014 store's citizen and case rows, as insertCase of that release wrote them. */
function seed(old: Database): void {
  const citizen = old.prepare(
    `INSERT INTO citizens (phone, phone_key, name, created_at, updated_at) VALUES (?, phone_search_key(?), ?, ?, ?) RETURNING id`,
  );
  const kase = old.prepare(
    `INSERT INTO cases (application_no, citizen_id, type, subject, description, channel, priority, confidential, urgent,
       status, first_contact_resolution, phone, citizen_name, created_at, updated_at)
     VALUES (?, ?, 'complaint', 'Sokak lambası yanmıyor', ?, 'phone', 'normal', 0, 0, 'new', 0, ?, ?, ?, ?) RETURNING id`,
  );
  const add = (name: string, phone: string, citizenPhone: string | null, description = 'Direk yanmıyor.') => {
    const citizenId =
      citizenPhone === null
        ? null
        : ((old.prepare('SELECT id FROM citizens WHERE phone_key = phone_search_key(?)').pluck().get(citizenPhone) as number | undefined) ??
          (citizen.get(citizenPhone, citizenPhone, name, T0.toISOString(), T0.toISOString()) as { id: number }).id);
    const n = Object.keys(ids).length + 1;
    ids[name] = (kase.get(`2025-000000${n}-1`, citizenId, description, phone, name, T0.toISOString(), T0.toISOString()) as { id: number }).id;
  };
  // One caller, three shapes: the citizen row keeps the first one it was recorded with.
  add('pbx0', '05321112233', '05321112233', 'Kaldırım kırık');
  add('pbx90', '905321112233', '905321112233');
  add('plus', '+905321112233', '+905321112233');
  add('national', '2125550142', '2125550142');
  add('foreign', '+4915112345678', '+4915112345678');
  add('foreignNoPlus', '4915112345678', '4915112345678');
  add('extension', '1001', '1001');
  add('unknown', '12345678', '12345678');
}

beforeEach(() => {
  for (const key of Object.keys(ids)) delete ids[key];
  dir = mkdtempSync(join(tmpdir(), 'alo153-upgrade14-'));
  file = join(dir, 'cases.sqlite');
  const old = open(migrationsUpTo(dir, 14));
  expect(schemaVersion(old)).toBe(14);
  seed(old);
  old.close();
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('upgrading a 0014 store to canonical phone numbers', () => {
  it('stores Turkish numbers as 905321112233 and keeps foreign numbers, extensions and unknown shapes', () => {
    const db = open();
    expect(schemaVersion(db)).toBe(LATEST);
    const phoneOf = (name: string) => getCase(db, ids[name]!, NOW)!.phone;
    expect(phoneOf('pbx0')).toBe('905321112233');
    expect(phoneOf('pbx90')).toBe('905321112233');
    expect(phoneOf('plus')).toBe('905321112233');
    expect(phoneOf('national')).toBe('902125550142');
    expect(phoneOf('foreign')).toBe('+4915112345678');
    expect(phoneOf('foreignNoPlus')).toBe('4915112345678');
    expect(phoneOf('extension')).toBe('1001');
    expect(phoneOf('unknown')).toBe('12345678');

    const citizens = db.prepare('SELECT phone FROM citizens ORDER BY id').pluck().all();
    // The foreign number with and without its + was one citizen already (one search key).
    expect(citizens).toEqual(['905321112233', '902125550142', '+4915112345678', '1001', '12345678']);
    // Masking works on the stored form: the operator prefix and the last four digits.
    expect(maskPhone(phoneOf('pbx0')!)).toBe('90532***2233');
  });

  it('finds the caller by every shape Asterisk gives, and by search, as before', () => {
    const db = open();
    const caller = [ids.plus, ids.pbx90, ids.pbx0];
    for (const callerId of ['05321112233', '5321112233', '905321112233', '+90 532 111 22 33']) {
      expect(casesByPhone(db, callerId, 10, NOW).map((c) => c.id), callerId).toEqual(caller);
      expect(findCitizenByPhone(db, callerId)?.phone, callerId).toBe('905321112233');
    }
    const found = (text: string) => searchCases(db, CaseSearchQuery.parse({ text }), NOW).rows.map((r) => r.id);
    expect(found('0532 111 22 33')).toEqual(caller);
    expect(found('0532 111')).toEqual(caller);
    expect(found('kaldır')).toEqual([ids.pbx0]);
    expect(found('+49 151 1234 5678')).toEqual([ids.foreignNoPlus, ids.foreign]);
  });

  it('keeps the full-text index following the cases after the rewrite', () => {
    const db = open();
    db.prepare('UPDATE cases SET description = ? WHERE id = ?').run('Çöp toplanmadı', ids.national);
    const found = (text: string) => searchCases(db, CaseSearchQuery.parse({ text }), NOW).rows.map((r) => r.id);
    expect(found('çöp')).toEqual([ids.national]);
    expect(found('direk')).not.toContain(ids.national);
  });

  it('adds a new case under the same citizen, whatever shape the number is typed in', () => {
    const db = open();
    const created = insertCase(db, preparedCase({ phone: '(0532) 111-22-33' }), { now: NOW, actor: 'PJSIP/1001', securityCode: 'ABCD2345' });
    expect(created.phone).toBe('905321112233');
    expect(casesByPhone(db, '05321112233', 10, NOW)[0]!.id).toBe(created.id);
    expect(db.prepare('SELECT count(*) FROM citizens WHERE phone_key = ?').pluck().get('5321112233')).toBe(1);
  });
});
