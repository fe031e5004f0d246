import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Incident } from '../../core/incident.js';
import { INCIDENT_ANNOUNCEMENT_FAMILY } from '../../telephony/ami/incidentAnnouncement.js';
import { startPbxSimulator, type PbxSimulator } from '../../telephony/simulator/pbxSimulator.js';
import { waitFor } from '../../telephony/testing/waitFor.js';
import { engines } from '../db/testEngines.js';
import { startTestServer, type TestServer } from '../testSupport.js';
import { startQueueCollector, type QueueCollector } from '../queueStats/collector.js';
import { followIncident } from './announcement.js';

const START = new Date('2026-11-25T12:00:00.000Z');
const pglite = engines.find((e) => e.name === 'pglite')!;

/**
 * Declaring an incident with queues to announce on writes the AstDB key the dialplan reads before
 * Queue() (telephony/README-ami.md), over the server's own AMI session; closing clears it. Against
 * the PBX simulator over TCP, wired as startServer wires it.
 */
describe('incident announcements on the PBX', () => {
  let sim: PbxSimulator;
  let collector: QueueCollector;
  let s: TestServer;
  let lead: { authorization: string };
  let clock = START;

  beforeAll(async () => {
    sim = await startPbxSimulator({ username: 'stats', secret: 's3cr3t:153', agents: [], callers: [], callIntervalMs: 0, autoAnswerMs: 0, talkTimeMs: 0 });
    s = await startTestServer(pglite, {
      now: () => clock,
      onIncidentChanged: async (before, after, active) => void (await followIncident([collector.client], before, after, active)),
    });
    collector = await startQueueCollector({ db: s.db, pbx: { name: 'sim', host: '127.0.0.1', port: sim.port, username: 'stats', secret: 's3cr3t:153' }, now: () => clock.getTime() });
    await waitFor(() => collector.status().live);
    lead = await s.auth('lead');
  }, 60_000);
  afterAll(async () => {
    await collector?.stop();
    await s?.close();
    await sim?.stop();
  });

  const key = (queue: string) => sim.astdb.get(INCIDENT_ANNOUNCEMENT_FAMILY, queue);
  const declare = async (minutes: number, extra: Record<string, unknown>) => {
    clock = new Date(START.getTime() + minutes * 60_000);
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: lead,
      payload: { subjectCode: 'su.kesinti', unitCode: 'fen-isleri', districts: ['Kadıköy'], message: 'Su 18.00’de gelecek.', startsAt: clock.toISOString(), ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    return Incident.parse(res.json());
  };
  const close = async (id: string) => {
    const res = await s.app.inject({ method: 'POST', url: `/api/v1/incidents/${id}/close`, headers: lead, payload: { resolution: 'Su verildi.' } });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('plays the newest active incident of each queue, and nothing once none is left', async () => {
    const water = await declare(0, { announceQueues: ['alo153'] });
    expect(key('alo153')).toBe(`custom/incident-${water.id}`);
    expect(key('alo153-vip')).toBeUndefined();

    const power = await declare(10, { announceQueues: ['alo153', 'alo153-vip'], announcementSound: 'custom/elektrik-kesintisi' });
    expect(key('alo153')).toBe('custom/elektrik-kesintisi');
    expect(key('alo153-vip')).toBe('custom/elektrik-kesintisi');

    // Taking a queue off the newer one gives it back to the older.
    const patched = await s.app.inject({ method: 'PATCH', url: `/api/v1/incidents/${power.id}`, headers: lead, payload: { announceQueues: ['alo153-vip'] } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(key('alo153')).toBe(`custom/incident-${water.id}`);

    await close(power.id);
    expect(key('alo153-vip')).toBeUndefined();
    expect(key('alo153')).toBe(`custom/incident-${water.id}`);
    await close(water.id);
    expect(key('alo153')).toBeUndefined();
  });

  it('an incident without queues writes nothing to the PBX', async () => {
    const before = sim.astdb.entries().length;
    const quiet = await declare(30, {});
    await close(quiet.id);
    expect(sim.astdb.entries()).toHaveLength(before);
  });
});
