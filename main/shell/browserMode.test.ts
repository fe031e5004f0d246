import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { readConfig } from '../host/config.js';
import { startHost, type Host } from '../host/host.js';
import { startBrowserMode, TOKEN_REFUSED, type BrowserModeServer } from './browserMode.js';

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
