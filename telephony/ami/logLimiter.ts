/**
 * Log lines the PBX can cause at will (a malformed frame, a response to an ActionID nobody
 * sent) are limited per kind: in each interval the first `burst` lines of a kind are written,
 * the rest only counted, and one line sums them up once the interval is over
 * ("AMI: 34995 more malformed frames skipped within 10 s"). A broken or hostile PBX sending
 * 35 000 of them in 30 s then costs a few dozen lines instead of filling the disk and burying
 * everything else, and the count still says what happened.
 *
 * Pure apart from `log`: the clock is passed in and there is no timer. A summary is written
 * when a line of its kind comes after its interval, or by `flush` (the AMI client calls it on
 * its ping timer, and with `all` when the link closes or the client stops).
 */
export interface LogLimiterOptions {
  log: (line: string) => void;
  /** Epoch ms. */
  now: () => number;
  /** Default 10 s. */
  intervalMs?: number;
  /** Lines of one kind written per interval before they are only counted; default 5. */
  burst?: number;
}

export interface LogLimiter {
  /**
   * Writes `text` unless `kind` has had its `burst` lines in this interval; then counts it for
   * the summary, which names what was left out as `summary` ("malformed frames skipped").
   */
  line(kind: string, text: string, summary: string): void;
  /** Writes the summaries of the intervals that are over; with `all`, of the current ones too. */
  flush(all?: boolean): void;
}

interface Interval {
  startedAt: number;
  written: number;
  left: number;
  summary: string;
}

export function createLogLimiter(options: LogLimiterOptions): LogLimiter {
  const intervalMs = options.intervalMs ?? 10_000;
  const burst = options.burst ?? 5;
  const intervals = new Map<string, Interval>();
  const seconds = `${Math.round(intervalMs / 100) / 10} s`;

  function close(kind: string, interval: Interval): void {
    intervals.delete(kind);
    if (interval.left > 0) options.log(`AMI: ${interval.left} more ${interval.summary} within ${seconds}`);
  }

  return {
    line(kind, text, summary) {
      const at = options.now();
      let interval = intervals.get(kind);
      if (interval !== undefined && at - interval.startedAt >= intervalMs) {
        close(kind, interval);
        interval = undefined;
      }
      if (interval === undefined) {
        interval = { startedAt: at, written: 0, left: 0, summary };
        intervals.set(kind, interval);
      }
      if (interval.written < burst) {
        interval.written++;
        options.log(text);
      } else {
        interval.left++;
        interval.summary = summary;
      }
    },
    flush(all = false) {
      const at = options.now();
      for (const [kind, interval] of [...intervals]) {
        if (all || at - interval.startedAt >= intervalMs) close(kind, interval);
      }
    },
  };
}
