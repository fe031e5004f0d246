import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { SqlClient } from '../db/sqlClient.js';

/** Building the app touches no database; any query here would be a bug in the test. */
const noDatabase: SqlClient = {
  query: () => Promise.reject(new Error('no database in this test')),
  exec: () => Promise.reject(new Error('no database in this test')),
  transaction: () => Promise.reject(new Error('no database in this test')),
  close: () => Promise.resolve(),
};

/**
 * Every route Fastify registered, as `METHOD /path` with OpenAPI's `{param}` spelling, read from
 * printRoutes: one line per tree node, four characters of indentation per level, each node's
 * path relative to its parent's.
 */
function registeredRoutes(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + match[2]!;
    stack.push(path);
    for (const method of match[3]?.split(', ') ?? []) {
      if (method !== 'HEAD') routes.push(`${method} ${path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    }
  }
  return routes;
}

describe('OpenAPI document', () => {
  it('describes every route registered under /api/v1, and nothing that is not there', async () => {
    const app = await createApp({ db: noDatabase });
    await app.ready();
    try {
      const registered = registeredRoutes(app.printRoutes({ commonPrefix: false })).filter((r) => r.includes(' /api/v1/'));
      // The reader itself must see the whole tree: these are registered in different modules.
      expect(registered).toEqual(
        expect.arrayContaining(['POST /api/v1/sync/push', 'GET /api/v1/units/{unit}/inbox', 'POST /api/v1/cases/{applicationNo}/redirect', 'GET /api/v1/reports/monthly', 'GET /api/v1/sync/events', 'POST /api/v1/numbers/reserve']),
      );
      const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      const doc = res.json<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } }>();
      const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
      expect([...documented].sort()).toEqual([...registered].sort());
      // Every $ref points at a schema the document has.
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
      expect(refs.filter((r) => !(r in doc.components.schemas))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
