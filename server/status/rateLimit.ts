/**
 * A fixed-window counter per key (the client's IP), in memory: enough to make guessing security
 * codes slow on one instance. Several instances each keep their own count; a shared limit would
 * go through PostgreSQL, a later slice.
 */
export interface RateLimiter {
  /** True when the request may go ahead; counts it either way. */
  take(key: string, now: number): { allowed: boolean; retryAfterSeconds: number };
  /** Gives one counted request back: it turned out to be one the limit is not about (a login that succeeded). */
  refund(key: string): void;
}

export function fixedWindowLimiter(max: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, now) {
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        // Old windows are dropped as they are met; a sweep keeps the map bounded under many IPs.
        if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= windowMs) windows.delete(k);
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return { allowed: w.count <= max, retryAfterSeconds: Math.ceil((w.start + windowMs - now) / 1000) };
    },
    refund(key) {
      const w = windows.get(key);
      if (w && w.count > 0) w.count -= 1;
    },
  };
}
