export interface BackoffRange {
  minMs: number;
  maxMs: number;
}

/**
 * Exponential delay for the n-th consecutive failed attempt (0-based), with ±25 % jitter so
 * that hundreds of desks dropped by one PBX restart do not all log in again at the same instant.
 */
export function backoffDelay(attempt: number, { minMs, maxMs }: BackoffRange, random: () => number = Math.random): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  const jittered = base * (0.75 + random() * 0.5);
  return Math.round(Math.min(maxMs, Math.max(minMs, jittered)));
}
