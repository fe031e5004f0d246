import { useHotkeys } from '../useHotkeys.js';
import { useSettingsLanguage } from '../useLanguage.js';
import { usePresence, usePresenceDesk, usePresenceText } from '../deskPart.js';
import { panelToggled } from '../presenceStore.js';
import { HelpPanel } from './HelpPanel.js';
import { KeyNote, NotificationPrompt, RingBlockedNotice, UpdateNotice } from './Notices.js';
import { SettingsPanel } from './SettingsPanel.js';

/**
 * Mounted once by the shell: the hot keys, the settings' language, the notification prompt, the
 * held-back ring's notice and the update notice, and the help or settings panel when open.
 */
export function PresenceLayer() {
  useHotkeys();
  useSettingsLanguage();
  const panel = usePresence((s) => s.panel);
  return (
    <>
      <NotificationPrompt />
      <RingBlockedNotice />
      <UpdateNotice />
      <KeyNote />
      {panel === 'help' && <HelpPanel />}
      {panel === 'settings' && <SettingsPanel />}
    </>
  );
}

/** The header's buttons to the settings and to the key help (F1). */
export function PresenceButtons() {
  const { t } = usePresenceText();
  const desk = usePresenceDesk();
  const open = (panel: 'help' | 'settings') => desk.presence.store.setState((s) => panelToggled(s, panel), true);
  return (
    <div className="presence-buttons">
      <button type="button" className="header-button" data-testid="help-button" onClick={() => open('help')}>
        {t('header.help')}
        <kbd>F1</kbd>
      </button>
      <button type="button" className="header-button" data-testid="settings-button" onClick={() => open('settings')}>
        {t('header.settings')}
      </button>
    </div>
  );
}
