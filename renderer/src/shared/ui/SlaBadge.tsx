import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseRecord, SlaState } from '../../../../core/case.js';
import { dueAtUnchecked, slaState } from '../../../../core/sla.js';
import { HOLIDAY_TABLE_LAST_YEAR } from '../../../../core/holidays.js';
import { useLanguage, useNow } from './hooks.js';
import { formatDateTime } from '../i18n/format.js';
import type { Language } from '../i18n/resources.js';

type SlaRecord = Pick<CaseRecord, 'sla' | 'dueAt' | 'status' | 'createdAt'>;

export const SLA_TICK_MS = 60_000;
const SLA_ICON: Record<SlaState, string> = { 'on-time': '●', 'due-soon': '◐', overdue: '▲', done: '✓' };

/** The SLA as of now, not as of when the record was fetched: an open case can turn overdue on screen. */
export function liveSla(record: Pick<CaseRecord, 'sla' | 'dueAt' | 'status'>, now: number): SlaState {
  if (record.dueAt === null) return record.sla;
  const due = Date.parse(record.dueAt);
  return Number.isNaN(due) ? record.sla : slaState(new Date(due), record.status, new Date(now));
}

export function SlaBadge({ record }: { record: SlaRecord }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const now = useNow(slaTicks(record), SLA_TICK_MS);
  return slaBadge(record, now, t, lng);
}

/** Whether a record's badge changes with the clock (an open case with a due time). */
export const slaTicks = (record: Pick<CaseRecord, 'sla' | 'dueAt'>): boolean => record.dueAt !== null && record.sla !== 'done';

/**
 * The badge itself, without hooks: a list draws many (a pop's rows while the phone rings) and
 * reads the language and one clock once for all of them.
 */
export function slaBadge(record: SlaRecord, now: number, t: TFunction, lng: Language) {
  const state = liveSla(record, now);
  const due = record.dueAt === null ? null : formatDateTime(record.dueAt, lng);
  const unchecked = state !== 'done' && dueAtUnchecked(record);
  const title = due === null ? undefined : [t('sla.dueAt', { time: due }), unchecked ? t('sla.uncheckedTitle', { lastYear: HOLIDAY_TABLE_LAST_YEAR }) : null].filter(Boolean).join('\n');
  return (
    <span
      className={`badge sla sla--${state}`}
      data-testid="case-sla"
      data-state={state}
      data-holidays={unchecked ? 'unchecked' : undefined}
      title={title}
    >
      <span aria-hidden="true">{SLA_ICON[state]} </span>
      {t(`sla.${state}`)}
      {unchecked && <span className="sla-unchecked"> · {t('sla.unchecked')}</span>}
    </span>
  );
}
