import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../core/syncStatus.js';
import { startCentralServer, waitUntil } from './testing/centralServer.js';
import { invokeValue as call, startTestDesk, type Cleanups } from './testing/testDesk.js';

// Issue 18: a demo desk (simulated PBX) pointed at a shared server pushed its demo cases there,
// so every such desk added the same citizens' cases again and they showed twice.

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

type Listed = Array<{ applicationNo: string; citizenName: string | null }>;

describe('demo cases', () => {
  it('a demo desk on a shared server puts none there, nor on itself; a demo desk alone has its demo history', async () => {
    const server = await startCentralServer('pglite');
    cleanups.push(() => server.close());
    // Demo mode (no DESK_AMI_HOST): the simulated PBX, but the municipality's server.
    const shared = await startTestDesk(cleanups, { DESK_SERVER_URL: server.url, DESK_SERVER_USER: 'operator', DESK_SERVER_PASSWORD: 'operator153' });
    await waitUntil(async () => (await call<SyncStatus>(shared, 'sync.status')).state === 'online', 20_000, 'the desk online');
    await shared.syncFlush();

    expect(await call<Listed>(shared, 'cases.list', { limit: 50 })).toEqual([]);
    const [row] = await server.db.query<{ n: string }>('SELECT count(*)::text AS n FROM cases');
    expect(Number(row!.n)).toBe(0);

    // The same demo desk working alone keeps the past cases the screen-pop shows.
    const alone = await startTestDesk(cleanups, { DESK_SERVER_URL: 'off' });
    const cases = await call<Listed>(alone, 'cases.list', { limit: 50 });
    expect(cases.map((c) => c.citizenName).sort()).toEqual(['Ali Vatandaş', 'Ali Vatandaş', 'Fatma Şahin']);
  }, 60_000);
});
