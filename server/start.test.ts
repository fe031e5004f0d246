import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';
import { startServer } from './start.js';

describe('server start', () => {
  it('reads PORT, DATABASE_URL and SERVER_DATA_DIR with defaults', () => {
    expect(readConfig({})).toMatchObject({ port: 8153, databaseUrl: null });
    expect(readConfig({ PORT: '9000', DATABASE_URL: 'postgres://x/y', SERVER_DATA_DIR: '/tmp/d' })).toMatchObject({ port: 9000, databaseUrl: 'postgres://x/y', dataDir: '/tmp/d' });
    expect(() => readConfig({ PORT: 'abc' })).toThrow(RangeError);
  });

  it('reads the call-back policy with defaults 3 attempts, 120 minutes apart', () => {
    expect(readConfig({}).callbacks).toEqual({ maxAttempts: 3, retryMinutes: 120, graceMinutes: { resolution: 1440, requested: 60 } });
    expect(
      readConfig({ CALLBACK_MAX_ATTEMPTS: '5', CALLBACK_RETRY_MINUTES: '30', CALLBACK_GRACE_MINUTES: '480', CALLBACK_REQUESTED_GRACE_MINUTES: '15' }).callbacks,
    ).toEqual({ maxAttempts: 5, retryMinutes: 30, graceMinutes: { resolution: 480, requested: 15 } });
    expect(() => readConfig({ CALLBACK_MAX_ATTEMPTS: '0' })).toThrow(RangeError);
    expect(() => readConfig({ CALLBACK_RETRY_MINUTES: 'soon' })).toThrow(RangeError);
  });

  it('starts a demo server on PGlite in a data dir, seeds once, serves health over HTTP and keeps its data', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'alo153-server-'));
    try {
      const config = { port: 0, host: '127.0.0.1', databaseUrl: null, dataDir, demo: true };
      const first = await startServer(config, false);
      const health = await fetch(`${first.url}/api/v1/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const login = await fetch(`${first.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'lead', password: 'lead153' }),
      });
      expect(login.status).toBe(200);
      await first.stop();

      const second = await startServer(config, false);
      const [row] = await second.db.query<{ n: string }>('SELECT count(*)::text AS n FROM accounts');
      await second.stop();
      expect(row!.n).toBe('6');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("answers any Host by default (npm run server), and only its loopback host:port with allowedHosts 'loopback' (the desk's embedded server)", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'alo153-server-'));
    const healthWithHost = (url: string, host: string) =>
      new Promise<number>((resolve, reject) => {
        const { port } = new URL(url);
        http.get({ host: '127.0.0.1', port, path: '/api/v1/health', headers: { Host: host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).once('error', reject);
      });
    try {
      const config = { port: 0, host: '127.0.0.1', databaseUrl: null, dataDir };
      const open = await startServer(config, false);
      try {
        expect(await healthWithHost(open.url, 'cases.belediye.gov.tr')).toBe(200);
      } finally {
        await open.stop();
      }
      const embedded = await startServer(config, false, undefined, { allowedHosts: 'loopback' });
      try {
        const { host } = new URL(embedded.url);
        expect(await healthWithHost(embedded.url, host)).toBe(200);
        expect(await healthWithHost(embedded.url, `evil.example:${new URL(embedded.url).port}`)).toBe(421);
      } finally {
        await embedded.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
