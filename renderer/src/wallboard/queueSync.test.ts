import { describe, expect, it } from 'vitest';
import type { Result } from '../../../core/contract.js';
import { startQueueSync } from './queueSync.js';
import { deferred, fakeHost, tick } from './testing/fakeClient.js';
import { T0, aQueueSnapshot, anAgent } from './testing/queueFixtures.js';

describe('startQueueSync', () => {
  it('asks for a snapshot on connect, then follows queue.metrics pushes without polling', async () => {
    const host = fakeHost({ status: 'connecting' });
    host.answer('queue.snapshot', () => ({ ok: true, value: aQueueSnapshot() }));
    const { store } = startQueueSync(host.client, undefined, () => T0);
    expect(host.calls).toHaveLength(0);
    expect(store.getState().status).toBe('loading');

    host.setConnection({ status: 'connected' });
    await tick();
    expect(host.calls.map((c) => c.method)).toEqual(['queue.snapshot']);
    expect(store.getState()).toMatchObject({ status: 'live', receivedAt: T0 });

    host.push('queue.metrics', aQueueSnapshot({ at: T0 + 1000, agents: [anAgent({ state: 'on-call' })] }));
    expect(store.getState().snapshot?.agents[0]?.state).toBe('on-call');
    expect(host.calls).toHaveLength(1);
  });

  it('does not let the snapshot overwrite a push that arrived while it was on its way', async () => {
    const host = fakeHost();
    const answer = deferred<Result<unknown>>();
    host.answer('queue.snapshot', () => answer.promise);
    const { store } = startQueueSync(host.client);
    const pushed = aQueueSnapshot({ at: T0 + 500, agents: [anAgent({ state: 'ringing' })] });
    host.push('queue.metrics', pushed);
    answer.resolve({ ok: true, value: aQueueSnapshot({ at: T0 + 600 }) });
    await tick();
    expect(store.getState().snapshot?.agents[0]?.state).toBe('ringing');
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
    host.answer('queue.snapshot', () => ({ ok: true, value: aQueueSnapshot() }));
    const sync = startQueueSync(host.client);
    await tick();
    const before = sync.store.getState();
    host.push('queue.metrics', { at: 'now' });
    expect(sync.store.getState()).toBe(before);
    expect(host.warn).toHaveBeenCalled();

    sync.stop();
    host.push('queue.metrics', aQueueSnapshot({ at: T0 + 9000 }));
    expect(sync.store.getState()).toBe(before);
  });
});
