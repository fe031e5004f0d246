import { useState } from 'react';
import { ErrorCode } from '../../../../core/contract.js';
import { requestCallback, type RequestProblem } from '../request.js';
import { dueText, istanbulInputValue } from '../time.js';
import { useCallbackText } from '../useCallbackText.js';
import { useCallbacksDesk } from '../deskPart.js';

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'saved'; when: string } | { kind: 'problem'; problem: RequestProblem } | { kind: 'error'; code: ErrorCode };

/** Operator, in a case's detail: the citizen asks to be called back at a time. */
export function CallbackRequest({ caseId }: { caseId: number }) {
  const { t, lng } = useCallbackText();
  const desk = useCallbacksDesk();
  const [at, setAt] = useState('');
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const busy = status.kind === 'busy';

  async function submit(): Promise<void> {
    if (busy) return;
    setStatus({ kind: 'busy' });
    const now = Date.now();
    const outcome = await requestCallback(desk.client, caseId, at, note, now);
    if (outcome.ok) {
      const due = dueText(outcome.dueAt, now, lng);
      setStatus({ kind: 'saved', when: t(`due.${due.day}`, { date: due.date, time: due.time }) });
      setAt('');
      setNote('');
    } else if ('problem' in outcome) {
      setStatus({ kind: 'problem', problem: outcome.problem });
    } else {
      setStatus({ kind: 'error', code: outcome.code });
    }
  }

  return (
    <section className="callback-request" data-testid="callback-request" aria-labelledby={`callback-request-title-${caseId}`}>
      <h3 id={`callback-request-title-${caseId}`}>{t('request.open')}</h3>
      {status.kind === 'saved' && (
        <p className="callback-notice" role="status" data-testid="callback-request-saved">
          {t('request.saved', { when: status.when })}
        </p>
      )}
      <form
        className="callback-request-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className={status.kind === 'problem' ? 'field field--invalid' : 'field'}>
          <label htmlFor={`callback-request-at-${caseId}`}>{t('request.at')}</label>
          <input
            id={`callback-request-at-${caseId}`}
            type="datetime-local"
            data-testid="callback-request-at"
            value={at}
            min={istanbulInputValue(Date.now())}
            required
            onChange={(e) => setAt(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`callback-request-note-${caseId}`}>{t('request.note')}</label>
          <textarea
            id={`callback-request-note-${caseId}`}
            data-testid="callback-request-note"
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {status.kind === 'problem' && (
          <p className="error" role="alert" data-testid="callback-request-problem">
            {t(`request.${status.problem}`)}
          </p>
        )}
        {status.kind === 'error' && (
          <p className="error" role="alert" data-testid="callback-error" data-code={status.code}>
            {t(`errors.${status.code}`)}
          </p>
        )}
        <div className="callback-form-actions">
          <button type="submit" className="primary" data-testid="callback-request-save" disabled={busy}>
            {busy ? t('request.saving') : t('request.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
