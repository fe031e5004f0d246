import { readFile } from 'node:fs/promises';
import { withPolicyMeta } from './contentSecurity.js';
import { staticTarget, type StaticTarget } from './staticFiles.js';

/**
 * The Electron shell's answer to `app://desk/…`, kept apart from electron.main.ts so it runs
 * (and is tested) under plain Node. The CSP header goes on every response here:
 * session.webRequest.onHeadersReceived, where the shell also sets it, fires for http(s) only and
 * never sees what a protocol.handle handler returns (electron/electron#6021, #14804), so without
 * this the page would have only its meta policy.
 */
export async function appResponse(requestUrl: string, rendererDir: string, policy: string): Promise<Response> {
  const headers = { 'Content-Security-Policy': policy, 'X-Content-Type-Options': 'nosniff' };
  let target: StaticTarget;
  try {
    target = staticTarget(rendererDir, new URL(requestUrl).pathname);
  } catch {
    target = { ok: false, status: 400 };
  }
  if (!target.ok) return new Response(null, { status: target.status, headers });
  let body: Buffer;
  try {
    body = await readFile(target.file);
  } catch {
    return new Response(null, { status: 404, headers });
  }
  const content = target.isPage ? withPolicyMeta(body.toString('utf8'), policy) : new Uint8Array(body);
  return new Response(content, { status: 200, headers: { ...headers, 'Content-Type': target.contentType } });
}
