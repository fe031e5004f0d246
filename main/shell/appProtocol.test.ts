import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appResponse } from './appProtocol.js';
import { contentSecurityPolicy, metaPolicy, parsePolicy, policyOfMeta, sipConnectSource } from './contentSecurity.js';

let dir: string;
let rendererDir: string;
const policy = contentSecurityPolicy(`'self'${sipConnectSource('wss://sip.belediye.gov.tr:8089/ws')}`);

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'desk-app-protocol-'));
  rendererDir = path.join(dir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  copyFileSync(new URL('../../renderer/index.html', import.meta.url), path.join(rendererDir, 'index.html'));
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer folder');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Electron's app:// protocol", () => {
  it('serves the page with the CSP header (webRequest never sees app:// responses) and the same policy in its meta', async () => {
    const res = await appResponse('app://desk/index.html', rendererDir, policy);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(policy);
    const meta = policyOfMeta(await res.text());
    expect(parsePolicy(meta ?? '')).toEqual(parsePolicy(metaPolicy(policy)));
    expect(parsePolicy(meta ?? '')['connect-src']).toEqual(["'self'", 'wss://sip.belediye.gov.tr:8089']);
  });

  it('serves assets with the header too, and their bytes unchanged', async () => {
    const res = await appResponse('app://desk/assets/app.js', rendererDir, policy);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(policy);
    expect(await res.text()).toBe('export {};');
  });

  it('answers 400 to a malformed percent-encoding and 404 outside its folder, instead of throwing', async () => {
    for (const url of ['app://desk/%E0%A4%A', 'app://desk/%', 'app://desk/a%00.js']) {
      expect((await appResponse(url, rendererDir, policy)).status).toBe(400);
    }
    expect((await appResponse('app://desk/..%2fsecret.txt', rendererDir, policy)).status).toBe(404);
    expect((await appResponse('app://desk/missing.js', rendererDir, policy)).status).toBe(404);
  });
});
