// What the figures are computed from: sums over finished queue calls. A tally is kept per
// period (since midnight, since start) and, through per-call records in 10-second chunks, for
// the sliding windows. Waits and talk times are seconds.

export type CallOutcome = 'answered' | 'abandoned' | 'timedOut';

export type CallRecord =
  /** A caller left the queue: answered by an agent, hung up (abandoned) or timed out. */
  | { at: number; outcome: CallOutcome; waitSec: number; inServiceLevel: boolean }
  /** An answered call ended (AgentComplete). */
  | { at: number; outcome: 'completed'; talkSec: number };

export interface CallTally {
  readonly answered: number;
  readonly answeredInSl: number;
  readonly answeredWaitSec: number;
  readonly abandoned: number;
  readonly abandonedInSl: number;
  readonly abandonedWaitSec: number;
  readonly timedOut: number;
  readonly timedOutInSl: number;
  readonly timedOutWaitSec: number;
  readonly completed: number;
  readonly talkSec: number;
}

export const EMPTY_TALLY: CallTally = Object.freeze({
  answered: 0,
  answeredInSl: 0,
  answeredWaitSec: 0,
  abandoned: 0,
  abandonedInSl: 0,
  abandonedWaitSec: 0,
  timedOut: 0,
  timedOutInSl: 0,
  timedOutWaitSec: 0,
  completed: 0,
  talkSec: 0,
});

export function addToTally(t: CallTally, r: CallRecord): CallTally {
  // A copy changed in place (it is not shared until returned): cheaper than a spread with overrides.
  const next: { -readonly [K in keyof CallTally]: number } = { ...t };
  if (r.outcome === 'completed') {
    next.completed++;
    next.talkSec += r.talkSec;
    return next;
  }
  const sl = r.inServiceLevel ? 1 : 0;
  switch (r.outcome) {
    case 'answered':
      next.answered++;
      next.answeredInSl += sl;
      next.answeredWaitSec += r.waitSec;
      break;
    case 'abandoned':
      next.abandoned++;
      next.abandonedInSl += sl;
      next.abandonedWaitSec += r.waitSec;
      break;
    case 'timedOut':
      next.timedOut++;
      next.timedOutInSl += sl;
      next.timedOutWaitSec += r.waitSec;
      break;
  }
  return next;
}

function sumTallies(a: CallTally, b: CallTally): CallTally {
  return {
    answered: a.answered + b.answered,
    answeredInSl: a.answeredInSl + b.answeredInSl,
    answeredWaitSec: a.answeredWaitSec + b.answeredWaitSec,
    abandoned: a.abandoned + b.abandoned,
    abandonedInSl: a.abandonedInSl + b.abandonedInSl,
    abandonedWaitSec: a.abandonedWaitSec + b.abandonedWaitSec,
    timedOut: a.timedOut + b.timedOut,
    timedOutInSl: a.timedOutInSl + b.timedOutInSl,
    timedOutWaitSec: a.timedOutWaitSec + b.timedOutWaitSec,
    completed: a.completed + b.completed,
    talkSec: a.talkSec + b.talkSec,
  };
}

/** A tally as stored by the host between runs: every field a finite number ≥ 0. */
export function parseTally(value: unknown): CallTally | null {
  if (typeof value !== 'object' || value === null) return null;
  const source = value as Record<string, unknown>;
  const result: Record<string, number> = {};
  for (const key of Object.keys(EMPTY_TALLY)) {
    const field = source[key];
    if (typeof field !== 'number' || !Number.isFinite(field) || field < 0) return null;
    result[key] = field;
  }
  return result as unknown as CallTally;
}

// Sliding windows: per-call records in 10-second chunks, each chunk with its own tally, so a
// window is the sum of the chunks inside it plus a scan of the one chunk its edge cuts.
// Bounded twice: chunks older than the longest window are dropped, and so is the oldest chunk
// while a queue holds more than MAX_WINDOW_RECORDS records (the window is then `truncated`).

export const CHUNK_MS = 10_000;
export const MAX_WINDOW_RECORDS = 100_000;

/** Newest first; appending shares the older records instead of copying them. */
interface RecordList {
  readonly record: CallRecord;
  readonly older: RecordList | null;
}

interface WindowChunk {
  readonly start: number;
  readonly tally: CallTally;
  readonly records: RecordList;
  readonly count: number;
}

export interface CallWindow {
  /** Full chunks, oldest first; appending to `open` leaves this array alone (no copy per call). */
  readonly chunks: readonly WindowChunk[];
  /** The newest chunk, the one records are added to. */
  readonly open: WindowChunk | null;
  readonly records: number;
  /** Records were dropped by the MAX_WINDOW_RECORDS bound before leaving the horizon. */
  readonly truncated: boolean;
}

export const EMPTY_WINDOW: CallWindow = Object.freeze({ chunks: [], open: null, records: 0, truncated: false });

export function appendToWindow(window: CallWindow, record: CallRecord, horizonMs: number): CallWindow {
  let chunks = window.chunks;
  let open = window.open;
  let records = window.records;
  let truncated = window.truncated;
  if (open !== null && record.at < open.start + CHUNK_MS) {
    // Also where a record is older than the open chunk (a clock step back): it stays countable.
    open = { start: open.start, tally: addToTally(open.tally, record), records: { record, older: open.records }, count: open.count + 1 };
  } else {
    if (open !== null) chunks = [...chunks, open];
    const start = record.at - (((record.at % CHUNK_MS) + CHUNK_MS) % CHUNK_MS);
    open = { start, tally: addToTally(EMPTY_TALLY, record), records: { record, older: null }, count: 1 };
  }
  records++;
  // Drop what no window can reach any more, then what the record bound forbids (never the open chunk).
  let drop = 0;
  const oldest = record.at - horizonMs - CHUNK_MS;
  while (drop < chunks.length && chunks[drop]!.start + CHUNK_MS <= oldest) records -= chunks[drop++]!.count;
  while (drop < chunks.length && records > MAX_WINDOW_RECORDS) {
    records -= chunks[drop++]!.count;
    truncated = true;
  }
  return { chunks: drop === 0 ? chunks : chunks.slice(drop), open, records, truncated };
}

function chunkTally(chunk: WindowChunk, from: number, now: number): CallTally {
  if (chunk.start > from && chunk.start + CHUNK_MS <= now + 1) return chunk.tally;
  let tally = EMPTY_TALLY;
  for (let node: RecordList | null = chunk.records; node !== null; node = node.older) {
    if (node.record.at > from && node.record.at <= now) tally = addToTally(tally, node.record);
  }
  return tally;
}

/** The tally of the records with `now - spanMs < at ≤ now`. */
export function windowTally(window: CallWindow, now: number, spanMs: number): CallTally {
  const from = now - spanMs;
  let tally = window.open === null ? EMPTY_TALLY : chunkTally(window.open, from, now);
  for (let i = window.chunks.length - 1; i >= 0; i--) {
    const chunk = window.chunks[i]!;
    if (chunk.start + CHUNK_MS <= from) break;
    tally = sumTallies(tally, chunkTally(chunk, from, now));
  }
  return tally;
}
