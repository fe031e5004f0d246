/**
 * Helpers for db/ tests: a store in a temp folder and cases as core's rules would prepare them.
 * Not imported by the application.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import type { NewCaseInput, PreparedCase } from '../core/case.js';
import { MIGRATIONS_DIR } from './migrate.js';
import { openDatabase } from './openDatabase.js';

export const T0 = new Date('2025-03-10T08:00:00.000Z');
export const minutesAfter = (m: number, from = T0): Date => new Date(from.getTime() + m * 60_000);
export const ACTOR = 'PJSIP/1001';

/** Valid check digits (core/tcKimlik.ts). */
export const TC_A = '10000000146';
export const TC_B = '12345678950';

/**
 * A case as core/caseRules.ts would hand it over: forwarded to fen-isleri with a due time, or,
 * with outcome 'resolved', closed on the call. `decided` overrides what the rules decided.
 */
export function preparedCase(
  input: Partial<NewCaseInput> = {},
  decided: Partial<Omit<PreparedCase, 'input'>> = {},
): PreparedCase {
  const full: NewCaseInput = {
    subject: 'Sokak lambası yanmıyor',
    subjectCode: 'aydinlatma',
    type: 'complaint',
    channel: 'phone',
    priority: null,
    confidential: null,
    description: 'Çınar Sokak 14 önündeki direk üç gündür yanmıyor.',
    outcome: 'forwarded',
    resolution: null,
    unitCode: null,
    phone: '905321112233',
    citizenName: 'Ali Vatandaş',
    tcKimlikNo: null,
    address: null,
    linkedid: '1741593600.42',
    draftId: null,
    incidentId: null,
    ...input,
  };
  const resolved = full.outcome === 'resolved';
  return {
    input: full,
    type: full.type,
    subjectCode: full.subjectCode,
    priority: 'normal',
    confidential: false,
    urgent: false,
    status: resolved ? 'closed' : 'forwarded',
    unitCode: resolved ? null : (full.unitCode ?? 'fen-isleri'),
    resolution: resolved ? (full.resolution ?? full.description) : null,
    firstContactResolution: resolved,
    dueAt: resolved ? null : new Date('2025-03-13T14:30:00.000Z'),
    ...decided,
  };
}

/** A store in a fresh temp folder; `close()` closes it and removes the folder. */
export function tempStore(): { file: string; dir: string; open: () => Database; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'alo153-store-'));
  const file = join(dir, 'cases.sqlite');
  const opened: Database[] = [];
  return {
    dir,
    file,
    open() {
      const db = openDatabase(file);
      opened.push(db);
      return db;
    },
    close() {
      for (const db of opened.splice(0)) if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** EXPLAIN QUERY PLAN of `sql`, one line per step. */
export function queryPlan(db: Database, sql: string, params: Record<string, unknown>): string {
  return db
    .prepare<[Record<string, unknown>], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(params)
    .map((row) => row.detail)
    .join('\n');
}

/**
 * A copy, in `dir`, of the shipped migrations numbered up to `version`: opening a store with it
 * makes a store as that release left it, to upgrade from.
 */
export function migrationsUpTo(dir: string, version: number): string {
  const copy = join(dir, `migrations-${String(version).padStart(4, '0')}`);
  cpSync(fileURLToPath(MIGRATIONS_DIR), copy, {
    recursive: true,
    filter: (source) => {
      const numbered = /[/\\](\d+)-[^/\\]*\.sql$/.exec(source);
      return numbered === null || Number(numbered[1]) <= version;
    },
  });
  return copy;
}
