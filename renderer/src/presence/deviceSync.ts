/**
 * The microphone and speaker kept in the settings, and the softphone's own device choice, as one.
 * The settings set the softphone's devices when it starts, when they change and when a saved
 * device turns up (device ids are listed only after the first microphone permission); a saved
 * device that is not plugged in is not forced on a call, which would then fail. A device picked
 * on the softphone panel is saved to the settings (savingDeviceChoice).
 */
import type { SettingsPatch } from '../../../core/deskSettings.js';

export interface Devices {
  inputId: string | null;
  outputId: string | null;
}

export interface DevicePhone {
  /** null: no softphone running (desk phone, or not started yet). */
  state(): { current: Devices; inputs: readonly string[]; outputs: readonly string[] } | null;
  subscribe(listener: () => void): () => void;
  setInputDevice(id: string | null): Promise<void>;
  setOutputDevice(id: string | null): Promise<void>;
}

export interface DeviceSettings {
  /** null: not loaded yet. */
  devices(): Devices | null;
  subscribe(listener: () => void): () => void;
}

export function applySavedDevices(settings: DeviceSettings, phone: DevicePhone): () => void {
  let seen = '';
  // Only a change of what is wanted or of what is plugged in acts; the operator's own pick on the
  // panel changes neither, so it is not undone before the settings have saved it.
  const apply = () => {
    const wanted = settings.devices();
    const state = phone.state();
    const key = JSON.stringify([wanted, state?.inputs, state?.outputs, state !== null]);
    if (key === seen) return;
    seen = key;
    if (!wanted || !state) return;
    const usable = (id: string | null, listed: readonly string[]) => id === null || listed.includes(id);
    if (wanted.inputId !== state.current.inputId && usable(wanted.inputId, state.inputs)) void phone.setInputDevice(wanted.inputId);
    if (wanted.outputId !== state.current.outputId && usable(wanted.outputId, state.outputs)) void phone.setOutputDevice(wanted.outputId);
  };
  const offSettings = settings.subscribe(apply);
  const offPhone = phone.subscribe(apply);
  apply();
  return () => {
    offSettings();
    offPhone();
  };
}

export interface DeviceActions {
  setInputDevice(id: string | null): Promise<void>;
  setOutputDevice(id: string | null): Promise<void>;
}

/** The softphone panel's device choice, also saved to the settings. */
export function savingDeviceChoice<A extends DeviceActions>(actions: A, save: (patch: SettingsPatch) => void): A {
  return {
    ...actions,
    setInputDevice(id) {
      save({ audioInput: id });
      return actions.setInputDevice(id);
    },
    setOutputDevice(id) {
      save({ audioOutput: id });
      return actions.setOutputDevice(id);
    },
  };
}
