import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const source = fileURLToPath(new URL('.', import.meta.url));

export interface SipPeerServer {
  /** http://127.0.0.1:PORT/ — open it in a page, then use window.sipPeer (see api.ts). */
  readonly url: string;
  stop(): Promise<void>;
}

let built: Promise<string> | null = null;

/** Builds the peer page once per process (vite, into a temp folder) and returns that folder. */
export function buildSipPeer(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'sip-peer-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    await build({
      configFile: false,
      root: source,
      base: './',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, minify: false, sourcemap: false, reportCompressedSize: false },
    });
    return outDir;
  })();
  return built;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The built peer page on 127.0.0.1 (a free port), served by a small static server. */
export async function startSipPeerServer(): Promise<SipPeerServer> {
  const dir = await buildSipPeer();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
