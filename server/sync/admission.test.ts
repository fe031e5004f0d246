import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import { loadMigrations, migrate } from '../db/migrate.js';
import { engines, type TestDatabase } from '../db/testEngines.js';
import { createChange } from '../testSupport.js';
import { caseNumberOf, createPayloadProblem } from './admission.js';

describe('what a create may carry', () => {
  it('reads a case key as a final or a provisional number in its written form only', () => {
    expect(caseNumberOf(formatApplicationNo(2026, 1234))).toEqual({ kind: 'final' });
    expect(caseNumberOf(formatApplicationNo(2026, 42, 'D7KQ2M'))).toEqual({ kind: 'provisional', prefix: 'D7KQ2M' });
    const final = formatApplicationNo(2026, 1234);
    for (const key of [final.replace(/-/g, ''), `${final.slice(0, -1)}${(Number(final.at(-1)) + 1) % 10}`, 'ABC', '2026-0001234', 'D7KQ2M2026-0000042-3']) {
      expect(caseNumberOf(key), key).toBeNull();
    }
  });

  it('takes forwarded cases with a unit and cases answered on the call; workflow statuses never', () => {
    const problem = (overrides: Parameters<typeof createChange>[1]) => {
      const change = createChange('D12-2026-0000001-3', overrides);
      return change.kind === 'create' ? createPayloadProblem(change.payload) : 'not a create';
    };
    expect(problem({})).toBeNull();
    expect(problem({ status: 'new' })).toBeNull();
    expect(problem({ unitCode: null })).toBe('invalid-unit');
    expect(problem({ status: 'closed', unitCode: null, firstContactResolution: true })).toBeNull();
    expect(problem({ status: 'resolved', firstContactResolution: true })).toBeNull();
    expect(problem({ status: 'closed' })).toBe('invalid-status');
    expect(problem({ status: 'resolved' })).toBe('invalid-status');
    for (const status of ['in-progress', 'reopened', 'rejected'] as const) {
      expect(problem({ status, firstContactResolution: true }), status).toBe('invalid-status');
    }
  });
});

describe.each(engines)('migration 0008 on $name', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await engine.open();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('binds the prefixes already in use to the desk whose create used each first', async () => {
    const all = await loadMigrations();
    await migrate(t.db, all.filter((m) => m.version < 8));
    const cases: [string, string | null][] = [
      [formatApplicationNo(2026, 1, 'DAAA22'), 'desk-a'],
      [formatApplicationNo(2026, 2, 'DAAA22'), 'desk-x'],
      [formatApplicationNo(2026, 1, 'DBBB33'), 'desk-b'],
      [formatApplicationNo(2026, 7), 'desk-a'],
      [formatApplicationNo(2026, 3, 'DCCC44'), null],
    ];
    for (const [i, [no, desk]] of cases.entries()) {
      await t.db.query(
        `WITH c AS (
           INSERT INTO cases (application_no, status, unit_code, confidential, fields, created_at, updated_at, version)
           VALUES ($1, 'forwarded', NULL, false, '{}', now(), now(), 1) RETURNING id)
         INSERT INTO change_log (seq, case_id, desk_id, kind, detail, snapshot, at) SELECT $2, c.id, $3, 'create', '{}', '{}', now() FROM c`,
        [no, i + 1, desk],
      );
    }
    expect(await migrate(t.db)).toContain(8);
    const bound = await t.db.query<{ prefix: string; desk_id: string }>('SELECT prefix, desk_id FROM desk_prefixes ORDER BY prefix');
    expect(bound.map((b) => [b.prefix, b.desk_id])).toEqual([
      ['DAAA22', 'desk-a'],
      ['DBBB33', 'desk-b'],
    ]);
  });
});
