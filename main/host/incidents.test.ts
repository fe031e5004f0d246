import { afterEach, describe, expect, it } from 'vitest';
import type { DeskSnapshot } from '../../core/contract.js';
import type { Incident, IncidentAttachment, IncidentList } from '../../core/incident.js';
import type { SurgeList } from '../../core/incidentSurge.js';
import { AYSE, SECRET, startTestSimulator } from '../../telephony/testing/simFixtures.js';
import { startCentralServer, waitUntil, type CentralServer } from './testing/centralServer.js';
import { freePort } from './testing/freePort.js';
import { invokeValue, startTestDesk, type Cleanups } from './testing/testDesk.js';
import { createApp } from '../../server/app.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => {});
});

const CALLER = { number: '905321112233', name: 'Ayşe Yılmaz' };

async function central(port?: number): Promise<CentralServer> {
  const server = await startCentralServer('pglite', port);
  cleanups.push(() => server.close());
  return server;
}

async function declare(server: CentralServer, body: Record<string, unknown> = {}): Promise<Incident> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/v1/incidents',
    headers: await server.auth('lead'),
    payload: {
      subjectCode: 'su.kesinti',
      unitCode: 'su-idaresi',
      districts: ['Kadıköy'],
      message: 'Ana isale arızası: su 18.00’de gelecek.',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      ...body,
    },
  });
  if (res.statusCode !== 201) throw new Error(`declare: ${res.statusCode} ${res.body}`);
  return res.json<Incident>();
}

/** Ayşe's desk on the simulator's PBX, signed in to the server as an operator. */
async function operatorDesk(simPort: number, serverUrl: string) {
  const host = await startTestDesk(cleanups, {
    DESK_AMI_HOST: '127.0.0.1',
    DESK_AMI_PORT: String(simPort),
    DESK_AMI_USER: 'desk',
    DESK_AMI_SECRET: SECRET,
    DESK_AGENT_INTERFACE: AYSE.interface,
    DESK_SERVER_URL: serverUrl,
    DESK_SERVER_USER: 'operator',
    DESK_SERVER_PASSWORD: 'operator153',
  });
  const snapshot = () => invokeValue<DeskSnapshot>(host, 'desk.snapshot');
  return { host, snapshot };
}

/** The caller lives in Kadıköy: a case of theirs from before says so. */
async function knownInKadikoy(host: Parameters<typeof invokeValue>[0]): Promise<void> {
  await invokeValue(host, 'cases.create', {
    subject: 'Çöp toplanmadı',
    description: 'Sokakta çöp birikti.',
    outcome: 'resolved',
    phone: CALLER.number,
    citizenName: CALLER.name,
    address: { district: 'KADIKÖY', neighbourhood: 'Caferağa', street: null, detail: null },
    linkedid: null,
  });
}

