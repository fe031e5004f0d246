import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { ATTACHMENT_MAX_BYTES, WireRequest, type WireEvent, type WireResponse } from '../../core/contract.js';
import type { Host } from '../host/host.js';
import { hostAllowed, loopbackHosts } from '../../server/http/allowedHosts.js';
import { contentSecurityPolicy, sipConnectSource, rendererDistDir, withPolicyMeta } from './contentSecurity.js';
import { staticTarget } from './staticFiles.js';

// Room for one attachment (base64 of ATTACHMENT_MAX_BYTES) and nothing much bigger.
const MAX_MESSAGE_BYTES = Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 64 * 1024;
/** WebSocket close code for a missing or stale per-launch token (the renderer stops retrying). */
export const TOKEN_REFUSED = 4401;
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
  // Known once listening (the port may be 0): 127.0.0.1 and localhost at that port.
  let ownHosts: string[] = [];

  /** Everything a request can throw ends here as a status: no request may end the process. */
  const serve = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const name = req.headers.host?.toLowerCase() ?? '';
    const headers = {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    // DNS rebinding: a page whose name now points at 127.0.0.1 sends its own name here.
    if (!hostAllowed(name, ownHosts)) {
      res.writeHead(421, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Unknown host\n');
      return;
    }
    const policy = contentSecurityPolicy(`'self' ws://${name}${sipConnectSource(options.sipWsUrl ?? null)}`);
    const pageHeaders = { ...headers, 'Content-Security-Policy': policy };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, pageHeaders).end();
      return;
    }
    let target: ReturnType<typeof staticTarget>;
    try {
      target = staticTarget(staticDir, new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      target = { ok: false, status: 400 };
    }
    if (!target.ok) {
      res.writeHead(target.status, pageHeaders).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(target.file);
    } catch {
      res.writeHead(404, pageHeaders).end();
      return;
    }
    const content = target.isPage ? Buffer.from(withPolicyMeta(body.toString('utf8'), policy)) : body;
    res.writeHead(200, { ...pageHeaders, 'Content-Type': target.contentType }).end(req.method === 'HEAD' ? undefined : content);
  };

  const server = http.createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
  });

  server.on('upgrade', (req, socket, head) => {
    // Node leaves an upgrading socket without an error listener: a client's reset must not reach the process.
    socket.on('error', () => socket.destroy());
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    // Our own page only: the name it was loaded by in Host, and that same origin.
    const name = req.headers.host?.toLowerCase() ?? '';
    if (url.pathname !== '/ws' || !hostAllowed(name, ownHosts) || req.headers.origin?.toLowerCase() !== `http://${name}`) {
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
  ownHosts = loopbackHosts(port);

  return {
    port,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The browser keeps spare connections that have sent no request yet (preconnect); close()
        // alone waits for them to time out (headersTimeout, a minute) before the desk can exit.
        server.closeAllConnections();
      });
    },
  };
}
