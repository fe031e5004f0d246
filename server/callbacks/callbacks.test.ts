import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import { CallbackItem } from '../../core/callback.js';
import { MonthlyReport } from '../../core/report.js';
import { PullResponse, type CaseChange } from '../../sync/protocol.js';
import { createAccount } from '../auth/accounts.js';
import { engines } from '../db/testEngines.js';
import { changeLogHead } from '../sync/pull.js';
import { createChange, startTestServer, type TestServer } from '../testSupport.js';

let nextSequence = 7000;
/** Desk D12's provisional numbers (the server takes no final number it did not reserve). */
const newNumber = () => formatApplicationNo(2026, nextSequence++, 'D12');
const START = new Date('2026-11-25T12:00:00.000Z');
const MINUTE = 60_000;
const at = (minutes: number) => new Date(START.getTime() + minutes * MINUTE).toISOString();

type Headers = { authorization: string };

describe.each(engines)('call-backs on $name', (engine) => {
  let s: TestServer;
  let clock = START;
  let operator: Headers, feedback: Headers, feedback2: Headers, lead: Headers, admin: Headers, fen: Headers;
  /** More feedback operators, for the concurrent claims. */
  const crowd: Headers[] = [];

  beforeAll(async () => {
    s = await startTestServer(engine, { now: () => clock, callbacks: { maxAttempts: 2, retryMinutes: 30, graceMinutes: { resolution: 8 * 60, requested: 15 } } });
    for (let i = 2; i <= 5; i++) {
      await createAccount(s.db, { username: `feedback${i}`, displayName: `Geri arama ${i}`, password: `feedback${i}153`, role: 'feedback-operator' });
    }
    [operator, feedback, feedback2, lead, admin, fen] = await Promise.all([s.auth('operator'), s.auth('feedback'), s.auth('feedback2'), s.auth('lead'), s.auth('admin'), s.auth('fen')]);
    crowd.push(feedback, feedback2, ...(await Promise.all(['feedback3', 'feedback4', 'feedback5'].map((u) => s.auth(u)))));
  });
  afterAll(async () => {
    await s?.close();
  });

  const push = async (changes: CaseChange[]) => {
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: operator, payload: { deskId: 'D12', changes } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ accepted: string[]; duplicates: string[]; rejected: { changeId: string; code: string }[] }>();
  };
  const newCase = async (overrides: Parameters<typeof createChange>[1] = {}) => {
    const no = newNumber();
    expect((await push([createChange(no, overrides)])).accepted).toHaveLength(1);
    return no;
  };
  const resolve = async (no: string, headers = fen) => {
    const res = await s.app.inject({ method: 'POST', url: `/api/v1/cases/${no}/resolve`, headers, payload: { resolution: 'Çukur kapatıldı' } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const request = (no: string, dueAt: string, note: string | null = 'Akşam arayın'): CaseChange => ({
    changeId: randomUUID(),
    deskId: 'D12',
    caseKey: no,
    kind: 'callback-request',
    clientAt: START.toISOString(),
    payload: { dueAt, note },
  });
  const list = async (headers = feedback, query = '') => {
    const res = await s.app.inject({ method: 'GET', url: `/api/v1/callbacks${query}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: unknown[] }>().items.map((i) => CallbackItem.parse(i));
  };
  const rows = (no: string) =>
    s.db.query<{ id: string; kind: string; status: string; attempts: number; outcome: string | null; satisfaction: number | null; comment: string | null; due_at: unknown }>(
      `SELECT b.id::text AS id, b.kind, b.status, b.attempts, b.outcome, b.satisfaction, b.comment, b.due_at
         FROM callbacks b JOIN cases c ON c.id = b.case_id WHERE c.application_no = $1 ORDER BY b.id`,
      [no],
    );
  const post = (id: string, action: 'claim' | 'release' | 'outcome', headers: Headers, payload?: unknown) =>
    s.app.inject({ method: 'POST', url: `/api/v1/callbacks/${id}/${action}`, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const callbackOf = async (no: string) => {
    const [row] = (await rows(no)).filter((r) => r.status === 'open');
    expect(row).toBeDefined();
    return row!.id;
  };
  const caseStatus = async (no: string) => (await s.db.query<{ status: string; unit_code: string | null }>('SELECT status, unit_code FROM cases WHERE application_no = $1', [no]))[0];

  it('writes a resolution call-back when a unit resolves a case with a phone number, and none otherwise', async () => {
    clock = START;
    const withPhone = await newCase();
    await resolve(withPhone);
    expect(await rows(withPhone)).toMatchObject([{ kind: 'resolution', status: 'open', attempts: 0 }]);
    expect(new Date(String((await rows(withPhone))[0]!.due_at)).toISOString()).toBe(START.toISOString());
    // Resolved again while the first call-back waits: still one.
    await resolve(withPhone, lead);
    expect(await rows(withPhone)).toHaveLength(1);

    const noPhone = await newCase({ phone: null });
    await resolve(noPhone);
    expect(await rows(noPhone)).toEqual([]);

    // Closed or resolved on the call by the desk (first contact): the citizen heard it already.
    const closedOnCall = await newCase({ status: 'closed', unitCode: null, resolution: 'Bilgi verildi', firstContactResolution: true });
    const resolvedOnCall = await newCase({ status: 'resolved', unitCode: null, resolution: 'Bilgi verildi', firstContactResolution: true });
    expect(await rows(closedOnCall)).toEqual([]);
    expect(await rows(resolvedOnCall)).toEqual([]);
  });

  it('takes call-back requests from desks: idempotent by change id, unknown-case before the create, in history and the pull feed', async () => {
    clock = START;
    const head = await changeLogHead(s.db);
    const no = newNumber();
    const early = request(no, at(60), 'Öğleden sonra');
    expect((await push([early])).rejected).toEqual([{ changeId: early.changeId, code: 'unknown-case' }]);
    expect(await s.db.query('SELECT 1 FROM applied_changes WHERE change_id = $1', [early.changeId])).toEqual([]);

    expect((await push([createChange(no)])).accepted).toHaveLength(1);
    expect((await push([early])).accepted).toEqual([early.changeId]);
    expect((await push([early])).duplicates).toEqual([early.changeId]);
    expect(await rows(no)).toMatchObject([{ kind: 'requested', status: 'open' }]);
    expect(new Date(String((await rows(no))[0]!.due_at)).toISOString()).toBe(at(60));

    const [event] = await s.db.query<{ kind: string; detail: Record<string, unknown> }>(
      "SELECT e.kind, e.detail FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.application_no = $1 AND e.kind = 'callback-request'",
      [no],
    );
    expect(event?.detail).toMatchObject({ changeId: early.changeId, action: 'callback-request', dueAt: at(60), note: 'Öğleden sonra' });

    const pulled = await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull?cursor=${head}&limit=1000`, headers: operator });
    const changes = PullResponse.parse(pulled.json()).changes.filter((c) => c.caseKey === no);
    expect(changes.map((c) => [c.kind, c.changeId, c.case.version])).toEqual([
      ['create', expect.any(String), 1],
      ['workflow', early.changeId, 2],
    ]);
    expect(changes[1]!.detail).toMatchObject({ action: 'callback-request', dueAt: at(60), note: 'Öğleden sonra' });

    const bad = await s.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: operator,
      payload: { deskId: 'D12', changes: [{ ...request(no, at(60)), payload: { dueAt: 'tomorrow', note: null } }] },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('lists open call-backs by due time: due ones first, then the next 24 hours, nothing later', async () => {
    clock = START;
    const later = await newCase({ citizenName: 'Ayşe Kaya', phone: '905329998877', description: 'Kapının önündeki çukur büyüyor', address: { district: 'Kadıköy', neighbourhood: 'Caferağa', street: 'Çınar Sk.', detail: 'No 14' } });
    const overdue = await newCase();
    const tomorrow = await newCase();
    expect((await push([request(later, at(120), 'Akşam arayın'), request(overdue, at(-60), null), request(tomorrow, at(30 * 60), null)])).accepted).toHaveLength(3);
    const resolved = await newCase();
    await resolve(resolved);

    const items = await list();
    const mine = items.filter((i) => [later, overdue, tomorrow, resolved].includes(i.applicationNo));
    expect(mine.map((i) => [i.applicationNo, i.kind, i.dueAt])).toEqual([
      [overdue, 'requested', at(-60)],
      [resolved, 'resolution', at(0)],
      [later, 'requested', at(120)],
    ]);
    expect(mine[2]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      kind: 'requested',
      applicationNo: later,
      subject: 'Yol çökmesi',
      unitCode: 'fen-isleri',
      resolution: null,
      citizenName: 'Ayşe Kaya',
      phone: '905329998877',
      dueAt: at(120),
      attempts: 0,
      maxAttempts: 2,
      claimedBy: null,
      claimedUntil: null,
      note: 'Akşam arayın',
      // What the citizen said and where, for the call; late after the center's grace for a requested time.
      description: 'Kapının önündeki çukur büyüyor',
      address: 'Kadıköy, Caferağa, Çınar Sk., No 14',
      overdueAt: at(120 + 15),
    });
    // A resolution notice is due at once, and late only after the resolution grace (8 h here).
    expect(mine[1]).toMatchObject({ resolution: 'Çukur kapatıldı', note: null, description: 'Sokakta çukur var', address: null, overdueAt: at(8 * 60) });
    expect(mine[0]!.overdueAt).toBe(at(-60 + 15));
    const dues = items.map((i) => i.dueAt);
    expect([...dues].sort()).toEqual(dues);
    expect(dues.every((d) => d <= at(24 * 60))).toBe(true);
    expect(await list(feedback, '?limit=1')).toHaveLength(1);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/callbacks?limit=0', headers: feedback })).statusCode).toBe(400);
    // Tomorrow's comes into the list once it is within 24 hours.
    clock = new Date(START.getTime() + 7 * 60 * MINUTE);
    expect((await list()).some((i) => i.applicationNo === tomorrow)).toBe(true);
    clock = START;
  });

  it('gives a call-back to one operator at a time; an expired claim is free again; release', async () => {
    clock = START;
    const no = await newCase();
    await resolve(no);
    const id = await callbackOf(no);

    const first = await post(id, 'claim', feedback);
    expect(first.statusCode, first.body).toBe(200);
    expect(CallbackItem.parse(first.json())).toMatchObject({ id, claimedBy: 'feedback', claimedUntil: at(10), overdueAt: at(8 * 60) });
    const second = await post(id, 'claim', feedback2);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toEqual({ error: 'claimed' });
    expect((await list(feedback2)).find((i) => i.id === id)).toMatchObject({ claimedBy: 'feedback', claimedUntil: at(10) });
    // The holder may renew it; nobody else may release it.
    clock = new Date(START.getTime() + 5 * MINUTE);
    expect((await post(id, 'claim', feedback)).json()).toMatchObject({ claimedUntil: at(15) });
    expect((await post(id, 'release', feedback2)).statusCode).toBe(409);

    // Expired: shown as free, and anyone may take it.
    clock = new Date(START.getTime() + 16 * MINUTE);
    expect((await list(feedback2)).find((i) => i.id === id)).toMatchObject({ claimedBy: null, claimedUntil: null });
    const taken = await post(id, 'claim', feedback2);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ claimedBy: 'feedback2' });
    // The former holder may no longer record: someone else holds it now.
    expect((await post(id, 'outcome', feedback, { outcome: 'wrong-number' })).json()).toEqual({ error: 'claimed' });

    const released = await post(id, 'release', feedback2);
    expect(released.statusCode).toBe(204);
    expect((await list()).find((i) => i.id === id)).toMatchObject({ claimedBy: null });
    expect((await post(id, 'release', feedback)).statusCode).toBe(204);
    // A team lead may take a claim back from an operator.
    expect((await post(id, 'claim', feedback)).statusCode).toBe(200);
    expect((await post(id, 'release', lead)).statusCode).toBe(204);

    expect((await post('999999999', 'claim', feedback)).statusCode).toBe(404);
    expect((await post('abc', 'claim', feedback)).statusCode).toBe(400);
    clock = START;
  });

  it('lets exactly one of several concurrent claims win', async () => {
    clock = START;
    for (let round = 0; round < 5; round++) {
      const no = await newCase();
      await resolve(no);
      const id = await callbackOf(no);
      const answers = await Promise.all(crowd.map((h) => post(id, 'claim', h)));
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
      const winner = answers.find((a) => a.statusCode === 200)!.json<CallbackItem>().claimedBy;
      expect((await list()).find((i) => i.id === id)?.claimedBy).toBe(winner);
    }
  });

  it('records informed with satisfaction and comment; only the claimer, or a team lead, records', async () => {
    clock = START;
    const no = await newCase();
    await resolve(no);
    const id = await callbackOf(no);

    expect((await post(id, 'outcome', feedback, { outcome: 'informed', satisfaction: 4 })).json()).toEqual({ error: 'not-claimed' });
    expect((await post(id, 'claim', feedback)).statusCode).toBe(200);
    expect((await post(id, 'outcome', feedback2, { outcome: 'informed', satisfaction: 4 })).json()).toEqual({ error: 'claimed' });
    const missing = await post(id, 'outcome', feedback, { outcome: 'informed' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: 'invalid-request', issues: [{ path: 'satisfaction' }] });
    expect((await post(id, 'outcome', feedback, { outcome: 'informed', satisfaction: 6 })).statusCode).toBe(400);

    const done = await post(id, 'outcome', feedback, { outcome: 'informed', satisfaction: 4, comment: 'Teşekkür etti' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ next: 'done', retryAt: null });
    expect(await rows(no)).toMatchObject([{ status: 'done', outcome: 'informed', satisfaction: 4, comment: 'Teşekkür etti' }]);
    expect((await list()).some((i) => i.id === id)).toBe(false);
    expect((await post(id, 'outcome', feedback, { outcome: 'informed', satisfaction: 4 })).json()).toEqual({ error: 'closed' });
    expect((await post(id, 'claim', feedback)).json()).toEqual({ error: 'closed' });
    expect(await s.db.query('SELECT outcome, satisfaction FROM callback_attempts WHERE callback_id = $1::bigint', [id])).toEqual([{ outcome: 'informed', satisfaction: 4 }]);
    expect((await caseStatus(no))?.status).toBe('resolved');

    // A team lead records without a claim: wrong number, done.
    const other = await newCase();
    await resolve(other);
    const wrong = await post(await callbackOf(other), 'outcome', lead, { outcome: 'wrong-number', comment: null });
    expect(wrong.json()).toEqual({ next: 'done', retryAt: null });
    expect(await rows(other)).toMatchObject([{ status: 'done', outcome: 'wrong-number' }]);
  });

  it('schedules a retry after an unanswered call and gives up at the maximum number of attempts', async () => {
    clock = START;
    const no = await newCase();
    expect((await push([request(no, at(0), 'Sabah arayın')])).accepted).toHaveLength(1);
    const id = await callbackOf(no);

    expect((await post(id, 'claim', feedback)).statusCode).toBe(200);
    const first = await post(id, 'outcome', feedback, { outcome: 'no-answer', comment: 'Meşgul' });
    expect(first.json()).toEqual({ next: 'retry-scheduled', retryAt: at(30) });
    expect((await list()).find((i) => i.id === id)).toMatchObject({ attempts: 1, dueAt: at(30), claimedBy: null, note: 'Sabah arayın' });

    clock = new Date(START.getTime() + 31 * MINUTE);
    expect((await post(id, 'claim', feedback2)).statusCode).toBe(200);
    const second = await post(id, 'outcome', feedback2, { outcome: 'no-answer' });
    expect(second.json()).toEqual({ next: 'gave-up', retryAt: null });
    expect(await rows(no)).toMatchObject([{ status: 'gave-up', attempts: 2, outcome: 'no-answer' }]);
    expect((await list()).some((i) => i.id === id)).toBe(false);
    expect(await s.db.query('SELECT outcome FROM callback_attempts WHERE callback_id = $1::bigint ORDER BY id', [id])).toEqual([
      { outcome: 'no-answer' },
      { outcome: 'no-answer' },
    ]);
    clock = START;
  });

  it('reopens the case at its unit when the citizen says it is not solved; desks pull it; the report counts it', async () => {
    clock = START;
    const no = await newCase();
    await resolve(no);
    const id = await callbackOf(no);
    const head = await changeLogHead(s.db);

    expect((await post(id, 'claim', feedback)).statusCode).toBe(200);
    const res = await post(id, 'outcome', feedback, { outcome: 'not-solved', comment: 'Çukur hâlâ orada' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ next: 'reopened', retryAt: null });
    expect(await caseStatus(no)).toEqual({ status: 'reopened', unit_code: 'fen-isleri' });
    expect(await rows(no)).toMatchObject([{ status: 'done', outcome: 'not-solved' }]);

    const events = await s.db.query<{ kind: string; actor: string; detail: Record<string, unknown> }>(
      'SELECT e.kind, e.actor, e.detail FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.application_no = $1 ORDER BY e.id',
      [no],
    );
    expect(events.slice(-2)).toMatchObject([
      { kind: 'workflow.reopen', actor: 'feedback', detail: { action: 'reopen', from: 'resolved', by: 'callback', callbackId: id, comment: 'Çukur hâlâ orada' } },
      { kind: 'callback', actor: 'feedback', detail: { callbackId: id, outcome: 'not-solved', next: 'reopened' } },
    ]);

    const pulled = await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull?cursor=${head}`, headers: operator });
    const changes = PullResponse.parse(pulled.json()).changes.filter((c) => c.caseKey === no);
    expect(changes.map((c) => [c.kind, c.deskId, c.case.status, c.case.unitCode])).toEqual([['workflow', null, 'reopened', 'fen-isleri']]);
    const inbox = await s.app.inject({ method: 'GET', url: '/api/v1/units/fen-isleri/inbox?status=reopened', headers: fen });
    expect(inbox.json<{ cases: { case: { applicationNo: string } }[] }>().cases.map((c) => c.case.applicationNo)).toContain(no);

    // Resolved again: a new resolution call-back; this time the citizen confirms.
    await resolve(no);
    const again = await callbackOf(no);
    expect(again).not.toBe(id);
    expect((await post(again, 'outcome', admin, { outcome: 'informed', satisfaction: 5 })).json()).toEqual({ next: 'done', retryAt: null });

    const report = await s.app.inject({ method: 'GET', url: '/api/v1/reports/monthly?month=2026-11&by=unit', headers: lead });
    const fenRow = MonthlyReport.parse(report.json()).rows.find((r) => r.key === 'fen-isleri')!;
    const [counts] = await s.db.query<{ confirmed: number; disputed: number }>(
      `SELECT count(*) FILTER (WHERE b.outcome = 'informed')::int AS confirmed, count(*) FILTER (WHERE b.outcome = 'not-solved')::int AS disputed
         FROM callbacks b JOIN cases c ON c.id = b.case_id WHERE b.kind = 'resolution' AND c.unit_code = 'fen-isleri'`,
    );
    expect(counts!.disputed).toBeGreaterThanOrEqual(1);
    expect(fenRow).toMatchObject({
      citizenConfirmed: counts!.confirmed,
      citizenDisputed: counts!.disputed,
      citizenConfirmedRate: counts!.confirmed / (counts!.confirmed + counts!.disputed),
    });
  });

  it('records not-solved on a case that is not resolved without reopening it', async () => {
    clock = START;
    const no = await newCase();
    expect((await push([request(no, at(0))])).accepted).toHaveLength(1);
    const res = await post(await callbackOf(no), 'outcome', lead, { outcome: 'not-solved' });
    expect(res.json()).toEqual({ next: 'done', retryAt: null });
    expect((await caseStatus(no))?.status).toBe('forwarded');
  });

  it('keeps confidential cases off the feedback operators\' list (team leads see them)', async () => {
    clock = START;
    const no = await newCase({ confidential: true });
    await resolve(no);
    const id = await callbackOf(no);
    expect((await list(feedback, '?limit=500')).some((i) => i.id === id)).toBe(false);
    expect((await list(lead, '?limit=500')).some((i) => i.id === id)).toBe(true);
    expect((await post(id, 'claim', feedback)).statusCode).toBe(404);
    expect((await post(id, 'claim', lead)).statusCode).toBe(200);
  });

  it('answers 403 to operators and department users, 401 without a token', async () => {
    const no = await newCase();
    await resolve(no);
    const id = await callbackOf(no);
    for (const headers of [operator, fen]) {
      expect((await s.app.inject({ method: 'GET', url: '/api/v1/callbacks', headers })).statusCode).toBe(403);
      for (const action of ['claim', 'release'] as const) expect((await post(id, action, headers)).statusCode).toBe(403);
      expect((await post(id, 'outcome', headers, { outcome: 'wrong-number' })).statusCode).toBe(403);
    }
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/callbacks' })).statusCode).toBe(401);
    expect((await s.app.inject({ method: 'POST', url: `/api/v1/callbacks/${id}/claim` })).statusCode).toBe(401);
    expect((await list(admin)).some((i) => i.id === id)).toBe(true);
  });
});
