import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../core/syncStatus.js';
import type { Host } from './host.js';
import { startCentralServer, waitUntil, type CentralServer } from './testing/centralServer.js';
import { invokeValue as call, startTestDesk, type Cleanups } from './testing/testDesk.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-password-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const status = (host: Host) => call<SyncStatus>(host, 'sync.status');
type Answer = { outcome: string; retryAfterSeconds: number | null };
const change = (host: Host, currentPassword: string, newPassword: string) => host.invoke('session.changePassword', { currentPassword, newPassword });

async function login(server: CentralServer, username: string, password: string): Promise<number> {
  return (await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })).statusCode;
}

describe('password change from the desk', () => {
  it('changes the signed-in account’s password on the server; the desk stays signed in, the old password is refused', async () => {
    const server = await startCentralServer('pglite');
    cleanups.push(() => server.close());
    const other = await server.auth('operator'); // the same account, signed in elsewhere
    const host = await startTestDesk(cleanups, { DESK_DATA_DIR: tempDir(), DESK_SERVER_URL: server.url, DESK_SERVER_USER: 'operator', DESK_SERVER_PASSWORD: 'operator153' });
    await waitUntil(async () => (await status(host)).account !== null, 20_000, 'the desk to sign in');

    // The contract refuses a short one, the host one with the username in it: nothing reaches the server.
    expect(await change(host, 'operator153', 'kısa')).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{ path: 'newPassword', message: 'too-short' }] } });
    expect(await change(host, 'operator153', 'operator-2026-kış')).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{ path: 'newPassword', message: 'contains-username' }] } });
    expect(await call<Answer>(host, 'session.changePassword', { currentPassword: 'yanlış şifre', newPassword: 'yeni güçlü şifre 1' })).toEqual({ outcome: 'wrong-password', retryAfterSeconds: null });

    expect(await call<Answer>(host, 'session.changePassword', { currentPassword: 'operator153', newPassword: 'yeni güçlü şifre 1' })).toEqual({ outcome: 'changed', retryAfterSeconds: null });
    expect(await login(server, 'operator', 'operator153')).toBe(401);
    expect(await login(server, 'operator', 'yeni güçlü şifre 1')).toBe(200);
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: other })).statusCode).toBe(401);
    // This desk's own session goes on.
    await call(host, 'sync.retry');
    const after = await status(host);
    expect(after.account?.username).toBe('operator');
    expect(after.lastError).toBeNull();
  }, 60_000);

  it('says when the server slows wrong passwords down, with how long to wait', async () => {
    const server = await startCentralServer('pglite');
    cleanups.push(() => server.close());
    const host = await startTestDesk(cleanups, { DESK_DATA_DIR: tempDir(), DESK_SERVER_URL: server.url, DESK_SERVER_USER: 'feedback', DESK_SERVER_PASSWORD: 'feedback153', DESK_ROLE: 'feedback' });
    await waitUntil(async () => (await status(host)).account !== null, 20_000, 'the desk to sign in');
    const answers: Answer[] = [];
    for (let i = 0; i < 6; i++) answers.push(await call<Answer>(host, 'session.changePassword', { currentPassword: `tahmin ${i}`, newPassword: 'yeni güçlü şifre 1' }));
    expect(answers.slice(0, 5).map((a) => a.outcome)).toEqual(Array(5).fill('wrong-password'));
    expect(answers[5]!.outcome).toBe('rate-limited');
    expect(answers[5]!.retryAfterSeconds).toBeGreaterThan(0);
  }, 60_000);

  it('needs a signed-in desk', async () => {
    const host = await startTestDesk(cleanups, { DESK_DATA_DIR: tempDir() });
    expect(await change(host, 'operator153', 'yeni güçlü şifre 1')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});

describe('the embedded server (npm start)', () => {
  it('is a demo server: the desk signs in with the demo account of its role', async () => {
    const host = await startTestDesk(cleanups, { DESK_DATA_DIR: tempDir(), DESK_SERVER_URL: 'embedded' });
    await waitUntil(async () => (await status(host)).account !== null, 60_000, 'the desk to sign in to its embedded server');
    expect((await status(host)).account).toMatchObject({ username: 'operator', role: 'operator' });
  }, 90_000);
});
