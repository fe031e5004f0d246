import { describe, expect, it } from 'vitest';
import { diffQueueSnapshots } from '../../../core/queueDelta.js';
import {
  createQueueStore,
  deltaReceived,
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
    const newer = snapshotReceived(initialQueueState, aQueueSnapshot({ version: 5, at: T0 + 1000 }), T0);
    expect(snapshotReceived(newer, aQueueSnapshot({ version: 4, at: T0 }), T0 + 1)).toBe(newer);
    // A restarted host numbers from 1 again: its snapshot wins.
    const restarted = aQueueSnapshot({ stream: 'host-run-2', version: 1 });
    expect(snapshotReceived(newer, restarted, T0 + 2).snapshot).toBe(restarted);
  });

  it('take whatever the host sends after it was lost (state is rebuilt from the host)', () => {
    const live = snapshotReceived(initialQueueState, aQueueSnapshot({ version: 5, at: T0 + 1000 }), T0);
    const stale = hostLost(live);
    expect(stale.status).toBe('stale');
    expect(stale.snapshot).toBe(live.snapshot);
    const rebuilt = aQueueSnapshot({ version: 3, at: T0 });
    expect(snapshotReceived(stale, rebuilt, T0 + 2).snapshot).toBe(rebuilt);
  });

  it('apply a delta that builds on the snapshot held, skip an old one, and call a missed one a gap', () => {
    const v1 = aQueueSnapshot();
    const v2 = aQueueSnapshot({ version: 2, agents: [anAgent({ state: 'on-call' })] });
    const v3 = aQueueSnapshot({ version: 3, agents: [anAgent({ state: 'wrap-up' })] });
    const held = snapshotReceived(initialQueueState, v1, T0);
    const next = deltaReceived(held, diffQueueSnapshots(v1, v2), T0 + 250);
    expect(next).toEqual({ snapshot: v2, status: 'live', loadError: null, receivedAt: T0 + 250 });
    expect(deltaReceived(next as typeof held, diffQueueSnapshots(v1, v2), T0 + 300)).toBe(next);
    expect(deltaReceived(held, diffQueueSnapshots(v2, v3), T0 + 500)).toBe('gap');
    // Stale figures come back to life with a delta that fits them: the host kept the same run.
    expect(deltaReceived(hostLost(held), diffQueueSnapshots(v1, v2), T0 + 600)).toMatchObject({ status: 'live' });
    expect(deltaReceived(initialQueueState, diffQueueSnapshots(v1, v2), T0)).toBe(initialQueueState);
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
