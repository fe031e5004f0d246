import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** A request path's file in the renderer's folder, or the status that refuses it. */
export type StaticTarget =
  | { readonly ok: true; readonly file: string; readonly contentType: string; readonly isPage: boolean }
  | { readonly ok: false; readonly status: 400 | 404 };

/**
 * The one place both shells turn a URL path into a file. Pure: it reads nothing. A malformed
 * percent-encoding is the client's error (400), not an exception: anyone can send one, a page on
 * another origin with `new Image().src = 'http://127.0.0.1:5153/%'`, and it must not reach the
 * process as an uncaught URIError.
 */
export function staticTarget(rootDir: string, encodedPathname: string): StaticTarget {
  let pathname: string;
  try {
    pathname = decodeURIComponent(encodedPathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0')) return { ok: false, status: 400 };
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = path.resolve(rootDir, relative);
  if (!file.startsWith(rootDir + path.sep)) return { ok: false, status: 404 };
  const extension = path.extname(file);
  return {
    ok: true,
    file,
    contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    isPage: extension === '.html',
  };
}