describe('mass incidents on the desk', () => {
  it('a caller from the district pops with the incident offered; one request attaches the call, and the case reaches the server under the incident', async () => {
    const server = await central();
    const sim = await startTestSimulator(cleanups, { agents: [AYSE], callers: [CALLER], talkTimeMs: 60_000, autoAnswerMs: 60_000 });
    const { host, snapshot } = await operatorDesk(sim.port, server.url);
    await knownInKadikoy(host);
    const incident = await declare(server);
    // The live channel brings it; the desk keeps it.
    await waitUntil(async () => (await invokeValue<IncidentList>(host, 'incidents.list')).incidents.some((i) => i.id === incident.id), 10_000, 'the incident on the desk');

    sim.placeCall();
    await waitUntil(async () => ((await snapshot()).screenPop?.incidents.length ?? 0) > 0, 10_000, 'the pop with the incident');
    const pop = (await snapshot()).screenPop!;
    expect(pop.incidents.map((s) => [s.incident.id, s.reason])).toEqual([[incident.id, 'district']]);

    const attached = await invokeValue<IncidentAttachment>(host, 'incidents.attach', { incidentId: incident.id, note: 'Bina deposu da boş.' });
    expect(attached.repeat).toBe(false);
    expect(attached.securityCode).toMatch(/^[A-Z0-9]{8}$/);
    expect(attached.case).toMatchObject({ incidentId: incident.id, subjectCode: 'su.kesinti', unitCode: 'su-idaresi', status: 'forwarded', linkedid: pop.call.linkedid });
    expect(attached.case.description).toContain('Bina deposu da boş.');
    // On the pop it now shows as this caller's incident.
    await waitUntil(async () => (await snapshot()).screenPop?.incidents[0]?.reason === 'attached', 5_000, 'the pop updated');

    await host.syncFlush();
    await waitUntil(async () => {
      const [row] = await server.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM cases WHERE fields ->> 'incidentId' = $1`, [incident.id]);
      return row?.n === '1';
    }, 10_000, 'the case on the server');

    // The same citizen again: a note on their case, not a second case.
    const again = await invokeValue<IncidentAttachment>(host, 'incidents.attach', { incidentId: incident.id, note: null });
    expect(again).toMatchObject({ repeat: true, securityCode: null, case: { id: attached.case.id } });
    await host.syncFlush();
    const [count] = await server.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM cases WHERE fields ->> 'incidentId' = $1`, [incident.id]);
    expect(count!.n).toBe('1');
  });

  it('with the server down, the desk still offers the incidents it kept and attaches; the case reaches the server once it is back, exactly once', async () => {
    const port = await freePort();
    const server = await central(port);
    const sim = await startTestSimulator(cleanups, { agents: [AYSE], callers: [CALLER], talkTimeMs: 60_000, autoAnswerMs: 60_000 });
    const { host, snapshot } = await operatorDesk(sim.port, server.url);
    await knownInKadikoy(host);
    const incident = await declare(server);
    await waitUntil(async () => (await invokeValue<IncidentList>(host, 'incidents.list')).incidents.length === 1, 10_000, 'the incident on the desk');
    await host.syncFlush();

    // The server stops answering (its database kept), and comes back on the same address later.
    await server.app.close();
    sim.placeCall();
    await waitUntil(async () => ((await snapshot()).screenPop?.incidents.length ?? 0) === 1, 10_000, 'the pop offline');
    const attached = await invokeValue<IncidentAttachment>(host, 'incidents.attach', { incidentId: incident.id, note: null });
    expect(attached.case.incidentId).toBe(incident.id);
    const attachedOnServer = async () =>
      server.db.query<{ application_no: string }>(`SELECT application_no FROM cases WHERE fields ->> 'incidentId' = $1`, [incident.id]);
    expect(await attachedOnServer()).toEqual([]);

    const back = await createApp({ db: server.db });
    cleanups.push(() => back.close());
    await back.listen({ port, host: '127.0.0.1' });
    await invokeValue(host, 'sync.retry');
    await waitUntil(async () => (await attachedOnServer()).length > 0, 20_000, 'the attached case on the server');
    await host.syncFlush();
    expect(await attachedOnServer()).toEqual([{ application_no: attached.case.applicationNo }]);
  }, 60_000);

  it('an operator cannot declare an incident from the desk; the server says so', async () => {
    const server = await central();
    const sim = await startTestSimulator(cleanups, { agents: [AYSE], callers: [CALLER], talkTimeMs: 1_000 });
    const { host } = await operatorDesk(sim.port, server.url);
    await waitUntil(async () => (await invokeValue<{ state: string }>(host, 'sync.status')).state === 'online', 10_000, 'online');
    const result = await host.invoke('incidents.declare', {
      subjectCode: 'su.kesinti',
      unitCode: 'su-idaresi',
      districts: ['Kadıköy'],
      message: 'Su kesik.',
      startsAt: new Date().toISOString(),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it("a team lead's desk sees 10 pavement reports from one district within the hour as a surge, and declares the incident from them in one step", async () => {
    const server = await central();
    const host = await startTestDesk(cleanups, { DESK_ROLE: 'team-lead', DESK_SERVER_URL: server.url, DESK_SERVER_USER: 'lead', DESK_SERVER_PASSWORD: 'lead153' });
    await waitUntil(async () => (await invokeValue<{ state: string }>(host, 'sync.status')).state === 'online', 10_000, 'online');
    const numbers: string[] = [];
    for (let i = 0; i < 10; i++) {
      const created = await invokeValue<{ case: { applicationNo: string } }>(host, 'cases.create', {
        subject: 'Kaldırım kırık',
        subjectCode: 'yol.kaldirim',
        description: `Bahariye Caddesi ${i + 1} önünde kaldırım çöktü.`,
        outcome: 'forwarded',
        phone: `0532${String(2_000_000 + i).padStart(7, '0')}`,
        citizenName: null,
        address: { district: i % 2 === 0 ? 'Kadıköy' : 'KADIKÖY', neighbourhood: 'Osmanağa', street: null, detail: null },
        linkedid: null,
      });
      numbers.push(created.case.applicationNo);
    }
    let surges: SurgeList['surges'] = [];
    await waitUntil(async () => (surges = (await invokeValue<SurgeList>(host, 'incidents.surges')).surges).length === 1, 10_000, 'the surge');
    expect(surges[0]).toMatchObject({ subjectCode: 'yol.kaldirim', district: 'Kadıköy' });
    expect([...surges[0]!.caseNumbers].sort()).toEqual([...numbers].sort());

    // The server must have the cases before it can attach them.
    await host.syncFlush();
    const incident = await invokeValue<Incident>(host, 'incidents.declare', {
      subjectCode: 'yol.kaldirim',
      unitCode: 'fen-isleri',
      districts: ['Kadıköy'],
      message: 'Bahariye Caddesi’ndeki çökme biliniyor, ekip yolda.',
      startsAt: new Date().toISOString(),
      caseNumbers: surges[0]!.caseNumbers,
    });
    expect(incident.attachedCount).toBe(10);
    // The desk pulls the attachment: no surge any more.
    await waitUntil(async () => (await invokeValue<SurgeList>(host, 'incidents.surges')).surges.length === 0, 10_000, 'the surge answered');
  }, 60_000);
});
