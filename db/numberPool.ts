import type { Database, Statement } from 'better-sqlite3';
import { formatApplicationNo, parseApplicationNo } from '../core/applicationNumber.js';
import { statementCache } from './caseRows.js';
import { istanbulYear } from './sqlFunctions.js';
import { deskIdentity } from './syncMeta.js';

/**
 * Application numbers for new cases. A final number the central server reserved for this desk
 * is used first: the citizen is told the number that stays. Without one (offline for long, or
 * never synced) the desk issues a provisional number of its own, `D7KQ2M-2026-0000042-3`, from
 * application_sequences: the desk prefix keeps it apart from every other desk's numbers, and
 * the sequence only grows, so it is never issued twice and stays valid forever.
 */

export const numberPoolSql = {
  dropPastYears: `
    DELETE FROM reserved_numbers WHERE year < $year`,
  smallestReserved: `
    SELECT application_no FROM reserved_numbers WHERE year = $year ORDER BY sequence LIMIT 1`,
  deleteReserved: `
    DELETE FROM reserved_numbers WHERE application_no = $applicationNo`,
  caseHasNumber: `
    SELECT 1 FROM cases WHERE application_no = $applicationNo`,
  addReserved: `
    INSERT INTO reserved_numbers (application_no, year, sequence)
    SELECT $applicationNo, $year, $sequence
    WHERE NOT EXISTS (SELECT 1 FROM cases WHERE application_no = $applicationNo)
    ON CONFLICT (application_no) DO NOTHING`,
  reservedCount: `
    SELECT count(*) FROM reserved_numbers WHERE year = $year`,
  // Inside insertCase's IMMEDIATE transaction, so two processes never get one number.
  nextSequence: `
    INSERT INTO application_sequences (year, last_sequence) VALUES ($year, 1)
    ON CONFLICT (year) DO UPDATE SET last_sequence = last_sequence + 1
    RETURNING last_sequence`,
} as const;

interface Statements {
  dropPastYears: Statement<[{ year: number }], never>;
  smallestReserved: Statement<[{ year: number }], string>;
  deleteReserved: Statement<[{ applicationNo: string }], never>;
  caseHasNumber: Statement<[{ applicationNo: string }], number>;
  addReserved: Statement<[{ applicationNo: string; year: number; sequence: number }], never>;
  reservedCount: Statement<[{ year: number }], number>;
  nextSequence: Statement<[{ year: number }], number>;
}

const statements = statementCache((db: Database): Statements => {
  const sql = numberPoolSql;
  return {
    dropPastYears: db.prepare(sql.dropPastYears),
    smallestReserved: db.prepare<[{ year: number }], string>(sql.smallestReserved).pluck(),
    deleteReserved: db.prepare(sql.deleteReserved),
    caseHasNumber: db.prepare<[{ applicationNo: string }], number>(sql.caseHasNumber).pluck(),
    addReserved: db.prepare(sql.addReserved),
    reservedCount: db.prepare<[{ year: number }], number>(sql.reservedCount).pluck(),
    nextSequence: db.prepare<[{ year: number }], number>(sql.nextSequence).pluck(),
  };
});

/**
 * The number for a case recorded at `now`. Call inside the transaction that inserts the case
 * (IMMEDIATE): a reserved number is taken (deleted) with it, and rolled back with it.
 */
export function takeApplicationNumber(db: Database, now: Date): string {
  const s = statements(db);
  const year = istanbulYear(now);
  s.dropPastYears.run({ year });
  for (;;) {
    const reserved = s.smallestReserved.get({ year });
    if (reserved === undefined) break;
    s.deleteReserved.run({ applicationNo: reserved });
    // A case pulled from the server may carry it already; never give a number out twice.
    if (s.caseHasNumber.get({ applicationNo: reserved }) === undefined) return reserved;
  }
  return formatApplicationNo(year, s.nextSequence.get({ year })!, deskIdentity(db).prefix);
}

/**
 * Adds numbers the server reserved for this desk, in any form people type them; returns how
 * many were new. Ignores duplicates, numbers that do not parse (or fail their check digit) and
 * numbers a case already has. Numbers of a past year are kept until the next insertCase drops
 * them: that is decided by the time a case is recorded, not by this call.
 */
export function addReservedNumbers(db: Database, numbers: string[]): number {
  const s = statements(db);
  return db.transaction((): number => {
    let added = 0;
    for (const number of numbers) {
      const parsed = parseApplicationNo(number);
      if (parsed === null) continue;
      const applicationNo = formatApplicationNo(parsed.year, parsed.sequence, parsed.prefix ?? undefined);
      added += s.addReserved.run({ applicationNo, year: parsed.year, sequence: parsed.sequence }).changes;
    }
    return added;
  }).immediate();
}

/** Reserved numbers left for the Istanbul year `year`. */
export function reservedNumberCount(db: Database, year: number): number {
  return statements(db).reservedCount.get({ year })!;
}
