import { useState } from 'react';
import { usePresence, usePresenceDesk, usePresenceText } from '../deskPart.js';
import { notificationsDeferred, selectSettings } from '../presenceStore.js';

type Permission = NotificationPermission | 'unsupported';

const permissionNow = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/**
 * Browser mode: asks for the notification permission once, saying why first. The browser's own
 * prompt comes only from the operator's click (and browsers ask only once anyway).
 */
export function NotificationPrompt() {
  const { t } = usePresenceText();
  const desk = usePresenceDesk();
  const browser = usePresence((s) => s.desktop?.shell === 'browser');
  const deferred = usePresence((s) => s.notificationsDeferred);
  const [permission, setPermission] = useState<Permission>(permissionNow);
  if (!browser || deferred || permission === 'granted' || permission === 'unsupported') return null;
  if (permission === 'denied') {
    return (
      <p className="presence-banner presence-banner--quiet" data-testid="notification-denied">
        {t('notifications.denied')}
      </p>
    );
  }
  return (
    <div className="presence-banner" role="region" aria-label={t('notifications.allow')} data-testid="notification-prompt">
      <span>{t('notifications.prompt')}</span>
      <button
        type="button"
        className="primary"
        data-testid="notification-allow"
        onClick={() => void Notification.requestPermission().then(setPermission, () => setPermission(permissionNow()))}
      >
        {t('notifications.allow')}
      </button>
      <button type="button" className="quiet" data-testid="notification-later" onClick={() => desk.presence.store.setState(notificationsDeferred, true)}>
        {t('notifications.later')}
      </button>
    </div>
  );
}

/** The browser holds the ring back until the operator's first click or key in the tab: say so, while it rings. */
export function RingBlockedNotice() {
  const { t } = usePresenceText();
  const blocked = usePresence((s) => s.ringBlocked);
  if (!blocked) return null;
  return (
    <p className="presence-banner" role="alert" data-testid="ring-blocked">
      {t('ring.blocked')}
    </p>
  );
}

/** A downloaded update (Electron): what is new, in the server's words, and a restart to install it now. */
export function UpdateNotice() {
  const { t } = usePresenceText();
  const desk = usePresenceDesk();
  const update = usePresence((s) => s.desktop?.update ?? null);
  if (update?.state !== 'ready') return null;
  return (
    <div className="presence-banner" role="status" data-testid="update-notice" data-version={update.version}>
      <span>{t('update.ready', { version: update.version })}</span>
      <button type="button" className="primary" data-testid="update-install" onClick={() => void desk.client.call('desktop.installUpdate', {})}>
        {t('update.install')}
      </button>
      {update.notes && (
        <details className="update-notes">
          <summary>{t('update.notes')}</summary>
          {/* Text only: the notes come from a server and are never markup here. */}
          <pre>{update.notes}</pre>
        </details>
      )}
    </div>
  );
}

/** "F9: on a desk phone this is done on the phone": a key that did nothing says why. */
export function KeyNote() {
  const { t } = usePresenceText();
  const note = usePresence((s) => s.keyNote);
  const settings = usePresence(selectSettings);
  const key = note ? (settings?.hotkeys[note.action] ?? t(`action.${note.action}`)) : '';
  return (
    <div className="presence-key-note" role="status" aria-live="polite" data-testid="key-note" data-why={note?.why ?? ''}>
      {note && t(`note.${note.why}`, { key })}
    </div>
  );
}
