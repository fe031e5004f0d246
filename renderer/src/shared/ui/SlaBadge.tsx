import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseRecord, SlaState } from '../../../../core/case.js';
import { dueAtUnchecked, slaState } from '../../../../core/sla.js';
import { HOLIDAY_TABLE_LAST_YEAR } from '../../../../core/holidays.js';
import { useLanguage, useNow } from './hooks.js';
import { formatDateTime } from '../i18n/format.js';
import type { Language } from '../i18n/resources.js';

type SlaRecord = Pick<CaseRecord, 'sla' | 'dueAt' | 'status' | 'createdAt'>;

const SLA_TICK_MS = 60_000;
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
  const now = useSlaClock([record]);
  return slaBadge(record, now, t, lng);
}

/**
 * The clock the SLA badges of `records` are drawn at: ticking once a minute while any of them is
 * open with a due time (its badge can turn), still otherwise. One per list, not one per badge.
 */
export function useSlaClock(records: readonly Pick<CaseRecord, 'sla' | 'dueAt'>[]): number {
  return useNow(records.some((r) => r.dueAt !== null && r.sla !== 'done'), SLA_TICK_MS);
}

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
