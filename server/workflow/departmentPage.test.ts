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
});
