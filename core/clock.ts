/**
 * Where code reads the time. Everything that asks "what time is it" takes one of these, so a test
 * fixes the moment it runs at and never depends on the day the suite happens to run.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * A clock that starts at `start` and then runs at real speed. It advances by the monotonic clock
 * (performance.now), which libfaketime leaves alone with DONT_FAKE_MONOTONIC=1, so timers and
 * deadlines in a test keep working while the date is the test's.
 */
export function clockFrom(start: Date | string): Clock {
  const startMs = new Date(start).getTime();
  if (Number.isNaN(startMs)) throw new RangeError(`clockFrom: not a date: ${String(start)}`);
  const origin = performance.now();
  return () => new Date(startMs + (performance.now() - origin));
}
