/**
 * The presence feature's hold on the real page: the Notification API, the tab's title and
 * favicon, an audio element, focus and visibility. Everything else in the feature is written
 * against PresenceEnv and tested without a browser; this is covered end to end (e2e/presence).
 */
import type { DeskLanguage } from '../../../core/deskSettings.js';
import { isTypingOutside, SUBJECT_INPUT_ID } from '../shared/ui/focus.js';
import { browserStorage, takeStoredLanguage } from '../shared/i18n/i18n.js';
import { createRingSound } from './ringSound.js';
import type { PresenceEnv } from './startPresence.js';
import { createTitleFlash } from './titleFlash.js';

const silentRing = createRingSound(() => null, () => '');

/** Where there is no page (unit tests of other features): nothing rings, nothing is reported. */
const NO_PAGE: PresenceEnv = { ring: silentRing, attention: null, window: null, takeLegacyLanguage: () => null, defaultLanguage: 'tr' };

const formOfSubject = (): HTMLElement | null => document.getElementById(SUBJECT_INPUT_ID)?.closest('form') ?? null;

export function pagePresenceEnv(defaultLanguage: DeskLanguage): PresenceEnv {
  if (typeof document === 'undefined' || typeof window === 'undefined') return NO_PAGE;
  const icon = (): HTMLLinkElement | null => document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  const ring = createRingSound(
    () => (typeof Audio === 'undefined' ? null : new Audio()),
    (wav) => URL.createObjectURL(new Blob([wav as Uint8Array<ArrayBuffer>], { type: 'audio/wav' })),
  );
  // A ring the browser refused plays from the operator's first click or key in the page.
  for (const name of ['pointerdown', 'keydown']) window.addEventListener(name, () => ring.retry(), true);
  return {
    defaultLanguage,
    ring,
    attention: {
      notifier: {
        show(notice, tag, onClick) {
          if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return null;
          // Silent: the page rings itself, at the operator's volume and on their speaker.
          const shown = new Notification(notice.title, { body: notice.body, tag, requireInteraction: true, silent: true });
          shown.onclick = () => onClick();
          return shown;
        },
      },
      flash: createTitleFlash(
        {
          get: () => ({ title: document.title, favicon: icon()?.href ?? 'data:,' }),
          set(face) {
            document.title = face.title;
            const link = icon();
            if (link) link.href = face.favicon;
          },
        },
        { setInterval: (fn, ms) => window.setInterval(fn, ms), clearInterval: (handle) => window.clearInterval(handle as number) },
      ),
      focusForm() {
        const subject = document.getElementById(SUBJECT_INPUT_ID);
        if (subject && !isTypingOutside(formOfSubject())) subject.focus();
      },
      raiseTab: () => window.focus(),
    },
    window: {
      read: () => ({ visible: document.visibilityState === 'visible', focused: document.hasFocus(), typingElsewhere: isTypingOutside(formOfSubject()) }),
      onChange(listener) {
        const targets: Array<[EventTarget, string]> = [
          [document, 'visibilitychange'],
          [document, 'focusin'],
          [document, 'focusout'],
          [window, 'focus'],
          [window, 'blur'],
        ];
        for (const [target, name] of targets) target.addEventListener(name, listener);
        return () => {
          for (const [target, name] of targets) target.removeEventListener(name, listener);
        };
      },
    },
    takeLegacyLanguage: () => takeStoredLanguage(browserStorage()),
  };
}
