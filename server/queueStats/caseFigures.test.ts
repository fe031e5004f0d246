import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import { CaseFigures } from '../../core/queueStats.js';
import { engines } from '../db/testEngines.js';
import { createChange, startTestServer, type TestServer } from '../testSupport.js';

// The case-aware wallboard's figures, over cases pushed by a desk as they really arrive.

const NOW = new Date('2026-12-03T11:00:00.000Z'); // 14:00 in Istanbul
const no = (n: number) => formatApplicationNo(2026, 7000 + n, 'D12');

describe.each(engines)('case figures on $name', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(engine, { now: () => NOW });
    const operator = await s.auth('operator');
    const today = (h: number) => `2026-12-03T${String(h).padStart(2, '0')}:00:00.000Z`;
    const changes = [
      // Today: three uncollected-rubbish cases (a spike), a road case, one resolved on the call.
      ...[6, 8, 10].map((h, i) => createChange(no(i), { subject: 'Çöp toplanmadı', unitCode: 'temizlik', createdAt: today(h), dueAt: '2026-12-04T00:00:00.000Z' })),
      createChange(no(3), { subject: 'Yol çökmesi', unitCode: 'fen-isleri', createdAt: today(9), dueAt: '2026-12-01T00:00:00.000Z' }),
      createChange(no(4), { subject: 'Bilgi', status: 'resolved', unitCode: null, resolution: 'Bilgi verildi', firstContactResolution: true, createdAt: today(7) }),
      // A week ago: one before 14:00 (counted), one after (not: the hour has not come yet today).
      createChange(no(5), { subject: 'Çöp toplanmadı', unitCode: 'temizlik', createdAt: '2026-11-26T08:00:00.000Z', dueAt: '2026-11-27T00:00:00.000Z' }),
      createChange(no(6), { subject: 'Çöp toplanmadı', unitCode: 'temizlik', createdAt: '2026-11-26T13:00:00.000Z', dueAt: '2026-11-27T00:00:00.000Z' }),
      // Yesterday 23:30 in Istanbul: not today's.
      createChange(no(7), { subject: 'Yol çökmesi', unitCode: 'fen-isleri', createdAt: '2026-12-02T20:30:00.000Z', dueAt: '2026-12-01T00:00:00.000Z' }),
    ];
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: operator, payload: { deskId: 'D12', changes } });
    expect(res.json<{ rejected: unknown[] }>().rejected).toEqual([]);
  });
  afterAll(() => s.close());

  it("counts today's cases by subject beside the same hours a week ago, first-contact resolution, and units by overdue", async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/case-stats/today', headers: await s.auth('lead') });
    expect(res.statusCode).toBe(200);
    const figures = CaseFigures.parse(res.json());
    expect(figures.createdToday).toBe(5);
    expect(figures.firstContactPct).toBe(20);
    expect(figures.subjects).toEqual([
      { subject: 'Çöp toplanmadı', today: 3, lastWeek: 1 },
      { subject: 'Bilgi', today: 1, lastWeek: 0 },
      { subject: 'Yol çökmesi', today: 1, lastWeek: 0 },
    ]);
    // Both units have two overdue (fen-isleri's road cases, temizlik's from last week): the one with more open cases first.
    expect(figures.units.map((u) => [u.unitCode, u.open, u.overdue])).toEqual([
      ['temizlik', 5, 2],
      ['fen-isleri', 2, 2],
    ]);
    expect(figures.repeatCalls).toBeNull();
  });

  it('answers team leads and admins only', async () => {
    for (const user of ['operator', 'feedback', 'fen']) {
      expect((await s.app.inject({ method: 'GET', url: '/api/v1/case-stats/today', headers: await s.auth(user) })).statusCode).toBe(403);
    }
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/case-stats/today', headers: await s.auth('admin') })).statusCode).toBe(200);
  });
});
