import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from './migrate.js';
import { engines, type TestDatabase } from './testEngines.js';

describe.each(engines)('migrations on $name', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await engine.open();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('applies every migration once, in order', async () => {
    const all = await loadMigrations();
    expect(await migrate(t.db)).toEqual(all.map((m) => m.version));
    expect(await migrate(t.db)).toEqual([]);
    const rows = await t.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(all.map((m) => m.version));
  });

  it('creates the tables the server relies on', async () => {
    const rows = await t.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['accounts', 'applied_changes', 'case_events', 'cases', 'change_log', 'sessions', 'units']),
    );
    // Migration 0009: the log's hot row is gone, so an older instance cannot write beside this one.
    expect(rows.map((r) => r.table_name)).not.toContain('change_log_head');
  });

  it("refuses to start when the change log is ahead of the cluster's transaction ids (a copy into another cluster)", async () => {
    await migrate(t.db);
    await t.db.query(
      `WITH c AS (
         INSERT INTO cases (application_no, status, unit_code, confidential, fields, created_at, updated_at, version)
         VALUES ('D9-2026-0000001-1', 'new', NULL, false, '{}', now(), now(), 1) RETURNING id)
       INSERT INTO change_log (txid, case_id, kind, detail, snapshot) SELECT '9000000000000'::xid8, c.id, 'create', '{}', '{}' FROM c`,
    );
    await expect(migrate(t.db)).rejects.toThrow(/transaction ids up to 9000000000000/);
    await t.db.query("DELETE FROM change_log WHERE txid = '9000000000000'");
    expect(await migrate(t.db)).toEqual([]);
  });

  it('rolls a transaction back when its function throws', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query("INSERT INTO units (code, name, kind) VALUES ('X', 'X', 'external')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await t.db.query("SELECT code FROM units WHERE code = 'X'")).toEqual([]);
  });
});
