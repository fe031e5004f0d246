import { useStore } from 'zustand';
import { HOTKEY_ACTIONS, type HotkeyAction } from '../../../../core/hotkeys.js';
import { usePresence, usePresenceDesk, usePresenceText } from '../deskPart.js';
import { HOTKEY_REACH } from '../hotkeyCommands.js';
import { panelToggled, selectSettings } from '../presenceStore.js';
import { PanelFrame } from './PanelFrame.js';

/** F1: every key, what it does, and whether it works in this desk's setup (softphone or desk phone). */
export function HelpPanel() {
  const { t } = usePresenceText();
  const desk = usePresenceDesk();
  const settings = usePresence(selectSettings);
  const desktop = usePresence((s) => s.desktop);
  const softphone = useStore(desk.softphone.store, (s) => s.setup === 'enabled');
  const global = new Map(desktop?.globalHotkeys.map((g) => [g.action, g.registered]) ?? []);

  const works = (action: HotkeyAction) => softphone || HOTKEY_REACH[action] !== 'softphone';

  return (
    <PanelFrame name="help" title={t('help.title')} closeLabel={t('help.close')}>
      <p className="presence-setup" data-testid="help-setup" data-setup={softphone ? 'softphone' : 'desk-phone'}>
        {softphone ? t('help.setupSoftphone') : t('help.setupDeskPhone')}
      </p>
      <table className="hotkey-table">
        <thead>
          <tr>
            <th scope="col">{t('help.key')}</th>
            <th scope="col">{t('help.action')}</th>
            <th scope="col">{t('help.where')}</th>
          </tr>
        </thead>
        <tbody>
          {HOTKEY_ACTIONS.map((action) => {
            const combo = settings?.hotkeys[action] ?? null;
            const registered = global.get(action);
            return (
              <tr key={action} className={works(action) ? undefined : 'hotkey-row--off'} data-testid="hotkey-row" data-action={action} data-key={combo ?? ''} data-works={works(action)}>
                <td>
                  {combo ? <kbd>{combo}</kbd> : <span className="muted">{t('help.noKey')}</span>}
                  {registered !== undefined && (
                    <span className={registered ? 'hotkey-global' : 'hotkey-global hotkey-global--taken'} title={registered ? t('help.global') : t('help.globalTaken')} data-testid="hotkey-global">
                      {registered ? ' 🌐' : ' ⚠'}
                    </span>
                  )}
                </td>
                <td>{t(`action.${action}`)}</td>
                <td>{t(`reach.${HOTKEY_REACH[action]}`)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {desktop?.shell === 'browser' && <p className="muted presence-note">{t('help.browserOnly')}</p>}

      <h3>{t('help.fixedTitle')}</h3>
      <table className="hotkey-table">
        <tbody>
          <tr>
            <td><kbd>F1</kbd></td>
            <td>{t('help.fixedHelp')}</td>
          </tr>
          <tr>
            <td><kbd>Ctrl+Enter</kbd></td>
            <td>{t('help.fixedResolve')}</td>
          </tr>
          <tr>
            <td><kbd>Ctrl+Shift+Enter</kbd></td>
            <td>{t('help.fixedForward')}</td>
          </tr>
        </tbody>
      </table>
      <h3>{t('help.comingTitle')}</h3>
      <p className="muted presence-note" data-testid="hotkey-coming">{t('help.comingAttach')}</p>

      <div className="presence-actions">
        <button type="button" data-testid="help-change-keys" onClick={() => desk.presence.store.setState((s) => panelToggled(s, 'settings'), true)}>
          {t('help.change')}
        </button>
      </div>
    </PanelFrame>
  );
}
