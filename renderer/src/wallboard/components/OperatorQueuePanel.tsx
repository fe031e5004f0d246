import { useMemo } from 'react';
import { formatCount, formatDurationSec, formatMmSs } from '../format.js';
import { pauseReasonLabel } from '../i18n.js';
import { pendingKey, selectPending } from '../queueActions.js';
import { alertLevel, isPaused, knownQueues, longestWaitSec, secondsSince, wrapUpRemainingSec } from '../queueFigures.js';
import { selectAgentRow, selectAgents, selectSettings, selectStatus, selectTiles, type QueueState } from '../queueStore.js';
import { ActionError } from './ActionError.js';
import { useActions, useNow, useQueue, useWallboardText } from './hooks.js';
import { PAUSE_REASON_ID } from '../../shared/ui/focus.js';
import { PauseControls } from './PauseControls.js';
import { StateBadge } from './StateBadge.js';
import { useWallboard } from './WallboardContext.js';

/** The operator's own break as the host holds it (pending until the call ends, or taken). */
const selectOwnPause = (s: QueueState) => s.snapshot?.ownPause ?? null;

export interface OperatorQueuePanelProps {
  /** This desk's queue member interface (DeskSnapshot.agentInterface); null until the desk snapshot arrives. */
  agentInterface: string | null;
}

/**
 * The operator's strip on the main screen: own state and time in it, pause with a reason /
 * unpause, the wrap-up countdown, and each queue with its callers waiting and a log in / out.
 */
export function OperatorQueuePanel({ agentInterface }: OperatorQueuePanelProps) {
  const { actions } = useWallboard();
  const { t, lng } = useWallboardText();
  const now = useNow();
  const status = useQueue(selectStatus);
  const settings = useQueue(selectSettings);
  const tiles = useQueue(selectTiles);
  const agents = useQueue(selectAgents);
  const rowSelector = useMemo(() => selectAgentRow(agentInterface), [agentInterface]);
  const row = useQueue(rowSelector);
  const ownPause = useQueue(selectOwnPause);
  const pending = useActions(selectPending(pendingKey({ kind: 'self' })));
  const busy = pending !== null;
  const queues = useMemo(() => knownQueues(tiles, agents), [tiles, agents]);

  if (!settings || agentInterface === null) {
    return (
      <section lang={lng} className="wb-operator" data-testid="operator-queue-panel" data-status={status} aria-label={t('operator.label')}>
        <p className="wb-muted">{status === 'loading' ? t('status.loading') : t('operator.unknown')}</p>
      </section>
    );
  }

  const memberOf = new Set(row?.queues ?? []);
  const pendingBreak = ownPause?.pending ? ownPause : null;
  // Paused at once during a call (DESK_PAUSE_DURING_CALL=at-once): the rows give no reason on a call, the host's break does.
  const breakOnCall = row?.state === 'on-call' && ownPause && !ownPause.pending ? ownPause.reason : null;
  const paused = row ? isPaused(row) || breakOnCall !== null : false;
  const shownReason = row?.pauseReason ?? breakOnCall;
  const wrapUpLeft = row ? wrapUpRemainingSec(row, settings, now) : null;

  return (
    <section
      lang={lng}
      className={`wb-operator${status === 'live' ? '' : ' wb-operator--stale'}`}
      data-testid="operator-queue-panel"
      data-status={status}
      aria-label={t('operator.label')}
    >
      <div className="wb-operator-state">
        {row ? (
          <>
            <StateBadge state={row.state} t={t} testId="operator-state" />
            {shownReason && (
              <span className="wb-pause-reason" data-testid="operator-pause-reason">
                {pauseReasonLabel(shownReason, lng)}
              </span>
            )}
            <time className="wb-num" data-testid="operator-time-in-state">
              {formatDurationSec(secondsSince(row.stateSince, now))}
            </time>
          </>
        ) : (
          <span className="wb-muted" data-testid="operator-state" data-state="none">
            {t('operator.notInQueues')}
          </span>
        )}
      </div>

      {wrapUpLeft !== null && (
        <div className="wb-wrapup" data-testid="wrap-up-countdown" data-seconds={wrapUpLeft} role="timer" aria-live="off">
          <span>{wrapUpLeft > 0 ? t('operator.wrapUp', { seconds: wrapUpLeft }) : t('operator.wrapUpEnding')}</span>
          {settings.wrapUpSec > 0 && <progress max={settings.wrapUpSec} value={settings.wrapUpSec - wrapUpLeft} />}
        </div>
      )}

      {pendingBreak && (
        <div className="wb-wrapup" data-testid="pause-pending" data-reason={pendingBreak.reason} role="status">
          <span>{pendingBreak.reason ? t('pause.pending', { reason: pauseReasonLabel(pendingBreak.reason, lng) }) : t('pause.pendingNoReason')}</span>
          <button
            type="button"
            className="wb-quiet-button"
            data-testid="pause-pending-cancel"
            title={t('pause.cancelPendingLabel')}
            disabled={busy}
            onClick={() => void actions.pauseSelf(false, null)}
          >
            {t('pause.cancelPending')}
          </button>
        </div>
      )}

      {row && (
        <PauseControls
          reasons={settings.pauseReasons}
          paused={paused}
          currentReason={shownReason}
          pendingReason={pendingBreak?.reason ?? null}
          afterCall={settings.pauseDuringCall !== 'at-once' && (row.state === 'on-call' || row.state === 'ringing')}
          wrapUp={row.state === 'wrap-up'}
          busy={busy}
          variant="self"
          selectId={PAUSE_REASON_ID}
          onPause={(reason) => void actions.pauseSelf(true, reason)}
          onUnpause={() => void actions.pauseSelf(false, null)}
          t={t}
          lng={lng}
        />
      )}

      <ul className="wb-operator-queues" aria-label={t('operator.queues')}>
        {queues.map((q) => {
          const tile = tiles.find((x) => x.queue === q) ?? null;
          const member = memberOf.has(q);
          const wait = tile ? longestWaitSec(tile, now) : 0;
          const level = alertLevel(wait, settings.longestWaitAlertSec);
          return (
            <li key={q} className={`wb-operator-queue wb-tile--${level}`} data-testid="operator-queue" data-queue={q} data-member={member} data-alert={level}>
              <span className="wb-operator-queue-name">{q}</span>
              {tile && (
                <>
                  <span className="wb-num" data-testid="operator-queue-waiting" data-count={tile.waiting.length}>
                    {t('operator.waiting', { count: formatCount(tile.waiting.length, lng) })}
                  </span>
                  <span className="wb-num" data-testid="operator-queue-longest-wait" data-alert={level}>
                    {level !== 'ok' && <span aria-hidden="true">{level === 'alert' ? '⚠ ' : '▲ '}</span>}
                    {t('operator.longestWait', { time: formatMmSs(wait) })}
                  </span>
                </>
              )}
              {member && row?.staticQueues.includes(q) ? (
                <span className="wb-muted" data-testid="membership-static" data-queue={q} title={t('membership.staticHint', { queue: q })}>
                  {t('membership.static')}
                </span>
              ) : (
                <button
                  type="button"
                  className="wb-quiet-button"
                  data-testid="membership-toggle"
                  data-queue={q}
                  aria-pressed={member}
                  aria-label={member ? t('membership.logoutFrom', { queue: q }) : t('membership.loginTo', { queue: q })}
                  disabled={busy}
                  onClick={() => void actions.setSelfMembership(q, !member)}
                >
                  {member ? t('membership.logout') : t('membership.login')}
                </button>
              )}
            </li>
          );
        })}
      </ul>

      <ActionError scope="self" />
    </section>
  );
}
