import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import type { Account } from '../auth/roles.js';
import { loadMigrations, migrate } from '../db/migrate.js';
import { openPostgres } from '../db/postgresClient.js';
import type { SqlClient, SqlRunner } from '../db/sqlClient.js';
import { engines, throwawayPostgresUrl, type TestDatabase } from '../db/testEngines.js';
import { seedUnits } from '../seed.js';
import { CREATED_AT, createChange, createPayload } from '../testSupport.js';
import { announceCommits } from './changeLog.js';
import { changesHeldBack, pullChanges } from './pull.js';
import { pushChanges } from './push.js';

const lead: Account = { id: '1', username: 'lead', displayName: 'Lead', role: 'team-lead', unitCode: null };
const now = () => new Date('2026-11-25T10:00:00.000Z');
let nextNumber = 1;
const create = (deskId: string) => createChange(formatApplicationNo(2026, nextNumber++, deskId), {}, deskId);
const keysOf = (page: { changes: { caseKey: string }[] }) => page.changes.map((c) => c.caseKey);

describe.each(engines)('change log on $name', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await engine.open();
    await migrate(t.db);
    await seedUnits(t.db); // creates are routed to units the server knows
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('never lets a reader see a later entry while an earlier one is uncommitted', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let slowTookNumbers!: () => void;
    const slowHasNumbers = new Promise<void>((resolve) => (slowTookNumbers = resolve));
    const first = create('D1');
    const second = create('D2');
    // A push whose transaction has logged its entry and then stalls before COMMIT.
    const slow = t.db.transaction(async (tx) => {
      const r = await pushChanges({ ...t.db, transaction: (fn) => fn(tx) }, lead, { deskId: 'D1', changes: [first] }, now);
      slowTookNumbers();
      await gate;
      return r;
    });
    await slowHasNumbers;
    const fast = pushChanges(t.db, lead, { deskId: 'D2', changes: [second] }, now);
    const early = pullChanges(t.db, lead, { cursor: '', limit: 100 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await Promise.all([slow, fast]);
    // PostgreSQL: the reader answered at once with nothing (or slow's entry alone); PGlite: it
    // waited for slow's transaction. Never fast's entry without slow's.
    expect([[], [first.caseKey], [first.caseKey, second.caseKey]]).toContainEqual(keysOf(await early));
    const all = await pullChanges(t.db, lead, { cursor: '', limit: 100 });
    expect(all.changes.map((c) => [c.seq, c.caseKey])).toEqual([
      ['1', first.caseKey],
      ['2', second.caseKey],
    ]);
    expect(all.cursor).toBe(all.changes[1]!.cursor);
  });

  it('announces a transaction once it has committed, only when it logged changes', async () => {
    let announced = 0;
    const db = announceCommits(t.db, () => (announced += 1));
    await pushChanges(db, lead, { deskId: 'D1', changes: [create('D1')] }, now);
    expect(announced).toBe(1);
    await db.transaction((tx) => tx.query('SELECT 1'));
    expect(announced).toBe(1);
    await expect(
      db.transaction(async (tx) => {
        await pushChanges({ ...t.db, transaction: (fn) => fn(tx) }, lead, { deskId: 'D1', changes: [create('D1')] }, now);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(announced).toBe(1);
  });
});

describe.each(engines)('a desk cursor from before migration 0009 on $name', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await engine.open();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('pulls on from where it was: the older entries first, then the new ones', async () => {
    const all = await loadMigrations();
    await migrate(t.db, all.filter((m) => m.version < 9));
    await seedUnits(t.db);
    const old = [formatApplicationNo(2026, 1, 'D1'), formatApplicationNo(2026, 2, 'D1'), formatApplicationNo(2026, 3, 'D1')];
    for (const no of old) {
      // How releases before 0009 logged: numbers from the head row, gap-free.
      const { securityCodeHash: _, ...payload } = createPayload();
      const snapshot = { ...payload, applicationNo: no, version: 1, updatedAt: CREATED_AT };
      await t.db.query(
        `WITH c AS (
           INSERT INTO cases (application_no, status, unit_code, confidential, fields, created_at, updated_at, version)
           VALUES ($1, 'forwarded', 'fen-isleri', false, '{}', now(), now(), 1) RETURNING id),
         head AS (UPDATE change_log_head SET last_seq = last_seq + 1 RETURNING last_seq)
         INSERT INTO change_log (seq, case_id, desk_id, kind, detail, snapshot, at) SELECT head.last_seq, c.id, 'D1', 'create', '{}', $2::jsonb, now() FROM c, head`,
        [no, JSON.stringify(snapshot)],
      );
    }
    expect(await migrate(t.db)).toContain(9);
    const fresh = createChange(formatApplicationNo(2026, 4, 'D1'), {}, 'D1');
    await pushChanges(t.db, lead, { deskId: 'D1', changes: [fresh] }, now);

    const page = await pullChanges(t.db, lead, { cursor: '2', limit: 100 });
    expect(page.changes.map((c) => [c.seq, c.caseKey])).toEqual([
      ['3', old[2]],
      ['4', fresh.caseKey],
    ]);
    expect(page.changes[0]!.cursor).toBe('0.3');
    expect(page.cursor).toMatch(/^[1-9][0-9]*\.4$/);
    expect(keysOf(await pullChanges(t.db, lead, { cursor: '', limit: 100 }))).toEqual([...old, fresh.caseKey]);
    expect(await pullChanges(t.db, lead, { cursor: page.cursor, limit: 100 })).toEqual({ changes: [], more: false, cursor: page.cursor });
  });
});

/**
 * The case migration 0009 exists for, with real concurrency: a second connection holds a
 * transaction open while others commit after it. (PGlite has one connection: nothing overlaps.)
 */
describe('a change committed out of order on PostgreSQL', () => {
  let db: SqlClient;
  let late: pg.Client;
  let drop: () => Promise<void>;
  /** pushChanges inside the late connection's open transaction. */
  let onLate: SqlClient;
  beforeAll(async () => {
    const throwaway = await throwawayPostgresUrl();
    drop = throwaway.drop;
    db = openPostgres(throwaway.url);
    await migrate(db);
    await seedUnits(db);
    late = new pg.Client({ connectionString: throwaway.url });
    await late.connect();
    const runner: SqlRunner = {
      query: async (sql, params = []) => (await late.query(sql, [...params])).rows,
      exec: async (sql) => void (await late.query(sql)),
    };
    onLate = { ...runner, transaction: (fn) => fn(runner), close: async () => undefined };
  });
  afterAll(async () => {
    await late?.end();
    await db?.close();
    await drop?.();
  });

  /** Pulls from `cursor` to the end, as a desk does: every entry it is handed, and where it ends. */
  const pullFrom = async (cursor: string): Promise<{ keys: string[]; cursor: string }> => {
    const page = await pullChanges(db, lead, { cursor, limit: 2 });
    const rest = page.more ? await pullFrom(page.cursor) : { keys: [], cursor: page.cursor };
    return { keys: [...keysOf(page), ...rest.keys], cursor: rest.cursor };
  };
  /** A desk that is up to date now, keeping its cursor and all it was handed from here on. */
  const upToDateDesk = async () => {
    const desk = { cursor: (await pullFrom('')).cursor, handed: [] as string[] };
    const pull = async () => {
      const page = await pullFrom(desk.cursor);
      desk.handed.push(...page.keys);
      desk.cursor = page.cursor;
      return page.keys;
    };
    return Object.assign(desk, { pull });
  };
  const seqOf = async (runner: SqlRunner, change: { changeId: string }) =>
    BigInt((await runner.query<{ seq: string }>('SELECT seq::text AS seq FROM change_log WHERE change_id = $1', [change.changeId]))[0]!.seq);

  it('reaches a reader even when a later-numbered entry committed first and was read', async () => {
    const desk = await upToDateDesk();
    const [slow, fast] = [create('D1'), create('D2')];
    await late.query('BEGIN');
    await pushChanges(onLate, lead, { deskId: 'D1', changes: [slow] }, now);
    await pushChanges(db, lead, { deskId: 'D2', changes: [fast] }, now);
    // A reader going by seq alone would hand out fast's entry now and step over slow's for good.
    expect(await seqOf(onLate, slow)).toBeLessThan(await seqOf(db, fast));
    expect(await desk.pull()).toEqual([]);
    expect(await changesHeldBack(db, desk.cursor)).toBe(true);

    await late.query('COMMIT');
    await desk.pull();
    expect(desk.handed).toEqual([slow.caseKey, fast.caseKey]);
    expect(await changesHeldBack(db, desk.cursor)).toBe(false);
  });

  it('reaches a reader when the late transaction began first but numbered its entry last', async () => {
    const desk = await upToDateDesk();
    const [slow, fast] = [create('D1'), create('D2')];
    await late.query('BEGIN');
    await late.query('SELECT pg_current_xact_id()');
    await pushChanges(db, lead, { deskId: 'D2', changes: [fast] }, now);
    expect(await desk.pull()).toEqual([]);

    await pushChanges(onLate, lead, { deskId: 'D1', changes: [slow] }, now);
    await late.query('COMMIT');
    expect(await seqOf(db, slow)).toBeGreaterThan(await seqOf(db, fast));
    await desk.pull();
    // In the order of the transactions' ids, which is how every reader sees the log.
    expect(desk.handed).toEqual([slow.caseKey, fast.caseKey]);
  });
});
