import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { readConfig } from '../host/config.js';
import { startHost, type Host } from '../host/host.js';
import { startBrowserMode, TOKEN_REFUSED, type BrowserModeServer } from './browserMode.js';
import { metaPolicy, parsePolicy, policyOfMeta } from './contentSecurity.js';

let dir: string;
let host: Host;
let server: BrowserModeServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'desk-browser-'));
  const staticDir = path.join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside the static folder');
  host = await startHost(readConfig({ DESK_DATA_DIR: path.join(dir, 'data'), DESK_SIM_CALL_INTERVAL_MS: '0', DESK_SERVER_URL: 'off' }), () => {});
  server = await startBrowserMode(host, { port: 0, staticDir, log: () => {} });
});
afterAll(async () => {
  await server.close();
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const origin = () => `http://127.0.0.1:${server.port}`;
const token = () => new URL(server.url).hash.replace('#token=', '');

/**
 * A request exactly as written: fetch would normalise the path and refuses to set Host, and
 * hostile pages (or curl --path-as-is) send both as they like.
 */
function rawGet(
  path: string,
  headers: Record<string, string> = {},
  port = server.port,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

function open(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Sends a frame and resolves with its response (pushed events in between are skipped). */
function request(ws: WebSocket, frame: unknown): Promise<Record<string, unknown>> {
  const id = typeof frame === 'object' && frame !== null && 'id' in frame ? frame.id : -1;
  return new Promise((resolve) => {
    const onMessage = (data: unknown) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message.id !== id) return;
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

describe('browser mode', () => {
  it('listens on 127.0.0.1 only and prints a URL with a per-launch token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
  });

  it('serves the UI with a strict CSP and nothing outside its folder', async () => {
    const res = await fetch(`${origin()}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${origin()}/..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${origin()}/`, { method: 'POST' })).status).toBe(405);
  });

  it('answers 400 to a malformed percent-encoding and keeps serving', async () => {
    for (const bad of ['/%E0%A4%A', '/%', '/%ZZ/index.html', '/assets/%C0%80']) {
      expect((await rawGet(bad)).status).toBe(400);
    }
    expect((await rawGet('/')).status).toBe(200);
  });

  it('answers only to its own loopback names, so a rebound DNS name reaches nothing (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, `127.0.0.1.evil.example:${server.port}`]) {
      const res = await rawGet('/', { Host: host });
      expect(res.status).toBe(421);
      expect(res.body).not.toContain('desk');
    }
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`]) {
      expect((await rawGet('/', { Host: host })).status).toBe(200);
    }
    // A rebound page has its own origin, and its Host is not ours either: no socket.
    const ws = `ws://127.0.0.1:${server.port}/ws?token=${token()}`;
    await expect(open(ws, { Host: `evil.example:${server.port}`, Origin: `http://evil.example:${server.port}` })).rejects.toThrow('HTTP 403');
    await expect(open(ws, { Host: `evil.example:${server.port}`, Origin: origin() })).rejects.toThrow('HTTP 403');
    const viaLocalhost = await open(ws, { Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` });
    viaLocalhost.close();
  });

  it('refuses a WebSocket from another origin, and closes one without the right token unheard', async () => {
    const ws = `ws://127.0.0.1:${server.port}/ws`;
    await expect(open(`${ws}?token=${token()}`, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(open(`${ws}?token=${token()}`, {})).rejects.toThrow('HTTP 403');
    for (const url of [ws, `${ws}?token=nope`]) {
      const socket = new WebSocket(url, { headers: { Origin: origin() } });
      const answers: string[] = [];
      socket.on('open', () => socket.send(JSON.stringify({ id: 1, method: 'cases.list', params: {} })));
      socket.on('message', (data) => answers.push(data.toString()));
      const code = await new Promise<number>((resolve) => socket.once('close', (c) => resolve(c)));
      expect(code).toBe(TOKEN_REFUSED);
      expect(answers).toEqual([]);
    }
  });

  it('answers typed errors for invalid requests and works for valid ones', async () => {
    const ws = await open(`ws://127.0.0.1:${server.port}/ws?token=${token()}`, { Origin: origin() });
    try {
      expect(await request(ws, 'not json')).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(await request(ws, { id: 1, method: 'fs.readFile', params: {} })).toMatchObject({ id: 1, ok: false, error: { code: 'unknown-method' } });
      const invalid = await request(ws, {
        id: 2,
        method: 'cases.create',
        params: { subject: '', description: 'x'.repeat(5000), outcome: 'maybe', phone: 'abc', citizenName: null, linkedid: null },
      });
      expect(invalid).toMatchObject({ id: 2, ok: false, error: { code: 'invalid-request' } });
      const paths = (invalid.error as { issues: Array<{ path: string }> }).issues.map((i) => i.path).sort();
      expect(paths).toEqual(['description', 'outcome', 'phone', 'subject']);

      const created = await request(ws, {
        id: 3,
        method: 'cases.create',
        params: {
          subject: 'Park bakımı',
          subjectCode: 'park.oyun',
          description: 'Çocuk parkındaki salıncak kırık.',
          outcome: 'forwarded',
          phone: '905321112233',
          citizenName: null,
          linkedid: null,
        },
      });
      expect(created).toMatchObject({ id: 3, ok: true, value: { case: { subject: 'Park bakımı', status: 'forwarded', unitCode: 'park-bahce' } } });
    } finally {
      ws.close();
    }
  });
});

describe('browser mode, the real page', () => {
  it('serves index.html with a meta CSP equal to its header CSP, for the name it was asked by', async () => {
    const staticDir = path.join(dir, 'real');
    mkdirSync(staticDir);
    writeFileSync(path.join(staticDir, 'index.html'), readFileSync(new URL('../../renderer/index.html', import.meta.url)));
    const real = await startBrowserMode(host, { port: 0, staticDir, log: () => {}, sipWsUrl: 'wss://sip.belediye.gov.tr:8089/ws' });
    try {
      for (const name of ['127.0.0.1', 'localhost']) {
        const res = await rawGet('/', { Host: `${name}:${real.port}` }, real.port);
        const csp = String(res.headers['content-security-policy']);
        expect(parsePolicy(csp)['connect-src']).toEqual(["'self'", `ws://${name}:${real.port}`, 'wss://sip.belediye.gov.tr:8089']);
        expect(parsePolicy(policyOfMeta(res.body) ?? '')).toEqual(parsePolicy(metaPolicy(csp)));
      }
    } finally {
      await real.close();
    }
  });
});
