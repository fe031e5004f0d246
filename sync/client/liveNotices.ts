import { compareCursors, type LiveNotice } from '../protocol.js';
import type { SyncStore } from './engineDeps.js';

/** Past this many unapplied notices the desk stops keeping them and pulls instead. */
const MAX_WAITING = 256;

/**
 * The live channel's notices, waiting for the next cycle: they are applied only there, between
 * pushes and pulls, never beside a pull in flight (which would apply the same entries twice, or
 * move the cursor back).
 */
export interface LiveNotices {
  /** A notice arrived; null: one that only says something changed (a pull is needed). */
  add(notice: LiveNotice | null): void;
  /** How far the notices go now: a pull that starts after this call covers all of them. */
  mark(): number;
  /**
   * Applies, in order, the waiting notices that fit the store's cursor, first dropping those a
   * pull covered (up to `covered`, a mark taken before it started). True when none is left; false
   * when one needs a pull (kept, with those after it, until a pull covers it).
   */
  apply(store: Pick<SyncStore, 'cursor' | 'applyPulled'>, covered?: number): boolean;
  clear(): void;
}

/**
 * Why a notice may be applied instead of pulled: it holds every entry from `from` to `to` the
 * account may see (the server filtered them as pull does). A desk whose cursor c lies in
 * [from, to) has every entry up to c already, so the notice's entries after c, then cursor `to`,
 * leave it exactly where a pull from c up to `to` would: nothing skipped, nothing twice. A desk at
 * or past `to` has them all. Only a desk before `from` (it missed a notice, or reconnected) pulls.
 * A pull that started after a notice arrived covers it: the server's log only grows and the pull
 * reads to its end (server/sync/pull.ts), so such notices are dropped unread.
 */
export function createLiveNotices(): LiveNotices {
  let waiting: Array<{ n: number; notice: LiveNotice | null }> = [];
  let count = 0;

  return {
    add(notice) {
      count += 1;
      if (waiting.length >= MAX_WAITING) waiting = [{ n: count, notice: null }];
      else waiting.push({ n: count, notice });
    },
    mark: () => count,
    apply(store, covered = 0) {
      waiting = waiting.filter((w) => w.n > covered);
      while (waiting.length > 0) {
        const { notice } = waiting[0]!;
        if (notice === null) return false;
        const cursor = store.cursor();
        if (compareCursors(cursor, notice.to) < 0) {
          if (notice.changes === undefined || compareCursors(notice.from, cursor) > 0) return false;
          store.applyPulled(
            notice.changes.filter((change) => compareCursors(change.cursor, cursor) > 0),
            notice.to,
          );
        }
        waiting.shift();
      }
      return true;
    },
    clear() {
      waiting = [];
    },
  };
}
