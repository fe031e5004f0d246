import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { engines } from '../db/testEngines.js';
import { startTestServer } from '../testSupport.js';
import { registerWallboardPage, WALLBOARD_CSP } from './wallboardPage.js';

// The TV page's routes over a renderer build of the test's own (a temporary folder).

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const TV_HTML = '<!doctype html><html><head><script type="module" src="./assets/tv-Ab12_x-Y.js"></script></head><body></body></html>';

/** A renderer build folder: tv.html and one script when `built`, an empty folder otherwise. */
function rendererDir(built: boolean): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wallboard-page-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  if (built) {
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'tv.html'), TV_HTML);
    writeFileSync(path.join(dir, 'assets', 'tv-Ab12_x-Y.js'), 'console.log("tv");\n');
    writeFileSync(path.join(dir, 'assets', 'tv-Cd34.css'), 'body{}\n');
    // Beside the assets, never reachable through them.
    writeFileSync(path.join(dir, 'secret.js'), 'NOT-AN-ASSET\n');
  }
  return dir;
}

async function pageServer(dir: string): Promise<FastifyInstance> {
  const app = Fastify();
  registerWallboardPage(app, { rendererDir: dir });
  cleanups.push(() => app.close());
  return app;
}

function expectPageHeaders(headers: Record<string, unknown>): void {
  expect(headers['content-security-policy']).toBe(WALLBOARD_CSP);
  expect(String(headers['content-security-policy'])).not.toContain('unsafe');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
}

describe('the wallboard page (/wallboard/)', () => {
  it('redirects /wallboard to /wallboard/, and the app registers it', async () => {
    const app = await pageServer(rendererDir(true));
    const redirect = await app.inject({ method: 'GET', url: '/wallboard' });
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/wallboard/');

    const server = await startTestServer(engines[0]!);
    cleanups.push(() => server.close());
    const fromApp = await server.app.inject({ method: 'GET', url: '/wallboard' });
    expect(fromApp.statusCode).toBe(301);
    expect(fromApp.headers.location).toBe('/wallboard/');
  });

  it('serves tv.html and its built assets with a strict CSP, no sniffing, no referrer, no framing', async () => {
    const app = await pageServer(rendererDir(true));
    const page = await app.inject({ method: 'GET', url: '/wallboard/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expectPageHeaders(page.headers);
    expect(page.body).toBe(TV_HTML);

    const script = await app.inject({ method: 'GET', url: '/wallboard/assets/tv-Ab12_x-Y.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toContain('immutable');
    expectPageHeaders(script.headers);
    expect(script.body).toContain('console.log');
    const style = await app.inject({ method: 'GET', url: '/wallboard/assets/tv-Cd34.css' });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await app.inject({ method: 'GET', url: '/wallboard/assets/tv-missing.js' })).statusCode).toBe(404);
  });

  it('refuses any asset name that is not a plain built file name: no traversal, no other folder, no other type', async () => {
    const app = await pageServer(rendererDir(true));
    for (const url of [
      '/wallboard/assets/..%2Fsecret.js',
      '/wallboard/assets/..%2F..%2Fpackage.json',
      '/wallboard/assets/%2E%2E%2Fsecret.js',
      '/wallboard/assets/../secret.js',
      '/wallboard/assets/.hidden.js',
      '/wallboard/assets/tv.html',
      '/wallboard/assets/tv-Ab12_x-Y.js%00.css',
      '/wallboard/assets/sub%2Ftv-Ab12_x-Y.js',
      '/wallboard/assets/tv.Ab12.js',
      '/wallboard/secret.js',
      '/wallboard/tv.html',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect([400, 404], url).toContain(res.statusCode);
      expect(res.body, url).not.toContain('NOT-AN-ASSET');
    }
  });

  it('says to build the renderer when tv.html is not there (503, plain text)', async () => {
    const app = await pageServer(rendererDir(false));
    const res = await app.inject({ method: 'GET', url: '/wallboard/' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expectPageHeaders(res.headers);
    expect(res.body).toContain('npm run build:renderer');
    expect((await app.inject({ method: 'GET', url: '/wallboard/assets/tv-Ab12_x-Y.js' })).statusCode).toBe(404);
  });
});
