import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

// The desk as `npm start` runs it in browser mode (as e2e/support/deskProcess.ts starts it), with
// its embedded central server, and testing/injectFaults.ts loaded first to provoke the errors Node
// ends a process for.
const root = fileURLToPath(new URL('../..', import.meta.url));
const READY = /desk ready: (http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+))/;
const EMBEDDED = /central server \(embedded, demo accounts\) on (http:\/\/127\.0\.0\.1:\d+)/;

let dir: string;
let child: ChildProcess;
let output = '';
let port: number;
let token: string;
let embeddedUrl: string;

function waitForOutput(pattern: RegExp, timeoutMs = 55_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      const match = pattern.exec(output);
      if (match) return resolve(match);
      if (child.exitCode !== null) return reject(new Error(`desk exited with ${child.exitCode}:\n${output}`));
      if (Date.now() - started > timeoutMs) return reject(new Error(`no ${pattern} in:\n${output}`));
      setTimeout(check, 50);
    };
    check();
  });
}

/** Bytes as a hostile client sends them: no client library normalises the request line. */
function rawRequest(requestLine: string, extraHeaders = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end(`${requestLine}\r\nHost: 127.0.0.1:${port}\r\n${extraHeaders}Connection: close\r\n\r\n`);
    });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

function get(url: string, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port: p, pathname } = new URL(url);
    http
      .get({ host: hostname, port: p, path: pathname, headers: host ? { Host: host } : {} }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .once('error', reject);
  });
}

/** One request over the desk's WebSocket, as the renderer makes it. */
async function invoke(method: string, params: unknown = {}): Promise<Record<string, unknown>> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { headers: { Origin: `http://127.0.0.1:${port}` } });
  try {
    return await new Promise<Record<string, unknown>>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ id: 7, method, params })));
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>;
        if (message.id === 7) resolve(message);
      });
      ws.once('error', reject);
    });
  } finally {
    ws.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'desk-main-'));
  // The developer's own DESK_* settings (a real PBX, a SIP server) stay out of this test.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DESK_')));
  child = spawn(process.execPath, ['--import', 'tsx', '--import', './main/shell/testing/injectFaults.ts', 'main/shell/browserMain.ts'], {
    cwd: root,
    env: { ...env, DESK_BROWSER: '1', DESK_PORT: '0', DESK_DATA_DIR: dir, DESK_SIM_CALL_INTERVAL_MS: '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = await waitForOutput(READY);
  port = Number(ready[2]);
  token = ready[3]!;
  embeddedUrl = (await waitForOutput(EMBEDDED))[1]!;
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    // A desk that does not shut down in time is killed: no test leaves a process behind.
    const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(forced);
  }
  rmSync(dir, { recursive: true, force: true });
}, 15_000);

describe('the browser-mode desk process', () => {
  it('survives hostile requests and unexpected errors, logs their kind only, and still serves its page and socket', async () => {
    // The page as served before anything hostile (200 once the renderer is built, 404 before).
    const page = await get(`http://127.0.0.1:${port}/`);
    expect([200, 404]).toContain(page);
    // What any web page can make the browser send (`new Image().src = 'http://127.0.0.1:5153/%'`), and worse.
    for (const line of ['GET /%E0%A4%A HTTP/1.1', 'GET /% HTTP/1.1', 'GET /%ZZ HTTP/1.1', 'GET http://[ HTTP/1.1']) {
      expect(await rawRequest(line)).toMatch(/^HTTP\/1\.1 400 /);
    }
    expect(await rawRequest('GET http://[/ws HTTP/1.1', 'Upgrade: websocket\r\n')).toMatch(/^HTTP\/1\.1 400 /);

    // A bug anywhere in the process: a throw from a timer and a rejection nobody handles.
    child.stdin?.write('fault\n');
    await waitForOutput(/unexpected error, still running: Error\n/);
    await waitForOutput(/unhandled rejection, still running: TypeError\n/);
    expect(output).not.toContain('905321112233');

    expect(child.exitCode).toBeNull();
    expect(await get(`http://127.0.0.1:${port}/`)).toBe(page);
    expect(await invoke('cases.list')).toMatchObject({ id: 7, ok: true });
  });

  it('has its embedded central server answer only to its loopback host:port (DNS rebinding)', async () => {
    const { port: serverPort } = new URL(embeddedUrl);
    expect(await get(`${embeddedUrl}/api/v1/health`)).toBe(200);
    expect(await get(`${embeddedUrl}/api/v1/health`, `evil.example:${serverPort}`)).toBe(421);
    // And the desk's own page refuses the rebound name too.
    expect(await get(`http://127.0.0.1:${port}/`, `evil.example:${port}`)).toBe(421);
  });

  // Last: it ends the desk.
  it('shuts down, rather than spinning on its own failed log lines, once nobody reads its output', async () => {
    // A settled desk: shut down while its first sync is still under way, the host can wait on
    // it for a long time (also on SIGTERM, before any of this), which is not what this tests.
    await expect.poll(async () => ((await invoke('sync.status')).value as { state?: string } | undefined)?.state, { timeout: 30_000 }).toBe('online');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Closed for real before the next log line, or that line still fits in the socket's buffer.
    await Promise.all([child.stdout, child.stderr].map((stream) => new Promise((resolve) => stream?.once('close', resolve).destroy())));
    child.stdin?.write('fault\n');
    expect(await exited).toBe(0);
  }, 60_000);
});
