import { CALL_KEY, selectFailure, selectPending } from '../queueActions.js';
import { failureText } from './ActionError.js';
import { useActions, useQueue, useWallboardText } from './hooks.js';
import { useWallboard } from './WallboardContext.js';
import { selectAgents } from '../queueStore.js';

export interface HangupButtonProps {
  /** The current call's Linkedid; null (no call) disables the button. */
  linkedid: string | null;
  disabled?: boolean;
  className?: string;
}

/** Hangs up this operator's current call (agent.hangup); a refusal is shown next to the button. */
export function HangupButton({ linkedid, disabled = false, className }: HangupButtonProps) {
  const { actions } = useWallboard();
  const { t } = useWallboardText();
  const pending = useActions(selectPending(CALL_KEY));
  const failure = useActions(selectFailure('call'));
  const agents = useQueue(selectAgents);
  const busy = pending !== null;

  return (
    <span className="wb-hangup-wrap">
      <button
        type="button"
        className={className ? `wb-hangup ${className}` : 'wb-hangup'}
        data-testid="hangup-button"
        disabled={disabled || busy || linkedid === null}
        onClick={() => linkedid !== null && void actions.hangup(linkedid)}
      >
        <span aria-hidden="true">✆ </span>
        {busy ? t('hangup.busy') : t('hangup.label')}
      </button>
      {failure && (
        <span className="wb-hangup-error" role="alert" data-testid="hangup-error" data-code={failure.code} title={failure.message}>
          {failureText(failure, agents, t)}
          <button type="button" className="wb-quiet" onClick={actions.dismissFailure}>
            {t('actions.dismiss')}
          </button>
        </span>
      )}
    </span>
  );
}
