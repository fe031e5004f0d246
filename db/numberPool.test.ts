import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatApplicationNo, parseApplicationNo } from '../core/applicationNumber.js';
import { insertCase } from './caseRepository.js';
import { addReservedNumbers, reservedNumberCount } from './numberPool.js';
import { deskIdentity, PREFIX_ALPHABET, readCursor, readLastSyncAt, writeLastSyncAt } from './syncMeta.js';
import { ACTOR, minutesAfter, preparedCase, T0, tempStore } from './testSupport.js';

// scrypt costs tens of milliseconds per case; numbering is what these tests are about.
vi.mock('../core/securityCode.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../core/securityCode.js')>()),
  hashSecurityCode: () => `${'a'.repeat(32)}$${'b'.repeat(64)}`,
}));

let store: ReturnType<typeof tempStore>;
let db: Database;

beforeEach(() => {
  store = tempStore();
  db = store.open();
});

afterEach(() => store.close());

const ctx = (now = T0) => ({ now, actor: ACTOR, securityCode: 'K7M2P9RT' });
const record = (now = T0) => insertCase(db, preparedCase({ phone: null, citizenName: null }), ctx(now)).applicationNo;

describe('deskIdentity', () => {
  it('is created once and kept across connections and reopening', () => {
    const first = deskIdentity(db);
    expect(first.deskId).toMatch(/^desk-[0-9a-f]{16}$/);
    expect(first.prefix).toMatch(/^D[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
    expect(deskIdentity(db)).toEqual(first);
    expect(deskIdentity(store.open())).toEqual(first);
    db.close();
    db = store.open();
    expect(deskIdentity(db)).toEqual(first);
  });

  it('draws prefixes that core accepts and that round-trip, without 0/1/I/L/O/U', () => {
    expect(PREFIX_ALPHABET).toHaveLength(30);
    expect(PREFIX_ALPHABET).not.toMatch(/[01ILOU]/);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const other = tempStore();
      try {
        const { prefix, deskId } = deskIdentity(other.open());
        seen.add(prefix);
        expect(deskId).toMatch(/^desk-[0-9a-f]{16}$/);
        const no = formatApplicationNo(2026, 42, prefix);
        expect(no.startsWith(`${prefix}-`)).toBe(true);
        expect(parseApplicationNo(no)).toEqual({ prefix, year: 2026, sequence: 42 });
      } finally {
        other.close();
      }
    }
    // 30^5 prefixes: 200 desks practically never share one.
    expect(seen.size).toBeGreaterThan(195);
  }, 30_000);
});

describe('sync meta', () => {
  it('cursor is empty and last sync null until written', () => {
    expect(readCursor(db)).toBe('');
    expect(readLastSyncAt(db)).toBeNull();
    writeLastSyncAt(db, '2025-03-10T11:00:00+03:00');
    expect(readLastSyncAt(db)).toBe('2025-03-10T08:00:00.000Z');
    expect(() => writeLastSyncAt(db, 'yesterday')).toThrow(RangeError);
  });
});

describe('application numbers from the pool', () => {
  it('uses reserved numbers of the year first, smallest first, then provisional ones', () => {
    const prefix = deskIdentity(db).prefix;
    expect(addReservedNumbers(db, [formatApplicationNo(2025, 12), formatApplicationNo(2025, 10).replace(/-/g, ' '), formatApplicationNo(2025, 11)])).toBe(3);
    expect(reservedNumberCount(db, 2025)).toBe(3);
    const numbers = [record(), record(minutesAfter(1)), record(minutesAfter(2)), record(minutesAfter(3)), record(minutesAfter(4))];
    expect(numbers).toEqual([
      formatApplicationNo(2025, 10),
      formatApplicationNo(2025, 11),
      formatApplicationNo(2025, 12),
      formatApplicationNo(2025, 1, prefix),
      formatApplicationNo(2025, 2, prefix),
    ]);
    expect(reservedNumberCount(db, 2025)).toBe(0);
  });

  it('ignores duplicates, garbage and numbers a case already has', () => {
    addReservedNumbers(db, [formatApplicationNo(2025, 5)]);
    const used = record();
    expect(used).toBe(formatApplicationNo(2025, 5));
    expect(
      addReservedNumbers(db, [
        formatApplicationNo(2025, 6),
        formatApplicationNo(2025, 6),
        '2025 0000006 X',
        '2025-0000006-0',
        'not a number',
        used,
      ]),
    ).toBe(1);
    expect(addReservedNumbers(db, [formatApplicationNo(2025, 6)])).toBe(0);
    expect(reservedNumberCount(db, 2025)).toBe(1);
  });

  it('never uses a number of a past year, and drops those lazily', () => {
    addReservedNumbers(db, [formatApplicationNo(2024, 3), formatApplicationNo(2026, 4)]);
    expect(reservedNumberCount(db, 2024)).toBe(1);
    const no = record();
    expect(parseApplicationNo(no)).toEqual({ prefix: deskIdentity(db).prefix, year: 2025, sequence: 1 });
    expect(reservedNumberCount(db, 2024)).toBe(0);
    expect(reservedNumberCount(db, 2026)).toBe(1);
    // 2026 begins at 21:00 UTC on 31 December 2025.
    expect(record(new Date('2025-12-31T21:00:00.000Z'))).toBe(formatApplicationNo(2026, 4));
  });

  it('skips a reserved number that a pulled case already carries', () => {
    addReservedNumbers(db, [formatApplicationNo(2025, 7), formatApplicationNo(2025, 8)]);
    const first = record();
    db.prepare('UPDATE cases SET application_no = ? WHERE application_no = ?').run(formatApplicationNo(2025, 8), first);
    expect(record(minutesAfter(1))).toBe(formatApplicationNo(2025, 1, deskIdentity(db).prefix));
  });

  it('gives the reserved number back when the case insert fails', () => {
    addReservedNumbers(db, [formatApplicationNo(2025, 9)]);
    db.exec(`CREATE TEMP TRIGGER fail BEFORE INSERT ON main.sync_outbox BEGIN SELECT RAISE(ABORT, 'boom'); END;`);
    expect(() => record()).toThrow(/boom/);
    expect(reservedNumberCount(db, 2025)).toBe(1);
    db.exec('DROP TRIGGER temp.fail');
    expect(record()).toBe(formatApplicationNo(2025, 9));
  });

  it('provisional numbers carry the prefix, parse back and never repeat, across 1000 inserts and reopening', () => {
    const { prefix } = deskIdentity(db);
    const numbers = new Set<string>();
    const insertMany = (from: number, count: number) =>
      db.transaction(() => {
        for (let i = from; i < from + count; i++) numbers.add(record(minutesAfter(i)));
      })();
    insertMany(0, 1000);
    db.close();
    db = store.open();
    expect(deskIdentity(db).prefix).toBe(prefix);
    insertMany(1000, 10);
    expect(numbers.size).toBe(1010);
    const parsed = [...numbers].map((n) => parseApplicationNo(n));
    expect(parsed.every((p) => p !== null && p.prefix === prefix && p.year === 2025)).toBe(true);
    expect(parsed.map((p) => p!.sequence)).toEqual(Array.from({ length: 1010 }, (_, i) => i + 1));
  }, 60_000);
});
