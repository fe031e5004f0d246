import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { freePort } from '../../main/host/testing/freePort.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const template = join(root, 'telephony/kamailio/kamailio.cfg');
const INSTALL_HINT = 'apt-get install -y kamailio kamailio-websocket-modules';

export interface KamailioProcess {
  /** ws://127.0.0.1:PORT — the SIP over WebSocket address for JsSIP. */
  readonly wsUrl: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** The Kamailio binary on PATH (or in /usr/sbin, which a non-root PATH may miss), else null. */
export function findKamailio(): string | null {
  for (const candidate of ['/usr/sbin/kamailio', '/usr/local/sbin/kamailio']) {
    if (existsSync(candidate)) return candidate;
  }
  try {
    const found = execFileSync('sh', ['-c', 'command -v kamailio'], { encoding: 'utf8' }).trim();
    return found || null;
  } catch {
    return null;
  }
}

/** The folder holding Debian's websocket.so (x86_64, aarch64, … multiarch folders). */
export function findKamailioModules(): string | null {
  const lib = '/usr/lib';
  const dirs = [join(lib, 'kamailio/modules'), ...readdirSync(lib).map((d) => join(lib, d, 'kamailio/modules'))];
  return dirs.find((d) => existsSync(join(d, 'websocket.so'))) ?? null;
}

/** Our config template with the port and module path filled in. */
export function renderKamailioConfig(port: number, modulePath: string): string {
  return readFileSync(template, 'utf8')
    .replaceAll('__WS_PORT__', String(port))
    .replaceAll('__MODULE_PATH__', modulePath.endsWith('/') ? modulePath : `${modulePath}/`);
}

/** One REGISTER (Contact: *, Expires: 0) over WebSocket: resolves with the status line. */
export function probeSipWebSocket(wsUrl: string, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, 'sip');
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('no SIP reply'));
    }, timeoutMs);
    const id = `${Date.now()}${Math.random().toString(36).slice(2)}`;
    ws.on('open', () =>
      ws.send(
        [
          'REGISTER sip:127.0.0.1 SIP/2.0',
          `Via: SIP/2.0/WS probe.invalid;branch=z9hG4bK${id}`,
          'Max-Forwards: 70',
          'To: <sip:probe@127.0.0.1>',
          `From: <sip:probe@127.0.0.1>;tag=${id}`,
          `Call-ID: probe-${id}`,
          'CSeq: 1 REGISTER',
          'Contact: *',
          'Expires: 0',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      ),
    );
    ws.on('message', (data: WebSocket.RawData) => {
      clearTimeout(timer);
      ws.close();
      resolve(String(data).split('\r\n')[0] ?? '');
    });
    ws.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * Kamailio in the foreground (no daemon) on a free loopback port with telephony/kamailio's
 * config: SIP over WebSocket, registrar in memory, no auth. Resolves once a REGISTER over
 * WebSocket gets a SIP reply.
 */
export async function startKamailio(): Promise<KamailioProcess> {
  const binary = findKamailio();
  if (!binary) throw new Error(`kamailio is not installed: ${INSTALL_HINT}`);
  const modules = findKamailioModules();
  if (!modules) throw new Error(`Kamailio's websocket.so was not found under /usr/lib/*/kamailio/modules: ${INSTALL_HINT}`);

  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kamailio-'));
  const run = join(dir, 'run');
  mkdirSync(run);
  const cfg = join(dir, 'kamailio.cfg');
  writeFileSync(cfg, renderKamailioConfig(port, modules));

  const child = spawn(binary, ['-f', cfg, '-P', join(run, 'k.pid'), '-Y', run, '-DD', '-E'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  });
  let spawnError: Error | null = null;
  child.once('error', (error) => (spawnError = error));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });

  const wsUrl = `ws://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (spawnError || child.exitCode !== null) {
      cleanup();
      const why = spawnError ? (spawnError as Error).message : `exited with ${child.exitCode}`;
      throw new Error(`kamailio ${why}:\n${errorLines(output)}`);
    }
    const status = await probeSipWebSocket(wsUrl, 500).catch(() => '');
    if (status.startsWith('SIP/2.0')) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      cleanup();
      throw new Error(`kamailio did not answer SIP over WebSocket on ${wsUrl} within 10 s:\n${errorLines(output)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    wsUrl,
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      cleanup();
    },
  };
}

/** Kamailio's stderr is chatty: keep the error lines (or the tail when there are none). */
function errorLines(output: string): string {
  const lines = output.split('\n');
  const errors = lines.filter((l) => /ERROR|CRITICAL|ALERT|error/.test(l));
  return (errors.length ? errors : lines).slice(-30).join('\n');
}
