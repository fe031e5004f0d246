import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type SettingsView } from '../../../core/deskSettings.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import { createFakeTransport } from '../shared/testing/fakeTransport.js';
import { languageToCarry, panelToggled, initialPresenceState } from './presenceStore.js';
import { settingsErrorOf } from './settingsErrors.js';
import { createRingSound } from './ringSound.js';
import { startPresence, type PresenceEnv } from './startPresence.js';

const view = (over: Partial<SettingsView['settings']> = {}, adminSet: string[] = []): SettingsView => ({ settings: { ...DEFAULT_SETTINGS, ...over }, adminSet });

function setup(legacy: 'tr' | 'en' | null, settings: SettingsView, play: () => Promise<void> = async () => {}) {
  const fake = createFakeTransport();
  fake.answer('settings.get', () => ({ ok: true, value: settings }));
  fake.answer('desktop.status', () => ({ ok: true, value: { shell: 'browser', globalHotkeys: [], update: { state: 'off' } } }));
  fake.answer('settings.update', (patch) => ({ ok: true, value: view({ ...settings.settings, ...(patch as object) }) }));
  const volumes: number[] = [];
  const ring = createRingSound(
    () => ({ src: '', loop: false, volume: 0, currentTime: 0, play, pause: () => {} }),
    () => '',
  );
  const configure = ring.configure.bind(ring);
  ring.configure = (volume, sink) => {
    volumes.push(volume);
    configure(volume, sink);
  };
  const takeLegacy = vi.fn(() => legacy);
  const env: PresenceEnv = { ring, attention: null, window: null, takeLegacyLanguage: takeLegacy, defaultLanguage: 'tr' };
  const presence = startPresence(createDeskClient(fake.transport, { warn: vi.fn() }), env);
  return { fake, presence, volumes, takeLegacy };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the presence controller', () => {
  it('loads the settings and the desktop’s state on connect, and sets the ring’s volume from them', async () => {
    const { presence, volumes } = setup(null, view({ ringVolume: 30 }));
    await settle();
    expect(presence.store.getState().view?.settings.ringVolume).toBe(30);
    expect(presence.store.getState().desktop?.shell).toBe('browser');
    expect(volumes).toEqual([30]);
  });

  it('tells the page when the browser holds the ring back, and when it plays after all', async () => {
    let allowed = false;
    const { presence } = setup(null, view({ ringVolume: 50 }), async () => {
      if (!allowed) throw new Error('NotAllowedError');
    });
    await settle();
    presence.testRing();
    await settle();
    expect(presence.store.getState().ringBlocked).toBe(true);
    allowed = true;
    presence.ring.retry();
    await settle();
    expect(presence.store.getState().ringBlocked).toBe(false);
    presence.stop();
  });

  it('follows settings another window changed', async () => {
    const { fake, presence } = setup(null, view());
    await settle();
    fake.push('settings.changed', view({ attention: 'front' }));
    expect(presence.store.getState().view?.settings.attention).toBe('front');
  });

  it('carries the language an older release kept in this browser into the settings, once', async () => {
    const { fake, takeLegacy } = setup('en', view());
    await settle();
    expect(fake.calls.filter((c) => c.method === 'settings.update').map((c) => c.params)).toEqual([{ language: 'en' }]);
    fake.setConnection({ status: 'connected' });
    await settle();
    expect(takeLegacy).toHaveBeenCalledTimes(1);
  });
});

describe('the language carry-over rule', () => {
  it('moves the old choice only over the default, never over an administrator’s', () => {
    expect(languageToCarry(view(), 'en', 'tr')).toBe('en');
    expect(languageToCarry(view(), null, 'tr')).toBeNull();
    expect(languageToCarry(view({ language: 'en' }), 'tr', 'tr')).toBeNull();
    expect(languageToCarry(view({}, ['language']), 'en', 'tr')).toBeNull();
  });
});

describe('panels and errors', () => {
  it('F1 opens the help and closes it; the settings replace it', () => {
    const help = panelToggled(initialPresenceState, 'help');
    expect(help.panel).toBe('help');
    expect(panelToggled(help, 'help').panel).toBeNull();
    expect(panelToggled(help, 'settings').panel).toBe('settings');
  });

  it('a refusal becomes the text the operator reads', () => {
    expect(settingsErrorOf({ code: 'invalid-request', message: '', issues: [{ path: 'hotkeys.hold', message: 'hotkey.conflict' }] })).toBe('conflict');
    expect(settingsErrorOf({ code: 'forbidden', message: '', issues: [{ path: 'ringVolume', message: 'settings.adminSet' }] })).toBe('adminSet');
    expect(settingsErrorOf({ code: 'invalid-request', message: '', issues: [{ path: 'updateUrl', message: 'update.insecureUrl' }] })).toBe('insecureUrl');
    expect(settingsErrorOf({ code: 'unavailable', message: '' })).toBe('failed');
  });
});
