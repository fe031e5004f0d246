import { describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../../../core/deskSettings.js';
import { applySavedDevices, savingDeviceChoice, type Devices } from './deviceSync.js';

function world() {
  let saved: Devices | null = null;
  let phone: { current: Devices; inputs: string[]; outputs: string[] } | null = null;
  const settingsListeners = new Set<() => void>();
  const phoneListeners = new Set<() => void>();
  const set: string[] = [];
  const actions = {
    setInputDevice: async (id: string | null) => {
      set.push(`in:${id}`);
      if (phone) phone = { ...phone, current: { ...phone.current, inputId: id } };
      phoneListeners.forEach((l) => l());
    },
    setOutputDevice: async (id: string | null) => {
      set.push(`out:${id}`);
      if (phone) phone = { ...phone, current: { ...phone.current, outputId: id } };
      phoneListeners.forEach((l) => l());
    },
  };
  applySavedDevices(
    { devices: () => saved, subscribe: (l) => (settingsListeners.add(l), () => settingsListeners.delete(l)) },
    { state: () => phone, subscribe: (l) => (phoneListeners.add(l), () => phoneListeners.delete(l)), ...actions },
  );
  return {
    set,
    actions,
    settings(next: Devices) {
      saved = next;
      settingsListeners.forEach((l) => l());
    },
    phone(next: typeof phone) {
      phone = next;
      phoneListeners.forEach((l) => l());
    },
  };
}

describe('microphone and speaker from the settings', () => {
  it('the softphone takes the saved devices when it starts, and when they change', () => {
    const w = world();
    w.settings({ inputId: 'mic-2', outputId: 'spk-2' });
    expect(w.set).toEqual([]);
    w.phone({ current: { inputId: null, outputId: null }, inputs: ['mic-1', 'mic-2'], outputs: ['spk-2'] });
    expect(w.set).toEqual(['in:mic-2', 'out:spk-2']);
    w.settings({ inputId: 'mic-1', outputId: 'spk-2' });
    expect(w.set).toEqual(['in:mic-2', 'out:spk-2', 'in:mic-1']);
  });

  it('a saved device that is not plugged in is not forced on a call; it is taken once it turns up', () => {
    const w = world();
    w.settings({ inputId: 'usb-headset', outputId: null });
    w.phone({ current: { inputId: null, outputId: null }, inputs: [], outputs: [] });
    expect(w.set).toEqual([]);
    w.phone({ current: { inputId: null, outputId: null }, inputs: ['usb-headset'], outputs: [] });
    expect(w.set).toEqual(['in:usb-headset']);
  });

  it('the operator’s pick on the softphone panel is saved, and not undone meanwhile', () => {
    const w = world();
    w.settings({ inputId: 'mic-1', outputId: null });
    w.phone({ current: { inputId: 'mic-1', outputId: null }, inputs: ['mic-1', 'mic-2'], outputs: [] });
    const saves: SettingsPatch[] = [];
    const panel = savingDeviceChoice(w.actions, (patch) => saves.push(patch));
    w.set.length = 0;
    void panel.setInputDevice('mic-2');
    expect(saves).toEqual([{ audioInput: 'mic-2' }]);
    expect(w.set).toEqual(['in:mic-2']);
    w.settings({ inputId: 'mic-2', outputId: null });
    expect(w.set).toEqual(['in:mic-2']);
  });
});
