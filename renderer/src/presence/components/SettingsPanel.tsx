import { useEffect, useState } from 'react';
import type { DeskLanguage, SettingsPatch } from '../../../../core/deskSettings.js';
import { LANGUAGES } from '../../shared/i18n/resources.js';
import { usePresence, usePresenceDesk, usePresenceText } from '../deskPart.js';
import { selectAdminSet, selectSettings } from '../presenceStore.js';
import { settingsErrorOf, type SettingsErrorKey } from '../settingsErrors.js';
import { DeviceSettings } from './DeviceSettings.js';
import { HotkeySettings } from './HotkeySettings.js';
import { PanelFrame } from './PanelFrame.js';

/** What the operator sets without an administrator: kept by the host in the data folder. */
export function SettingsPanel() {
  const { t } = usePresenceText();
  const desk = usePresenceDesk();
  const settings = usePresence(selectSettings);
  const adminSet = usePresence(selectAdminSet);
  const shell = usePresence((s) => s.desktop?.shell ?? 'browser');
  const updateFailed = usePresence((s) => s.desktop?.update.state === 'failed');
  const [error, setError] = useState<{ field: string; key: SettingsErrorKey } | null>(null);

  const save = async (patch: SettingsPatch): Promise<SettingsErrorKey | null> => {
    const result = await desk.presence.update(patch);
    const key = result.ok ? null : settingsErrorOf(result.error);
    setError(key === null ? null : { field: Object.keys(patch)[0] ?? '', key });
    return key;
  };

  if (settings === null) return null;
  const locked = (field: string) => adminSet.includes(field);
  const adminNote = (field: string) => locked(field) && <span className="presence-admin">{t('settings.adminSet')}</span>;
  const errorFor = (field: string) =>
    error?.field === field && (
      <span className="error" role="alert" data-testid="setting-error" data-error={error.key}>
        {t(`settings.error.${error.key}`)}
      </span>
    );

  return (
    <PanelFrame name="settings" title={t('settings.title')} closeLabel={t('settings.close')}>
      <div className="presence-field">
        <label htmlFor="setting-language">{t('settings.language')}</label>
        <select id="setting-language" data-testid="setting-language" value={settings.language} disabled={locked('language')} onChange={(e) => void save({ language: e.target.value as DeskLanguage })}>
          {LANGUAGES.map((lng) => (
            <option key={lng} value={lng}>
              {lng === 'tr' ? 'Türkçe' : 'English'}
            </option>
          ))}
        </select>
        {adminNote('language')}
      </div>

      <fieldset className="presence-fieldset" disabled={locked('attention')}>
        <legend>{t('settings.attention')}</legend>
        {(['front', 'notify'] as const).map((policy) => (
          <label key={policy} className="presence-choice">
            <input type="radio" name="attention" data-testid={`setting-attention-${policy}`} checked={settings.attention === policy} onChange={() => void save({ attention: policy })} />
            {t(policy === 'front' ? 'settings.attentionFront' : 'settings.attentionNotify')}
          </label>
        ))}
        {shell === 'browser' && <p className="muted presence-note">{t('settings.attentionBrowser')}</p>}
        {adminNote('attention')}
      </fieldset>

      <RingVolume value={settings.ringVolume} locked={locked('ringVolume')} save={save} />
      {adminNote('ringVolume')}

      <DeviceSettings input={settings.audioInput} output={settings.audioOutput} save={save} />

      <HotkeySettings hotkeys={settings.hotkeys} adminSet={adminSet} save={save} />

      <fieldset className="presence-fieldset">
        <legend>{t('settings.desktopOnly')}</legend>
        <label className="presence-choice">
          <input
            type="checkbox"
            data-testid="setting-start-at-login"
            checked={settings.startAtLogin}
            disabled={locked('startAtLogin')}
            onChange={(e) => void save({ startAtLogin: e.target.checked })}
          />
          {t('settings.startAtLogin')}
        </label>
        {adminNote('startAtLogin')}
        <UpdateUrl value={settings.updateUrl} locked={locked('updateUrl')} save={save} />
        {errorFor('updateUrl')}
        {updateFailed && (
          <p className="muted presence-note" data-testid="update-failed">
            {t('update.failed')}
          </p>
        )}
      </fieldset>
      {error && error.field !== 'updateUrl' && error.field !== 'hotkeys' && errorFor(error.field)}
    </PanelFrame>
  );
}

type Save = (patch: SettingsPatch) => Promise<SettingsErrorKey | null>;

/** The slider moves freely; the value is saved once it rests (not a file write per pixel). */
function RingVolume({ value, locked, save }: { value: number; locked: boolean; save: Save }) {
  const { t } = usePresenceText();
  const desk = usePresenceDesk();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => void save({ ringVolume: draft }), 300);
    return () => clearTimeout(timer);
  }, [draft, value]);
  return (
    <div className="presence-field">
      <label htmlFor="setting-ring-volume">{t('settings.ringVolume')}</label>
      <input
        id="setting-ring-volume"
        type="range"
        min={0}
        max={100}
        step={5}
        data-testid="setting-ring-volume"
        value={draft}
        disabled={locked}
        onChange={(e) => setDraft(Number(e.target.value))}
      />
      <output className="mono" htmlFor="setting-ring-volume">
        {draft}
      </output>
      <button type="button" data-testid="setting-ring-try" onClick={() => desk.presence.testRing()}>
        {t('settings.tryRing')}
      </button>
    </div>
  );
}

function UpdateUrl({ value, locked, save }: { value: string | null; locked: boolean; save: Save }) {
  const { t } = usePresenceText();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <form
      className="presence-field"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save({ updateUrl: text.trim() === '' ? null : text.trim() });
      }}
    >
      <label htmlFor="setting-update-url">{t('settings.updateUrl')}</label>
      <input id="setting-update-url" data-testid="setting-update-url" type="url" value={text} disabled={locked} placeholder="https://" onChange={(e) => setText(e.target.value)} />
      <button type="submit" disabled={locked}>
        {t('settings.saveUrl')}
      </button>
      <span className="muted presence-note">{locked ? t('settings.adminSet') : t('settings.updateUrlHint')}</span>
    </form>
  );
}
