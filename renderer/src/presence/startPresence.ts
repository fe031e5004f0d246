/**
 * The presence feature wired outside React, so a ring is carried out with nothing rendered:
 * settings and the desktop's state from the host, the ring sound, the page's side of a ringing
 * call, and the window report the host's attention policy reads.
 */
import type { Result } from '../../../core/contract.js';
import type { DeskLanguage, SettingsPatch, SettingsView } from '../../../core/deskSettings.js';
import type { DeskClient } from '../shared/api/deskClient.js';
import { followAttention, type AttentionPage } from './pageAttention.js';
import { createPresenceStore, desktopLoaded, languageToCarry, settingsLoaded, type PresenceStore } from './presenceStore.js';
import type { RingSound } from './ringSound.js';
import { startWindowReport, type WindowSource } from './windowReport.js';

export interface PresenceEnv {
  ring: RingSound;
  /** null: no page to carry a ring out in (unit tests of other features). */
  attention: Omit<AttentionPage, 'ring'> | null;
  window: WindowSource | null;
  /** The language an older release kept in localStorage, removed as it is read (null: none). */
  takeLegacyLanguage(): DeskLanguage | null;
  /** The language the page started in (before the settings arrived). */
  defaultLanguage: DeskLanguage;
}

export interface PresenceController {
  store: PresenceStore;
  ring: RingSound;
  /** startSoftphone's `ringtone`: an incoming softphone call rings through the same sound, volume and speaker. */
  softphoneRing: { start(): void; stop(): void; readonly playing: boolean };
  update(patch: SettingsPatch): Promise<Result<SettingsView>>;
  /** The settings panel's "try": the ring for a few seconds, as set. */
  testRing(): void;
  stop(): void;
}

export const TEST_RING_MS = 3000;

export function startPresence(client: DeskClient, env: PresenceEnv): PresenceController {
  const store = createPresenceStore();
  const { ring } = env;
  let carried = false;
  let testTimer: ReturnType<typeof setTimeout> | null = null;

  const update = async (patch: SettingsPatch): Promise<Result<SettingsView>> => {
    const result = await client.call('settings.update', patch);
    if (result.ok) store.setState((s) => settingsLoaded(s, result.value), true);
    return result;
  };

  const settingsArrived = (view: SettingsView) => {
    store.setState((s) => settingsLoaded(s, view), true);
    ring.configure(view.settings.ringVolume, view.settings.audioOutput);
    if (!carried) {
      carried = true;
      const language = languageToCarry(view, env.takeLegacyLanguage(), env.defaultLanguage);
      if (language !== null) void update({ language });
    }
  };

  const load = async () => {
    const [settings, desktop] = await Promise.all([client.call('settings.get', {}), client.call('desktop.status', {})]);
    if (settings.ok) settingsArrived(settings.value);
    if (desktop.ok) store.setState((s) => desktopLoaded(s, desktop.value), true);
  };

  const offs = [
    client.on('settings.changed', settingsArrived),
    client.on('desktop.status', (desktop) => store.setState((s) => desktopLoaded(s, desktop), true)),
    client.onConnection((c) => c.status === 'connected' && void load()),
    env.attention ? followAttention(client, { ...env.attention, ring }) : () => {},
    env.window ? startWindowReport(client, env.window) : () => {},
    ring.onBlocked((ringBlocked) => store.setState((s) => ({ ...s, ringBlocked }), true)),
  ];
  if (client.connection().status === 'connected') void load();

  return {
    store,
    ring,
    softphoneRing: {
      start: () => ring.want('softphone', true),
      stop: () => ring.want('softphone', false),
      get playing() {
        return ring.playing;
      },
    },
    update,
    testRing() {
      if (testTimer !== null) clearTimeout(testTimer);
      ring.want('test', true);
      testTimer = setTimeout(() => {
        testTimer = null;
        ring.want('test', false);
      }, TEST_RING_MS);
    },
    stop() {
      for (const off of offs) off();
      if (testTimer !== null) clearTimeout(testTimer);
      ring.want('test', false);
    },
  };
}
