import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo, parseApplicationNo } from '../../core/applicationNumber.js';
import { engines } from '../db/testEngines.js';
import { createChange, startTestServer, type TestServer } from '../testSupport.js';

describe.each(engines)('final number reservation on $name', (engine) => {
  let s: TestServer;
  let operator: { authorization: string };
  // Istanbul is UTC+3: 2026-12-31T21:00Z is already 2027 there.
  let clock = new Date('2026-11-25T09:00:00Z');
  beforeAll(async () => {
    s = await startTestServer(engine, { now: () => clock });
    operator = await s.auth('operator');
    // Numbers already in use before the first reservation of 2026: only the unprefixed ones of
    // 2026 count (a desk's provisional numbers and other years do not).
    const used = [formatApplicationNo(2026, 4999), formatApplicationNo(2026, 41), formatApplicationNo(2025, 9_000_000), formatApplicationNo(2026, 8_000_000, 'D12')];
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: operator, payload: { deskId: 'D12', changes: used.map((n) => createChange(n)) } });
    expect(res.json<{ accepted: string[] }>().accepted).toHaveLength(4);
  });
  afterAll(async () => {
    await s?.close();
  });

  const reserve = (payload: unknown, headers: Record<string, string> = operator) =>
    s.app.inject({ method: 'POST', url: '/api/v1/numbers/reserve', headers, payload: payload as Record<string, unknown> });

  it("starts the year's sequence above the numbers cases already use, and records each number against the desk", async () => {
    const res = await reserve({ deskId: 'D12', count: 3 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ numbers: [formatApplicationNo(2026, 5000), formatApplicationNo(2026, 5001), formatApplicationNo(2026, 5002)] });
    const next = await reserve({ deskId: 'D7', count: 1 });
    expect(next.json()).toEqual({ numbers: [formatApplicationNo(2026, 5003)] });
    const rows = await s.db.query<{ application_no: string; desk_id: string }>('SELECT application_no, desk_id FROM reserved_numbers ORDER BY application_no');
    expect(rows.map((r) => [r.application_no, r.desk_id])).toEqual([
      [formatApplicationNo(2026, 5000), 'D12'],
      [formatApplicationNo(2026, 5001), 'D12'],
      [formatApplicationNo(2026, 5002), 'D12'],
      [formatApplicationNo(2026, 5003), 'D7'],
    ]);
  });

  it('takes the year in Istanbul time and starts a new year at 1', async () => {
    clock = new Date('2026-12-31T20:59:59Z');
    operator = await s.auth('operator'); // the first token has expired by then
    expect((await reserve({ deskId: 'D12', count: 1 })).json()).toEqual({ numbers: [formatApplicationNo(2026, 5004)] });
    clock = new Date('2026-12-31T21:00:00Z');
    expect((await reserve({ deskId: 'D12', count: 2 })).json()).toEqual({ numbers: [formatApplicationNo(2027, 1), formatApplicationNo(2027, 2)] });
  });

  it('never hands out one number twice to concurrent reservations', async () => {
    const desks = await Promise.all(['operator', 'feedback', 'lead', 'admin'].map((u) => s.auth(u)));
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => reserve({ deskId: `D${i}`, count: 1 + (i % 5) * 20 }, desks[i % desks.length]!)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    const numbers = answers.flatMap((a) => a.json<{ numbers: string[] }>().numbers);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Gap-free too: every sequence from 3 up to the last is someone's.
    const sequences = numbers.map((n) => parseApplicationNo(n)!.sequence).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: numbers.length }, (_, i) => 3 + i));
    const [count] = await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM reserved_numbers WHERE application_no LIKE '2027-%'");
    expect(count!.n).toBe(numbers.length + 2);
  });

  it('is for accounts that may push, and checks the request', async () => {
    expect((await reserve({ deskId: 'D12', count: 1 }, await s.auth('fen'))).statusCode).toBe(403);
    expect((await reserve({ deskId: 'D12', count: 1 }, {})).statusCode).toBe(401);
    for (const bad of [{ deskId: 'D12', count: 0 }, { deskId: 'D12', count: 101 }, { deskId: 'D12', count: 1.5 }, { deskId: 'D 12', count: 1 }, { count: 1 }, { deskId: 'D12', count: '2' }]) {
      const res = await reserve(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid-request' });
    }
    expect((await reserve({ deskId: 'D12', count: 100 })).json<{ numbers: string[] }>().numbers).toHaveLength(100);
  });
});
