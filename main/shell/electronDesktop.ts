/**
 * The host's DesktopShell over Electron: window, tray, notifications, global keys, login item,
 * updater. Thin on purpose: every decision is the host's (main/host/presence.ts). It is written
 * against the small shapes below rather than Electron's modules, so it is tested with fakes on
 * machines where Electron's binary cannot be installed; electron.main.ts hands it the real ones.
 */
import type { Notice } from '../../core/desktop.js';
import { toAccelerator } from '../../core/hotkeys.js';
import type { WindowState } from '../host/attention.js';
import type { DesktopEvents, DesktopShell, GlobalBinding } from '../host/desktopShell.js';
import type { Confirmation, TrayItem, TrayState, TrayView } from '../host/trayModel.js';
import type { ElectronUpdater } from './electronUpdater.js';

export interface WindowLike {
  isVisible(): boolean;
  isMinimized(): boolean;
  isFocused(): boolean;
  show(): void;
  restore(): void;
  focus(): void;
  hide(): void;
  flashFrame(flag: boolean): void;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'focus' | 'blur' | 'minimize' | 'restore' | 'show' | 'hide', listener: () => void): unknown;
}

export interface TrayLike {
  setImage(image: unknown): void;
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click', listener: () => void): unknown;
}

/** Electron's MenuItemConstructorOptions, as far as the tray uses them. */
export interface MenuTemplateItem {
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox';
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  submenu?: MenuTemplateItem[];
  click?: () => void;
}

export interface MessageBoxOptions {
  type: 'question';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: true;
}

export interface ElectronParts {
  /** Made on first use: Electron's Tray exists only once the app is ready. */
  createTray(icon: unknown): TrayLike;
  buildMenu(template: MenuTemplateItem[]): unknown;
  trayIcon(state: TrayState): unknown;
  createNotification(notice: Notice): NotificationLike;
  globalShortcut: { register(accelerator: string, callback: () => void): boolean; unregisterAll(): void };
  showMessageBox(window: WindowLike | null, options: MessageBoxOptions): Promise<{ response: number }>;
  setStartAtLogin(on: boolean): void;
  quit(): void;
  updater: ElectronUpdater | null;
}

export interface ElectronDesktop extends DesktopShell {
  /** The main window exists: its close, focus and state now reach the host. */
  bindWindow(window: WindowLike): void;
  /** The app is quitting (tray Quit, the OS, an update): the window may close. */
  allowClose(): void;
}

export function menuTemplate(items: readonly TrayItem[], run: (item: Extract<TrayItem, { kind: 'command' }>) => void): MenuTemplateItem[] {
  return items.map((item): MenuTemplateItem => {
    if (item.kind === 'separator') return { type: 'separator' };
    if (item.kind === 'submenu') return { type: 'submenu', label: item.label, enabled: item.enabled, submenu: menuTemplate(item.items, run) };
    return { type: item.checked ? 'checkbox' : 'normal', label: item.label, enabled: item.enabled, checked: item.checked, click: () => run(item) };
  });
}

export function createElectronDesktop(parts: ElectronParts): ElectronDesktop {
  let events: DesktopEvents | null = null;
  let window: WindowLike | null = null;
  let tray: TrayLike | null = null;
  let notice: NotificationLike | null = null;
  let closing = false;

  const raise = () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  return {
    attach(next) {
      events = next;
      parts.updater?.onEvent((event) => events?.update(event));
    },
    bindWindow(next) {
      window = next;
      next.on('close', (event) => {
        if (closing) return;
        // The host decides: into the tray, or quit (asking first when a call or draft is open).
        event.preventDefault();
        events?.closeRequested();
      });
      for (const change of ['focus', 'blur', 'minimize', 'restore', 'show', 'hide'] as const) next.on(change, () => events?.windowChanged());
    },
    allowClose() {
      closing = true;
    },
    windowState(): WindowState {
      if (!window || !window.isVisible()) return 'hidden';
      if (window.isMinimized()) return 'minimised';
      return window.isFocused() ? 'focused' : 'unfocused';
    },
    raise,
    hide: () => window?.hide(),
    flash: (on) => window?.flashFrame(on),
    notify(text, onClick) {
      notice?.close();
      const shown = parts.createNotification(text);
      shown.on('click', onClick);
      shown.show();
      notice = shown;
    },
    closeNotice() {
      notice?.close();
      notice = null;
    },
    setTray(view: TrayView) {
      if (!tray) {
        tray = parts.createTray(parts.trayIcon(view.state));
        tray.on('click', raise);
      } else {
        tray.setImage(parts.trayIcon(view.state));
      }
      tray.setToolTip(view.tooltip);
      tray.setContextMenu(parts.buildMenu(menuTemplate(view.menu, (item) => events?.trayCommand(item.command))));
    },
    setGlobalShortcuts(bindings: readonly GlobalBinding[]) {
      parts.globalShortcut.unregisterAll();
      return bindings.map((binding) => {
        let registered = false;
        try {
          registered = parts.globalShortcut.register(toAccelerator(binding.combo), () => events?.globalHotkey(binding.action));
        } catch {
          // An accelerator this platform cannot take counts as not given.
        }
        return { ...binding, registered };
      });
    },
    setStartAtLogin: (on) => parts.setStartAtLogin(on),
    async confirm(question: Confirmation) {
      if (window?.isVisible() === false) raise();
      const { response } = await parts.showMessageBox(window, {
        type: 'question',
        title: question.title,
        message: question.title,
        detail: question.detail,
        buttons: [question.confirm, question.cancel],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      return response === 0;
    },
    quit() {
      closing = true;
      parts.globalShortcut.unregisterAll();
      parts.quit();
    },
    updater: parts.updater,
  };
}
