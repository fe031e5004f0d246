import { describe, expect, it } from 'vitest';
import { departmentPageServer } from './departmentPageTesting.js';

describe('department page', () => {
  const s = departmentPageServer();

  it('serves the page with a strict CSP and no inline script or style', async () => {
    const res = await s().app.inject({ method: 'GET', url: '/department/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const scripts = [...res.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toContain('src="page.js"');
    expect(scripts[0]![1]).toContain('type="module"');
    expect(scripts[0]![2]!.trim()).toBe('');
    expect(res.body).not.toMatch(/<style|\son[a-z]+=|style=/i);
  });

  it('serves its script and stylesheet, and redirects /department to /department/', async () => {
    const js = await s().app.inject({ method: 'GET', url: '/department/page.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.body).toContain('/api/v1/auth/login');
    expect(js.body).not.toContain('innerHTML');
    expect((await s().app.inject({ method: 'GET', url: '/department/page.css' })).headers['content-type']).toMatch(/^text\/css/);
    const redirect = await s().app.inject({ method: 'GET', url: '/department' });
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/department/');
    expect((await s().app.inject({ method: 'GET', url: '/department/../app.ts' })).statusCode).toBe(404);
  });

  it('serves the page logic as a module, asks nothing through browser prompts, and labels every form control', async () => {
    const js = (await s().app.inject({ method: 'GET', url: '/department/page.js' })).body;
    expect(js).toContain("from './logic.js'");
    const logic = await s().app.inject({ method: 'GET', url: '/department/logic.js' });
    expect(logic.statusCode).toBe(200);
    expect(logic.headers['content-type']).toMatch(/^text\/javascript/);
    expect(logic.headers['content-security-policy']).toContain("script-src 'self'");
    for (const source of [js, logic.body]) {
      expect(source).not.toMatch(/\b(prompt|alert|confirm)\(/);
      expect(source).not.toContain('innerHTML');
    }
    const html = (await s().app.inject({ method: 'GET', url: '/department/' })).body;
    const controls = [...html.matchAll(/<(input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[2]!);
    expect(controls).toEqual(expect.arrayContaining(['login-username', 'unit', 'status', 'due', 'sort', 'action-input', 'action-text', 'action-unit']));
    for (const id of controls) expect(html, id).toContain(`<label for="${id}"`);
  });

  it('lists the catalogue\'s units by name for the unit and redirect lists', async () => {
    const res = await s().app.inject({ method: 'GET', url: '/department/units.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const { units } = res.json<{ units: { code: string; name: string; kind: string }[] }>();
    expect(units).toContainEqual({ code: 'fen-isleri', name: 'Fen İşleri Müdürlüğü', kind: 'directorate' });
    expect(units).toContainEqual({ code: 'zabita', name: 'Zabıta Müdürlüğü', kind: 'directorate' });
    // Every unit the page offers is one a redirect accepts (the server's units table).
    const known = await s().db.query<{ code: string }>('SELECT code FROM units');
    expect(units.map((u) => u.code).filter((code) => !known.some((k) => k.code === code))).toEqual([]);
  });
});
