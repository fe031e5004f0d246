import { useTranslation } from 'react-i18next';
import { useNow } from '../../shared/ui/hooks.js';
import { selectLink } from '../../shared/state/linkStore.js';
import { useLink } from '../../shared/desk/deskContext.js';

export function LinkStatus() {
  const { t } = useTranslation();
  const link = useLink(selectLink);
  const now = useNow(link?.status === 'reconnecting');
  const state = link?.status ?? 'unknown';

  let text: string;
  if (link?.status === 'reconnecting') {
    const seconds = Math.ceil((link.retryAt - now) / 1000);
    text = seconds > 0 ? t('link.reconnecting', { seconds }) : t('link.reconnectingNow');
  } else if (link?.status === 'connected' && (link.refused?.length ?? 0) > 0) {
    // The PBX refused part of the resync (a manager user without `reporting`): say it, in its words.
    text = t('link.connectedLimited', { refused: link.refused!.join('; ') });
  } else {
    text = t(`link.${state}`);
  }

  return (
    <div
      className={`link-status link-status--${state}`}
      data-testid="connection-status"
      data-state={state}
      data-limited={link?.status === 'connected' && (link.refused?.length ?? 0) > 0 ? 'true' : undefined}
      role="status"
      aria-label={`${t('link.label')}: ${text}`}
      // The host's reason is technical (socket errors); useful on hover, noise on screen.
      title={link?.status === 'reconnecting' ? link.reason : undefined}
    >
      <span className="status-dot" aria-hidden="true" />
      {text}
    </div>
  );
}
