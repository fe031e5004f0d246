import type { Notice } from '../../../core/desktop.js';
import type { WindowState } from '../attention.js';
import type { DesktopEvents, DesktopShell, GlobalBinding, UpdaterEvent } from '../desktopShell.js';
import type { Confirmation, TrayView } from '../trayModel.js';

/**
 * A desktop shell that records what the host asked of it, and lets a test play the operator
 * (close the window, click the tray or a notification, press a global key) and the OS.
 */
export interface FakeDesktop extends DesktopShell {
  window: WindowState;
  /** What the host asked, in order: 'raise', 'hide', 'flash:on', 'notify', 'quit', … */
  readonly log: string[];
  readonly notices: Notice[];
  tray: TrayView | null;
  /** Combos another program holds: registering them fails. */
  taken: Set<string>;
  registered: GlobalBinding[];
  startAtLogin: boolean | null;
  questions: Confirmation[];
  /** The operator's answer to the next quit question. */
  answer: boolean;
  checks: Array<string | null>;
  installs: number;
  readonly events: DesktopEvents;
  clickNotice(): void;
  updaterEvent(event: UpdaterEvent): void;
}

export function fakeDesktop(options: { window?: WindowState; updater?: boolean } = {}): FakeDesktop {
  let events: DesktopEvents | null = null;
  let onNoticeClick: (() => void) | null = null;
  const fake: FakeDesktop = {
    window: options.window ?? 'hidden',
    log: [],
    notices: [],
    tray: null,
    taken: new Set(),
    registered: [],
    startAtLogin: null,
    questions: [],
    answer: true,
    checks: [],
    installs: 0,
    get events() {
      if (!events) throw new Error('the host has not attached');
      return events;
    },
    attach(next) {
      events = next;
    },
    windowState: () => fake.window,
    raise() {
      fake.log.push('raise');
      fake.window = 'focused';
    },
    hide() {
      fake.log.push('hide');
      fake.window = 'hidden';
    },
    flash: (on) => fake.log.push(on ? 'flash:on' : 'flash:off'),
    notify(notice, onClick) {
      fake.log.push('notify');
      fake.notices.push(notice);
      onNoticeClick = onClick;
    },
    closeNotice: () => fake.log.push('closeNotice'),
    setTray(view) {
      fake.tray = view;
    },
    setGlobalShortcuts(bindings) {
      fake.registered = bindings.filter((b) => !fake.taken.has(b.combo));
      return bindings.map((b) => ({ ...b, registered: !fake.taken.has(b.combo) }));
    },
    setStartAtLogin(on) {
      fake.startAtLogin = on;
    },
    async confirm(question) {
      fake.questions.push(question);
      return fake.answer;
    },
    quit: () => fake.log.push('quit'),
    updater:
      options.updater === false
        ? null
        : {
            check: (url) => fake.checks.push(url),
            install: () => {
              fake.installs += 1;
            },
          },
    clickNotice: () => onNoticeClick?.(),
    updaterEvent: (event) => fake.events.update(event),
  };
  return fake;
}
