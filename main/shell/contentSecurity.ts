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

/**
 * The softphone's SIP server, the one remote place the UI may open a connection to: its origin
 * exactly, never a scheme or a wildcard (`wss://*` would let the page talk to any host).
 */
export function sipConnectSource(wsUrl: string | null): string {
  if (wsUrl === null) return '';
  try {
    const url = new URL(wsUrl);
    if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.hostname === '' || url.hostname.includes('*')) return '';
    return ` ${url.origin}`;
  } catch {
    return '';
  }
}

/** Directive name → its sources, as a browser reads a policy (names lower case, empty ones dropped). */
export function parsePolicy(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name.toLowerCase()] ??= sources;
  }
  return directives;
}

/** Browsers ignore these in a meta element (and say so in the console): only the header carries them. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The header's policy as a meta element carries it. */
export function metaPolicy(policy: string): string {
  return policy
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !HEADER_ONLY.has(part.split(/\s+/)[0]!.toLowerCase()))
    .join('; ');
}

const META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;

/** The policy of the page's CSP meta element, or null without one. */
export function policyOfMeta(html: string): string | null {
  const match = META.exec(html);
  return match ? match[2]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&') : null;
}

/**
 * index.html with its meta CSP set to the header's policy. Both apply and a browser enforces
 * each, so the page's static meta (the strict default, no SIP server, no socket) would block
 * what the header allows for this launch; one policy, written in both places, cannot drift.
 */
export function withPolicyMeta(html: string, policy: string): string {
  const content = metaPolicy(policy).replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  return html.replace(META, (_all, start: string, _old: string, end: string) => `${start}${content}${end}`);
}

export const rendererDistDir = new URL('../../dist/renderer/', import.meta.url);
