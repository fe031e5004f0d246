import type { AgentRow, SpyMode, WallboardSettings } from '../../../../core/queue.js';
import { displayName } from '../agentSort.js';
import type { WallboardLanguage } from '../format.js';
import type { WallboardT } from '../i18n.js';
import { pendingKey, selectPending, type QueueActions } from '../queueActions.js';
import { isPaused } from '../queueFigures.js';
import { useActions } from './hooks.js';
import { PauseControls } from './PauseControls.js';

const SPY_MODES: readonly SpyMode[] = ['listen', 'whisper', 'barge'];

export interface AgentActionsProps {
  row: AgentRow;
  queues: readonly string[];
  settings: WallboardSettings;
  actions: QueueActions;
  t: WallboardT;
  lng: WallboardLanguage;
}

/** A team lead's commands on one agent: pause with a reason / unpause, queue membership, listen / whisper / barge. */
export function AgentActions({ row, queues, settings, actions, t, lng }: AgentActionsProps) {
  const pending = useActions(selectPending(pendingKey({ kind: 'agent', agentInterface: row.interface })));
  const busy = pending !== null;
  const name = displayName(row);
  const paused = isPaused(row);
  const memberOf = new Set(row.queues);
  const noCall = row.state !== 'on-call';

  return (
    <div className="wb-row-actions" aria-busy={busy}>
      <PauseControls
        reasons={settings.pauseReasons}
        paused={paused}
        currentReason={row.pauseReason}
        busy={busy}
        variant="agent"
        subject={name}
        onPause={(reason) => void actions.pauseAgent(row.interface, true, reason)}
        onUnpause={() => void actions.pauseAgent(row.interface, false, null)}
        t={t}
        lng={lng}
      />
      <details className="wb-membership">
        <summary data-testid="membership-summary">{t('membership.summary', { member: queues.filter((q) => memberOf.has(q)).length, total: queues.length })}</summary>
        <fieldset disabled={busy}>
          <legend className="wb-sr-only">
            {t('membership.label')} — {name}
          </legend>
          {queues.map((q) => (
            <label key={q} className="wb-check" title={row.staticQueues.includes(q) ? t('membership.staticHint', { queue: q }) : undefined}>
              <input
                type="checkbox"
                data-testid="queue-membership"
                data-queue={q}
                checked={memberOf.has(q)}
                disabled={row.staticQueues.includes(q)}
                onChange={(e) => void actions.setAgentMembership(row.interface, q, e.target.checked)}
              />
              {q}
              {row.staticQueues.includes(q) && <span className="wb-muted"> ({t('membership.static')})</span>}
            </label>
          ))}
        </fieldset>
      </details>
      <div className="wb-spy" role="group" aria-label={`${t('spy.label')} — ${name}`}>
        {SPY_MODES.map((mode) => (
          <button
            key={mode}
            type="button"
            className={`wb-spy-button wb-spy-button--${mode}`}
            data-testid={`spy-${mode}`}
            disabled={busy || noCall}
            title={noCall ? t('spy.noCall') : t(`spy.${mode}Hint`)}
            onClick={() => void actions.spy(row.interface, mode)}
          >
            {t(`spy.${mode}`)}
          </button>
        ))}
      </div>
      {busy && (
        <span className="wb-muted wb-pending" role="status">
          {t('actions.pending')}
        </span>
      )}
    </div>
  );
}
