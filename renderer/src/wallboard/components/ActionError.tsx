import { displayName } from '../agentSort.js';
import type { ActionFailure, ActionScope } from '../queueActions.js';
import { selectFailure } from '../queueActions.js';
import type { WallboardT } from '../i18n.js';
import { selectAgents } from '../queueStore.js';
import type { AgentRow } from '../../../../core/queue.js';
import { useActions, useQueue, useWallboardText } from './hooks.js';
import { useWallboard } from './WallboardContext.js';

export function failureText(failure: ActionFailure, agents: readonly AgentRow[], t: WallboardT): string {
  const action = failure.queue ? `${t(`actions.${failure.kind}`)} (${failure.queue})` : t(`actions.${failure.kind}`);
  // Asterisk's own words ("Member not dynamic", "Interface not found") say what to do about it.
  const reason = failure.code === 'pbx-refused' && failure.message.trim() !== '' ? t('errors.pbxSaid', { message: failure.message }) : t(`errors.${failure.code}`);
  if (failure.agentInterface === null) return t('actions.failed', { action, reason });
  const row = agents.find((a) => a.interface === failure.agentInterface);
  return t('actions.failedFor', { action, agent: row ? displayName(row) : failure.agentInterface, reason });
}

/** The last failed command of one place (team lead's board, operator's panel, hang-up), until dismissed or retried. */
export function ActionError({ scope }: { scope: ActionScope }) {
  const { t } = useWallboardText();
  const { actions } = useWallboard();
  const failure = useActions(selectFailure(scope));
  const agents = useQueue(selectAgents);
  if (!failure) return null;
  return (
    <div className="wb-action-error" role="alert" data-testid="action-error" data-code={failure.code} data-action={failure.kind}>
      <span aria-hidden="true">⚠</span>
      <span className="wb-action-error-text" title={failure.message}>
        {failureText(failure, agents, t)}
      </span>
      <button type="button" className="wb-quiet" onClick={actions.dismissFailure}>
        {t('actions.dismiss')}
      </button>
    </div>
  );
}
