// "Today" for the call center is the calendar day in Europe/Istanbul, whatever zone the desk's
// operating system is set to. Turkey has kept UTC+3 all year since 2016, but the zone database
// is asked rather than assuming it, so a future change needs no code change.

export interface CalendarDay {
  /** `2026-11-23` */
  key: string;
  /** Epoch ms of the day's first instant. */
  startsAt: number;
  /** Epoch ms of the next day's first instant. */
  endsAt: number;
}

export const CALL_CENTER_TIME_ZONE = 'Europe/Istanbul';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function startOfDay(ms: number, timeZone: string): { key: string; startsAt: number } {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) parts[part.type] = part.value;
  const sinceMidnight = (Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second)) * 1000 + (((ms % 1000) + 1000) % 1000);
  return { key: `${parts.year}-${parts.month}-${parts.day}`, startsAt: ms - sinceMidnight };
}

/** The calendar day (in `timeZone`, Istanbul by default) that contains `ms`. */
export function calendarDay(ms: number, timeZone: string = CALL_CENTER_TIME_ZONE): CalendarDay {
  const today = startOfDay(ms, timeZone);
  // 26 h later is always inside the next day, whatever a daylight-saving shift does.
  const tomorrow = startOfDay(today.startsAt + 26 * 3_600_000, timeZone);
  return { key: today.key, startsAt: today.startsAt, endsAt: tomorrow.startsAt };
}
