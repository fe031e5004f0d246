import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo, parseApplicationNo } from '../../core/applicationNumber.js';
import { engines } from '../db/testEngines.js';
import { createChange, startTestServer, type TestServer } from '../testSupport.js';
import type { PushResponse } from '../../sync/protocol.js';

describe.each(engines)('final number reservation on $name', (engine) => {
  let s: TestServer;
  let operator: { authorization: string };
  // Istanbul is UTC+3: 2026-12-31T21:00Z is already 2027 there.
  let clock = new Date('2026-11-25T09:00:00Z');
  beforeAll(async () => {
    s = await startTestServer(engine, { now: () => clock });
    operator = await s.auth('operator');
    // Numbers already in use before the first reservation of 2026: only the unprefixed ones of
    // 2026 count (a desk's provisional numbers and other years do not). Cases from before
    // reservations existed; a push takes a final number only once it is reserved (sync/admission.ts).
    const used = [formatApplicationNo(2026, 4999), formatApplicationNo(2026, 41), formatApplicationNo(2025, 9_000_000), formatApplicationNo(2026, 8_000_000, 'D12')];
    for (const n of used) {
      await s.db.query(
        `INSERT INTO cases (application_no, status, unit_code, confidential, fields, created_at, updated_at, version)
         VALUES ($1, 'forwarded', 'fen-isleri', false, '{}', $2, $2, 1)`,
        [n, clock.toISOString()],
      );
    }
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

  describe('creates under a number', () => {
    const push = async (deskId: string, caseKey: string) => {
      const change = createChange(caseKey, {}, deskId);
      const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: await s.auth('operator'), payload: { deskId, changes: [change] } });
      expect(res.statusCode, res.body).toBe(200);
      const answer = res.json<PushResponse>();
      return answer.accepted.includes(change.changeId) ? 'accepted' : (answer.rejected.find((r) => r.changeId === change.changeId)?.code ?? 'duplicate');
    };

    it('takes a final number only from the desk it was reserved for, so nobody squats the next one', async () => {
      const [mine] = (await reserve({ deskId: 'D12', count: 1 }, await s.auth('lead'))).json<{ numbers: string[] }>().numbers;
      expect(await push('D7', mine!)).toBe('number-not-reserved');
      expect(await push('D12', mine!)).toBe('accepted');
      // The finding: an operator pushes the next number before anyone reserved it...
      const next = parseApplicationNo(mine!)!;
      const squatted = formatApplicationNo(next.year, next.sequence + 1);
      expect(await push('D7', squatted)).toBe('number-not-reserved');
      // ...and the desk that is given it later still gets its case through.
      expect((await reserve({ deskId: 'D9', count: 1 })).json()).toEqual({ numbers: [squatted] });
      expect(await push('D9', squatted)).toBe('accepted');
      // Unreserved numbers of any year are refused alike, and nothing of them is recorded.
      expect(await push('D12', formatApplicationNo(2031, 5))).toBe('number-not-reserved');
      const [cases] = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE application_no = $1', [formatApplicationNo(2031, 5)]);
      expect(cases!.n).toBe(0);
    });

    it("takes a provisional number only with the pushing desk's own prefix, bound by its first use", async () => {
      expect(await push('desk-a1', formatApplicationNo(2026, 1, 'DAAA22'))).toBe('accepted');
      expect(await push('desk-b2', formatApplicationNo(2026, 2, 'DAAA22'))).toBe('prefix-of-other-desk');
      expect(await push('desk-b2', formatApplicationNo(2026, 2, 'DBBB33'))).toBe('accepted');
      expect(await push('desk-a1', formatApplicationNo(2026, 3, 'DAAA22'))).toBe('accepted');
      const bound = await s.db.query<{ prefix: string; desk_id: string }>("SELECT prefix, desk_id FROM desk_prefixes WHERE prefix LIKE 'D___%' ORDER BY prefix");
      expect(bound.map((b) => [b.prefix, b.desk_id])).toEqual(expect.arrayContaining([['DAAA22', 'desk-a1'], ['DBBB33', 'desk-b2']]));
    });

    it('refuses a key that is not an application number in its written form', async () => {
      const [mine] = (await reserve({ deskId: 'D12', count: 1 })).json<{ numbers: string[] }>().numbers;
      const wrongCheck = mine!.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
      for (const key of [mine!.replace(/-/g, ''), wrongCheck, 'ABC', 'D12-2026-42-1']) expect(await push('D12', key), key).toBe('invalid-number');
      expect(await push('D12', mine!)).toBe('accepted');
    });
  });
});
