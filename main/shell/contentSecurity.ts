/** One CSP for both shells: only the app's own files, no inline script, no remote content. */
export function contentSecurityPolicy(connectSrc: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The softphone's SIP server, the one remote place the UI may open a connection to. */
export function sipConnectSource(wsUrl: string | null): string {
  if (wsUrl === null) return '';
  try {
    return ` ${new URL(wsUrl).origin}`;
  } catch {
    return '';
  }
}

export const rendererDistDir = new URL('../../dist/renderer/', import.meta.url);
