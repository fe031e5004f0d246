import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../../core/contract.js';
import { createDeskClient } from '../api/deskClient.js';
import { createFakeTransport, deferred } from '../testing/fakeTransport.js';
import { aSyncStatus } from '../testing/fixtures.js';
import {
  createSyncStore,
  initialSyncViewState,
  loginClosed,
  loginOpened,
  selectAccount,
  selectSignedIn,
  selectSyncDisplayState,
  startSyncSession,
  syncActionFinished,
  syncActionStarted,
  syncHostLost,
  syncStatusChanged,
} from './syncStore.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(connection: 'connected' | 'connecting' = 'connected') {
  const fake = createFakeTransport({ status: connection });
  const client = createDeskClient(fake.transport, { warn: vi.fn() });
  const store = createSyncStore();
  return { fake, client, store };
}

describe('syncStore reducer', () => {
  it('is unknown until told, then follows the status', () => {
    expect(selectSyncDisplayState(initialSyncViewState)).toBe('unknown');
    const s = syncStatusChanged(initialSyncViewState, aSyncStatus({ state: 'offline' }));
    expect(selectSyncDisplayState(s)).toBe('offline');
    expect(selectAccount(s)?.displayName).toBe('Ayşe Lider');
    expect(selectSignedIn(s)).toBe(true);
    expect(selectSignedIn(syncStatusChanged(s, aSyncStatus({ state: 'signed-out', account: null })))).toBe(false);
  });

  it('forgets the status when the host is lost', () => {
    const s = syncActionStarted(syncStatusChanged(initialSyncViewState, aSyncStatus()), 'retry');
    expect(syncHostLost(s)).toMatchObject({ status: null, pendingAction: null });
    expect(syncHostLost(initialSyncViewState)).toBe(initialSyncViewState);
  });

  it('tracks a retry or logout in flight and its failure', () => {
    let s = syncActionStarted(syncActionFinished(initialSyncViewState, 'internal'), 'logout');
    expect(s).toMatchObject({ pendingAction: 'logout', actionError: null });
    s = syncActionFinished(s, 'unavailable');
    expect(s).toMatchObject({ pendingAction: null, actionError: 'unavailable' });
  });

  it('closes the login dialog once someone is signed in', () => {
    let s = loginOpened(initialSyncViewState);
    expect(loginOpened(s)).toBe(s);
    s = syncStatusChanged(s, aSyncStatus({ state: 'signed-out', account: null }));
    expect(s.loginOpen).toBe(true);
    s = syncStatusChanged(s, aSyncStatus());
    expect(s.loginOpen).toBe(false);
    expect(loginClosed(s)).toBe(s);
  });
});

describe('startSyncSession', () => {
  it('asks for the status on every connect and follows events in between', async () => {
    const { fake, client, store } = setup('connecting');
    fake.answer('sync.status', () => ({ ok: true, value: aSyncStatus({ state: 'connecting' }) }));
    startSyncSession(client, store);
    expect(fake.calls).toHaveLength(0);

    fake.setConnection({ status: 'connected' });
    await tick();
    expect(selectSyncDisplayState(store.getState())).toBe('connecting');

    fake.push('sync.status', aSyncStatus({ state: 'online', pending: 3 }));
    expect(store.getState().status?.pending).toBe(3);

    fake.setConnection({ status: 'disconnected', retryAt: 5 });
    expect(store.getState().status).toBeNull();
    fake.setConnection({ status: 'connected' });
    await tick();
    expect(fake.calls.filter((c) => c.method === 'sync.status')).toHaveLength(2);
  });

  it('does not let an answer overwrite an event that arrived while it was on its way', async () => {
    const { fake, client, store } = setup();
    const answer = deferred<Result<unknown>>();
    fake.answer('sync.status', () => answer.promise);
    startSyncSession(client, store);
    fake.push('sync.status', aSyncStatus({ state: 'offline', pending: 4 }));
    answer.resolve({ ok: true, value: aSyncStatus({ state: 'connecting' }) });
    await tick();
    expect(store.getState().status).toMatchObject({ state: 'offline', pending: 4 });
  });

  it('retries and records a host failure', async () => {
    const { fake, client, store } = setup();
    fake.answer('sync.status', () => ({ ok: true, value: aSyncStatus({ state: 'offline' }) }));
    fake.answer('sync.retry', () => ({ ok: true, value: aSyncStatus({ state: 'online' }) }));
    const session = startSyncSession(client, store);
    await tick();
    const retry = session.retry();
    expect(store.getState().pendingAction).toBe('retry');
    await retry;
    expect(store.getState()).toMatchObject({ pendingAction: null, actionError: null, status: { state: 'online' } });

    fake.answer('session.logout', () => ({ ok: false, error: { code: 'internal', message: 'x' } }));
    await session.logout();
    expect(store.getState()).toMatchObject({ pendingAction: null, actionError: 'internal', status: { state: 'online' } });
  });

  it('hands the credentials to the host only and applies the accepted login', async () => {
    const { fake, client, store } = setup();
    fake.answer('sync.status', () => ({ ok: true, value: aSyncStatus({ state: 'signed-out', account: null }) }));
    const session = startSyncSession(client, store);
    await tick();
    store.setState(loginOpened, true);

    fake.answer('session.login', () => ({ ok: false, error: { code: 'unauthorized', message: 'bad' } }));
    const failed = await session.login('ayse', 'yanlis');
    expect(failed.ok).toBe(false);
    expect(store.getState()).toMatchObject({ loginOpen: true, status: { state: 'signed-out' } });

    fake.answer('session.login', () => ({ ok: true, value: aSyncStatus({ state: 'connecting' }) }));
    const ok = await session.login('ayse', 'dogru');
    expect(ok.ok).toBe(true);
    expect(store.getState()).toMatchObject({ loginOpen: false, status: { state: 'connecting' } });
    expect(fake.calls.filter((c) => c.method === 'session.login').map((c) => c.params)).toEqual([
      { username: 'ayse', password: 'yanlis' },
      { username: 'ayse', password: 'dogru' },
    ]);
    // Nothing in the store remembers it.
    expect(JSON.stringify(store.getState())).not.toContain('dogru');
  });
});
