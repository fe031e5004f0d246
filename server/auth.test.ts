import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './db/testEngines.js';
import { startTestServer, type TestServer } from './testSupport.js';

describe.each(engines)('health, openapi and auth on $name', (engine) => {
  let clock = new Date('2026-11-25T08:00:00.000Z');
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(engine, { now: () => clock, tokenTtlMs: 60 * 60 * 1000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('answers health', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI document naming every route', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/health', '/api/v1/auth/login', '/api/v1/sync/push', '/api/v1/sync/pull', '/api/v1/status/{applicationNo}']),
    );
    expect(doc.components.schemas.PushRequest).toBeTruthy();
  });

  it('logs in with the right password and refuses a wrong one or an unknown user alike', async () => {
    const good = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'Operator', password: 'operator153' } });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ account: { username: 'operator', role: 'operator', unitCode: null } });
    const wrong = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'operator', password: 'nope' } });
    const unknown = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'nope' } });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.body).toBe(unknown.body);
  });

  it('answers 400 with a typed body for a malformed login', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid-request', issues: expect.arrayContaining([expect.objectContaining({ path: 'username' })]) });
  });

  it('stores only a hash of the token and refuses it once expired or logged out', async () => {
    const headers = await s.auth('operator');
    const token = headers.authorization.slice('Bearer '.length);
    const stored = await s.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(stored.some((r) => r.token_hash === token)).toBe(false);

    const pull = () => s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers });
    expect((await pull()).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 60 * 60 * 1000 + 1);
    expect((await pull()).statusCode).toBe(401);

    const fresh = await s.auth('operator');
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: fresh })).statusCode).toBe(204);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: fresh })).statusCode).toBe(401);
  });

  it('answers 400 with the same typed body for a body that is not JSON, without echoing it', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "05321234567",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid-request', issues: [] });
  });

  it('refuses requests without a token', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: 'unauthorized' });
  });
});
