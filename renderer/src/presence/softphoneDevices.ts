import type { SoftphoneController } from '../softphone/index.js';
import { applySavedDevices, savingDeviceChoice } from './deviceSync.js';
import { selectSettings } from './presenceStore.js';
import type { PresenceController } from './startPresence.js';

/**
 * The softphone with the settings' microphone and speaker: applied when it runs, and a device
 * picked on its panel saved. Returns the controller the desk hands to the softphone panel.
 */
export function linkSoftphoneDevices(presence: PresenceController, softphone: SoftphoneController): SoftphoneController {
  applySavedDevices(
    {
      devices: () => {
        const settings = selectSettings(presence.store.getState());
        return settings ? { inputId: settings.audioInput, outputId: settings.audioOutput } : null;
      },
      subscribe: (listener) => presence.store.subscribe(listener),
    },
    {
      state: () => {
        const s = softphone.store.getState();
        if (s.setup !== 'enabled') return null;
        return { current: s.phone.devices, inputs: s.devices.inputs.map((d) => d.id), outputs: s.devices.outputs.map((d) => d.id) };
      },
      subscribe: (listener) => softphone.store.subscribe(listener),
      setInputDevice: (id) => softphone.actions.setInputDevice(id),
      setOutputDevice: (id) => softphone.actions.setOutputDevice(id),
    },
  );
  return { ...softphone, actions: savingDeviceChoice(softphone.actions, (patch) => void presence.update(patch)) };
}
