import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import type { CaseChange, PushResponse } from '../../sync/protocol.js';
import { loadMigrations, migrate } from '../db/migrate.js';
import { engines, type TestDatabase } from '../db/testEngines.js';
import { createChange, startTestServer, type TestServer } from '../testSupport.js';

// Issue 18: the server stores phone numbers in the desks' one form (905321112233). Migration
// 0012 rewrites what it already held; the sync intake canonicalises what desks send from now on.

describe.each(engines)('canonical phone numbers on $name', (engine) => {
  describe('migration 0012', () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await engine.open();
    });
    afterAll(async () => {
      await t?.drop();
    });

    it('rewrites Turkish numbers to 905321112233 and keeps every other shape', async () => {
      const all = await loadMigrations();
      await migrate(t.db, all.filter((m) => m.version < 12));
      const stored: [string, unknown][] = [
        ['2026-0000001-1', '05321112233'],
        ['2026-0000002-1', '+905321112233'],
        ['2026-0000003-1', '5321112233'],
        ['2026-0000004-1', '905321112233'],
        ['2026-0000005-1', '0 (212) 555-01-42'],
        ['2026-0000006-1', '+4915112345678'],
        ['2026-0000007-1', '004915112345678'],
        ['2026-0000008-1', '1001'],
        ['2026-0000009-1', '12345678'],
        ['2026-0000010-1', null],
      ];
      for (const [no, phone] of stored) {
        await t.db.query(
          `INSERT INTO cases (application_no, status, unit_code, confidential, fields, created_at, updated_at, version)
           VALUES ($1, 'new', NULL, false, $2::jsonb, now(), now(), 1)`,
          [no, JSON.stringify({ phone, subject: 'Yol' })],
        );
      }
      expect(await migrate(t.db, all)).toEqual(all.filter((m) => m.version >= 12).map((m) => m.version));
      const rows = await t.db.query<{ application_no: string; phone: string | null; subject: string }>(
        `SELECT application_no, fields ->> 'phone' AS phone, fields ->> 'subject' AS subject FROM cases ORDER BY application_no`,
      );
      expect(rows.map((r) => r.phone)).toEqual([
        '905321112233',
        '905321112233',
        '905321112233',
        '905321112233',
        '902125550142',
        '+4915112345678',
        '+4915112345678',
        '1001',
        '12345678',
        null,
      ]);
      expect(rows.every((r) => r.subject === 'Yol')).toBe(true);
    });
  });

  describe('sync intake', () => {
    let s: TestServer;
    let operator: { authorization: string };
    beforeAll(async () => {
      s = await startTestServer(engine);
      operator = await s.auth('operator');
    });
    afterAll(async () => {
      await s?.close();
    });

    const push = async (changes: CaseChange[]) => {
      const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: operator, payload: { deskId: 'D12', changes } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<PushResponse>();
    };
    const phoneOf = async (no: string) =>
      (await s.db.query<{ phone: string | null }>(`SELECT fields ->> 'phone' AS phone FROM cases WHERE application_no = $1`, [no]))[0]!.phone;

    it('stores a number a desk sends in any shape as 905321112233, and unknown shapes as sent', async () => {
      const spaced = formatApplicationNo(2026, 501, 'D12');
      const unknown = formatApplicationNo(2026, 502, 'D12');
      const created = [createChange(spaced, { phone: '0532 111 22 33' }), createChange(unknown, { phone: '12345678' })];
      expect((await push(created)).accepted).toHaveLength(2);
      expect(await phoneOf(spaced)).toBe('905321112233');
      expect(await phoneOf(unknown)).toBe('12345678');

      const edit: CaseChange = {
        changeId: randomUUID(),
        deskId: 'D12',
        caseKey: unknown,
        kind: 'fields',
        clientAt: '2026-11-25T09:05:00.000Z',
        payload: { phone: '(0505) 999-88-77' },
      };
      expect((await push([edit])).accepted).toEqual([edit.changeId]);
      expect(await phoneOf(unknown)).toBe('905059998877');
    });
  });
});
