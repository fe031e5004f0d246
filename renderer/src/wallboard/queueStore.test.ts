import { describe, expect, it } from 'vitest';
import {
  createQueueStore,
  hostLost,
  initialQueueState,
  loadFailed,
  selectAgentRow,
  selectAgents,
  selectHistory,
  selectSettings,
  selectTile,
  selectTiles,
  snapshotReceived,
} from './queueStore.js';
import { T0, aQueueSnapshot, aTile, anAgent } from './testing/queueFixtures.js';

describe('queue store reducers', () => {
  it('take a snapshot whole and go live', () => {
    const snap = aQueueSnapshot();
    const s = snapshotReceived(initialQueueState, snap, T0 + 5);
    expect(s).toEqual({ snapshot: snap, status: 'live', loadError: null, receivedAt: T0 + 5 });
  });

  it('do not roll back to an older snapshot while live', () => {
    const newer = snapshotReceived(initialQueueState, aQueueSnapshot({ at: T0 + 1000 }), T0);
    expect(snapshotReceived(newer, aQueueSnapshot({ at: T0 }), T0 + 1)).toBe(newer);
  });

  it('take whatever the host sends after it was lost (state is rebuilt from the host)', () => {
    const live = snapshotReceived(initialQueueState, aQueueSnapshot({ at: T0 + 1000 }), T0);
    const stale = hostLost(live);
    expect(stale.status).toBe('stale');
    expect(stale.snapshot).toBe(live.snapshot);
    const rebuilt = aQueueSnapshot({ at: T0 });
    expect(snapshotReceived(stale, rebuilt, T0 + 2).snapshot).toBe(rebuilt);
  });

  it('keep the last figures but mark them stale when a load fails, and fail outright with none', () => {
    expect(loadFailed(initialQueueState, 'internal')).toEqual({ ...initialQueueState, status: 'failed', loadError: 'internal' });
    const live = snapshotReceived(initialQueueState, aQueueSnapshot(), T0);
    expect(loadFailed(live, 'unavailable')).toMatchObject({ status: 'stale', loadError: 'unavailable', snapshot: live.snapshot });
  });

  it('go back to loading when the host is lost before any snapshot', () => {
    expect(hostLost(initialQueueState)).toBe(initialQueueState);
    expect(hostLost(loadFailed(initialQueueState, 'internal'))).toEqual(initialQueueState);
  });
});

describe('queue store selectors', () => {
  const snap = aQueueSnapshot({
    queues: [aTile({ queue: 'alo153' }), aTile({ queue: 'zabita' })],
    agents: [anAgent({ interface: 'PJSIP/1001' }), anAgent({ interface: 'PJSIP/1002', name: 'Ömer' })],
    history: [{ at: T0, queue: 'alo153', waiting: 1, longestWaitSec: 3 }],
  });
  const store = createQueueStore();
  store.setState((s) => snapshotReceived(s, snap, T0), true);
  const state = store.getState();

  it('read the snapshot’s parts by reference, so a React selector stays stable', () => {
    expect(selectTiles(state)).toBe(snap.queues);
    expect(selectAgents(state)).toBe(snap.agents);
    expect(selectHistory(state)).toBe(snap.history);
    expect(selectSettings(state)).toBe(snap.settings);
  });

  it('return the same empty arrays before the first snapshot', () => {
    expect(selectTiles(initialQueueState)).toBe(selectTiles(initialQueueState));
    expect(selectAgents(initialQueueState)).toEqual([]);
    expect(selectSettings(initialQueueState)).toBeNull();
  });

  it('find one queue and one agent', () => {
    expect(selectTile('zabita')(state)?.queue).toBe('zabita');
    expect(selectTile('cimer')(state)).toBeNull();
    expect(selectAgentRow('PJSIP/1002')(state)?.name).toBe('Ömer');
    expect(selectAgentRow(null)(state)).toBeNull();
  });
});
