import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import type { CaseChange, PullResponse, PushResponse } from '../../sync/protocol.js';
import { engines } from '../db/testEngines.js';
import { createChange, startTestServer, type TestServer } from '../testSupport.js';

let nextSequence = 1;
/** A desk's provisional number: its own prefix, as the server takes it (admission.ts). */
const newNumber = (deskId = 'D12') => formatApplicationNo(2026, nextSequence++, deskId);

describe.each(engines)('sync push and pull on $name', (engine) => {
  let s: TestServer;
  let operator: { authorization: string };
  beforeAll(async () => {
    s = await startTestServer(engine);
    operator = await s.auth('operator');
  });
  afterAll(async () => {
    await s?.close();
  });

  const push = async (changes: CaseChange[], headers = operator, deskId = changes[0]!.deskId) => {
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers, payload: { deskId, changes } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PushResponse>();
  };

  const pullAll = async (headers: { authorization: string }, cursor = '', limit = 1000) => {
    const changes: PullResponse['changes'] = [];
    for (;;) {
      const res = await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull?cursor=${cursor}&limit=${limit}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<PullResponse>();
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.more) return { changes, cursor };
    }
  };

  it('stores a batch sent twice once, and answers the second time with duplicates', async () => {
    const no = newNumber();
    const create = createChange(no);
    const note: CaseChange = { changeId: randomUUID(), deskId: 'D12', caseKey: no, kind: 'note', clientAt: create.clientAt, payload: { text: 'Vatandaş tekrar aradı' } };
    const batch = [create, note];
    expect(await push(batch)).toEqual({ accepted: [create.changeId, note.changeId], duplicates: [], rejected: [] });
    expect(await push(batch)).toEqual({ accepted: [], duplicates: [create.changeId, note.changeId], rejected: [] });
    const [cases] = await s.db.query<{ n: string; version: number }>('SELECT count(*)::text AS n, max(version) AS version FROM cases WHERE application_no = $1', [no]);
    expect(cases).toEqual({ n: '1', version: 2 });
    const [log] = await s.db.query<{ n: string }>('SELECT count(*)::text AS n FROM change_log WHERE change_id IN ($1, $2)', [create.changeId, note.changeId]);
    expect(log!.n).toBe('2');
  });

  it('rejects changes to unknown cases and creates of existing numbers, without recording them', async () => {
    const no = newNumber();
    const orphan: CaseChange = { changeId: randomUUID(), deskId: 'D12', caseKey: no, kind: 'note', clientAt: '2026-11-25T09:00:00.000Z', payload: { text: 'x' } };
    expect(await push([orphan])).toEqual({ accepted: [], duplicates: [], rejected: [{ changeId: orphan.changeId, code: 'unknown-case' }] });
    const create = createChange(no);
    const again = createChange(no);
    expect(await push([create, again, orphan])).toEqual({
      accepted: [create.changeId, orphan.changeId],
      duplicates: [],
      rejected: [{ changeId: again.changeId, code: 'case-exists' }],
    });
  });

  it('gives a batch of creates (the set-based path) the same outcome as one by one', async () => {
    const [a, b, c] = [newNumber(), newNumber(), newNumber()];
    const first = createChange(a);
    const taken = createChange(b);
    expect(await push([first, taken])).toEqual({ accepted: [first.changeId, taken.changeId], duplicates: [], rejected: [] });
    const fresh = createChange(c, { subject: 'Çöp toplanmadı' });
    const again = createChange(b);
    expect(await push([first, again, fresh])).toEqual({ accepted: [fresh.changeId], duplicates: [first.changeId], rejected: [{ changeId: again.changeId, code: 'case-exists' }] });
    const applied = await s.db.query<{ change_id: string; case_no: string | null }>(
      `SELECT a.change_id::text AS change_id, c.application_no AS case_no FROM applied_changes a LEFT JOIN cases c ON c.id = a.case_id
        WHERE a.change_id IN ($1, $2, $3, $4) ORDER BY c.application_no`,
      [first.changeId, taken.changeId, again.changeId, fresh.changeId],
    );
    expect(applied.map((r) => [r.change_id, r.case_no])).toEqual([[first.changeId, a], [taken.changeId, b], [fresh.changeId, c]]);
    const events = await s.db.query<{ no: string; actor: string; change_id: string }>(
      `SELECT c.application_no AS no, e.actor, e.detail ->> 'changeId' AS change_id FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE c.application_no IN ($1, $2, $3) ORDER BY e.id`,
      [a, b, c],
    );
    expect(events.map((e) => [e.no, e.actor, e.change_id])).toEqual([[a, 'operator@D12', first.changeId], [b, 'operator@D12', taken.changeId], [c, 'operator@D12', fresh.changeId]]);
    const log = await s.db.query<{ change_id: string; subject: string }>(
      "SELECT change_id::text AS change_id, snapshot ->> 'subject' AS subject FROM change_log WHERE change_id IN ($1, $2, $3, $4) ORDER BY seq",
      [first.changeId, taken.changeId, again.changeId, fresh.changeId],
    );
    expect(log.map((l) => [l.change_id, l.subject])).toEqual([[first.changeId, 'Yol çökmesi'], [taken.changeId, 'Yol çökmesi'], [fresh.changeId, 'Çöp toplanmadı']]);
  });

  it('answers 400 with a typed body for an invalid batch and 403 for a department user', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: operator, payload: { deskId: 'D12', changes: [] } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid-request', issues: [expect.objectContaining({ path: 'changes' })] });
    const fen = await s.auth('fen');
    const forbidden = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: fen, payload: { deskId: 'D12', changes: [createChange(newNumber())] } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('merges desk fields field by field and keeps workflow fields on the server', async () => {
    const no = newNumber();
    await push([createChange(no)]);
    const fields = (payload: Record<string, unknown>, deskId = 'D12'): CaseChange =>
      ({ changeId: randomUUID(), deskId, caseKey: no, kind: 'fields', clientAt: '2026-11-25T09:05:00.000Z', payload }) as CaseChange;
    await push([fields({ description: 'Çukur büyüdü' }, 'D12')]);
    await push([fields({ citizenName: 'Ali Veli Yılmaz', status: 'closed', unitCode: 'zabita' }, 'D13')]);
    const { changes } = await pullAll(await s.auth('lead'));
    const mine = changes.filter((c) => c.caseKey === no);
    expect(mine.map((c) => c.kind)).toEqual(['create', 'fields', 'fields']);
    expect(mine.at(-1)!.case).toMatchObject({ description: 'Çukur büyüdü', citizenName: 'Ali Veli Yılmaz', status: 'forwarded', unitCode: 'fen-isleri', version: 3 });
    expect(mine.at(-1)!.detail).toEqual({
      changed: { citizenName: { from: 'Ali Veli', to: 'Ali Veli Yılmaz' } },
      ignored: { status: 'closed', unitCode: 'zabita' },
    });
    const events = await s.db.query<{ kind: string }>('SELECT e.kind FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.application_no = $1 ORDER BY e.id', [no]);
    expect(events.map((e) => e.kind)).toEqual(['create', 'fields', 'fields']);
  });

  it('pulls every change exactly once, each batch whole and in order, across interleaved concurrent pushes', async () => {
    const lead = await s.auth('lead');
    const start = await pullAll(lead);
    const desks = ['D21', 'D22', 'D23'];
    const batches = desks.flatMap((desk) => Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => createChange(newNumber(desk), {}, desk))));
    // Pulls run while the pushes commit: any page seen must be a gap-free continuation.
    const seen: string[] = [];
    let cursor = start.cursor;
    const pushes = Promise.all(batches.map((b) => push(b, operator, b[0]!.deskId)));
    let done = false;
    void pushes.finally(() => (done = true)).catch(() => undefined);
    let rounds = 0;
    for (; !done && rounds < 1000; rounds += 1) {
      const page = await pullAll(lead, cursor, 7);
      seen.push(...page.changes.map((c) => c.seq));
      cursor = page.cursor;
      // PGlite answers without I/O, so a tight loop of GETs would never let the POST bodies be
      // read (a macrotask); real clients are separate processes.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await pushes;
    expect(rounds).toBeGreaterThan(0);
    const rest = await pullAll(lead, cursor, 7);
    seen.push(...rest.changes.map((c) => c.seq));
    // Log order is commit-safe, not seq order (pull.ts): a batch is one transaction, so its
    // entries come together and in the order pushed, whichever batch committed first.
    const bySeq = await s.db.query<{ seq: string; change_id: string }>(
      'SELECT seq::text AS seq, change_id::text AS change_id FROM change_log WHERE change_id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid)',
      [JSON.stringify(batches.flat().map((c) => c.changeId))],
    );
    const changeOf = new Map(bySeq.map((r) => [r.seq, r.change_id]));
    const pulled = seen.map((seq) => changeOf.get(seq));
    expect(pulled).toHaveLength(60);
    expect([...pulled].sort()).toEqual(batches.flat().map((c) => c.changeId).sort());
    for (const batch of batches) {
      const at = pulled.indexOf(batch[0]!.changeId);
      expect(pulled.slice(at, at + batch.length)).toEqual(batch.map((c) => c.changeId));
    }
    const again = await pullAll(lead, start.cursor, 1000);
    expect(again.changes.map((c) => c.seq)).toEqual(seen);
  });

  it('shows a department user only its unit, confidential ones included, and hides confidential cases from operators', async () => {
    const fenOpen = newNumber();
    const fenSecret = newNumber();
    const zabitaOpen = newNumber();
    const zabitaSecret = newNumber();
    await push([
      createChange(fenOpen),
      createChange(fenSecret, { confidential: true }),
      createChange(zabitaOpen, { unitCode: 'zabita' }),
      createChange(zabitaSecret, { unitCode: 'zabita', confidential: true }),
    ]);
    const keys = async (username: string) => new Set((await pullAll(await s.auth(username))).changes.map((c) => c.caseKey));
    const fen = await keys('fen');
    expect([fen.has(fenOpen), fen.has(fenSecret), fen.has(zabitaOpen), fen.has(zabitaSecret)]).toEqual([true, true, false, false]);
    const zabita = await keys('zabita');
    expect([zabita.has(fenOpen), zabita.has(fenSecret), zabita.has(zabitaOpen), zabita.has(zabitaSecret)]).toEqual([false, false, true, true]);
    const op = await keys('operator');
    expect([op.has(fenOpen), op.has(fenSecret), op.has(zabitaOpen), op.has(zabitaSecret)]).toEqual([true, false, true, false]);
    const lead = await keys('lead');
    expect([lead.has(fenOpen), lead.has(fenSecret), lead.has(zabitaOpen), lead.has(zabitaSecret)]).toEqual([true, true, true, true]);
  });

  it('refuses a malformed cursor with 400', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull?cursor=abc', headers: operator });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid-request' });
  });
});
