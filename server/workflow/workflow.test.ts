import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import type { PullResponse } from '../../sync/protocol.js';
import { engines } from '../db/testEngines.js';
import { changeLogHead } from '../sync/pull.js';
import { createChange, startTestServer, type TestServer } from '../testSupport.js';
import type { WorkedCase } from './workflow.js';

let nextSequence = 5000;
/** Desk D12's provisional numbers (the server takes no final number it did not reserve). */
const newNumber = () => formatApplicationNo(2026, nextSequence++, 'D12');
const NOW = new Date('2026-11-25T12:00:00.000Z');

describe.each(engines)('department workflow on $name', (engine) => {
  let s: TestServer;
  let operator: { authorization: string };
  let fen: { authorization: string };
  let zabita: { authorization: string };
  let lead: { authorization: string };
  let admin: { authorization: string };
  beforeAll(async () => {
    s = await startTestServer(engine, { now: () => NOW });
    [operator, fen, zabita, lead, admin] = await Promise.all([s.auth('operator'), s.auth('fen'), s.auth('zabita'), s.auth('lead'), s.auth('admin')]);
  });
  afterAll(async () => {
    await s?.close();
  });

  const newCase = async (overrides: Parameters<typeof createChange>[1] = {}) => {
    const no = newNumber();
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: operator, payload: { deskId: 'D12', changes: [createChange(no, overrides)] } });
    expect(res.json<{ accepted: string[] }>().accepted).toHaveLength(1);
    return no;
  };
  const act = (no: string, action: string, payload: unknown, headers = fen) =>
    s.app.inject({ method: 'POST', url: `/api/v1/cases/${no}/${action}`, headers, payload: payload as Record<string, unknown> });
  const inbox = async (unit: string, headers = fen, query = '') => {
    const res = await s.app.inject({ method: 'GET', url: `/api/v1/units/${unit}/inbox${query}`, headers });
    return res;
  };
  const events = (no: string) =>
    s.db.query<{ kind: string; actor: string; detail: Record<string, unknown> }>(
      'SELECT e.kind, e.actor, e.detail FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.application_no = $1 ORDER BY e.id',
      [no],
    );

  it('lists the unit inbox newest first with SLA state, filtered by status, own unit only for departments', async () => {
    const overdue = await newCase({ createdAt: '2026-11-20T09:00:00.000Z', dueAt: '2026-11-24T09:00:00.000Z' });
    const soon = await newCase({ createdAt: '2026-11-21T09:00:00.000Z', dueAt: '2026-11-26T06:00:00.000Z' });
    const zab = await newCase({ createdAt: '2026-11-22T09:00:00.000Z', unitCode: 'zabita' });
    const res = await inbox('fen-isleri');
    expect(res.statusCode, res.body).toBe(200);
    const cases = res.json<{ cases: WorkedCase[] }>().cases;
    const mine = cases.filter((c) => [overdue, soon].includes(c.case.applicationNo));
    expect(mine.map((c) => [c.case.applicationNo, c.sla, c.assignee])).toEqual([
      [soon, 'due-soon', null],
      [overdue, 'overdue', null],
    ]);
    expect(cases.some((c) => c.case.applicationNo === zab)).toBe(false);
    const times = cases.map((c) => c.case.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    expect((await inbox('zabita')).statusCode).toBe(403);
    expect((await inbox('zabita', operator)).statusCode).toBe(403);
    expect((await inbox('zabita', lead)).json<{ cases: WorkedCase[] }>().cases.map((c) => c.case.applicationNo)).toContain(zab);
    expect((await inbox('zabita', admin)).statusCode).toBe(200);
    expect((await inbox('fen-isleri', fen, '?status=resolved')).json<{ cases: WorkedCase[] }>().cases).toEqual([]);
    expect((await inbox('fen-isleri', fen, '?status=nope')).statusCode).toBe(400);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/units/fen-isleri/inbox' })).statusCode).toBe(401);
  });

  it('gives the T.C. kimlik no whole to the unit and team leads, masked to admins, who see and work no confidential case', async () => {
    const tc = '12345678950';
    const open = await newCase({ tcKimlikNo: tc });
    const secret = await newCase({ confidential: true, tcKimlikNo: tc });
    const listed = async (headers: { authorization: string }) =>
      new Map((await inbox('fen-isleri', headers)).json<{ cases: WorkedCase[] }>().cases.map((c) => [c.case.applicationNo, c.case.tcKimlikNo]));
    for (const headers of [fen, lead]) {
      const cases = await listed(headers);
      expect([cases.get(open), cases.get(secret)]).toEqual([tc, tc]);
    }
    const byAdmin = await listed(admin);
    expect([byAdmin.get(open), byAdmin.has(secret)]).toEqual(['123******50', false]);
    expect((await act(open, 'assign', { assignee: 'Ali' }, admin)).json<WorkedCase>().case.tcKimlikNo).toBe('123******50');
    expect((await act(open, 'note', { text: 'x' }, fen)).json<WorkedCase>().case.tcKimlikNo).toBe(tc);
    const hidden = await act(secret, 'note', { text: 'x' }, admin);
    expect([hidden.statusCode, hidden.json()]).toEqual([404, { error: 'not-found' }]);
    expect((await act(secret, 'note', { text: 'x' }, lead)).statusCode).toBe(200);
  });

  it('assigns, notes and resolves, each with a case event and a change-log entry desktops pull', async () => {
    const no = await newCase();
    const head = await changeLogHead(s.db);

    const assigned = await act(no, 'assign', { assignee: 'Ayşe Yılmaz' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json<WorkedCase>()).toMatchObject({ assignee: 'Ayşe Yılmaz', case: { status: 'in-progress', version: 2 } });
    expect((await act(no, 'note', { text: 'Ekip yola çıktı' })).statusCode).toBe(200);
    const resolved = await act(no, 'resolve', { resolution: 'Çukur kapatıldı' });
    expect(resolved.json<WorkedCase>()).toMatchObject({ sla: 'done', case: { status: 'resolved', resolution: 'Çukur kapatıldı', version: 4 } });

    expect((await events(no)).map((e) => [e.kind, e.actor])).toEqual([
      ['create', 'operator@D12'],
      ['workflow.assign', 'fen'],
      ['note', 'fen'],
      ['workflow.resolve', 'fen'],
    ]);
    const pull = await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull?cursor=${head}`, headers: operator });
    const changes = pull.json<PullResponse>().changes.filter((c) => c.caseKey === no);
    expect(changes.map((c) => [c.kind, c.changeId, c.case.status, c.case.version])).toEqual([
      ['workflow', null, 'in-progress', 2],
      ['note', null, 'in-progress', 3],
      ['workflow', null, 'resolved', 4],
    ]);
    expect(changes[1]!.detail).toEqual({ text: 'Ekip yola çıktı' });
  });

  it('announces each action on case_changes after commit, so the live channel reaches every instance', async () => {
    const payloads: string[] = [];
    const unlisten = await s.db.listen!('case_changes', (p) => payloads.push(p));
    const until = async (count: number) => {
      for (let i = 0; i < 50 && payloads.length < count; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const no = await newCase();
    await until(1);
    // The desk's push was announced; the action is announced after it, once more.
    await act(no, 'assign', { assignee: 'Ayşe' });
    await until(2);
    await unlisten();
    expect(payloads).toHaveLength(2);
  });

  it('rejects with a reason and redirects to another unit, which then owns the case', async () => {
    const rejected = await newCase();
    const res = await act(rejected, 'reject', { reason: 'Belediyenin yetki alanı dışında' });
    expect(res.json<WorkedCase>().case).toMatchObject({ status: 'rejected', resolution: 'Belediyenin yetki alanı dışında' });

    const no = await newCase();
    await act(no, 'assign', { assignee: 'Ali' });
    const moved = await act(no, 'redirect', { unitCode: 'zabita' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<WorkedCase>()).toMatchObject({ assignee: null, case: { unitCode: 'zabita', status: 'forwarded' } });
    expect((await act(no, 'note', { text: 'geri al' })).statusCode).toBe(404);
    expect((await act(no, 'assign', { assignee: 'Mehmet' }, zabita)).statusCode).toBe(200);
    expect((await events(no)).at(-2)).toMatchObject({ kind: 'workflow.redirect', detail: { from: 'fen-isleri', to: 'zabita' } });
  });

  it('answers 404 alike for another unit\'s case and an unknown number, 403 for a non-department role, 400 for bad bodies', async () => {
    const no = await newCase();
    // A unit learns nothing of the numbers other units have: the same answer as for no case at all.
    const theirs = await act(no, 'note', { text: 'x' }, zabita);
    const none = await act(newNumber(), 'note', { text: 'x' }, zabita);
    expect([theirs.statusCode, theirs.body]).toEqual([404, none.body]);
    expect(none.json()).toEqual({ error: 'not-found' });
    for (const action of ['assign', 'resolve', 'reject', 'redirect'] as const) {
      const body = { assign: { assignee: 'x' }, resolve: { resolution: 'x' }, reject: { reason: 'x' }, redirect: { unitCode: 'zabita' } }[action];
      const [a, b] = [await act(no, action, body, zabita), await act(newNumber(), action, body, zabita)];
      expect([a.statusCode, a.body], action).toEqual([404, b.body]);
    }
    expect((await act(no, 'note', { text: 'x' }, operator)).statusCode).toBe(403);
    expect((await act(no, 'note', { text: 'lider notu' }, lead)).statusCode).toBe(200);
    expect((await act(no, 'note', { text: 'yönetici notu' }, admin)).statusCode).toBe(200);
    expect((await act(newNumber(), 'note', { text: 'x' })).statusCode).toBe(404);
    expect((await act('kötü no', 'note', { text: 'x' })).statusCode).toBe(400);
    expect((await act(no, 'resolve', {})).json()).toMatchObject({ error: 'invalid-request', issues: [{ path: 'resolution' }] });
    expect((await act(no, 'note', { text: '   ' })).statusCode).toBe(400);
    expect((await act(no, 'redirect', { unitCode: 'no-such-unit' })).json()).toEqual({ error: 'invalid-request', issues: [{ path: 'unitCode', message: 'unit.unknown' }] });
    expect((await act(no, 'redirect', { unitCode: 'fen-isleri' })).statusCode).toBe(400);
    expect((await act(no, 'assign', { assignee: 'x', extra: 1 })).statusCode).toBe(400);
    expect((await s.app.inject({ method: 'POST', url: `/api/v1/cases/${no}/note`, payload: { text: 'x' } })).statusCode).toBe(401);
    const closed = await newCase({ status: 'closed', resolution: 'Çözüldü', firstContactResolution: true });
    expect((await act(closed, 'redirect', { unitCode: 'zabita' })).json()).toEqual({ error: 'invalid-request', issues: [{ path: 'status', message: 'case.closed' }] });
    expect((await act(closed, 'note', { text: 'Vatandaş teşekkür etti' })).statusCode).toBe(200);
    const [c] = await s.db.query<{ version: number }>('SELECT version FROM cases WHERE application_no = $1', [no]);
    expect(c!.version).toBe(3);
  });
});
