import { describe, expect, it } from 'vitest';
import type { Result } from '../../../core/contract.js';
import type { QueueSnapshot } from '../../../core/queue.js';
import { diffQueueSnapshots } from '../../../core/queueDelta.js';
import { startQueueSync } from './queueSync.js';
import { deferred, fakeHost, tick } from './testing/fakeClient.js';
import { T0, aQueueSnapshot, anAgent } from './testing/queueFixtures.js';

const v1 = aQueueSnapshot();
const v2 = aQueueSnapshot({ version: 2, at: T0 + 250, agents: [anAgent({ state: 'ringing' })] });
const v3 = aQueueSnapshot({ version: 3, at: T0 + 500, agents: [anAgent({ state: 'on-call' })] });
const stateOf = (s: QueueSnapshot | null) => s?.agents[0]?.state;

describe('startQueueSync', () => {
  it('asks for a snapshot on connect, then follows queue.delta pushes without polling', async () => {
    const host = fakeHost({ status: 'connecting' });
    host.answer('queue.snapshot', () => ({ ok: true, value: v1 }));
    const { store } = startQueueSync(host.client, undefined, () => T0);
    expect(host.calls).toHaveLength(0);
    expect(store.getState().status).toBe('loading');

    host.setConnection({ status: 'connected' });
    await tick();
    expect(host.calls.map((c) => c.method)).toEqual(['queue.snapshot']);
    expect(store.getState()).toMatchObject({ status: 'live', receivedAt: T0 });

    host.push('queue.delta', diffQueueSnapshots(v1, v2));
    host.push('queue.delta', diffQueueSnapshots(v2, v3));
    expect(store.getState().snapshot).toEqual(v3);
    expect(host.calls).toHaveLength(1);
  });

  it('does not let a late snapshot roll back what the deltas brought while it was on its way', async () => {
    const host = fakeHost();
    host.answer('queue.snapshot', () => ({ ok: true, value: v1 }));
    const sync = startQueueSync(host.client);
    await tick();
    const answer = deferred<Result<unknown>>();
    host.answer('queue.snapshot', () => answer.promise);
    const loading = sync.refresh();
    host.push('queue.delta', diffQueueSnapshots(v1, v3));
    answer.resolve({ ok: true, value: v2 });
    await loading;
    expect(stateOf(sync.store.getState().snapshot)).toBe('on-call');
  });

  it('after a missed delta shows nothing made up: it loads a fresh snapshot once and follows from there', async () => {
    const host = fakeHost();
    host.answer('queue.snapshot', () => ({ ok: true, value: v1 }));
    const { store } = startQueueSync(host.client);
    await tick();
    const held = store.getState().snapshot;
    const answer = deferred<Result<unknown>>();
    host.answer('queue.snapshot', () => answer.promise);
    // v1 → v2 never arrived.
    host.push('queue.delta', diffQueueSnapshots(v2, v3));
    host.push('queue.delta', diffQueueSnapshots(v3, aQueueSnapshot({ version: 4 })));
    expect(store.getState().snapshot).toBe(held);
    expect(host.calls.filter((c) => c.method === 'queue.snapshot')).toHaveLength(2);

    answer.resolve({ ok: true, value: v3 });
    await tick();
    expect(store.getState().snapshot).toEqual(v3);
    const v4 = aQueueSnapshot({ version: 4, agents: [anAgent({ state: 'wrap-up' })] });
    host.push('queue.delta', diffQueueSnapshots(v3, v4));
    expect(stateOf(store.getState().snapshot)).toBe('wrap-up');
  });

  it('takes a restarted host’s figures whatever their version', async () => {
    const host = fakeHost();
    host.answer('queue.snapshot', () => ({ ok: true, value: v3 }));
    const { store } = startQueueSync(host.client);
    await tick();
    const restarted = aQueueSnapshot({ stream: 'host-run-2', version: 1, agents: [anAgent({ state: 'paused', pauseReason: 'yemek' })] });
    host.answer('queue.snapshot', () => ({ ok: true, value: restarted }));
    host.push('queue.delta', diffQueueSnapshots(aQueueSnapshot({ stream: 'host-run-2', version: 1 }), aQueueSnapshot({ stream: 'host-run-2', version: 2 })));
    await tick();
    expect(store.getState().snapshot).toEqual(restarted);
  });

  it('marks the figures stale when the host is lost and reloads on reconnect', async () => {
    const host = fakeHost();
    host.answer('queue.snapshot', () => ({ ok: true, value: aQueueSnapshot() }));
    const { store } = startQueueSync(host.client);
    await tick();
    host.setConnection({ status: 'disconnected', retryAt: 5 });
    expect(store.getState().status).toBe('stale');
    expect(store.getState().snapshot).not.toBeNull();

    host.setConnection({ status: 'connected' });
    await tick();
    expect(host.calls.filter((c) => c.method === 'queue.snapshot')).toHaveLength(2);
    expect(store.getState().status).toBe('live');
  });

  it('ignores an answer that comes back after the connection dropped', async () => {
    const host = fakeHost();
    const answer = deferred<Result<unknown>>();
    host.answer('queue.snapshot', () => answer.promise);
    const { store } = startQueueSync(host.client);
    host.setConnection({ status: 'disconnected', retryAt: 5 });
    answer.resolve({ ok: true, value: aQueueSnapshot() });
    await tick();
    expect(store.getState().snapshot).toBeNull();
  });

  it('records a failed load, and a manual refresh recovers', async () => {
    const host = fakeHost();
    host.answer('queue.snapshot', () => ({ ok: false, error: { code: 'forbidden', message: 'role' } }));
    const sync = startQueueSync(host.client);
    await tick();
    expect(sync.store.getState()).toMatchObject({ status: 'failed', loadError: 'forbidden' });

    host.answer('queue.snapshot', () => ({ ok: true, value: aQueueSnapshot() }));
    await sync.refresh();
    expect(sync.store.getState()).toMatchObject({ status: 'live', loadError: null });
  });

  it('drops a push that does not match the contract, and stops listening when stopped', async () => {
    const host = fakeHost();
    host.answer('queue.snapshot', () => ({ ok: true, value: v1 }));
    const sync = startQueueSync(host.client);
    await tick();
    const before = sync.store.getState();
    host.push('queue.delta', { version: 'next' });
    expect(sync.store.getState()).toBe(before);
    expect(host.warn).toHaveBeenCalled();

    sync.stop();
    host.push('queue.delta', diffQueueSnapshots(v1, v2));
    expect(sync.store.getState()).toBe(before);
  });
});
