import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../core/applicationNumber.js';
import { CaseSearchQuery } from '../core/case.js';
import { appendNote, getCase, insertCase } from './caseRepository.js';
import { searchCases } from './caseSearch.js';
import { loadMigrations, schemaVersion } from './migrate.js';
import { openDatabase } from './openDatabase.js';
import { deskIdentity } from './syncMeta.js';
import { enqueueMissingCreates, outboxCounts, pendingChanges } from './syncOutbox.js';
import { ACTOR, preparedCase, TC_A, migrationsUpTo } from './testSupport.js';

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
  dir = mkdtempSync(join(tmpdir(), 'alo153-upgrade8-'));
  file = join(dir, 'cases.sqlite');
  const old = open(migrationsUpTo(dir, 8));
  expect(schemaVersion(old)).toBe(8);
  // Cases as the 0008 repository wrote them: unprefixed numbers from application_sequences.
  old.exec(`
    INSERT INTO citizens (id, phone, phone_key, name, tc_kimlik_no, created_at, updated_at) VALUES
      (1, '905321112233', '5321112233', 'Ali Vatandaş', '${TC_A}', '2025-05-01T10:00:00.000Z', '2025-05-01T10:00:00.000Z');
    INSERT INTO cases (id, application_no, security_code_hash, citizen_id, type, subject_code, subject,
        description, channel, priority, confidential, urgent, status, unit_code, resolution,
        first_contact_resolution, phone, citizen_name, tc_kimlik_no, created_at, updated_at) VALUES
      (1, '${formatApplicationNo(2025, 1)}', '${'a'.repeat(32)}$${'b'.repeat(64)}', 1, 'complaint', 'aydinlatma',
        'Sokak lambası', 'Park lambaları yanmıyor.', 'phone', 'normal', 0, 0, 'forwarded', 'fen-isleri', NULL, 0,
        '905321112233', 'Ali Vatandaş', '${TC_A}', '2025-05-01T10:00:00.000Z', '2025-05-01T10:00:00.000Z'),
      (2, '${formatApplicationNo(2025, 2)}', NULL, NULL, 'information', NULL, 'Su kesintisi', 'Bilgi verildi.',
        'phone', 'normal', 0, 0, 'closed', NULL, 'Bilgi verildi.', 1, NULL, NULL, NULL,
        '2025-05-02T10:00:00.000Z', '2025-05-02T10:00:00.000Z');
    INSERT INTO application_sequences (year, last_sequence) VALUES (2025, 2);
    INSERT INTO case_events (case_id, at, actor, kind) VALUES
      (1, '2025-05-01T10:00:00.000Z', 'PJSIP/1001', 'created'),
      (2, '2025-05-02T10:00:00.000Z', 'PJSIP/1001', 'created');`);
  old.close();
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('upgrading a 0008 store to the sync outbox', () => {
  it('queues a create for every existing case, unconfirmed, oldest first', () => {
    const db = open();
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.prepare('SELECT id, server_version FROM cases ORDER BY id').all()).toEqual([
      { id: 1, server_version: null },
      { id: 2, server_version: null },
    ]);
    const pending = pendingChanges(db, 10, NOW);
    expect(pending.map((c) => [c.kind, c.caseId, c.applicationNo, c.createdAt])).toEqual([
      ['create', 1, formatApplicationNo(2025, 1), '2025-05-01T10:00:00.000Z'],
      ['create', 2, formatApplicationNo(2025, 2), '2025-05-02T10:00:00.000Z'],
    ]);
    for (const c of pending) {
      expect(c.changeId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(pending.map((c) => c.changeId)).size).toBe(2);
    expect(pending[0]!.createCase).toEqual({
      ...getCase(db, 1, NOW, { revealTcKimlikNo: true }),
      securityCodeHash: `${'a'.repeat(32)}$${'b'.repeat(64)}`,
    });
    expect(pending[0]!.createCase!.tcKimlikNo).toBe(TC_A);
    expect(pending[1]!.createCase!.securityCodeHash).toBeNull();
    // enqueueMissingCreates finds nothing left to do, however often it runs.
    expect(enqueueMissingCreates(db)).toBe(0);
    expect(enqueueMissingCreates(db)).toBe(0);
    expect(outboxCounts(db)).toEqual({ pending: 2, held: 0 });
  });

  it('enqueueMissingCreates is the safety net when the creates are missing', () => {
    const db = open();
    db.exec('DELETE FROM sync_outbox');
    // A note appended afterwards does not hide the missing create.
    appendNote(db, 2, 'tekrar aradı', { now: NOW, actor: ACTOR, linkedid: null });
    expect(enqueueMissingCreates(db)).toBe(2);
    expect(enqueueMissingCreates(db)).toBe(0);
    expect(pendingChanges(db, 10, NOW).map((c) => [c.kind, c.caseId])).toEqual([
      ['note', 2],
      ['create', 1],
      ['create', 2],
    ]);
  });

  it('new cases continue the desk sequence with provisional numbers; old ones stay searchable', () => {
    const db = open();
    const next = insertCase(db, preparedCase(), { now: NOW, actor: ACTOR, securityCode: 'ABCD2345' });
    expect(next.applicationNo).toBe(formatApplicationNo(2025, 3, deskIdentity(db).prefix));
    expect(outboxCounts(db)).toEqual({ pending: 3, held: 0 });
    const found = (text: string) => searchCases(db, CaseSearchQuery.parse({ text }), NOW).rows.map((c) => c.id);
    expect(found('lambalari')).toEqual([1]);
    expect(found(formatApplicationNo(2025, 2))).toEqual([2]);
  });
});
