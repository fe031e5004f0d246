import type { FastifyInstance, FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';
import { defaultCatalogue } from '../../core/catalogue/defaultCatalogue.js';

const PAGE_DIR = new URL('./page/', import.meta.url);

/** Same origin only, no inline script or style, no framing: the page shows citizens' data. */
export const DEPARTMENT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const FILES = {
  'index.html': 'text/html; charset=utf-8',
  'page.js': 'text/javascript; charset=utf-8',
  'logic.js': 'text/javascript; charset=utf-8',
  'page.css': 'text/css; charset=utf-8',
} as const;

/**
 * The units a case can be sent to, by name: the catalogue the server seeds its units table from
 * (server/seed.ts), so the page's list and the redirect's check agree on codes. Names of public
 * bodies, not case data: served without a login, like the page itself.
 */
export function departmentUnits(): { units: { code: string; name: string; kind: string }[] } {
  return { units: defaultCatalogue.units.map(({ code, name, kind }) => ({ code, name, kind })) };
}

/**
 * `GET /department/`: the department web page (plain HTML, two script modules, one stylesheet,
 * the unit list), which logs in with the auth route, lists the unit's inbox and runs the five
 * workflow actions.
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
  app.get('/department/logic.js', send('logic.js'));
  const units = JSON.stringify(departmentUnits());
  app.get('/department/units.json', async (_req, reply) =>
    reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-cache')
      .send(units),
  );
}
