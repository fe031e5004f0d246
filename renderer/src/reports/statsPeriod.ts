import { civilDate, DAY_MS, istanbulDay, istanbulDayOf, type IstanbulDay } from '../../../core/istanbulTime.js';
import { StatsDate, type StatsInterval } from '../../../core/queueStats.js';
import type { Language } from '../shared/i18n/resources.js';

/** The queue statistics' period: one Istanbul day, its Monday-to-Sunday week, or its month. */
export type PeriodKind = 'day' | 'week' | 'month';
export const PERIOD_KINDS: readonly PeriodKind[] = ['day', 'week', 'month'];

export interface StatsPeriod {
  kind: PeriodKind;
  /** Any date inside the period (`2026-12-03`); the period is the day, week or month around it. */
  anchor: string;
}

export const STATS_INTERVALS: readonly StatsInterval[] = ['15', '30', '60', 'day'];

const dayOf = (date: string): IstanbulDay => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = (day: IstanbulDay): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The date it is now in Istanbul, whatever the machine's zone. */
export const istanbulToday = (now: number | Date = Date.now()): string => dateOf(istanbulDayOf(new Date(now)));

/** What `<input type="date">` gives back is '' while the field is incomplete. */
export const isStatsDate = (value: string): boolean => StatsDate.safeParse(value).success && !Number.isNaN(dayOf(value));

/** The first and last day of the period (inclusive), as the server's `from` and `to`. */
export function periodRange({ kind, anchor }: StatsPeriod): { from: string; to: string } {
  const day = dayOf(anchor);
  if (kind === 'day') return { from: anchor, to: anchor };
  if (kind === 'week') {
    // Weeks start on Monday in Turkey: getUTCDay 1 → 0 days back, Sunday (0) → 6.
    const monday = day - ((civilDate(day).weekday + 6) % 7);
    return { from: dateOf(monday), to: dateOf(monday + 6) };
  }
  const { year, month } = civilDate(day);
  return { from: dateOf(istanbulDay(year, month, 1)), to: dateOf(istanbulDay(year, month + 1, 1) - 1) };
}

/** The period before (-1) or after (+1): a month steps from its first day, so 31 January → February. */
export function shiftPeriod(period: StatsPeriod, step: -1 | 1): StatsPeriod {
  const day = dayOf(period.anchor);
  if (period.kind === 'day') return { ...period, anchor: dateOf(day + step) };
  if (period.kind === 'week') return { ...period, anchor: dateOf(day + 7 * step) };
  const { year, month } = civilDate(day);
  return { ...period, anchor: dateOf(istanbulDay(year, month + step, 1)) };
}

/** Nothing to see after today: the "next" button stops at the period holding it. */
export const holdsOrFollows = (period: StatsPeriod, today: string): boolean => periodRange(period).to >= today;

/**
 * The interval a period opens with: hours for a day or a week (24 or 168 rows a queue), days for a
 * month (15-minute rows of a month would be ~3,000 a queue).
 */
export const defaultInterval = (kind: PeriodKind): StatsInterval => (kind === 'month' ? 'day' : '60');

const LOCALE: Record<Language, string> = { tr: 'tr-TR', en: 'en-GB' };
// The dates are civil dates, kept as UTC midnights: formatted in UTC they never shift a day.
const LABEL_OPTIONS = {
  day: { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  month: { timeZone: 'UTC', month: 'long', year: 'numeric' },
  short: { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
const labelFormats = new Map<string, Intl.DateTimeFormat>();
const formatCivil = (date: string, lng: Language, kind: keyof typeof LABEL_OPTIONS): string => {
  const key = `${lng}:${kind}`;
  const format = labelFormats.get(key) ?? new Intl.DateTimeFormat(LOCALE[lng], LABEL_OPTIONS[kind]);
  labelFormats.set(key, format);
  return format.format(dayOf(date) * DAY_MS);
};

/** "3 Aralık 2026 Perşembe", "30.11.2026 – 06.12.2026", "Aralık 2026". */
export function periodLabel(period: StatsPeriod, lng: Language): string {
  const { from, to } = periodRange(period);
  if (period.kind === 'day') return formatCivil(from, lng, 'day');
  if (period.kind === 'month') return formatCivil(from, lng, 'month');
  return `${formatCivil(from, lng, 'short')} – ${formatCivil(to, lng, 'short')}`;
}
