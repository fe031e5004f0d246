import type { BrowserContext, Page } from '@playwright/test';

interface RecordedNotice {
  title: string;
  body: string;
  closed: boolean;
  instance: Notification;
}

declare global {
  interface Window {
    deskProbe: {
      notices: RecordedNotice[];
      /** The src of every audio element that was told to play, in order. */
      played: string[];
      /** The page as a background tab: hidden and without focus (headless Chromium never hides a tab). */
      setHidden(hidden: boolean): void;
    };
  }
}

/**
 * Records what a page does to get attention: every `new Notification(…)` (the real one, with the
 * context's permission), every audio play, and lets the test put the page in the background.
 * window.focus() (what a click on a notification does) brings it back, as a browser would.
 */
export async function probeAttention(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const probe: Window['deskProbe'] = { notices: [], played: [], setHidden: () => {} };
    window.deskProbe = probe;

    if (typeof Notification !== 'undefined') {
      window.Notification = new Proxy(Notification, {
        construct(target, args: [string, NotificationOptions?]) {
          const instance = Reflect.construct(target, args) as Notification;
          const record: RecordedNotice = { title: args[0], body: args[1]?.body ?? '', closed: false, instance };
          const close = instance.close.bind(instance);
          instance.close = () => {
            record.closed = true;
            close();
          };
          probe.notices.push(record);
          return instance;
        },
      });
    }

    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      probe.played.push(this.src);
      // A refusal (a browser that wants a click first) reaches the desk, as it would without the probe.
      return play.call(this);
    };

    let hidden = false;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    const hasFocus = document.hasFocus.bind(document);
    document.hasFocus = () => !hidden && hasFocus();
    probe.setHidden = (next) => {
      hidden = next;
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event(next ? 'blur' : 'focus'));
    };
    window.focus = () => probe.setHidden(false);
  });
}

export const pageProbe = (page: Page) => ({
  hide: () => page.evaluate(() => window.deskProbe.setHidden(true)),
  show: () => page.evaluate(() => window.deskProbe.setHidden(false)),
  notices: () => page.evaluate(() => window.deskProbe.notices.map(({ title, body, closed }) => ({ title, body, closed }))),
  /** The operator clicks the newest notification. */
  clickNotice: () =>
    page.evaluate(() => {
      const last = window.deskProbe.notices.at(-1)?.instance;
      last?.onclick?.call(last, new Event('click'));
    }),
  played: () => page.evaluate(() => window.deskProbe.played),
  favicon: () => page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? ''),
});
