import { useTranslation } from 'react-i18next';
import { useNow } from '../../shared/ui/hooks.js';
import { selectConnection, selectLoadError } from '../../shared/state/hostStore.js';
import { useDeskPart, useHost } from '../../shared/desk/deskContext.js';
import type { Desk } from '../desk.js';

/** Only visible when something is wrong with the desk's own host; silence means all is well. */
export function HostBanner() {
  const { t } = useTranslation();
  const desk = useDeskPart<Desk>();
  const connection = useHost(selectConnection);
  const loadError = useHost(selectLoadError);
  const now = useNow(connection.status === 'disconnected');

  let text: string | null;
  switch (connection.status) {
    case 'connected':
      text = loadError ? t('host.loadFailed') : null;
      break;
    case 'disconnected': {
      const seconds = Math.ceil((connection.retryAt - now) / 1000);
      text = seconds > 0 ? t('host.disconnected', { seconds }) : t('host.disconnectedNow');
      break;
    }
    default:
      text = t(`host.${connection.status}`);
  }
  if (text === null) return null;

  return (
    <div
      className={`host-banner host-banner--${connection.status}`}
      role={connection.status === 'connecting' ? 'status' : 'alert'}
      data-testid="host-status"
      data-state={connection.status}
    >
      <span>{text}</span>
      {connection.status === 'connected' && loadError && (
        <button type="button" onClick={() => void desk.refresh()}>
          {t('host.retry')}
        </button>
      )}
    </div>
  );
}
