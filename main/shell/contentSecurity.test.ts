import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, metaPolicy, parsePolicy, policyOfMeta, sipConnectSource, withPolicyMeta } from './contentSecurity.js';

const indexHtml = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');

/** The only bare schemes allowed, each where it is needed: inline images and recorded audio, never a network scheme. */
const BARE_SCHEMES_ALLOWED: Record<string, string[]> = { 'img-src': ['data:'], 'media-src': ['blob:'] };

/** Sources that open a directive to every host: a bare scheme (`wss:`), `*`, or a host wildcard. */
function tooWide(policy: string): string[] {
  const found: string[] = [];
  for (const [directive, sources] of Object.entries(parsePolicy(policy))) {
    for (const source of sources) {
      const bareScheme = /^[a-z][a-z0-9+.-]*:$/i.test(source) && !BARE_SCHEMES_ALLOWED[directive]?.includes(source.toLowerCase());
      if (bareScheme || source.includes('*')) found.push(`${directive} ${source}`);
    }
  }
  return found;
}

const launches = [
  { shell: 'Electron, no softphone', connectSrc: `'self'${sipConnectSource(null)}` },
  { shell: 'Electron with a SIP server', connectSrc: `'self'${sipConnectSource('wss://sip.belediye.gov.tr:8089/ws')}` },
  { shell: 'browser mode with a SIP server', connectSrc: `'self' ws://127.0.0.1:5153${sipConnectSource('ws://10.0.0.5:8088/ws')}` },
];

describe('content security policy', () => {
  it("index.html's meta policy is the header's own strictest one (no socket, no SIP server), and nothing looser", () => {
    const meta = policyOfMeta(indexHtml);
    expect(meta).not.toBeNull();
    expect(parsePolicy(meta!)).toEqual(parsePolicy(metaPolicy(contentSecurityPolicy("'self'"))));
    expect(tooWide(meta!)).toEqual([]);
  });

  it.each(launches)('$shell: no directive allows a bare scheme or a wildcard, and the served meta equals the header', ({ connectSrc }) => {
    const header = contentSecurityPolicy(connectSrc);
    expect(tooWide(header)).toEqual([]);
    const served = policyOfMeta(withPolicyMeta(indexHtml, header))!;
    expect(parsePolicy(served)).toEqual(parsePolicy(metaPolicy(header)));
    // Everything but what a meta element cannot carry (browsers ignore it there and warn).
    const { 'frame-ancestors': frameAncestors, ...rest } = parsePolicy(header);
    expect(frameAncestors).toEqual(["'none'"]);
    expect(parsePolicy(served)).toEqual(rest);
  });

  it('allows the SIP server by its origin only; a wildcard or another scheme adds nothing', () => {
    expect(sipConnectSource('wss://sip.belediye.gov.tr:8089/ws?x=1')).toBe(' wss://sip.belediye.gov.tr:8089');
    expect(sipConnectSource('wss://*')).toBe('');
    expect(sipConnectSource('wss://*.belediye.gov.tr/ws')).toBe('');
    expect(sipConnectSource('https://sip.belediye.gov.tr')).toBe('');
    expect(sipConnectSource('not a url')).toBe('');
  });

  it('writes the policy into the page as an attribute value, escaped', () => {
    const html = withPolicyMeta(indexHtml, `default-src 'self'; connect-src 'self' wss://a"b&c`);
    expect(html).toContain('content="default-src \'self\'; connect-src \'self\' wss://a&quot;b&amp;c"');
    expect(policyOfMeta(html)).toBe(`default-src 'self'; connect-src 'self' wss://a"b&c`);
  });
});
