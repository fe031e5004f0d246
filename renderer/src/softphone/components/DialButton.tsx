import { useState } from 'react';
import { DialError, type DialRoute } from '../dialer.js';
import { useSoftphoneDesk, useSoftphoneText } from '../hooks.js';

type DialState = { kind: 'idle' } | { kind: 'dialing' } | { kind: 'placed'; route: DialRoute } | { kind: 'failed'; code: string };

/**
 * Click-to-dial next to a phone number: the softphone when it is registered, else the desk
 * phone through the PBX (it rings first, then the number).
 */
export function DialButton({ number }: { number: string }) {
  const { t } = useSoftphoneText();
  const desk = useSoftphoneDesk();
  const [state, setState] = useState<DialState>({ kind: 'idle' });
  const dial = async () => {
    setState({ kind: 'dialing' });
    try {
      setState({ kind: 'placed', route: await desk.dialer.dial(number) });
    } catch (error) {
      setState({ kind: 'failed', code: error instanceof DialError ? error.code : 'internal' });
    }
  };
  return (
    <span className="dial">
      <button type="button" className="link" data-testid="dial-number" disabled={state.kind === 'dialing'} onClick={() => void dial()} title={t('dial.title', { number })}>
        {t('dial.call')}
      </button>
      {state.kind === 'placed' && (
        <span className="muted" role="status" data-testid="dial-route" data-route={state.route}>
          {t(`dial.route.${state.route}`)}
        </span>
      )}
      {state.kind === 'failed' && (
        <span className="error" role="alert" data-testid="dial-error" data-code={state.code}>
          {t('dial.failed')}
        </span>
      )}
    </span>
  );
}
