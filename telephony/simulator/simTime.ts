// Asterisk's time formats, all in UTC as the recorded server ran.

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `time(NULL)`: Asterisk computes HoldTime, TalkTime and RingTime as differences of these. */
export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Uniqueid/Linkedid: `<epoch seconds>.<channel counter>`. */
export function uniqueId(ms: number, counter: number): string {
  return `${epochSeconds(ms)}.${counter}`;
}

/** Cdr StartTime/AnswerTime/EndTime: `2026-11-23 08:53:15`. */
export function cdrTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Security events' EventTV/SessionTV: `2026-11-23T08:53:13.269+0000`. */
export function eventTv(ms: number): string {
  return `${cdrTime(ms).replace(' ', 'T')}.${pad(new Date(ms).getUTCMilliseconds(), 3)}+0000`;
}

/** Ping's Timestamp: seconds with six decimals. */
export function pingTimestamp(ms: number): string {
  return `${epochSeconds(ms)}.${pad((ms % 1000) * 1000, 6)}`;
}

/** Whole seconds of a duration, as dialplan variables and Cdr durations show them. */
export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** A dialplan argument in seconds: `2`, or `0.25` for sub-second test settings. */
export function secondsArg(ms: number): string {
  return String(ms / 1000);
}
