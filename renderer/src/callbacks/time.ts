import type { Language } from '../shared/i18n/resources.js';

const TIME_ZONE = 'Europe/Istanbul';
const LOCALE: Record<Language, string> = { tr: 'tr-TR', en: 'en-GB' };
/** Türkiye keeps UTC+3 all year (no daylight saving since 2016). */
const ISTANBUL_OFFSET = '+03:00';
const ISTANBUL_OFFSET_MS = 3 * 60 * 60 * 1000;

const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(lng: Language, kind: 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${lng}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date' ? { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' } : { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    formats.set(key, (f = new Intl.DateTimeFormat(LOCALE[lng], options)));
  }
  return f;
}

/** The Istanbul calendar day of an instant, `2026-11-20`. */
export const istanbulDay = (ms: number): string => dayKey.format(ms);

/** HH:mm in Istanbul time; a dash for a time that does not parse. */
export function istanbulTime(iso: string, lng: Language): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '—' : formatter(lng, 'time').format(ms);
}

export interface DueText {
  /** Which wording: today / tomorrow (Istanbul days) or a full date. */
  day: 'today' | 'tomorrow' | 'other';
  date: string;
  time: string;
  overdue: boolean;
}

/** When a call-back is due, in Istanbul time, relative to `now` (epoch ms). */
export function dueText(iso: string, now: number, lng: Language): DueText {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return { day: 'other', date: '—', time: '', overdue: false };
  const today = istanbulDay(now);
  const tomorrow = istanbulDay(now + 24 * 60 * 60 * 1000);
  const day = istanbulDay(ms);
  return {
    day: day === today ? 'today' : day === tomorrow ? 'tomorrow' : 'other',
    date: formatter(lng, 'date').format(ms),
    time: formatter(lng, 'time').format(ms),
    overdue: ms < now,
  };
}

export const isOverdue = (iso: string, now: number): boolean => {
  const ms = Date.parse(iso);
  return !Number.isNaN(ms) && ms < now;
};

/**
 * A `datetime-local` value (`2026-11-20T14:30`, read as Istanbul wall time whatever the machine's
 * zone is) as an ISO instant with its offset; null when it is not such a value.
 */
export function istanbulInputToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00'] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${ISTANBUL_OFFSET}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  // Reject 31 February and the like: the instant must read back as the same wall time.
  return istanbulInputValue(ms) === `${y}-${mo}-${d}T${h}:${mi}` ? iso : null;
}

/** An instant as a `datetime-local` value in Istanbul wall time (for `min` and defaults). */
export function istanbulInputValue(ms: number): string {
  return new Date(ms + ISTANBUL_OFFSET_MS).toISOString().slice(0, 16);
}
