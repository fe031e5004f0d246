/**
 * A clock for tests that count "today": real time, two hours ahead when that is within half an
 * hour of Istanbul midnight, so that no test straddles midnight whenever (and under whatever
 * faketime) it runs. Never behind real time: a PBX's own epoch fields (LastCall) must not lie
 * ahead of it.
 */
export function clearOfMidnight(): () => number {
  const minuteOfDay = Math.floor(((Date.now() + 3 * 3_600_000) % 86_400_000) / 60_000);
  const shift = minuteOfDay >= 22 * 60 + 30 || minuteOfDay < 30 ? 2 * 3_600_000 : 0;
  return () => Date.now() + shift;
}
