/**
 * electron-updater behind the host's DesktopUpdater: the municipality's own update server
 * (`generic` provider), downloaded in the background, installed on restart or when the operator
 * asks. The object is electron-updater's autoUpdater; tests pass a fake.
 */
import type { DesktopUpdater, ReleaseNotes, UpdaterEvent } from '../host/desktopShell.js';

/** The part of electron-updater's AppUpdater used here. */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  on(event: 'checking-for-update' | 'update-not-available' | 'error', listener: () => void): unknown;
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string; releaseNotes?: ReleaseNotes }) => void): unknown;
}

export interface ElectronUpdater extends DesktopUpdater {
  onEvent(listener: (event: UpdaterEvent) => void): void;
}

export function createElectronUpdater(autoUpdater: AutoUpdaterLike): ElectronUpdater {
  let listener: (event: UpdaterEvent) => void = () => {};
  const report = (event: UpdaterEvent) => listener(event);
  let feed: string | null = null;

  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('checking-for-update', () => report({ kind: 'checking' }));
  autoUpdater.on('update-not-available', () => report({ kind: 'none' }));
  autoUpdater.on('update-available', (info) => report({ kind: 'downloading', version: String(info.version) }));
  autoUpdater.on('update-downloaded', (info) => report({ kind: 'downloaded', version: String(info.version), notes: info.releaseNotes ?? null }));
  // Its text can carry the server's URL and paths: the host logs the kind only.
  autoUpdater.on('error', () => report({ kind: 'error' }));

  return {
    onEvent(next) {
      listener = next;
    },
    check(url) {
      // null keeps the feed in force: the installer's app-update.yml, or the last URL set this run
      // (electron-updater cannot go back to the built-in one until the next start).
      if (url !== null && url !== feed) {
        autoUpdater.setFeedURL({ provider: 'generic', url });
        feed = url;
      }
      autoUpdater.checkForUpdates().catch(() => report({ kind: 'error' }));
    },
    install: () => autoUpdater.quitAndInstall(),
  };
}
