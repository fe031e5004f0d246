import type { DeskClient } from '../shared/api/deskClient.js';
import { createQueueStore, hostLost, loadFailed, snapshotReceived, type QueueStore } from './queueStore.js';

export interface QueueSync {
  store: QueueStore;
  /** Load a fresh snapshot now (the retry after a failed load). */
  refresh: () => Promise<void>;
  stop: () => void;
}

/**
 * The host pushes, the UI never polls: on every (re)connect ask for `queue.snapshot`, then follow
 * `queue.metrics` (each a full snapshot). A push that arrives while the snapshot is on its way is
 * at least as new, so the answer must not overwrite it.
 */
export function startQueueSync(client: DeskClient, store: QueueStore = createQueueStore(), clock: () => number = Date.now): QueueSync {
  let pushes = 0;
  let generation = 0;

  const offs = [
    client.on('queue.metrics', (snapshot) => {
      pushes++;
      store.setState((s) => snapshotReceived(s, snapshot, clock()), true);
    }),
  ];

  async function refresh(): Promise<void> {
    const gen = ++generation;
    const mark = pushes;
    const result = await client.call('queue.snapshot', {});
    if (gen !== generation) return;
    if (!result.ok) {
      store.setState((s) => loadFailed(s, result.error.code), true);
      return;
    }
    if (pushes === mark) store.setState((s) => snapshotReceived(s, result.value, clock()), true);
  }

  let wasConnected = false;
  const onConnection = (connection: ReturnType<DeskClient['connection']>): void => {
    const isConnected = connection.status === 'connected';
    if (isConnected && !wasConnected) void refresh();
    if (!isConnected && wasConnected) {
      // A load in flight belongs to the lost connection.
      generation++;
      store.setState(hostLost, true);
    }
    wasConnected = isConnected;
  };
  offs.push(client.onConnection(onConnection));
  onConnection(client.connection());

  return { store, refresh, stop: () => offs.forEach((off) => off()) };
}
