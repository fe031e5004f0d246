import type { BrowserContext, Page } from '@playwright/test';
import type { SipPeerState, SipPeerStats } from './api.js';
import './api.js';

/**
 * One SIP peer page driven from a test: a typed face over `window.sipPeer`. Several peers are
 * several pages (each registers its own user); they may share a browser context.
 */
export class SipPeer {
  constructor(readonly page: Page) {}

  register(user: string, wsUrl: string): Promise<void> {
    return this.page.evaluate(([u, w]) => window.sipPeer.register(u, w), [user, wsUrl] as const);
  }
  call(target: string, extraHeaders: string[] = []): Promise<void> {
    return this.page.evaluate(([t, h]) => window.sipPeer.call(t, h), [target, extraHeaders] as const);
  }
  answer(): Promise<void> {
    return this.page.evaluate(() => window.sipPeer.answer());
  }
  hangup(): Promise<void> {
    return this.page.evaluate(() => window.sipPeer.hangup());
  }
  hold(): Promise<void> {
    return this.page.evaluate(() => window.sipPeer.hold());
  }
  unhold(): Promise<void> {
    return this.page.evaluate(() => window.sipPeer.unhold());
  }
  sendDtmf(tones: string): Promise<void> {
    return this.page.evaluate((t) => window.sipPeer.sendDtmf(t), tones);
  }
  refer(target: string): Promise<void> {
    return this.page.evaluate((t) => window.sipPeer.refer(t), target);
  }
  state(): Promise<SipPeerState> {
    return this.page.evaluate(() => window.sipPeer.state());
  }
  stats(): Promise<SipPeerStats> {
    return this.page.evaluate(() => window.sipPeer.stats());
  }
  log(): Promise<string[]> {
    return this.page.evaluate(() => window.sipPeer.log());
  }
}

/** Opens the peer page of `serverUrl` (startSipPeerServer) in a new page of `context`. */
export async function openSipPeer(context: BrowserContext, serverUrl: string): Promise<SipPeer> {
  const page = await context.newPage();
  await page.goto(serverUrl);
  await page.waitForFunction(() => typeof window.sipPeer === 'object');
  return new SipPeer(page);
}

/** Opens a peer and registers `user` through `wsUrl`. */
export async function registeredSipPeer(context: BrowserContext, serverUrl: string, user: string, wsUrl: string): Promise<SipPeer> {
  const peer = await openSipPeer(context, serverUrl);
  await peer.register(user, wsUrl);
  return peer;
}
