import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ScreenPop } from '../../../../core/call.js';
import type { CaseRecord } from '../../../../core/case.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import type { Language } from '../../shared/i18n/resources.js';
import { formatDate } from '../../shared/i18n/format.js';
import { appendToCase, selectSaving } from '../caseFormStore.js';
import { repeatCallFor } from '../repeatCalls.js';
import { slaBadge, useSlaClock } from '../../shared/ui/SlaBadge.js';
import { statusBadge } from '../../shared/ui/StatusBadge.js';
import { urgentMarker } from '../../shared/ui/UrgentMarker.js';
import { useCallDesk, useCaseForm, type CallDeskPart } from '../deskPart.js';

/**
 * The same number called in the last 7 days: show those cases (narrowed to the picked subject)
 * and offer to add what the citizen says now to one of them instead of recording a duplicate.
 */
export function RepeatCallFlag({ pop }: { pop: ScreenPop }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const subjectCode = useCaseForm((s) => s.draft.subjectCode);
  // Read once for all rows: the flag is drawn while the phone rings, every hook per row costs.
  const saving = useCaseForm(selectSaving);
  const boundHere = useCaseForm((s) => s.draft.linkedid === pop.call.linkedid);
  const hasText = useCaseForm((s) => s.draft.description.trim() !== '');
  const desk = useCallDesk();
  const repeat = repeatCallFor(pop.repeatCandidates, subjectCode, pop.call.linkedid);
  const now = useSlaClock(repeat?.cases ?? []);
  if (repeat === null) return null;
  const count = repeat.cases.length;
  const hint = !boundHere ? t('repeat.notBound') : !hasText ? t('repeat.needDescription') : t('repeat.addHint');
  return (
    <div className="repeat-call" role="status" data-testid="repeat-call-flag" data-match={repeat.match} data-count={count}>
      <p className="repeat-call-title">
        <span className="repeat-icon" aria-hidden="true">
          ↻
        </span>
        <strong>{t('repeat.title')}</strong> {t(`repeat.${repeat.match}`, { count })}
      </p>
      <ul className="repeat-cases">
        {repeat.cases.map((c) => repeatCase(c, { t, lng, now, hint, disabled: saving || !boundHere, desk }))}
      </ul>
    </div>
  );
}

/** One row, without hooks of its own: the flag is drawn while the phone rings. */
function repeatCase(
  record: CaseRecord,
  { t, lng, now, hint, disabled, desk }: { t: TFunction; lng: Language; now: number; hint: string; disabled: boolean; desk: CallDeskPart },
) {
  const add = () =>
    void appendToCase(desk.form, desk.client, record, {
      currentPop: () => desk.call.getState().screenPop,
      onSaved: desk.caseWritten,
    });
  return (
    <li key={record.id} data-testid="repeat-case" data-case-id={record.id}>
      <button type="button" className="link mono" onClick={() => void desk.detail.open(record.id)}>
        {record.applicationNo}
      </button>
      <span className="history-date">{formatDate(record.createdAt, lng)}</span>
      <span className="history-subject">
        {record.urgent && urgentMarker(t, true)}
        {record.subject}
      </span>
      {statusBadge(record.status, t)}
      {slaBadge(record, now, t, lng)}
      <button
        type="button"
        data-testid="repeat-add-note"
        disabled={disabled}
        title={hint}
        aria-label={t('repeat.addNoteTo', { number: record.applicationNo })}
        aria-describedby={`repeat-hint-${record.id}`}
        onClick={add}
      >
        {t('repeat.addNote')}
      </button>
      <span className="sr-only" id={`repeat-hint-${record.id}`}>
        {hint}
      </span>
    </li>
  );
}
