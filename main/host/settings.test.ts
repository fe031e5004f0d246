import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '../../core/deskSettings.js';
import { BROKEN_SETTINGS_FILE, SETTINGS_FILE } from './settings.js';
import { invokeValue, startTestDesk, type Cleanups } from './testing/testDesk.js';

const cleanups: Cleanups = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const dataDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-settings-'));
  dirs.push(dir);
  return dir;
};

describe('settings in the data folder', () => {
  it('a change is saved owner-only, pushed to the page, and there after a restart', async () => {
    const dir = dataDir();
    const host = await startTestDesk(cleanups, { DESK_DATA_DIR: dir });
    const pushed: SettingsView[] = [];
    host.onEvent((name, payload) => name === 'settings.changed' && pushed.push(payload as SettingsView));

    const view = await invokeValue<SettingsView>(host, 'settings.update', { ringVolume: 35, language: 'en', hotkeys: { answer: 'Ctrl+Alt+A' } });
    expect(view.settings).toMatchObject({ ringVolume: 35, language: 'en' });
    expect(pushed).toEqual([view]);
    expect(statSync(path.join(dir, SETTINGS_FILE)).mode & 0o777).toBe(0o600);
    // Written through a temporary file that is gone afterwards.
    expect(readdirSync(dir).filter((f) => f.startsWith(SETTINGS_FILE))).toEqual([SETTINGS_FILE]);

    await cleanups.shift()!();
    const again = await startTestDesk(cleanups, { DESK_DATA_DIR: dir });
    const restored = await invokeValue<SettingsView>(again, 'settings.get');
    expect(restored.settings).toMatchObject({ ringVolume: 35, language: 'en', hotkeys: expect.objectContaining({ answer: 'Ctrl+Alt+A', hangup: 'F10' }) });
  });

  it('a corrupt file is kept aside with a clear log line, and the desk starts with the defaults', async () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, SETTINGS_FILE), '{"ringVolume": 4');
    const lines: string[] = [];
    const host = await startTestDesk(cleanups, { DESK_DATA_DIR: dir }, { log: (line) => lines.push(line) });
    expect((await invokeValue<SettingsView>(host, 'settings.get')).settings.ringVolume).toBe(70);
    expect(lines).toContain(`${SETTINGS_FILE} is not a JSON object: the default settings apply (the file was kept as ${BROKEN_SETTINGS_FILE})`);
    expect(readFileSync(path.join(dir, BROKEN_SETTINGS_FILE), 'utf8')).toBe('{"ringVolume": 4');
  });

  it('fields an administrator set by environment variable cannot be changed from the panel; a key two actions would share is refused', async () => {
    const host = await startTestDesk(cleanups, { DESK_RING_VOLUME: '100', DESK_HOTKEYS: 'answer=F4' });
    const view = await invokeValue<SettingsView>(host, 'settings.get');
    expect(view.adminSet).toEqual(['ringVolume', 'hotkeys.answer']);
    expect(await host.invoke('settings.update', { ringVolume: 10 })).toMatchObject({ ok: false, error: { code: 'forbidden', issues: [{ path: 'ringVolume' }] } });
    expect(await host.invoke('settings.update', { hotkeys: { hold: 'F4' } })).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{ path: 'hotkeys.hold', message: 'hotkey.conflict' }] } });
    // The contract refuses what is not a setting at all.
    expect(await host.invoke('settings.update', { hotkeys: { answer: 'Q' } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await host.invoke('settings.update', { updateUrl: 'http://guncelleme.example/' })).toMatchObject({ ok: false, error: { issues: [{ message: 'update.insecureUrl' }] } });
    expect(await host.invoke('settings.update', { volume: 3 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
