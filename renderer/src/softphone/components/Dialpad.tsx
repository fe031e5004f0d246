import type { KeyboardEvent } from 'react';
import { useSoftphone, useSoftphoneActions, useSoftphoneText } from '../hooks.js';
import { selectInCall } from '../softphoneStore.js';

/** The 12 keys, row by row; `id` names the test id (dialpad-key-1 … dialpad-key-star / -hash). */
export const DIALPAD_KEYS = [
  { key: '1', id: '1' },
  { key: '2', id: '2' },
  { key: '3', id: '3' },
  { key: '4', id: '4' },
  { key: '5', id: '5' },
  { key: '6', id: '6' },
  { key: '7', id: '7' },
  { key: '8', id: '8' },
  { key: '9', id: '9' },
  { key: '*', id: 'star' },
  { key: '0', id: '0' },
  { key: '#', id: 'hash' },
] as const;

const DTMF_KEY = /^[0-9*#]$/;

/**
 * In a call the keys send DTMF (click, or type a digit while the pad has focus); out of a call
 * they type into the number field, and Enter or the call button dials it.
 */
export function Dialpad({ canCall }: { canCall: boolean }) {
  const { t } = useSoftphoneText();
  const actions = useSoftphoneActions();
  const inCall = useSoftphone(selectInCall);
  const number = useSoftphone((s) => s.number);

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (DTMF_KEY.test(e.key)) {
      e.preventDefault();
      actions.key(e.key);
    } else if (!inCall && e.key === 'Backspace') {
      e.preventDefault();
      actions.backspace();
    } else if (!inCall && e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault();
      void actions.dial();
    }
  };

  return (
    <div className="dialpad" data-testid="dialpad">
      {!inCall && (
        <form
          className="dialpad-entry"
          onSubmit={(e) => {
            e.preventDefault();
            void actions.dial();
          }}
        >
          <input
            data-testid="dialpad-number"
            aria-label={t('dialpad.number')}
            inputMode="tel"
            autoComplete="off"
            value={number}
            onChange={(e) => actions.typeNumber(e.target.value)}
          />
          <button type="submit" className="primary" data-testid="dialpad-call" disabled={!canCall || number.trim() === ''}>
            {t('actions.call')}
          </button>
        </form>
      )}
      <div className="dialpad-grid" role="group" aria-label={t('dialpad.label')} tabIndex={0} onKeyDown={onGridKey} data-testid="dialpad-grid">
        {DIALPAD_KEYS.map(({ key, id }) => (
          <button
            key={id}
            type="button"
            data-testid={`dialpad-key-${id}`}
            aria-label={id === 'star' ? t('dialpad.star') : id === 'hash' ? t('dialpad.hash') : key}
            onClick={() => actions.key(key)}
          >
            {key}
          </button>
        ))}
      </div>
    </div>
  );
}
