import type { FastifyInstance, FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';

const PAGE_DIR = new URL('./page/', import.meta.url);

/** Same origin only, no inline script or style, no framing: the page shows citizens' data. */
export const DEPARTMENT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const FILES = {
  'index.html': 'text/html; charset=utf-8',
  'page.js': 'text/javascript; charset=utf-8',
  'page.css': 'text/css; charset=utf-8',
} as const;

/**
 * `GET /department/`: the department web page (plain HTML, one script, one stylesheet), which
 * logs in with the auth route, lists the unit's inbox and runs the five workflow actions.
 */
export async function registerDepartmentPage(app: FastifyInstance): Promise<void> {
  const contents = new Map<string, string>();
  for (const name of Object.keys(FILES)) contents.set(name, await readFile(new URL(name, PAGE_DIR), 'utf8'));

  const send = (name: keyof typeof FILES) => async (_req: unknown, reply: FastifyReply) =>
    reply
      .header('content-type', FILES[name])
      .header('content-security-policy', DEPARTMENT_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header('cache-control', 'no-cache')
      .send(contents.get(name));

  app.get('/department', async (_req, reply) => reply.redirect('/department/', 301));
  app.get('/department/', send('index.html'));
  app.get('/department/page.js', send('page.js'));
  app.get('/department/page.css', send('page.css'));
}
