import type { DeskClient } from '../shared/api/deskClient.js';
import { createQueueStore, deltaReceived, hostLost, loadFailed, snapshotReceived, type QueueStore } from './queueStore.js';

export interface QueueSync {
  store: QueueStore;
  /** Load a fresh snapshot now (the retry after a failed load). */
  refresh: () => Promise<void>;
  stop: () => void;
}

/**
 * The host pushes, the UI never polls: on every (re)connect ask for `queue.snapshot`, then apply
 * each `queue.delta` to it. A delta that does not build on the snapshot held (one was missed, or
 * the host restarted) asks for a fresh snapshot: one load at a time, the deltas in between are
 * dropped (the snapshot covers them).
 */
export function startQueueSync(client: DeskClient, store: QueueStore = createQueueStore(), clock: () => number = Date.now): QueueSync {
  let generation = 0;
  /** The generation of the load on its way, null when none is. */
  let loading: number | null = null;

  const offs = [
    client.on('queue.delta', (delta) => {
      const next = deltaReceived(store.getState(), delta, clock());
      if (next === 'gap') {
        if (loading === null) void refresh();
      } else if (next !== store.getState()) store.setState(next, true);
    }),
  ];

  async function refresh(): Promise<void> {
    const gen = ++generation;
    loading = gen;
    const result = await client.call('queue.snapshot', {});
    if (loading === gen) loading = null;
    if (gen !== generation) return;
    if (!result.ok) {
      store.setState((s) => loadFailed(s, result.error.code), true);
      return;
    }
    store.setState((s) => snapshotReceived(s, result.value, clock()), true);
  }

  let wasConnected = false;
  const onConnection = (connection: ReturnType<DeskClient['connection']>): void => {
    const isConnected = connection.status === 'connected';
    if (isConnected && !wasConnected) void refresh();
    if (!isConnected && wasConnected) {
      // A load in flight belongs to the lost connection.
      generation++;
      loading = null;
      store.setState(hostLost, true);
    }
    wasConnected = isConnected;
  };
  offs.push(client.onConnection(onConnection));
  onConnection(client.connection());

  return { store, refresh, stop: () => offs.forEach((off) => off()) };
}
