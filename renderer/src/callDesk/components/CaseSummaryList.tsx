import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../../core/case.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import { formatDate } from '../../shared/i18n/format.js';
import { slaBadge, useSlaClock } from '../../shared/ui/SlaBadge.js';
import { statusBadge } from '../../shared/ui/StatusBadge.js';
import { urgentMarker } from '../../shared/ui/UrgentMarker.js';
import { useCallDesk } from '../deskPart.js';

/**
 * A caller's cases in the screen-pop: number, date, subject, status, and the SLA of those still
 * open (for a closed case the status says it all); each opens the case. The rows hold no hooks of
 * their own (one clock and one translation for the list): they are drawn while the phone rings.
 */
export function CaseSummaryList({ cases, testId }: { cases: readonly CaseRecord[]; testId: string }) {
  const { t } = useTranslation();
  const desk = useCallDesk();
  const lng = useLanguage();
  const now = useSlaClock(cases);
  return (
    <ul className="case-summaries">
      {cases.map((c) => (
        <li key={c.id} data-testid={testId} data-case-id={c.id} className={c.urgent ? 'is-urgent' : undefined}>
          <button
            type="button"
            className="case-summary"
            onClick={() => void desk.detail.open(c.id)}
            title={t('cases.open', { number: c.applicationNo })}
          >
            <span className="mono summary-number">{c.applicationNo}</span>
            <span className="history-date">{formatDate(c.createdAt, lng)}</span>
            <span className="history-subject">
              {c.urgent && urgentMarker(t, true)}
              {c.subject}
            </span>
            {statusBadge(c.status, t)}
            {c.sla !== 'done' && slaBadge(c, now, t, lng)}
          </button>
        </li>
      ))}
    </ul>
  );
}
