import { civilDate, istanbulDay, istanbulDayOf, type IstanbulDay } from './istanbulTime.js';

/**
 * Turkish public holidays (2429 sayılı Ulusal Bayram ve Genel Tatiller Hakkında Kanun).
 * Fixed ones follow the Gregorian calendar; the two religious bayrams move about 11 days
 * earlier each year with the Hijri calendar, so they come from a table.
 *
 * The bayram dates below are the Diyanet İşleri Başkanlığı calendar dates and must be checked
 * each year against Diyanet's published calendar (a sighting can move a date by a day). In a year
 * outside the table only the fixed holidays are known: the desk keeps working (cases are still
 * recorded and given a due date), but it says so at start and marks every due date whose span
 * reaches such a year as unchecked (holidaysChecked), so nobody trusts a deadline that may fall
 * on a bayram. Extra "idari izin" bridge days the government sometimes announces are not legal
 * holidays and are not in here.
 */
export const RAMAZAN_FIRST_DAY: Readonly<Record<number, string>> = {
  2024: '2024-04-10',
  2025: '2025-03-30',
  2026: '2026-03-20',
  2027: '2027-03-09',
  2028: '2028-02-26',
  2029: '2029-02-14',
  2030: '2030-02-04',
  2031: '2031-01-24',
  2032: '2032-01-14',
};

export const KURBAN_FIRST_DAY: Readonly<Record<number, string>> = {
  2024: '2024-06-16',
  2025: '2025-06-06',
  2026: '2026-05-27',
  2027: '2027-05-16',
  2028: '2028-05-05',
  2029: '2029-04-24',
  2030: '2030-04-13',
  2031: '2031-04-02',
  2032: '2032-03-22',
};

const RAMAZAN_DAYS = 3;
const KURBAN_DAYS = 4;

/** Month-day of the full-day fixed holidays. */
const FIXED_HOLIDAYS = ['01-01', '04-23', '05-01', '05-19', '07-15', '08-30', '10-29'];
/** Cumhuriyet Bayramı arifesi: the afternoon of 28 October is off. */
const FIXED_HALF_DAYS = ['10-28'];

export const HOLIDAY_TABLE_FIRST_YEAR = 2024;
export const HOLIDAY_TABLE_LAST_YEAR = 2032;

/** True when the year's bayrams are in the table; otherwise only its fixed holidays are known. */
export function holidayTableCovers(year: number): boolean {
  return RAMAZAN_FIRST_DAY[year] !== undefined && KURBAN_FIRST_DAY[year] !== undefined;
}

/**
 * Whether every Istanbul day from `from` to `to` has its bayrams in the table, so a deadline
 * computed across them is right; false when any year in between is missing.
 */
export function holidaysChecked(from: Date, to: Date): boolean {
  const first = civilDate(istanbulDayOf(from)).year;
  const last = civilDate(istanbulDayOf(to)).year;
  for (let year = Math.min(first, last); year <= Math.max(first, last); year++) {
    if (!holidayTableCovers(year)) return false;
  }
  return true;
}

/** What the calendar says about a day, before weekends: a holiday, a half day, or ordinary. */
export type HolidayKind = 'holiday' | 'half-day' | 'none';

interface YearHolidays {
  holidays: Set<IstanbulDay>;
  halfDays: Set<IstanbulDay>;
}

const cache = new Map<number, YearHolidays>();

function parseDay(iso: string): IstanbulDay {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return istanbulDay(y, m, d);
}

function buildYear(year: number): YearHolidays {
  const holidays = new Set<IstanbulDay>(FIXED_HOLIDAYS.map((md) => parseDay(`${year}-${md}`)));
  const halfDays = new Set<IstanbulDay>(FIXED_HALF_DAYS.map((md) => parseDay(`${year}-${md}`)));
  const ramazan = RAMAZAN_FIRST_DAY[year];
  const kurban = KURBAN_FIRST_DAY[year];
  // Outside the table the bayrams are unknown; holidaysChecked reports it, nothing is guessed.
  const bayrams = ramazan === undefined || kurban === undefined ? [] : ([[parseDay(ramazan), RAMAZAN_DAYS], [parseDay(kurban), KURBAN_DAYS]] as const);
  for (const [first, length] of bayrams) {
    // Kept in the bayram's own year: every arife in this table falls in the same year as its bayram.
    halfDays.add(first - 1);
    for (let i = 0; i < length; i++) holidays.add(first + i);
  }
  // A day that is both (an arife on a fixed holiday) is simply a holiday.
  for (const day of holidays) halfDays.delete(day);
  return { holidays, halfDays };
}

export function holidayKind(day: IstanbulDay): HolidayKind {
  const { year } = civilDate(day);
  let table = cache.get(year);
  if (!table) {
    table = buildYear(year);
    cache.set(year, table);
  }
  if (table.holidays.has(day)) return 'holiday';
  if (table.halfDays.has(day)) return 'half-day';
  return 'none';
}
