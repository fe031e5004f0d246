/**
 * One timer per period for every component that ticks at it: a pop's SLA badges (one per case
 * row) would otherwise each start and stop their own interval on every call.
 */
const tickers = new Map<number, { listeners: Set<(now: number) => void>; timer: ReturnType<typeof setInterval> }>();

export function onTick(intervalMs: number, listener: (now: number) => void): () => void {
  let ticker = tickers.get(intervalMs);
  if (!ticker) {
    const listeners = new Set<(now: number) => void>();
    const timer = setInterval(() => {
      const now = Date.now();
      // A copy: a listener may unsubscribe others; one that left during the tick is not called.
      for (const each of [...listeners]) if (listeners.has(each)) each(now);
    }, intervalMs);
    tickers.set(intervalMs, (ticker = { listeners, timer }));
  }
  const own = ticker;
  own.listeners.add(listener);
  return () => {
    own.listeners.delete(listener);
    // A second call, or one after a new timer took this period's place, must not stop that one.
    if (own.listeners.size > 0 || tickers.get(intervalMs) !== own) return;
    clearInterval(own.timer);
    tickers.delete(intervalMs);
  };
}
