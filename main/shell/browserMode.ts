import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { ATTACHMENT_MAX_BYTES, WireRequest, type WireEvent, type WireResponse } from '../../core/contract.js';
import type { Host } from '../host/host.js';
import { contentSecurityPolicy, sipConnectSource, rendererDistDir } from './contentSecurity.js';

// Room for one attachment (base64 of ATTACHMENT_MAX_BYTES) and nothing much bigger.
const MAX_MESSAGE_BYTES = Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 64 * 1024;
/** WebSocket close code for a missing or stale per-launch token (the renderer stops retrying). */
export const TOKEN_REFUSED = 4401;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface BrowserModeServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function tokensEqual(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browser mode: the UI over HTTP + WebSocket, reachable from this machine only (127.0.0.1),
 * and only by whoever holds the per-launch token printed at start.
 */
export async function startBrowserMode(
  host: Host,
  options: { port: number; staticDir?: string; log: (line: string) => void; sipWsUrl?: string | null },
): Promise<BrowserModeServer> {
  const token = randomBytes(24).toString('base64url');
  const staticDir = path.resolve(options.staticDir ?? fileURLToPath(rendererDistDir));
  let origin = '';

  const server = http.createServer(async (req, res) => {
    const headers = {
      'Content-Security-Policy': contentSecurityPolicy(
        `'self' ws://127.0.0.1:${(server.address() as AddressInfo).port}${sipConnectSource(options.sipWsUrl ?? null)}`,
      ),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
    const file = path.resolve(staticDir, relative);
    if (!file.startsWith(staticDir + path.sep)) {
      res.writeHead(404, headers).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { ...headers, 'Content-Type': type }).end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws' || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!tokensEqual(url.searchParams.get('token'), token)) {
      // Our own page with a stale token (the host restarted): a close code it can explain,
      // instead of an HTTP error that looks like a dead host and is retried forever.
      wss.handleUpgrade(req, socket, head, (ws) => ws.close(TOKEN_REFUSED, 'token refused'));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', async (data, isBinary) => {
      let request: WireRequest;
      try {
        if (isBinary) throw new Error('binary');
        request = WireRequest.parse(JSON.parse(data.toString()));
      } catch {
        ws.send(JSON.stringify({ id: -1, ok: false, error: { code: 'invalid-request', message: 'Malformed frame' } }));
        return;
      }
      const result = await host.invoke(request.method, request.params);
      const response: WireResponse = { id: request.id, ...result };
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
    });
  });

  const unsubscribe = host.onEvent((event, payload) => {
    const frame = JSON.stringify({ event, payload } satisfies WireEvent);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    port,
    url: `${origin}/#token=${token}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
