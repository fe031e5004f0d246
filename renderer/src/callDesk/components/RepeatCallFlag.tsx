import { useTranslation } from 'react-i18next';
import type { ScreenPop } from '../../../../core/call.js';
import type { CaseRecord } from '../../../../core/case.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import { formatDate } from '../../shared/i18n/format.js';
import { appendToCase, selectSaving } from '../caseFormStore.js';
import { repeatCallFor } from '../repeatCalls.js';
import { SlaBadge } from '../../shared/ui/SlaBadge.js';
import { StatusBadge } from '../../shared/ui/StatusBadge.js';
import { UrgentMarker } from '../../shared/ui/UrgentMarker.js';
import { useCallDesk, useCaseForm } from '../deskPart.js';

/**
 * The same number called in the last 7 days: show those cases (narrowed to the picked subject)
 * and offer to add what the citizen says now to one of them instead of recording a duplicate.
 */
export function RepeatCallFlag({ pop }: { pop: ScreenPop }) {
  const { t } = useTranslation();
  const subjectCode = useCaseForm((s) => s.draft.subjectCode);
  const repeat = repeatCallFor(pop.repeatCandidates, subjectCode, pop.call.linkedid);
  if (repeat === null) return null;
  const count = repeat.cases.length;
  return (
    <div className="repeat-call" role="status" data-testid="repeat-call-flag" data-match={repeat.match} data-count={count}>
      <p className="repeat-call-title">
        <span className="repeat-icon" aria-hidden="true">
          ↻
        </span>
        <strong>{t('repeat.title')}</strong> {t(`repeat.${repeat.match}`, { count })}
      </p>
      <ul className="repeat-cases">
        {repeat.cases.map((c) => (
          <RepeatCase key={c.id} record={c} linkedid={pop.call.linkedid} />
        ))}
      </ul>
    </div>
  );
}

function RepeatCase({ record, linkedid }: { record: CaseRecord; linkedid: string }) {
  const { t } = useTranslation();
  const desk = useCallDesk();
  const lng = useLanguage();
  const saving = useCaseForm(selectSaving);
  const boundHere = useCaseForm((s) => s.draft.linkedid === linkedid);
  const hasText = useCaseForm((s) => s.draft.description.trim() !== '');
  const add = () =>
    void appendToCase(desk.form, desk.client, record, {
      currentPop: () => desk.call.getState().screenPop,
      onSaved: desk.caseWritten,
    });
  const hint = !boundHere ? t('repeat.notBound') : !hasText ? t('repeat.needDescription') : t('repeat.addHint');
  return (
    <li data-testid="repeat-case" data-case-id={record.id}>
      <button type="button" className="link mono" onClick={() => void desk.detail.open(record.id)}>
        {record.applicationNo}
      </button>
      <span className="history-date">{formatDate(record.createdAt, lng)}</span>
      <span className="history-subject">
        {record.urgent && <UrgentMarker compact />}
        {record.subject}
      </span>
      <StatusBadge status={record.status} />
      <SlaBadge record={record} />
      <button
        type="button"
        data-testid="repeat-add-note"
        disabled={saving || !boundHere}
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
