import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackItem } from '../../core/callback.js';
import type { SyncStatus } from '../../core/syncStatus.js';
import type { Host } from './host.js';
import { startCentralServer, waitUntil, type CentralServer } from './testing/centralServer.js';
import { invokeValue as call, startTestDesk, type Cleanups } from './testing/testDesk.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function central(): Promise<CentralServer> {
  const server = await startCentralServer('pglite');
  cleanups.push(() => server.close());
  return server;
}

async function desk(server: CentralServer, user: string, role: string): Promise<Host> {
  const host = await startTestDesk(cleanups, { DESK_SERVER_URL: server.url, DESK_SERVER_USER: user, DESK_SERVER_PASSWORD: `${user}153`, DESK_ROLE: role });
  await waitUntil(async () => {
    const r = await host.invoke('sync.status', {});
    return r.ok && (r.value as SyncStatus).state === 'online' && (r.value as SyncStatus).pending === 0;
  }, 20_000, `${user} online`);
  return host;
}

describe('call-backs through the desk', () => {
  it('an operator records a citizen call-back request; it reaches the feedback list, one operator claims it, the other is told, the outcome closes it', async () => {
    const server = await central();
    const operator = await desk(server, 'operator', 'operator');
    const [ayse, mehmet] = [await desk(server, 'feedback', 'feedback'), await desk(server, 'lead', 'team-lead')];

    const created = await call<{ case: { id: number; applicationNo: string } }>(operator, 'cases.create', {
      subject: 'Park bankı kırık',
      description: 'Moda Parkı girişindeki bank kırık; vatandaş sonucu öğrenmek istiyor.',
      outcome: 'forwarded',
      phone: '905427654321',
      citizenName: 'Fatma Şahin',
      linkedid: null,
    });
    const dueAt = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    await call(operator, 'callbacks.request', { caseId: created.case.id, dueAt, note: 'Öğleden sonra arayın' });
    const mine = (items: CallbackItem[]) => items.find((i) => i.applicationNo === created.case.applicationNo);
    await waitUntil(async () => mine((await call<{ items: CallbackItem[] }>(ayse, 'callbacks.list')).items) !== undefined, 10_000, 'the request on the list');
    const item = mine((await call<{ items: CallbackItem[] }>(ayse, 'callbacks.list')).items)!;
    expect(item).toMatchObject({ kind: 'requested', note: 'Öğleden sonra arayın', phone: '905427654321' });

    // An operator taking calls has no call-back list.
    expect(await operator.invoke('callbacks.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const claimed = await call<CallbackItem>(ayse, 'callbacks.claim', { id: item.id });
    expect(claimed.claimedBy).toBe('feedback');
    expect(await mehmet.invoke('callbacks.claim', { id: item.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(await ayse.invoke('callbacks.outcome', { id: item.id, outcome: 'informed', satisfaction: null, comment: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await call(ayse, 'callbacks.outcome', { id: item.id, outcome: 'informed', satisfaction: 4, comment: 'Bilgi verildi' })).toEqual({ next: 'done', retryAt: null });
    expect(mine((await call<{ items: CallbackItem[] }>(ayse, 'callbacks.list')).items)).toBeUndefined();
  }, 120_000);
});
