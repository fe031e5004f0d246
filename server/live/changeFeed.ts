import { randomBytes } from 'node:crypto';
import type { SqlClient, SqlRunner } from '../db/sqlClient.js';
import { CHANGES_CHANNEL } from '../sync/changeLog.js';
import { changeLogHead, changesHeldBack, readChangeLog, rowCursor, type LogRow } from '../sync/pull.js';

/** Longest wait before reading again while entries are held back by an older transaction. */
const MAX_HELD_BACK_MS = 400;

/** What one read of the log found: the entries between two cursors, for every account alike. */
export interface LogBatch {
  from: string;
  to: string;
  rows: LogRow[];
}

export interface ChangeFeedOptions {
  /** Where it listens. */
  db: SqlClient;
  /** Where it reads and notifies: a session of its own (SqlClient.session), so reads do not queue behind requests. */
  reader: SqlRunner;
  /** Runs for each batch, one at a time; the next read waits for it. */
  onBatch(batch: LogBatch): Promise<void>;
  /**
   * Least time between two reads, so a subscriber gets at most one notice per this; 250 ms. The
   * first change after a quiet spell is read at once: only a steady flow waits, in batches.
   */
  coalesceMs?: number;
  /** Entries per read; a longer backlog is read in several batches. 200. */
  readLimit?: number;
  /** A read this often even without a notice (one lost while LISTEN reconnected); 2 s. */
  pollMs?: number;
}

export interface ChangeFeed {
  /** Listens and reads from the log's head on: entries final before this are not announced. */
  start(): Promise<void>;
  /** A transaction that logged entries committed through this instance. */
  committed(): void;
  stop(): Promise<void>;
}

/**
 * One instance's reader of the change log, shared by all its live subscribers: however many
 * desks listen, each batch of new entries is read once (never once per subscriber), at most one
 * read per `coalesceMs`. Woken by commits through this instance, by other instances' NOTIFY on
 * CHANGES_CHANNEL, and by a slow poll. It also sends that NOTIFY for this instance's own commits,
 * after commit and coalesced: at most one in flight, however many commits (changeLog.ts
 * announceCommits says why not inside the transaction).
 * Entries committed while an older transaction still ran are held back (pull.ts); the feed
 * then reads again after a short wait, doubling up to 400 ms while nothing moves, until they are
 * out: the transaction holding them may be one that logs nothing and so announces nothing.
 */
export function createChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const { db, reader } = options;
  const coalesceMs = options.coalesceMs ?? 250;
  const readLimit = options.readLimit ?? 200;
  const pollMs = options.pollMs ?? 2000;
  const instanceId = randomBytes(8).toString('hex');

  let cursor = '';
  let started: Promise<void> | null = null;
  /** The start position is known: reads may run. */
  let ready = false;
  let unlisten: (() => Promise<void>) | null = null;
  let stopped = false;
  let reading: Promise<void> | null = null;
  let wanted = false;
  let lastReadAt = Number.NEGATIVE_INFINITY;
  let readTimer: ReturnType<typeof setTimeout> | null = null;
  let heldBackMs = 0;
  let heldTimer: ReturnType<typeof setTimeout> | null = null;
  let poll: ReturnType<typeof setInterval> | null = null;

  let notifying = false;
  let notifyAgain = false;

  function wake(): void {
    wanted = true;
    schedule();
  }

  function schedule(): void {
    if (stopped || !ready || reading || readTimer !== null || !wanted) return;
    const wait = Math.max(0, lastReadAt + coalesceMs - performance.now());
    readTimer = setTimeout(() => {
      readTimer = null;
      reading = read().finally(() => {
        reading = null;
        schedule();
      });
    }, wait);
  }

  async function read(): Promise<void> {
    wanted = false;
    lastReadAt = performance.now();
    try {
      const page = await readChangeLog(reader, cursor, readLimit);
      const last = page.rows.at(-1);
      if (last) {
        const from = cursor;
        cursor = rowCursor(last);
        await options.onBatch({ from, to: cursor, rows: page.rows });
      }
      if (page.more) wanted = true;
      else if (await changesHeldBack(reader, cursor)) retryHeldBack(last !== undefined);
      else heldBackMs = 0;
    } catch {
      // The database did not answer: the poll tries again, and desks still pull on their own.
    }
  }

  /** Waits longer only while nothing moves: then one long transaction is holding the log back. */
  function retryHeldBack(moved: boolean): void {
    heldBackMs = moved || heldBackMs === 0 ? 25 : Math.min(MAX_HELD_BACK_MS, heldBackMs * 2);
    if (heldTimer !== null) return;
    heldTimer = setTimeout(() => {
      heldTimer = null;
      wake();
    }, heldBackMs);
  }

  async function notifyOthers(): Promise<void> {
    if (notifying) {
      notifyAgain = true;
      return;
    }
    notifying = true;
    try {
      do {
        notifyAgain = false;
        await reader.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, instanceId]).catch(() => undefined);
      } while (notifyAgain && !stopped);
    } finally {
      notifying = false;
    }
  }

  return {
    start() {
      started ??= (async () => {
        if (!db.listen) throw new Error('this database engine cannot LISTEN');
        // Listening before the head is read: a commit in between is read, not missed.
        unlisten = await db.listen(CHANGES_CHANNEL, (payload) => {
          if (payload !== instanceId) wake();
        });
        try {
          cursor = await changeLogHead(reader);
        } catch (error) {
          await unlisten();
          unlisten = null;
          throw error;
        }
        ready = true;
        poll = setInterval(wake, pollMs);
        poll.unref();
        schedule();
      })();
      started.catch(() => {
        started = null;
      });
      return started;
    },
    committed() {
      wake();
      void notifyOthers();
    },
    async stop() {
      stopped = true;
      if (readTimer !== null) clearTimeout(readTimer);
      if (heldTimer !== null) clearTimeout(heldTimer);
      if (poll !== null) clearInterval(poll);
      readTimer = heldTimer = poll = null;
      await started?.catch(() => undefined);
      await reading;
      await unlisten?.();
      unlisten = null;
    },
  };
}
