/**
 * What the host asks of a desktop shell, and what the shell tells the host. The host owns this
 * interface and every decision behind it (presence.ts); the Electron shell is a thin adapter over
 * it (main/shell/electronDesktop.ts), and tests drive the host with a fake. Browser mode has no
 * desktop shell: the page does what a page can.
 */
import type { Notice } from '../../core/desktop.js';
import type { HotkeyAction } from '../../core/hotkeys.js';
import type { WindowState } from './attention.js';
import type { Confirmation, TrayCommand, TrayView } from './trayModel.js';

export interface GlobalBinding {
  action: HotkeyAction;
  /** The desk's combination ("Ctrl+Alt+F9"); the shell turns it into its own accelerator. */
  combo: string;
}

/** electron-updater's `releaseNotes`: text (possibly HTML), or one note per version. */
export type ReleaseNotes = string | ReadonlyArray<{ version: string; note: string | null }> | null;

/** electron-updater's events, as the host needs them. */
export type UpdaterEvent =
  | { kind: 'checking' }
  | { kind: 'none' }
  | { kind: 'downloading'; version: string }
  | { kind: 'downloaded'; version: string; notes: ReleaseNotes }
  | { kind: 'error' };

export interface DesktopEvents {
  trayCommand(command: TrayCommand): void;
  /** The operator closed the window; the shell has kept it open until the host says. */
  closeRequested(): void;
  globalHotkey(action: HotkeyAction): void;
  /** Focused, blurred, minimised, restored, shown or hidden. */
  windowChanged(): void;
  update(event: UpdaterEvent): void;
}

export interface DesktopUpdater {
  /** Checks the server (null: the one the installer was built with) and downloads what it finds. */
  check(url: string | null): void;
  /** Quits and installs the downloaded update. */
  install(): void;
}

export interface DesktopShell {
  /** Called once by the host: from then on the shell reports to `events`. */
  attach(events: DesktopEvents): void;
  windowState(): WindowState;
  /** Shows, restores and focuses the window. */
  raise(): void;
  /** Hides the window; the tray stays. */
  hide(): void;
  /** Flashes the taskbar entry (on) or stops (off). */
  flash(on: boolean): void;
  notify(notice: Notice, onClick: () => void): void;
  /** Closes the ring's notification, if it still shows. */
  closeNotice(): void;
  setTray(view: TrayView): void;
  /** Replaces the global keys; answers which the OS gave (another program may hold a key). */
  setGlobalShortcuts(bindings: readonly GlobalBinding[]): Array<GlobalBinding & { registered: boolean }>;
  setStartAtLogin(on: boolean): void;
  confirm(question: Confirmation): Promise<boolean>;
  quit(): void;
  /** null: this build cannot update itself (not packaged). */
  readonly updater: DesktopUpdater | null;
}
