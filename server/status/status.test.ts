import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import { engines } from '../db/testEngines.js';
import { createChange, reserveNumbersFor, startTestServer, type TestServer } from '../testSupport.js';

/** The desk's format (db/securityCodeHash.ts), made here so the test does not import db/. */
function deskHash(code: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(code.toUpperCase(), salt, 32, { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `${salt.toString('hex')}$${key.toString('hex')}`;
}

describe.each(engines)('citizen status query on $name', (engine) => {
  const known = formatApplicationNo(2026, 4242);
  const unknown = formatApplicationNo(2026, 4243);
  let s: TestServer;
  let clock = 0;
  beforeAll(async () => {
    s = await startTestServer(engine, { statusRateLimit: { max: 5, windowMs: 60_000 }, now: () => new Date(Date.UTC(2026, 10, 25) + clock) });
    const operator = await s.auth('operator');
    await reserveNumbersFor(s.db, 'D12', [known]);
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: operator,
      payload: { deskId: 'D12', changes: [createChange(known, { securityCodeHash: deskHash('K7P2Q9') })] },
    });
    expect(res.json()).toMatchObject({ accepted: [expect.any(String)] });
  });
  afterAll(async () => {
    await s?.close();
  });

  const ask = (no: string, code: string, ip = '10.0.0.1') =>
    s.app.inject({ method: 'GET', url: `/api/v1/status/${encodeURIComponent(no)}?code=${encodeURIComponent(code)}`, remoteAddress: ip });

  it('answers status, unit and last update for the right code, and nothing personal', async () => {
    const res = await ask(known.replace(/-/g, ' '), 'k7p2 q9', '10.0.0.2');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      applicationNo: known,
      status: 'forwarded',
      unit: { code: 'fen-isleri', name: 'Fen İşleri Müdürlüğü' },
      updatedAt: expect.stringMatching(/Z$/),
    });
    expect(res.body).not.toMatch(/Ali|0532|çukur/i);
  });

  it('gives a wrong code, an unknown number and a malformed number the same answer', async () => {
    const answers = await Promise.all([ask(known, 'WRONG1', '10.0.0.3'), ask(unknown, 'K7P2Q9', '10.0.0.3'), ask('not-a-number', 'K7P2Q9', '10.0.0.3')]);
    expect(answers.map((a) => a.statusCode)).toEqual([404, 404, 404]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  });

  it('limits queries per IP and window', async () => {
    const ip = '10.0.0.4';
    const codes = [];
    for (let i = 0; i < 6; i += 1) codes.push((await ask(unknown, 'X', ip)).statusCode);
    expect(codes).toEqual([404, 404, 404, 404, 404, 429]);
    // The limit counts right answers too, and is per IP.
    expect((await ask(known, 'K7P2Q9', ip)).statusCode).toBe(429);
    expect((await ask(known, 'K7P2Q9', '10.0.0.5')).statusCode).toBe(200);
    clock += 60_000;
    expect((await ask(known, 'K7P2Q9', ip)).statusCode).toBe(200);
  });

  it("answers for a desk's provisional number (a long prefix), however it is typed", async () => {
    // A desk gives out DK7QM2-2026-0000042-2 offline (prefix: a letter and up to 7 letters or
    // digits) and pushes it as a create; the citizen has only that number until a final one.
    const provisional = formatApplicationNo(2026, 42, 'DK7QM2');
    expect(provisional).toBe('DK7QM2-2026-0000042-2');
    const operator = await s.auth('operator');
    const pushed = await s.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: operator,
      payload: { deskId: 'DK7QM2', changes: [createChange(provisional, { securityCodeHash: deskHash('M4N8R2') }, 'DK7QM2')] },
    });
    expect(pushed.json()).toMatchObject({ accepted: [expect.any(String)] });
    const typed = [provisional, provisional.toLowerCase(), provisional.replace(/-/g, ' '), provisional.replace(/-/g, ''), 'dk7qm2 2026 0000042 2'];
    for (const [i, number] of typed.entries()) {
      const res = await ask(number, 'm4n8r2', `10.0.1.${i}`);
      expect(res.statusCode, number).toBe(200);
      expect(res.json()).toMatchObject({ applicationNo: provisional, status: 'forwarded', unit: { code: 'fen-isleri' } });
    }
    // The prefix is part of the number: the same year and sequence without it is another case.
    expect((await ask(formatApplicationNo(2026, 42), 'M4N8R2', '10.0.1.9')).statusCode).toBe(404);
  });
});
