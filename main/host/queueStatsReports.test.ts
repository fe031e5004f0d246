import { afterEach, describe, expect, it } from 'vitest';
import type { AgentStatsReport, QueueStatsReport } from '../../core/queueStats.js';
import type { SyncStatus } from '../../core/syncStatus.js';
import type { Host } from './host.js';
import { startCentralServer, waitUntil, type CentralServer } from './testing/centralServer.js';
import { invokeValue as call, startTestDesk, type Cleanups } from './testing/testDesk.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

/** A desk signed in to the server as `user`, whatever its own role says. */
async function signedIn(server: CentralServer, user: string, role: string): Promise<Host> {
  const host = await startTestDesk(cleanups, { DESK_SERVER_URL: server.url, DESK_SERVER_USER: user, DESK_SERVER_PASSWORD: `${user}153`, DESK_ROLE: role });
  const online = async () => (await call<SyncStatus>(host, 'sync.status')).state === 'online';
  await waitUntil(online, 20_000, `${user} online`);
  return host;
}

/** The collector's rollups for Thursday 3 December 2026 (Istanbul, UTC+3), written as it writes them. */
async function seedRollups(server: CentralServer): Promise<void> {
  const quarter = `INSERT INTO queue_stats_15m (pbx, queue, start, offered, answered, answered_in_sl, answered_wait_sec, abandoned, abandoned_in_sl,
                     abandoned_wait_sec, max_wait_sec, completed, talk_sec, abandoned_by_wait)
                   VALUES ('pbx-1', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $4, $11, $12)`;
  // 09:00 and 09:15 in alo153: one 60-minute row; 09:00 in zabita.
  await server.db.query(quarter, ['alo153', '2026-12-03T06:00:00Z', 10, 8, 6, 80, 2, 1, 50, 70, 960, '{1,0,1,0,0}']);
  await server.db.query(quarter, ['alo153', '2026-12-03T06:15:00Z', 4, 4, 4, 20, 0, 0, 0, 9, 400, '{0,0,0,0,0}']);
  await server.db.query(quarter, ['zabita', '2026-12-03T06:00:00Z', 3, 2, 2, 10, 1, 0, 45, 45, 200, '{0,0,1,0,0}']);
  await server.db.query(
    `INSERT INTO agent_day (pbx, agent, day, agent_name, answered, completed, talk_sec, ring_no_answers) VALUES ('pbx-1', 'PJSIP/1001', '2026-12-03', 'Şule Kaya', 5, 5, 600, 1)`,
  );
  const state = `INSERT INTO agent_state_day (pbx, agent, day, state, reason, seconds) VALUES ('pbx-1', 'PJSIP/1001', '2026-12-03', $1, $2, $3)`;
  for (const [name, reason, seconds] of [['available', '', 3600], ['on-call', '', 1800], ['wrap-up', '', 300], ['paused', 'yemek', 900]] as const) {
    await server.db.query(state, [name, reason, seconds]);
  }
  await server.db.query(`INSERT INTO collector_gaps (pbx, from_at, to_at, reason) VALUES ('pbx-1', '2026-12-03T07:00:00Z', '2026-12-03T07:20:00Z', 'link-lost')`);
}

describe('queue and agent statistics through the desk', () => {
  it('gives a team lead the interval figures, the totals per queue, the agents and the gaps, and both CSVs', async () => {
    const server = await startCentralServer('pglite');
    cleanups.push(() => server.close());
    await seedRollups(server);
    const lead = await signedIn(server, 'lead', 'team-lead');

    const day = { from: '2026-12-03', to: '2026-12-03' };
    const hourly = await call<QueueStatsReport>(lead, 'reports.queueStats', { ...day, interval: '60' });
    expect(hourly.rows.map((r) => [r.queue, r.start, r.offered, r.answered, r.abandoned])).toEqual([
      ['alo153', '2026-12-03T06:00:00.000Z', 14, 12, 2],
      ['zabita', '2026-12-03T06:00:00.000Z', 3, 2, 1],
    ]);
    expect(hourly.totals.map((t) => [t.queue, t.offered, t.abandonedByWait])).toEqual([
      ['alo153', 14, [1, 0, 1, 0, 0]],
      ['zabita', 3, [0, 0, 1, 0, 0]],
    ]);
    expect(hourly.totals[0]!.serviceLevelPct).toBeCloseTo((10 / 12) * 100, 0);
    expect(hourly.gaps).toEqual([{ pbx: 'pbx-1', from: '2026-12-03T07:00:00.000Z', to: '2026-12-03T07:20:00.000Z', reason: 'link-lost' }]);

    const zabita = await call<QueueStatsReport>(lead, 'reports.queueStats', { ...day, interval: '15', queue: 'zabita' });
    expect(zabita.rows.map((r) => r.queue)).toEqual(['zabita']);

    const agents = await call<AgentStatsReport>(lead, 'reports.agentStats', day);
    expect(agents.agents).toEqual([
      expect.objectContaining({ agent: 'PJSIP/1001', name: 'Şule Kaya', answered: 5, avgTalkSec: 120, ringNoAnswers: 1, loggedInSec: 6600, onCallSec: 1800, wrapUpSec: 300, pausedSec: { yemek: 900 } }),
    ]);
    expect(agents.gaps).toHaveLength(1);

    const queueCsv = await call<{ fileName: string; csv: string }>(lead, 'reports.queueStatsCsv', { ...day, interval: 'day', queue: 'alo153' });
    expect(queueCsv.fileName).toBe('alo153-kuyruk-2026-12-03-2026-12-03-day-alo153.csv');
    expect(queueCsv.csv).toContain('Kuyruk');
    expect(queueCsv.csv).not.toContain('zabita');
    const agentCsv = await call<{ fileName: string; csv: string }>(lead, 'reports.agentStatsCsv', day);
    expect(agentCsv.fileName).toBe('alo153-temsilci-2026-12-03-2026-12-03.csv');
    expect(agentCsv.csv).toContain('Şule Kaya');

    // A period backwards never leaves the desk.
    expect(await lead.invoke('reports.agentStats', { from: '2026-12-04', to: '2026-12-03' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await lead.invoke('reports.queueStats', { ...day, interval: '45' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });

    // The server gone: the desk says so instead of showing nothing.
    await server.close();
    expect(await lead.invoke('reports.queueStats', { ...day, interval: '60' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  }, 60_000);

  it('refuses an operator’s desk before asking, and an operator’s account on the server', async () => {
    const server = await startCentralServer('pglite');
    cleanups.push(() => server.close());
    const day = { from: '2026-12-03', to: '2026-12-03' };

    const operator = await signedIn(server, 'operator', 'operator');
    expect(await operator.invoke('reports.queueStats', { ...day, interval: '60' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // A team lead's desk signed in with an operator's account: the server refuses (403).
    const borrowed = await signedIn(server, 'operator', 'team-lead');
    expect(await borrowed.invoke('reports.agentStats', day)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await borrowed.invoke('reports.agentStatsCsv', day)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  }, 60_000);
});
