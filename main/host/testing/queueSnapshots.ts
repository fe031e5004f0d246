import type { QueueDelta, QueueSnapshot } from '../../../core/queue.js';
import { applyQueueDelta } from '../../../core/queueDelta.js';
import type { Host } from '../host.js';

/**
 * Follows the host's queue figures as the UI does: a `queue.snapshot`, then every `queue.delta`
 * applied to it (a delta that does not fit fails the test: the host must never send one).
 * `onSnapshot` sees the snapshot and each one after it. Returns the unsubscribe.
 */
export function followQueue(host: Host, onSnapshot: (s: QueueSnapshot) => void, onError: (e: Error) => void = (e) => { throw e; }): () => void {
  let held: QueueSnapshot | null = null;
  const early: QueueDelta[] = [];
  const apply = (delta: QueueDelta) => {
    if (held === null || delta.version <= held.version) return;
    const next = applyQueueDelta(held, delta);
    if (next === null) return onError(new Error(`delta ${delta.baseVersion}→${delta.version} does not fit version ${held.version}`));
    held = next;
    onSnapshot(next);
  };
  const off = host.onEvent((name, payload) => {
    if (name !== 'queue.delta') return;
    if (held === null) early.push(payload as QueueDelta);
    else apply(payload as QueueDelta);
  });
  void host.invoke('queue.snapshot', {}).then((answer) => {
    if (!answer.ok) return onError(new Error(`queue.snapshot failed: ${answer.error.code}`));
    held = answer.value as QueueSnapshot;
    onSnapshot(held);
    for (const delta of early.splice(0)) apply(delta);
  });
  return off;
}

/** Resolves with the first snapshot of the host's queue figures (now, or after a change) that satisfies `test`. */
export function nextSnapshot(host: Host, test: (s: QueueSnapshot) => boolean, timeoutMs = 8000): Promise<QueueSnapshot> {
  return new Promise((resolve, reject) => {
    let off = () => {};
    const timer = setTimeout(() => {
      off();
      reject(new Error('no such snapshot'));
    }, timeoutMs);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      off();
      settle();
    };
    off = followQueue(
      host,
      (s) => {
        if (test(s)) finish(() => resolve(s));
      },
      (e) => finish(() => reject(e)),
    );
  });
}
