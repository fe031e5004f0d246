import { describe, expect, it } from 'vitest';
import type { DesktopEvents, UpdaterEvent } from '../host/desktopShell.js';
import { hostTexts } from '../host/desktopTexts.js';
import { trayModel } from '../host/trayModel.js';
import { createElectronDesktop, type ElectronParts, type MenuTemplateItem, type MessageBoxOptions, type WindowLike } from './electronDesktop.js';
import type { ElectronUpdater } from './electronUpdater.js';

/** Electron's window, tray, notifications and global keys as far as the adapter touches them. */
function fakeElectron() {
  const calls: string[] = [];
  const windowListeners = new Map<string, Array<(event: { preventDefault(): void }) => void>>();
  const state = { visible: true, minimized: false, focused: false };
  const window: WindowLike = {
    isVisible: () => state.visible,
    isMinimized: () => state.minimized,
    isFocused: () => state.focused,
    show: () => calls.push('show'),
    restore: () => calls.push('restore'),
    focus: () => calls.push('focus'),
    hide: () => calls.push('hide'),
    flashFrame: (on: boolean) => calls.push(`flashFrame:${on}`),
    on: (event: string, listener: (event: { preventDefault(): void }) => void) => windowListeners.set(event, [...(windowListeners.get(event) ?? []), listener]),
  };
  const fire = (event: string) => {
    let prevented = false;
    for (const l of windowListeners.get(event) ?? []) l({ preventDefault: () => (prevented = true) });
    return prevented;
  };
  const tray = { image: null as unknown, tooltip: '', menu: [] as MenuTemplateItem[], click: () => {} };
  const notifications: Array<{ title: string; click: () => void; closed: boolean }> = [];
  const shortcuts = new Map<string, () => void>();
  const boxes: MessageBoxOptions[] = [];
  let updaterListener: (e: UpdaterEvent) => void = () => {};
  const updater: ElectronUpdater = { onEvent: (l) => (updaterListener = l), check: (url) => calls.push(`check:${url}`), install: () => calls.push('install') };
  const parts: ElectronParts = {
    createTray: (icon) => {
      tray.image = icon;
      return {
        setImage: (image) => (tray.image = image),
        setToolTip: (text) => (tray.tooltip = text),
        setContextMenu: (menu) => (tray.menu = menu as MenuTemplateItem[]),
        on: (_event, listener) => (tray.click = listener),
      };
    },
    buildMenu: (template) => template,
    trayIcon: (s) => `icon:${s}`,
    createNotification: (notice) => {
      const n = { title: notice.title, click: () => {}, closed: false };
      notifications.push(n);
      return { show: () => calls.push('notification'), close: () => (n.closed = true), on: (_e, l) => (n.click = l) };
    },
    globalShortcut: {
      register: (accelerator, callback) => {
        if (accelerator === 'F10') return false;
        if (accelerator.includes('Bad')) throw new Error('invalid accelerator');
        shortcuts.set(accelerator, callback);
        return true;
      },
      unregisterAll: () => shortcuts.clear(),
    },
    showMessageBox: async (_w, options) => {
      boxes.push(options);
      return { response: 0 };
    },
    setStartAtLogin: (on) => calls.push(`login:${on}`),
    quit: () => calls.push('app.quit'),
    updater,
  };
  return { parts, window, state, calls, fire, tray, notifications, shortcuts, boxes, updaterEvent: (e: UpdaterEvent) => updaterListener(e) };
}

function hostSide() {
  const seen: string[] = [];
  const events: DesktopEvents = {
    trayCommand: (c) => seen.push(`tray:${c.kind}`),
    closeRequested: () => seen.push('close'),
    globalHotkey: (a) => seen.push(`key:${a}`),
    windowChanged: () => seen.push('window'),
    update: (e) => seen.push(`update:${e.kind}`),
  };
  return { events, seen };
}

