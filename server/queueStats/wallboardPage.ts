import type { FastifyInstance, FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiError } from '../http/errors.js';

/** Where `npm run build:renderer` writes the desk's UI and the TV page (tv.html, assets/). */
export const RENDERER_DIST_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/**
 * Same origin only, no inline script or style, no framing: the department page's policy, and what
 * the desk's own CSP allows its build (renderer/index.html): `data:` images for the empty favicon
 * only, no remote fonts. React's style props are set through the CSSOM, which style-src does not govern.
 */
export const WALLBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A built asset's name as Vite writes it (`tv-Bx3_k9Qa.js`): no slash, no dot but the extension's. */
const ASSET_NAME = /^[A-Za-z0-9_-]{1,128}\.(js|css|svg|png|woff2)$/;
const ASSET_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
};

export const NOT_BUILT_TEXT =
  'The wallboard page is not built on this server. An administrator runs `npm run build:renderer` in the server\'s folder (it writes dist/renderer/tv.html), then reloads this page.\n';

export interface WallboardPageOptions {
  /** The renderer's build; dist/renderer of this checkout by default (tests pass a folder of their own). */
  rendererDir?: string;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/**
 * `GET /wallboard/`: the team lead's wallboard for a TV with no desk (renderer/tv.html, the desk's
 * own wallboard fed by the live channel's `event: queues`). It logs in on the page with the auth
 * route; only team leads and admins get the figures. Its files are the renderer's build, read
 * at each request, so a rebuilt renderer needs no restart.
 */
export function registerWallboardPage(app: FastifyInstance, options: WallboardPageOptions = {}): void {
  const dir = path.resolve(options.rendererDir ?? RENDERER_DIST_DIR);
  const assetsDir = path.join(dir, 'assets');

  const withHeaders = (reply: FastifyReply, contentType: string, cacheControl: string) =>
    reply
      .header('content-type', contentType)
      .header('content-security-policy', WALLBOARD_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header('cache-control', cacheControl);
  const notFound = (reply: FastifyReply) => reply.code(404).send({ error: 'not-found' } satisfies ApiError);

  app.get('/wallboard', async (_req, reply) => reply.redirect('/wallboard/', 301));

  app.get('/wallboard/', async (_req, reply) => {
    let page: Buffer;
    try {
      page = await readFile(path.join(dir, 'tv.html'));
    } catch (error) {
      if (!isMissing(error)) throw error;
      return withHeaders(reply.code(503), 'text/plain; charset=utf-8', 'no-store').send(NOT_BUILT_TEXT);
    }
    return withHeaders(reply, 'text/html; charset=utf-8', 'no-cache').send(page);
  });

  app.get('/wallboard/assets/:name', async (req, reply) => {
    const { name } = req.params as { name: string };
    // Nothing but a plain file name reaches the file system: no path, no traversal, no dot file.
    const extension = ASSET_NAME.exec(name)?.[1];
    if (extension === undefined) return notFound(reply);
    let body: Buffer;
    try {
      body = await readFile(path.join(assetsDir, name));
    } catch (error) {
      if (isMissing(error)) return notFound(reply);
      throw error;
    }
    // Vite names each asset by its content: a name never changes its bytes.
    return withHeaders(reply, ASSET_TYPES[extension]!, 'public, max-age=31536000, immutable').send(body);
  });
}
