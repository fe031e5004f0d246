import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../db/testEngines.js';
import { startTestServer, type TestServer } from '../testSupport.js';
import { departmentPageServer } from '../workflow/departmentPageTesting.js';
import { createAccount } from './accounts.js';

const ROLES = [
  ['operator', 'operator'],
  ['feedback', 'feedback-operator'],
  ['lead', 'team-lead'],
  ['fen', 'department'],
  ['admin', 'admin'],
] as const;

describe.each(engines)('passwords on $name', (engine) => {
  let clock = new Date('2026-11-25T08:00:00.000Z');
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(engine, { now: () => clock });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
    s.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { username, password } });
  const pull = (headers: { authorization: string }) => s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers });
  const change = (headers: { authorization: string } | undefined, currentPassword: string, newPassword: string, remoteAddress = '127.0.0.1') =>
    s.app.inject({ method: 'POST', url: '/api/v1/auth/password', remoteAddress, ...(headers ? { headers } : {}), payload: { currentPassword, newPassword } });
  const reset = (headers: { authorization: string } | undefined, username: string, newPassword: string) =>
    s.app.inject({ method: 'POST', url: `/api/v1/admin/accounts/${encodeURIComponent(username)}/password`, ...(headers ? { headers } : {}), payload: { newPassword } });

  async function newAccount(username: string, password: string, role: 'operator' | 'team-lead' = 'operator'): Promise<void> {
    await createAccount(s.db, { username, displayName: username, password, role });
  }

  it.each(ROLES)('%s (%s) changes its own password: the old one is refused, its other sessions end, this one stays', async (username) => {
    const old = `${username}153`;
    const fresh = `Yeni parola ${username.length} kış`;
    const mine = await s.auth(username, old);
    const elsewhere = await s.auth(username, old);
    const res = await change(mine, old, fresh);
    expect(res.statusCode, res.body).toBe(204);

    expect((await pull(mine)).statusCode).toBe(200);
    expect((await pull(elsewhere)).statusCode).toBe(401);
    expect((await login(username, old)).statusCode).toBe(401);
    const again = await login(username, fresh);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ account: { username } });
  });

  it('refuses a wrong current password (403) and a weak new one (400, naming the rule), changing nothing', async () => {
    await newAccount('ayse.op', 'ilk parola 2026');
    const headers = await s.auth('ayse.op', 'ilk parola 2026');
    const wrong = await change(headers, 'tahmin edilen', 'baska guclu parola');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toEqual({ error: 'wrong-password' });

    for (const [weak, rule] of [
      ['kisa1', 'too-short'],
      ['ayse.op-parolasi', 'contains-username'],
      ['aaaaaaaaaaaa', 'repeated'],
      ['1234567890', 'common'],
      ['sıfır\u0000bir iki üç', 'control-character'],
    ] as const) {
      const res = await change(headers, 'ilk parola 2026', weak);
      expect(res.statusCode, weak).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid-request', issues: [expect.objectContaining({ path: 'newPassword' })] });
      if (weak.length >= 10) expect(res.json<{ issues: { message: string }[] }>().issues[0]!.message).toBe(rule);
      // Never echoed back.
      expect(res.body).not.toContain(weak);
    }
    expect((await login('ayse.op', 'ilk parola 2026')).statusCode).toBe(200);
  });

  it('an admin resets any account: its sessions end, the new password works, the old one does not; 404 for an unknown account', async () => {
    await newAccount('mehmet.op', 'unutulan parola 1');
    const his = await s.auth('mehmet.op', 'unutulan parola 1');
    const admin = await s.auth('admin', 'Yeni parola 5 kış');
    const res = await reset(admin, 'Mehmet.Op', 'geçici parola 2026');
    expect(res.statusCode, res.body).toBe(204);
    expect((await pull(his)).statusCode).toBe(401);
    expect((await login('mehmet.op', 'unutulan parola 1')).statusCode).toBe(401);
    expect((await login('mehmet.op', 'geçici parola 2026')).statusCode).toBe(200);
    expect((await pull(admin)).statusCode).toBe(200);

    expect((await reset(admin, 'kimse-yok', 'geçici parola 2026')).statusCode).toBe(404);
    const weak = await reset(admin, 'mehmet.op', 'kisa');
    expect(weak.statusCode).toBe(400);
  });

  it.each(ROLES.filter(([, role]) => role !== 'admin'))('%s (%s) may not reset anyone’s password, not even its own that way (403)', async (username) => {
    await newAccount(`hedef.${username}`, 'hedefin parolası 1');
    // Its password since the first test.
    const headers = await s.auth(username, `Yeni parola ${username.length} kış`);
    const other = await reset(headers, `hedef.${username}`, 'ele geçirilen 12345');
    expect(other.statusCode).toBe(403);
    expect(other.json()).toEqual({ error: 'forbidden' });
    expect((await reset(headers, username, 'ele geçirilen 12345')).statusCode).toBe(403);
    expect((await login(`hedef.${username}`, 'hedefin parolası 1')).statusCode).toBe(200);
    expect((await login(`hedef.${username}`, 'ele geçirilen 12345')).statusCode).toBe(401);
  });

  it('asks for a token on both routes', async () => {
    expect((await change(undefined, 'a', 'bbbbbbbbbbbbbbbbbb')).statusCode).toBe(401);
    expect((await reset(undefined, 'operator', 'geçici parola 2026')).statusCode).toBe(401);
  });

  it('refuses the right password with 429 and Retry-After after 40 wrong ones in a row; a clean address gets in within 30 s', async () => {
    await newAccount('zeynep.lider', 'doğru parola 2026', 'team-lead');
    const guesser = '203.0.113.66';
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await login('zeynep.lider', `tahmin ${i}`, guesser)).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));

    const right = await login('zeynep.lider', 'doğru parola 2026', guesser);
    expect(right.statusCode).toBe(429);
    expect(right.json()).toEqual({ error: 'rate-limited' });
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);

    // The real user, at a desk that has not been failing: at most 30 s.
    const desk = '10.0.0.7';
    const atOnce = await login('zeynep.lider', 'doğru parola 2026', desk);
    if (atOnce.statusCode === 429) {
      expect(Number(atOnce.headers['retry-after'])).toBeLessThanOrEqual(30);
      clock = new Date(clock.getTime() + 30_000);
      expect((await login('zeynep.lider', 'doğru parola 2026', desk)).statusCode).toBe(200);
    } else {
      expect(atOnce.statusCode).toBe(200);
    }
    // The guesser's address waits out its own limit (30 failed logins per 10 minutes).
    expect((await login('zeynep.lider', 'doğru parola 2026', guesser)).statusCode).toBe(429);
    clock = new Date(clock.getTime() + 10 * 60_000);
    expect((await login('zeynep.lider', 'doğru parola 2026', guesser)).statusCode).toBe(200);
  });

  it('counts wrong current passwords on the password route like wrong logins (429)', async () => {
    await newAccount('ali.op', 'ali parola 2026');
    const headers = await s.auth('ali.op', 'ali parola 2026');
    const address = '198.51.100.9';
    const answers: number[] = [];
    for (let i = 0; i < 7; i++) answers.push((await change(headers, `yanlış ${i}`, 'yeni güçlü parola', address)).statusCode);
    expect(answers).toEqual([403, 403, 403, 403, 403, 429, 429]);
    expect((await change(headers, 'ali parola 2026', 'yeni güçlü parola', address)).statusCode).toBe(429);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = (await s.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>();
    expect(Object.keys(doc.paths['/api/v1/auth/password']!.post!.responses)).toEqual(expect.arrayContaining(['204', '400', '401', '403', '429']));
    expect(Object.keys(doc.paths['/api/v1/admin/accounts/{username}/password']!.post!.responses)).toEqual(expect.arrayContaining(['204', '400', '401', '403', '404']));
    expect(Object.keys(doc.paths['/api/v1/auth/login']!.post!.responses)).toContain('429');
  });
});

describe('department page', () => {
  const s = departmentPageServer();

  it('offers a password change to whoever is logged in, through the API route', async () => {
    const html = (await s().app.inject({ method: 'GET', url: '/department/' })).body;
    expect(html).toMatch(/<form id="password"[^>]*>/);
    expect(html).toContain('name="currentPassword"');
    expect(html).toContain('name="newPassword"');
    expect(html).toMatch(/autocomplete="new-password"/);
    const js = (await s().app.inject({ method: 'GET', url: '/department/page.js' })).body;
    expect(js).toContain('/api/v1/auth/password');
  });
});
