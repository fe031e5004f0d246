export interface BackoffOptions {
  /** First delay; 500 ms. */
  baseMs?: number;
  /** Longest delay; 30 s. */
  maxMs?: number;
  /** Uniform in [0, 1); Math.random by default. */
  random?: () => number;
}

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 30_000;

/**
 * Delay before retry number `attempt` (0 for the first retry): exponential from `baseMs`, capped at
 * `maxMs`, with "equal jitter" (between half and all of the exponential step) so that desks cut
 * off together do not all come back in the same second. Never below `baseMs`, never above `maxMs`.
 */
export function backoffDelay(attempt: number, random: () => number, options: Omit<BackoffOptions, 'random'> = {}): number {
  const base = options.baseMs ?? BACKOFF_BASE_MS;
  const max = options.maxMs ?? BACKOFF_MAX_MS;
  const step = Math.min(max, base * 2 ** Math.max(0, Math.min(attempt, 30)));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(Math.min(max, Math.max(base, step * (0.5 + 0.5 * r))));
}

export interface Backoff {
  /** The next delay; each call counts one more failed attempt. */
  next(): number;
  /** After a success: the next failure starts again at the base delay. */
  reset(): void;
  readonly attempts: number;
}

export function createBackoff(options: BackoffOptions = {}): Backoff {
  const random = options.random ?? Math.random;
  let attempts = 0;
  return {
    next() {
      const delay = backoffDelay(attempts, random, options);
      attempts += 1;
      return delay;
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}
