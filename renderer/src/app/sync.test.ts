import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../core/contract.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import { createFakeTransport, deferred } from '../shared/testing/fakeTransport.js';
import { aCase, aScreenPop, aSnapshot } from '../shared/testing/fixtures.js';
import { createCallStore } from '../callDesk/callStore.js';
import { createCasesStore } from '../cases/casesStore.js';
import { createHostStore } from '../shared/state/hostStore.js';
import { createLinkStore } from '../shared/state/linkStore.js';
import { startSync } from './sync.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(connection: 'connected' | 'connecting' = 'connected') {
  const fake = createFakeTransport({ status: connection });
  const client = createDeskClient(fake.transport, { warn: vi.fn() });
  const stores = { host: createHostStore(), link: createLinkStore(), call: createCallStore(), cases: createCasesStore() };
  return { fake, client, stores };
}

describe('startSync', () => {
  it('loads the snapshot and the case list on connect, then follows events without polling', async () => {
    const { fake, client, stores } = setup('connecting');
    fake.answer('desk.snapshot', () => ({ ok: true, value: aSnapshot({ screenPop: aScreenPop() }) }));
    fake.answer('cases.list', () => ({ ok: true, value: [aCase({ id: 1 })] }));
    startSync(client, stores);
    expect(fake.calls).toHaveLength(0);

    fake.setConnection({ status: 'connected' });
    await tick();
    expect(fake.calls.map((c) => c.method).sort()).toEqual(['cases.list', 'desk.snapshot']);
    expect(stores.link.getState().link).toEqual({ status: 'connected', since: 1_700_000_000_000 });
    expect(stores.call.getState().screenPop).toEqual(aScreenPop());
    expect(stores.host.getState().agent?.agentInterface).toBe('PJSIP/1001');

    fake.push('pbx.link', { status: 'auth-failed' });
    fake.push('call.screenPop', null);
    fake.push('cases.saved', aCase({ id: 2, createdAt: '2025-11-26T00:00:00Z' }));
    expect(stores.link.getState().link).toEqual({ status: 'auth-failed' });
    expect(stores.call.getState().screenPop).toBeNull();
    expect(stores.cases.getState().cases.map((c) => c.id)).toEqual([2, 1]);
    expect(fake.calls).toHaveLength(2);
  });

  it('does not let a snapshot overwrite events that arrived while it was on its way', async () => {
    const { fake, client, stores } = setup();
    const snapshot = deferred<Result<unknown>>();
    const list = deferred<Result<unknown>>();
    fake.answer('desk.snapshot', () => snapshot.promise);
    fake.answer('cases.list', () => list.promise);
    startSync(client, stores);

    const newerPop = aScreenPop({ linkedid: '2.2', phase: 'connected', answeredAt: 1 });
    fake.push('call.screenPop', newerPop);
    fake.push('cases.saved', aCase({ id: 8, createdAt: '2025-11-26T00:00:00Z' }));
    snapshot.resolve({ ok: true, value: aSnapshot({ screenPop: aScreenPop({ linkedid: '1.1' }) }) });
    list.resolve({ ok: true, value: [aCase({ id: 7 })] });
    await tick();

    expect(stores.call.getState().screenPop).toEqual(newerPop);
    expect(stores.link.getState().link?.status).toBe('connected');
    expect(stores.cases.getState().cases.map((c) => c.id)).toEqual([8, 7]);
  });

  it('forgets the PBX state when the host is lost and reloads on reconnect', async () => {
    const { fake, client, stores } = setup();
    fake.answer('desk.snapshot', () => ({ ok: true, value: aSnapshot() }));
    fake.answer('cases.list', () => ({ ok: true, value: [] }));
    startSync(client, stores);
    await tick();
    expect(stores.link.getState().link?.status).toBe('connected');

    fake.setConnection({ status: 'disconnected', retryAt: 5 });
    expect(stores.link.getState().link).toBeNull();
    expect(stores.host.getState().connection).toEqual({ status: 'disconnected', retryAt: 5 });

    fake.setConnection({ status: 'connected' });
    await tick();
    expect(fake.calls.filter((c) => c.method === 'desk.snapshot')).toHaveLength(2);
    expect(stores.link.getState().link?.status).toBe('connected');
  });

  it('ignores a load that finishes after the connection dropped', async () => {
    const { fake, client, stores } = setup();
    const snapshot = deferred<Result<unknown>>();
    fake.answer('desk.snapshot', () => snapshot.promise);
    fake.answer('cases.list', () => ({ ok: true, value: [] }));
    startSync(client, stores);
    fake.setConnection({ status: 'disconnected', retryAt: 5 });
    snapshot.resolve({ ok: true, value: aSnapshot() });
    await tick();
    expect(stores.link.getState().link).toBeNull();
    expect(stores.cases.getState().loaded).toBe(false);
  });

  it('records a failed load so the operator can retry it', async () => {
    const { fake, client, stores } = setup();
    fake.answer('desk.snapshot', () => ({ ok: false, error: { code: 'internal', message: 'db' } }));
    fake.answer('cases.list', () => ({ ok: true, value: [] }));
    const sync = startSync(client, stores);
    await tick();
    expect(stores.host.getState().loadError).toBe('internal');

    fake.answer('desk.snapshot', () => ({ ok: true, value: aSnapshot() }));
    await sync.refresh();
    expect(stores.host.getState().loadError).toBeNull();
  });
  it('reloads the case list when cases changed through sync, one load at a time', async () => {
    const { fake, client, stores } = setup();
    fake.answer('desk.snapshot', () => ({ ok: true, value: aSnapshot() }));
    fake.answer('cases.list', () => ({ ok: true, value: [aCase({ id: 1 })] }));
    startSync(client, stores);
    await tick();

    const first = deferred<Result<unknown>>();
    fake.answer('cases.list', () => first.promise);
    fake.push('cases.synced', { changed: 1, caseIds: [2] });
    fake.push('cases.synced', { changed: 1, caseIds: [3] });
    fake.push('cases.synced', { changed: 2, caseIds: [2, 3] });
    expect(fake.calls.filter((c) => c.method === 'cases.list')).toHaveLength(2);

    const second = deferred<Result<unknown>>();
    fake.answer('cases.list', () => second.promise);
    fake.push('cases.saved', aCase({ id: 9, createdAt: '2025-11-27T00:00:00Z' }));
    first.resolve({ ok: true, value: [aCase({ id: 1 }), aCase({ id: 2 })] });
    await tick();
    // The first list is applied without losing the case saved while it was on its way.
    expect(stores.cases.getState().cases.map((c) => c.id)).toEqual([9, 2, 1]);
    second.resolve({ ok: true, value: [aCase({ id: 1 }), aCase({ id: 2 }), aCase({ id: 3 })] });
    await tick();
    // The first load, then one more for the events that came while it was on its way.
    expect(fake.calls.filter((c) => c.method === 'cases.list')).toHaveLength(3);
    expect(stores.cases.getState().cases.map((c) => c.id).sort()).toEqual([1, 2, 3]);
  });

  it('keeps a newer list when an older one answers late', async () => {
    const { fake, client, stores } = setup();
    const old = deferred<Result<unknown>>();
    fake.answer('desk.snapshot', () => ({ ok: true, value: aSnapshot() }));
    fake.answer('cases.list', () => old.promise);
    startSync(client, stores);
    fake.answer('cases.list', () => ({ ok: true, value: [aCase({ id: 5 })] }));
    fake.push('cases.synced', { changed: 1, caseIds: [5] });
    await tick();
    old.resolve({ ok: true, value: [aCase({ id: 4 })] });
    await tick();
    expect(stores.cases.getState().cases.map((c) => c.id)).toEqual([5]);
  });
});
