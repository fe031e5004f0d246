import { useState, type KeyboardEvent } from 'react';
import type { SettingsPatch } from '../../../../core/deskSettings.js';
import { comboOfKey, DEFAULT_HOTKEYS, HOTKEY_ACTIONS, normalizeCombo, type HotkeyAction, type HotkeyMap } from '../../../../core/hotkeys.js';
import { usePresenceText } from '../deskPart.js';
import type { SettingsErrorKey } from '../settingsErrors.js';
import { CAPTURE_ATTRIBUTE, typesCharacter } from '../useHotkeys.js';

export interface HotkeySettingsProps {
  hotkeys: Readonly<HotkeyMap>;
  adminSet: readonly string[];
  /** Saves a change; answers the refusal, if any. */
  save: (patch: SettingsPatch) => Promise<SettingsErrorKey | null>;
}

/** One row per action: focus the field and press the key; "Remove" leaves the action without one. */
export function HotkeySettings({ hotkeys, adminSet, save }: HotkeySettingsProps) {
  const { t } = usePresenceText();
  const [errors, setErrors] = useState<Partial<Record<HotkeyAction, SettingsErrorKey>>>({});
  const locked = (action: HotkeyAction) => adminSet.includes(`hotkeys.${action}`);

  const set = async (action: HotkeyAction, combo: string | null) => {
    const error = await save({ hotkeys: { [action]: combo } });
    setErrors((e) => ({ ...e, [action]: error ?? undefined }));
  };

  const onKeyDown = (action: HotkeyAction) => (e: KeyboardEvent<HTMLInputElement>) => {
    // Tab and Shift+Tab still move on; Escape leaves the field as it is.
    if (e.key === 'Tab') return;
    e.preventDefault();
    if (e.key === 'Escape') return e.currentTarget.blur();
    const combo = typesCharacter(e.nativeEvent) ? null : comboOfKey(e.nativeEvent);
    if (combo === null) return;
    const normal = normalizeCombo(combo);
    if (!normal.ok) return setErrors((s) => ({ ...s, [action]: normal.problem }));
    if (normal.combo !== hotkeys[action]) void set(action, normal.combo);
  };

  const defaults = () => {
    const free = Object.fromEntries(HOTKEY_ACTIONS.filter((a) => !locked(a)).map((a) => [a, DEFAULT_HOTKEYS[a]]));
    void save({ hotkeys: free }).then(() => setErrors({}));
  };

  return (
    <fieldset className="presence-fieldset">
      <legend>{t('settings.hotkeys')}</legend>
      {HOTKEY_ACTIONS.map((action) => (
        <div key={action} className="hotkey-setting" data-testid="hotkey-setting" data-action={action}>
          <label htmlFor={`hotkey-${action}`}>{t(`action.${action}`)}</label>
          <input
            id={`hotkey-${action}`}
            className="hotkey-field"
            data-testid="hotkey-field"
            data-action={action}
            {...{ [CAPTURE_ATTRIBUTE]: '' }}
            readOnly
            disabled={locked(action)}
            value={hotkeys[action] ?? ''}
            placeholder={t('settings.pressKey')}
            aria-invalid={errors[action] ? true : undefined}
            aria-describedby={errors[action] ? `hotkey-${action}-error` : undefined}
            onKeyDown={onKeyDown(action)}
          />
          <button type="button" className="quiet" data-testid="hotkey-unbind" disabled={locked(action) || hotkeys[action] === null} onClick={() => void set(action, null)}>
            {t('settings.unbind')}
          </button>
          {locked(action) && <span className="presence-admin">{t('settings.adminSet')}</span>}
          {errors[action] && (
            <span id={`hotkey-${action}-error`} className="error" role="alert" data-testid="hotkey-error" data-error={errors[action]}>
              {t(`settings.error.${errors[action]}`)}
            </span>
          )}
        </div>
      ))}
      <div className="presence-actions">
        <button type="button" data-testid="hotkey-defaults" onClick={defaults}>
          {t('settings.defaults')}
        </button>
      </div>
    </fieldset>
  );
}
