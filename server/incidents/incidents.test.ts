import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import { Incident, IncidentList } from '../../core/incident.js';
import { MonthlyReport } from '../../core/report.js';
import { PullResponse, type CaseChange } from '../../sync/protocol.js';
import { engines } from '../db/testEngines.js';
import { createChange, startTestServer, type TestServer } from '../testSupport.js';

let nextSequence = 15_300;
const newNumber = () => formatApplicationNo(2026, nextSequence++, 'D12');
const START = new Date('2026-11-25T12:00:00.000Z');
const MINUTE = 60_000;

type Headers = { authorization: string };

const declaration = (overrides: Record<string, unknown> = {}) => ({
  subjectCode: 'su.kesinti',
  unitCode: 'fen-isleri',
  districts: ['Kadıköy'],
  neighbourhoods: ['Caferağa', 'Osmanağa'],
  message: 'Ana isale hattında arıza var; suyun 18.00’de gelmesi bekleniyor.',
  startsAt: START.toISOString(),
  expectedEndAt: new Date(START.getTime() + 6 * 60 * MINUTE).toISOString(),
  ...overrides,
});

describe.each(engines)('mass incidents on $name', (engine) => {
  let s: TestServer;
  let clock = START;
  let operator: Headers, feedback: Headers, lead: Headers, admin: Headers, fen: Headers, zabita: Headers;

  beforeAll(async () => {
    s = await startTestServer(engine, { now: () => clock });
    [operator, feedback, lead, admin, fen, zabita] = (await Promise.all(['operator', 'feedback', 'lead', 'admin', 'fen', 'zabita'].map((u) => s.auth(u)))) as [Headers, Headers, Headers, Headers, Headers, Headers];
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  const declare = (headers: Headers, body: Record<string, unknown> = declaration()) => s.app.inject({ method: 'POST', url: '/api/v1/incidents', headers, payload: body });
  const declared = async (body?: Record<string, unknown>) => {
    const res = await declare(lead, body);
    expect(res.statusCode, res.body).toBe(201);
    return Incident.parse(res.json());
  };
  const push = async (changes: CaseChange[]) => {
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: operator, payload: { deskId: 'D12', changes } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ accepted: string[]; rejected: unknown[] }>();
    expect(body.rejected).toEqual([]);
    return body;
  };
  /** A call attached at the pop: a case under the incident's subject and unit, as a desk sends it. */
  const attachCall = async (incidentId: string | null, phone: string, overrides: Parameters<typeof createChange>[1] = {}) => {
    const no = newNumber();
    await push([createChange(no, { incidentId, phone, status: 'forwarded', unitCode: 'fen-isleri', subject: 'Su kesintisi', subjectCode: 'su.kesinti', createdAt: clock.toISOString(), ...overrides })]);
    return no;
  };
  const one = async (id: string, headers: Headers = lead) => {
    const res = await s.app.inject({ method: 'GET', url: `/api/v1/incidents/${id}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ incident: Incident; cases: { applicationNo: string; status: string; resolution: string | null; incidentId: string | null }[] }>();
  };
  const close = (id: string, headers: Headers, resolution = 'Arıza giderildi, su verildi.') =>
    s.app.inject({ method: 'POST', url: `/api/v1/incidents/${id}/close`, headers, payload: { resolution } });

  it('team leads and the unit that owns the outage declare; operators, feedback operators, admins and another unit may not', async () => {
    for (const headers of [operator, feedback, admin, zabita]) expect((await declare(headers)).statusCode).toBe(403);
    const byLead = await declare(lead);
    expect(byLead.statusCode, byLead.body).toBe(201);
    const incident = Incident.parse(byLead.json());
    expect(incident).toMatchObject({ status: 'active', subjectCode: 'su.kesinti', unitCode: 'fen-isleri', districts: ['Kadıköy'], declaredBy: 'Zeynep Takım Lideri', attachedCount: 0 });
    expect((await declare(fen)).statusCode).toBe(201);
    // A unit declares for itself only.
    expect((await declare(fen, declaration({ unitCode: 'zabita' }))).statusCode).toBe(403);
  });

  it('refuses a declaration that is incomplete or names a unit the server does not know, saying which field', async () => {
    const empty = await declare(lead, declaration({ districts: [] }));
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ issues: { path: string }[] }>().issues.map((i) => i.path)).toContain('districts');
    const backwards = await declare(lead, declaration({ expectedEndAt: new Date(START.getTime() - MINUTE).toISOString() }));
    expect(backwards.statusCode).toBe(400);
    const unknown = await declare(lead, declaration({ unitCode: 'no-such-unit' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: 'invalid-request', issues: [{ path: 'unitCode', message: 'unit.unknown' }] });
  });

  it('every role reads the active incidents, with the calls attached to each', async () => {
    const incident = await declared();
    await attachCall(incident.id, '05321112233');
    await attachCall(incident.id, '05324445566');
    for (const headers of [operator, feedback, fen, zabita, admin]) {
      const res = await s.app.inject({ method: 'GET', url: '/api/v1/incidents?active=1', headers });
      expect(res.statusCode).toBe(200);
      const listed = IncidentList.parse(res.json()).incidents.find((i) => i.id === incident.id);
      expect(listed).toMatchObject({ attachedCount: 2, attachedRecently: 2 });
    }
    clock = new Date(START.getTime() + 20 * MINUTE);
    const later = IncidentList.parse((await s.app.inject({ method: 'GET', url: '/api/v1/incidents?active=1', headers: operator })).json());
    expect(later.incidents.find((i) => i.id === incident.id)).toMatchObject({ attachedCount: 2, attachedRecently: 0 });
    clock = START;
  });

  it("lists an incident's cases as each account may see them: a confidential one only to the team lead and the unit", async () => {
    const incident = await declared();
    const open = await attachCall(incident.id, '05320000001');
    const secret = await attachCall(incident.id, '05320000002', { confidential: true });
    expect((await one(incident.id, lead)).cases.map((c) => c.applicationNo).sort()).toEqual([open, secret].sort());
    expect((await one(incident.id, fen)).cases.map((c) => c.applicationNo).sort()).toEqual([open, secret].sort());
    expect((await one(incident.id, operator)).cases.map((c) => c.applicationNo)).toEqual([open]);
    expect((await one(incident.id, zabita)).cases).toEqual([]);
    const missing = await s.app.inject({ method: 'GET', url: `/api/v1/incidents/${randomUUID()}`, headers: operator });
    expect(missing.statusCode).toBe(404);
  });

  it('declared from a surge, the cases that raised it are attached at once, and desks pull the attachment', async () => {
    const numbers = [await attachCall(null, '05331000001'), await attachCall(null, '05331000002'), await attachCall(null, '05331000003')];
    const before = (await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull?limit=1000', headers: operator })).json<{ cursor: string }>().cursor;
    const incident = await declared(declaration({ caseNumbers: numbers }));
    expect(incident.attachedCount).toBe(3);
    const pulled = PullResponse.parse((await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull?cursor=${before}&limit=1000`, headers: operator })).json());
    const attached = pulled.changes.filter((c) => numbers.includes(c.caseKey));
    expect(attached).toHaveLength(3);
    expect(attached.every((c) => c.case.incidentId === incident.id && c.kind === 'fields')).toBe(true);
  });

  it('closing resolves every attached open case with the one resolution, one SMS per number, no resolution call-back', async () => {
    const incident = await declared();
    const first = await attachCall(incident.id, '05325550001');
    const again = await attachCall(incident.id, '05325550001'); // the same citizen called twice
    const other = await attachCall(incident.id, '05325550002');
    // A citizen who asked to be called back keeps that call-back.
    await push([{ changeId: randomUUID(), deskId: 'D12', caseKey: other, kind: 'callback-request', clientAt: START.toISOString(), payload: { dueAt: START.toISOString(), note: 'Akşam arayın' } }]);

    for (const headers of [operator, feedback, admin, zabita]) expect((await close(incident.id, headers)).statusCode).toBe(403);
    clock = new Date(START.getTime() + 3 * 60 * MINUTE);
    const res = await close(incident.id, fen);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ resolved: 3, incident: { status: 'closed', resolution: 'Arıza giderildi, su verildi.', closedAt: clock.toISOString() } });

    const cases = (await one(incident.id)).cases;
    expect(cases.map((c) => [c.status, c.resolution])).toEqual(Array(3).fill(['resolved', 'Arıza giderildi, su verildi.']));
    const sms = await s.db.query<{ recipient: string; template: string }>(
      `SELECT n.recipient, n.template FROM notifications n JOIN cases c ON c.id = n.case_id
        WHERE c.application_no = ANY($1::text[]) AND n.template IN ('resolved', 'incident-resolved') ORDER BY n.recipient`,
      [[first, again, other]],
    );
    expect(sms).toEqual([
      // Stored canonical whatever shape the desk sent (issue 18).
      { recipient: '905325550001', template: 'incident-resolved' },
      { recipient: '905325550002', template: 'incident-resolved' },
    ]);
    const callbacks = await s.db.query<{ kind: string }>(
      'SELECT b.kind FROM callbacks b JOIN cases c ON c.id = b.case_id WHERE c.application_no = ANY($1::text[]) ORDER BY b.id',
      [[first, again, other]],
    );
    expect(callbacks).toEqual([{ kind: 'requested' }]);

    // Closed is final.
    expect((await close(incident.id, lead)).statusCode).toBe(409);
    const patch = await s.app.inject({ method: 'PATCH', url: `/api/v1/incidents/${incident.id}`, headers: lead, payload: { message: 'x' } });
    expect(patch.statusCode).toBe(409);
    const active = IncidentList.parse((await s.app.inject({ method: 'GET', url: '/api/v1/incidents?active=1', headers: operator })).json());
    expect(active.incidents.map((i) => i.id)).not.toContain(incident.id);
    clock = START;
  });

  it('a team lead or the unit changes what callers are told; another unit may not', async () => {
    const incident = await declared();
    const patch = (headers: Headers, payload: Record<string, unknown>) => s.app.inject({ method: 'PATCH', url: `/api/v1/incidents/${incident.id}`, headers, payload });
    expect((await patch(zabita, { message: 'x' })).statusCode).toBe(403);
    expect((await patch(operator, { message: 'x' })).statusCode).toBe(403);
    const changed = await patch(fen, { message: 'Su 20.00’de gelecek.', neighbourhoods: ['Caferağa'] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(Incident.parse(changed.json())).toMatchObject({ message: 'Su 20.00’de gelecek.', neighbourhoods: ['Caferağa'], version: 2 });
    // Moving it to a unit the account does not manage is refused.
    expect((await patch(fen, { unitCode: 'zabita' })).statusCode).toBe(403);
  });

  it("the monthly report counts an incident's cases once, as the incident, with the calls attached", async () => {
    clock = new Date('2026-10-10T09:00:00.000Z');
    const incident = await declared(declaration({ startsAt: clock.toISOString(), expectedEndAt: null }));
    for (let i = 0; i < 4; i++) {
      await attachCall(incident.id, `0532777000${i}`, { subject: 'Ekim su kesintisi', createdAt: new Date(clock.getTime() + i * MINUTE).toISOString() });
    }
    await attachCall(null, '05327770099', { subject: 'Ekim su kesintisi', createdAt: clock.toISOString() });
    clock = new Date('2026-10-10T15:00:00.000Z');
    expect((await close(incident.id, lead)).statusCode).toBe(200);
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/reports/monthly?month=2026-10&by=subject', headers: lead });
    const row = MonthlyReport.parse(res.json()).rows.find((r) => r.key === 'Ekim su kesintisi');
    expect(row).toMatchObject({ created: 2, resolved: 1, incidents: 1, incidentCases: 4 });
    clock = START;
  });
});
