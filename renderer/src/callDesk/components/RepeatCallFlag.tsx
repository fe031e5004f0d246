import { useTranslation } from 'react-i18next';
import type { ScreenPop } from '../../../../core/call.js';
import type { CaseRecord } from '../../../../core/case.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import type { Language } from '../../shared/i18n/resources.js';
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
  const lng = useLanguage();
  const subjectCode = useCaseForm((s) => s.draft.subjectCode);
  // Read once for all rows: the flag is drawn while the phone rings, every hook per row costs.
  const saving = useCaseForm(selectSaving);
  const boundHere = useCaseForm((s) => s.draft.linkedid === pop.call.linkedid);
  const hasText = useCaseForm((s) => s.draft.description.trim() !== '');
  const repeat = repeatCallFor(pop.repeatCandidates, subjectCode, pop.call.linkedid);
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
        {repeat.cases.map((c) => (
          <RepeatCase key={c.id} record={c} lng={lng} hint={hint} disabled={saving || !boundHere} />
        ))}
      </ul>
    </div>
  );
}

function RepeatCase({ record, lng, hint, disabled }: { record: CaseRecord; lng: Language; hint: string; disabled: boolean }) {
  const { t } = useTranslation();
  const desk = useCallDesk();
  const add = () =>
    void appendToCase(desk.form, desk.client, record, {
      currentPop: () => desk.call.getState().screenPop,
      onSaved: desk.caseWritten,
    });
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
