import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { UpdaterEvent } from '../host/desktopShell.js';
import { createElectronUpdater, type AutoUpdaterLike } from './electronUpdater.js';

function fakeAutoUpdater(check: () => Promise<unknown> = async () => null) {
  const emitter = new EventEmitter();
  const feeds: unknown[] = [];
  let installs = 0;
  const updater = Object.assign(emitter, {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: (options: unknown) => feeds.push(options),
    checkForUpdates: check,
    quitAndInstall: () => {
      installs += 1;
    },
  }) as unknown as AutoUpdaterLike & EventEmitter;
  return { updater, feeds, installs: () => installs };
}

describe('electron-updater behind the host’s updater', () => {
  it('downloads by itself and installs on quit; a URL from the settings becomes a generic feed, set once', () => {
    const fake = fakeAutoUpdater();
    const updater = createElectronUpdater(fake.updater);
    expect([fake.updater.autoDownload, fake.updater.autoInstallOnAppQuit]).toEqual([true, true]);
    updater.check(null);
    updater.check('https://guncelleme.belediye.local/alo153');
    updater.check('https://guncelleme.belediye.local/alo153');
    expect(fake.feeds).toEqual([{ provider: 'generic', url: 'https://guncelleme.belediye.local/alo153' }]);
    updater.install();
    expect(fake.installs()).toBe(1);
  });

  it('reports its events, with the release notes, and a failed check without its text', async () => {
    const fake = fakeAutoUpdater(async () => {
      throw new Error('net::ERR_NAME_NOT_RESOLVED https://guncelleme.belediye.local/latest.yml');
    });
    const updater = createElectronUpdater(fake.updater);
    const seen: UpdaterEvent[] = [];
    updater.onEvent((e) => seen.push(e));
    fake.updater.emit('checking-for-update');
    fake.updater.emit('update-available', { version: '0.2.0' });
    fake.updater.emit('update-downloaded', { version: '0.2.0', releaseNotes: 'Yenilikler' });
    updater.check(null);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual([
      { kind: 'checking' },
      { kind: 'downloading', version: '0.2.0' },
      { kind: 'downloaded', version: '0.2.0', notes: 'Yenilikler' },
      { kind: 'error' },
    ]);
  });
});
