import { useEffect, useState } from 'react';
import type { SettingsPatch } from '../../../../core/deskSettings.js';
import { usePresenceText } from '../deskPart.js';
import type { SettingsErrorKey } from '../settingsErrors.js';

interface Listed {
  id: string;
  label: string;
}

/** The machine's audio devices; ids and names only once the microphone was allowed. */
function useAudioDevices(): { inputs: Listed[]; outputs: Listed[] } {
  const [devices, setDevices] = useState<{ inputs: Listed[]; outputs: Listed[] }>({ inputs: [], outputs: [] });
  useEffect(() => {
    let live = true;
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    void media
      ?.enumerateDevices()
      .then((all) => {
        const pick = (kind: MediaDeviceKind) => all.filter((d) => d.kind === kind && d.deviceId && d.deviceId !== 'default').map((d, i) => ({ id: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
        if (live) setDevices({ inputs: pick('audioinput'), outputs: pick('audiooutput') });
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return devices;
}

/** Microphone and speaker: the softphone uses both, the ring plays on the speaker. */
export function DeviceSettings({ input, output, save }: { input: string | null; output: string | null; save: (patch: SettingsPatch) => Promise<SettingsErrorKey | null> }) {
  const { t } = usePresenceText();
  const { inputs, outputs } = useAudioDevices();
  const select = (id: string, label: string, value: string | null, listed: Listed[], patch: (v: string | null) => SettingsPatch) => (
    <div className="presence-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={id} value={value ?? ''} onChange={(e) => void save(patch(e.target.value || null))}>
        <option value="">{t('settings.defaultDevice')}</option>
        {/* A saved device that is unplugged now stays listed, so the choice is not lost silently. */}
        {value !== null && !listed.some((d) => d.id === value) && <option value={value}>{value.slice(0, 12)}…</option>}
        {listed.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <fieldset className="presence-fieldset">
      {select('setting-microphone', t('settings.microphone'), input, inputs, (v) => ({ audioInput: v }))}
      {select('setting-speaker', t('settings.speaker'), output, outputs, (v) => ({ audioOutput: v }))}
      {inputs.length === 0 && <p className="muted presence-note">{t('settings.devicesHint')}</p>}
    </fieldset>
  );
}
