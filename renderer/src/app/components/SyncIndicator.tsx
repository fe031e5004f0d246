import { useTranslation } from 'react-i18next';
import { useLanguage, useNow } from '../../shared/ui/hooks.js';
import { formatDateTime, formatTimeSeconds } from '../../shared/i18n/format.js';
import { loginOpened, passwordOpened, selectSyncDisplayState } from '../../shared/state/syncStore.js';
import { useDeskPart, useSync } from '../../shared/desk/deskContext.js';

/**
 * Where this desk stands with the central server: state, what waits to be sent, when it last
 * synced, what went wrong, and the account. Cases are recorded whatever it says (offline-first).
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const desk = useDeskPart();
  const status = useSync((s) => s.status);
  const state = useSync(selectSyncDisplayState);
  const pendingAction = useSync((s) => s.pendingAction);
  const actionError = useSync((s) => s.actionError);
  const nextRetryAt = state === 'offline' && status?.nextRetryAt ? Date.parse(status.nextRetryAt) : null;
  const now = useNow(nextRetryAt !== null);

  const stateText = t(`sync.state.${state}`);
  let nextRetry: string | null = null;
  if (nextRetryAt !== null && !Number.isNaN(nextRetryAt)) {
    const seconds = Math.ceil((nextRetryAt - now) / 1000);
    nextRetry = seconds > 0 ? t('sync.nextRetry', { seconds }) : t('sync.nextRetryNow');
  }

  return (
    <div className="sync" data-testid="sync">
      <div
        className={`sync-status sync-status--${state}`}
        data-testid="sync-status"
        data-state={state}
        role="status"
        aria-label={`${t('sync.label')}: ${stateText}`}
        title={status?.serverUrl ?? undefined}
      >
        <span className="status-dot" aria-hidden="true" />
        {stateText}
      </div>
      {status && (
        <>
          <span className="sync-pending" title={t('sync.pendingTitle')}>
            <span className="sync-count" data-testid="sync-pending">
              {String(status.pending)}
            </span>{' '}
            {t('sync.pending')}
          </span>
          {status.lastSyncAt && (
            <span className="sync-last muted" title={t('sync.lastTitle', { time: formatDateTime(status.lastSyncAt, lng) })}>
              {t('sync.last')}{' '}
              <time data-testid="sync-last" dateTime={status.lastSyncAt}>
                {formatTimeSeconds(status.lastSyncAt, lng)}
              </time>
            </span>
          )}
          {status.held > 0 && (
            <span className="sync-held" data-testid="sync-held" role="note">
              {t('sync.held', { count: status.held })}
            </span>
          )}
          {status.lastError && (
            <span className="sync-error" data-testid="sync-error" data-code={status.lastError.code} title={formatDateTime(status.lastError.at, lng)}>
              {t(`sync.error.${status.lastError.code}`)}
            </span>
          )}
          {nextRetry && (
            <span className="sync-next muted" data-testid="sync-next-retry">
              {nextRetry}
            </span>
          )}
          {(status.lastError || state === 'offline') && (
            <button
              type="button"
              className="header-button"
              data-testid="sync-retry"
              disabled={pendingAction !== null}
              onClick={() => void desk.syncSession.retry()}
            >
              {pendingAction === 'retry' ? t('sync.retrying') : t('sync.retry')}
            </button>
          )}
          {actionError && (
            <span className="sync-error" data-testid="sync-action-error" role="alert">
              {t('sync.actionFailed')}
            </span>
          )}
          {status.account ? (
            // The account's name is the header's identity (Header.tsx): here only what to do with it.
            <span className="sync-account">
              <button
                type="button"
                className="header-button"
                data-testid="sync-change-password"
                aria-haspopup="dialog"
                onClick={() => desk.sync.setState(passwordOpened, true)}
              >
                {t('sync.changePassword')}
              </button>
              <button
                type="button"
                className="header-button"
                data-testid="sync-logout"
                disabled={pendingAction !== null}
                onClick={() => void desk.syncSession.logout()}
              >
                {t('sync.logout')}
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="header-button header-button--primary"
              data-testid="sync-login"
              aria-haspopup="dialog"
              onClick={() => desk.sync.setState(loginOpened, true)}
            >
              {t('sync.login')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