describe('the Electron desktop adapter', () => {
  it('reports the window as the host’s policy needs it, and raises it from the tray or minimised', () => {
    const e = fakeElectron();
    const desktop = createElectronDesktop(e.parts);
    expect(desktop.windowState()).toBe('hidden');
    desktop.bindWindow(e.window);
    expect(desktop.windowState()).toBe('unfocused');
    e.state.minimized = true;
    expect(desktop.windowState()).toBe('minimised');
    desktop.raise();
    expect(e.calls).toEqual(['restore', 'show', 'focus']);
    e.state.visible = false;
    expect(desktop.windowState()).toBe('hidden');
  });

  it('leaves closing to the host until the app quits', () => {
    const e = fakeElectron();
    const { events, seen } = hostSide();
    const desktop = createElectronDesktop(e.parts);
    desktop.attach(events);
    desktop.bindWindow(e.window);
    expect(e.fire('close')).toBe(true);
    expect(e.fire('focus')).toBe(false);
    expect(seen).toEqual(['close', 'window']);
    desktop.allowClose();
    expect(e.fire('close')).toBe(false);
  });

  it('draws the host’s tray model, and a menu click reaches the host as its command', () => {
    const e = fakeElectron();
    const { events, seen } = hostSide();
    const desktop = createElectronDesktop(e.parts);
    desktop.attach(events);
    const view = trayModel(
      { link: { status: 'connected', since: 0 }, agent: { interface: 'x', queues: ['alo153'], state: 'paused', pauseReason: 'Mola' } as never, call: null, pauseReasons: ['Mola', 'Yemek'] },
      hostTexts('tr'),
    );
    desktop.setTray(view);
    expect(e.tray).toMatchObject({ image: 'icon:paused', tooltip: 'ALO 153 — Molada: Mola' });
    expect(e.tray.menu.map((i) => i.type === 'separator' ? '—' : i.label)).toEqual(['Mola ver', 'Hazır', '—', 'Masayı aç', 'Çık']);
    expect(e.tray.menu[0]!.submenu!.map((i) => [i.label, i.type, i.checked])).toEqual([
      ['Mola', 'checkbox', true],
      ['Yemek', 'normal', false],
    ]);
    e.tray.menu[0]!.submenu![1]!.click!();
    e.tray.menu[4]!.click!();
    expect(seen).toEqual(['tray:pause', 'tray:quit']);
  });

  it('shows one notification at a time; its click goes to the host', () => {
    const e = fakeElectron();
    const desktop = createElectronDesktop(e.parts);
    const clicks: string[] = [];
    desktop.notify({ title: 'Gelen çağrı: 1', body: '' }, () => clicks.push('first'));
    desktop.notify({ title: 'Gelen çağrı: 2', body: '' }, () => clicks.push('second'));
    expect(e.notifications.map((n) => n.closed)).toEqual([true, false]);
    e.notifications[1]!.click();
    desktop.closeNotice();
    expect(clicks).toEqual(['second']);
    expect(e.notifications[1]!.closed).toBe(true);
  });

  it('registers global keys as accelerators, reports keys the OS refused, and passes presses on', () => {
    const e = fakeElectron();
    const { events, seen } = hostSide();
    const desktop = createElectronDesktop(e.parts);
    desktop.attach(events);
    const result = desktop.setGlobalShortcuts([
      { action: 'answer', combo: 'Ctrl+Meta+F9' },
      { action: 'hangup', combo: 'F10' },
      { action: 'hold', combo: 'Bad' },
    ]);
    expect(result.map((r) => r.registered)).toEqual([true, false, false]);
    e.shortcuts.get('Ctrl+Super+F9')!();
    expect(seen).toEqual(['key:answer']);
    desktop.setGlobalShortcuts([]);
    expect(e.shortcuts.size).toBe(0);
  });

  it('asks the quit question with the host’s words; quitting lets the window close', async () => {
    const e = fakeElectron();
    const desktop = createElectronDesktop(e.parts);
    desktop.bindWindow(e.window);
    expect(await desktop.confirm({ title: 'ALO 153 kapatılsın mı?', detail: 'Süren bir çağrı var.', confirm: 'Kapat', cancel: 'Vazgeç' })).toBe(true);
    expect(e.boxes[0]).toMatchObject({ buttons: ['Kapat', 'Vazgeç'], cancelId: 1, detail: 'Süren bir çağrı var.' });
    desktop.quit();
    expect(e.calls).toContain('app.quit');
    expect(e.fire('close')).toBe(false);
  });

  it('passes the updater’s events to the host, and start at login to Electron', () => {
    const e = fakeElectron();
    const { events, seen } = hostSide();
    const desktop = createElectronDesktop(e.parts);
    desktop.attach(events);
    e.updaterEvent({ kind: 'downloaded', version: '0.2.0', notes: null });
    desktop.setStartAtLogin(true);
    desktop.updater?.check('https://guncelleme.belediye.local/');
    expect(seen).toEqual(['update:downloaded']);
    expect(e.calls).toEqual(['login:true', 'check:https://guncelleme.belediye.local/']);
  });
});
