import { holidayKind } from './holidays.js';
import { MINUTE_MS, istanbulDayOf, istanbulInstant, istanbulMinuteOf, civilDate, type IstanbulDay } from './istanbulTime.js';

/**
 * Municipal working hours: Monday–Friday 08:30–17:30 Istanbul time; a half day (a bayram's arife,
 * 28 October) ends at 12:30. A half day still counts as a working day: the office is open that
 * morning, so a deadline falling on it ends at 12:30 rather than skipping it.
 */
const OPENS_AT = 8 * 60 + 30;
const CLOSES_AT = 17 * 60 + 30;
const HALF_DAY_CLOSES_AT = 12 * 60 + 30;
/** A generous bound on the search for the next working day: the longest run of days off is ~9. */
const MAX_DAYS_OFF = 31;

/** Minute of the day the office closes on `day`, or null when it does not open at all. */
function closingMinute(day: IstanbulDay): number | null {
  const { weekday } = civilDate(day);
  const kind = holidayKind(day);
  if (weekday === 0 || weekday === 6 || kind === 'holiday') return null;
  return kind === 'half-day' ? HALF_DAY_CLOSES_AT : CLOSES_AT;
}

/** True for Monday–Friday that are not public holidays (half days included), in Istanbul time. */
export function isWorkingDay(date: Date): boolean {
  return closingMinute(istanbulDayOf(date)) !== null;
}

function nextWorkingDay(after: IstanbulDay): { day: IstanbulDay; closes: number } {
  for (let day = after + 1; day <= after + MAX_DAYS_OFF; day++) {
    const closes = closingMinute(day);
    if (closes !== null) return { day, closes };
  }
  throw new Error(`no working day within ${MAX_DAYS_OFF} days after Istanbul day ${after}`);
}

/**
 * The end of the Nth working day after `from`'s Istanbul date (the day itself never counts, as
 * with legal deadlines). `days = 0` means "by the end of today's working day", or of the next
 * one when today's is over or there is none.
 */
export function addWorkingDays(from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a non-negative integer: ${days}`);
  let day = istanbulDayOf(from);
  if (days === 0) {
    const closes = closingMinute(day);
    if (closes !== null && istanbulMinuteOf(from) < closes) return istanbulInstant(day, closes);
    const next = nextWorkingDay(day);
    return istanbulInstant(next.day, next.closes);
  }
  let closes = 0;
  for (let n = 0; n < days; n++) ({ day, closes } = nextWorkingDay(day));
  return istanbulInstant(day, closes);
}

/**
 * `hours` of office time after `from`, skipping nights, weekends, holidays and the afternoon of
 * half days. Time before opening or after closing counts from the next opening.
 */
export function addWorkingHours(from: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours must be a non-negative number: ${hours}`);
  let remaining = Math.round(hours * 60 * MINUTE_MS);
  let day = istanbulDayOf(from);
  let cursor = from.getTime();
  let closes = closingMinute(day);
  for (;;) {
    if (closes !== null) {
      const start = Math.max(cursor, istanbulInstant(day, OPENS_AT).getTime());
      const end = istanbulInstant(day, closes).getTime();
      if (start < end || (start === end && remaining === 0)) {
        if (start + remaining <= end) return new Date(start + remaining);
        remaining -= end - start;
      }
    }
    ({ day, closes } = nextWorkingDay(day));
    cursor = istanbulInstant(day, OPENS_AT).getTime();
  }
}
