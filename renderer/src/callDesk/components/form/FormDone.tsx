import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { doneDismissed, selectDone } from '../../caseFormStore.js';
import { UrgentMarker } from '../../../shared/ui/UrgentMarker.js';
import { useCallDesk, useCaseForm } from '../../deskPart.js';

/**
 * After a save: the application number and security code, large, to be read out to the citizen.
 * They stay until the operator dismisses them, starts typing the next case or the next call pops
 * (they are that citizen's alone; the case detail keeps the number).
 */
export function FormDone() {
  const { t } = useTranslation();
  const desk = useCallDesk();
  const done = useCaseForm(selectDone);
  const live = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Scrolled into view: on a short screen the banner may sit above the fold of a long form.
    if (done) live.current?.scrollIntoView?.({ block: 'nearest' });
  }, [done]);
  if (done === null) return null;
  const dismiss = () => desk.form.setState(doneDismissed, true);
  const open = () => void desk.detail.open(done.caseId);

  if (done.kind === 'note-added') {
    return (
      <div ref={live} className="form-done form-done--note" role="status" data-testid="case-note-added" data-case-id={done.caseId}>
        <p>{t('done.noteAdded', { number: done.applicationNo })}</p>
        <div className="form-done-actions">
          <button type="button" onClick={open}>
            {t('done.open')}
          </button>
          <button type="button" className="quiet" onClick={dismiss} data-testid="case-done-dismiss">
            {t('done.dismiss')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div ref={live} className="form-done" role="status" data-testid="case-saved" data-case-id={done.caseId} data-outcome={done.outcome}>
      <p className="form-done-title">
        {t(done.outcome === 'resolved' ? 'done.resolved' : 'done.forwarded')}
        {done.urgent && <UrgentMarker />}
      </p>
      <dl className="readout">
        <div>
          <dt>{t('done.number')}</dt>
          <dd className="readout-value" data-testid="case-number">
            {done.applicationNo}
          </dd>
        </div>
        <div>
          <dt>{t('done.securityCode')}</dt>
          <dd className="readout-value" data-testid="case-security-code">
            {done.securityCode}
          </dd>
        </div>
      </dl>
      <p className="muted">{t('done.readOut')}</p>
      <div className="form-done-actions">
        <button type="button" onClick={open} data-testid="case-done-open">
          {t('done.open')}
        </button>
        <button type="button" className="quiet" onClick={dismiss} data-testid="case-done-dismiss">
          {t('done.dismiss')}
        </button>
      </div>
    </div>
  );
}
