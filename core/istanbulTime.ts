/**
 * Europe/Istanbul has been UTC+3 all year since 2016 (no DST). Working-day arithmetic needs the
 * civil date and time there, and the renderer may run on a machine set to any zone, so the
 * offset lives here, once, instead of trusting the host's local time.
 */
export const ISTANBUL_OFFSET_MS = 3 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
export const MINUTE_MS = 60 * 1000;

/** A civil day in Istanbul as a day count since 1970-01-01: cheap to step through and compare. */
export type IstanbulDay = number;

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

export function istanbulDayOf(instant: Date): IstanbulDay {
  return Math.floor((instant.getTime() + ISTANBUL_OFFSET_MS) / DAY_MS);
}

/** Minutes since Istanbul midnight of the instant's own Istanbul day. */
export function istanbulMinuteOf(instant: Date): number {
  const ms = instant.getTime() + ISTANBUL_OFFSET_MS;
  return (ms - Math.floor(ms / DAY_MS) * DAY_MS) / MINUTE_MS;
}

export function civilDate(day: IstanbulDay): CivilDate {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

export function istanbulDay(year: number, month: number, day: number): IstanbulDay {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The instant of `minute` minutes after midnight on an Istanbul civil day. */
export function istanbulInstant(day: IstanbulDay, minute: number): Date {
  return new Date(day * DAY_MS + minute * MINUTE_MS - ISTANBUL_OFFSET_MS);
}
