import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import { maskTcKimlikNo } from '../../core/tcKimlik.js';
import { PullResponse, type CaseChange, type PushResponse } from '../../sync/protocol.js';
import { engines } from '../db/testEngines.js';
import { CREATED_AT, createChange, startTestServer, type TestServer } from '../testSupport.js';

/*
 * Who may push which change and who pulls what (server/auth/permissions.ts), and what a create
 * may carry (sync/admission.ts), through the HTTP API as desks use it.
 */

type Headers = { authorization: string };

let nextSequence = 1;
/** Desk D12's provisional numbers. */
const newNumber = () => formatApplicationNo(2026, nextSequence++, 'D12');
const TC = '12345678950';
const OTHER_TC = '10000000146';
const SECRET = 'Komşumun evinde şiddet var, adım geçmesin';

describe.each(engines)('case access through sync on $name', (engine) => {
  let s: TestServer;
  let operator: Headers, feedback: Headers, lead: Headers, fen: Headers, zabita: Headers, admin: Headers;
  beforeAll(async () => {
    s = await startTestServer(engine, { now: () => new Date('2026-11-25T12:00:00.000Z') });
    [operator, feedback, lead, fen, zabita, admin] = await Promise.all([s.auth('operator'), s.auth('feedback'), s.auth('lead'), s.auth('fen'), s.auth('zabita'), s.auth('admin')]);
  }, 60_000); // six scrypt logins
  afterAll(async () => {
    await s?.close();
  });

  const pushRaw = (headers: Headers, changes: unknown[], deskId = 'D12') =>
    s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers, payload: { deskId, changes } as Record<string, unknown> });
  const push = async (headers: Headers, changes: CaseChange[], deskId = 'D12') => {
    const res = await pushRaw(headers, changes, deskId);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PushResponse>();
  };
  /** Every change the account pulls from the beginning, and the raw bodies it received. */
  const pullAll = async (headers: Headers) => {
    const changes: PullResponse['changes'] = [];
    let body = '';
    for (let cursor = ''; ; ) {
      const res = await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull?cursor=${cursor}&limit=1000`, headers });
      expect(res.statusCode, res.body).toBe(200);
      body += res.body;
      const page = PullResponse.parse(res.json());
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.more) return { changes, body };
    }
  };
  const change = <K extends CaseChange['kind']>(caseKey: string, kind: K, payload: Extract<CaseChange, { kind: K }>['payload'], deskId = 'D12') =>
    ({ changeId: randomUUID(), deskId, caseKey, kind, clientAt: CREATED_AT, payload }) as CaseChange;
  const refusedWith = (response: PushResponse, c: CaseChange, code: string) =>
    expect(response, c.kind).toEqual({ accepted: [], duplicates: [], rejected: [{ changeId: c.changeId, code }] });
  const caseRow = async (no: string) => {
    const [row] = await s.db.query<{ confidential: boolean; version: number; logged: number }>(
      'SELECT c.confidential, c.version, (SELECT count(*)::int FROM change_log l WHERE l.case_id = c.id) AS logged FROM cases c WHERE c.application_no = $1',
      [no],
    );
    return row;
  };
  /** Another unit's confidential case, with the citizen's T.C. kimlik no. */
  const confidentialCase = async () => {
    const no = newNumber();
    const created = await push(operator, [createChange(no, { unitCode: 'zabita', confidential: true, description: SECRET, tcKimlikNo: TC })]);
    expect(created.accepted).toHaveLength(1);
    return no;
  };

  describe('a confidential case', () => {
    it('cannot be made public by an operator, a feedback operator or an admin, from any desk: forbidden, nothing changes', async () => {
      const no = await confidentialCase();
      for (const [headers, deskId] of [[operator, 'D12'], [operator, 'D13'], [feedback, 'D14'], [admin, 'D15']] as const) {
        const clear = change(no, 'fields', { confidential: false }, deskId);
        refusedWith(await push(headers, [clear], deskId), clear, 'forbidden');
      }
      expect(await caseRow(no)).toEqual({ confidential: true, version: 1, logged: 1 });
      // The attack: nothing of the case reaches the operator's next pull.
      const { changes, body } = await pullAll(operator);
      expect(changes.some((c) => c.caseKey === no)).toBe(false);
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain(TC);
    });

    it('takes no note, call-back request or field edit from those who may not see it, and every one from a team lead', async () => {
      const no = await confidentialCase();
      const attempts = () => [
        change(no, 'note', { text: 'Vatandaş tekrar aradı' }),
        change(no, 'callback-request', { dueAt: '2026-11-26T09:00:00+03:00', note: null }),
        change(no, 'fields', { citizenName: 'Başka Biri' }),
      ];
      for (const headers of [operator, feedback, admin]) {
        for (const c of attempts()) refusedWith(await push(headers, [c]), c, 'forbidden');
      }
      expect(await caseRow(no)).toEqual({ confidential: true, version: 1, logged: 1 });
      const [callbacks] = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM callbacks b JOIN cases c ON c.id = b.case_id WHERE c.application_no = $1', [no]);
      expect(callbacks!.n).toBe(0);
      const byLead = attempts();
      expect(await push(lead, byLead)).toEqual({ accepted: byLead.map((c) => c.changeId), duplicates: [], rejected: [] });
    });

    it('is refused to department users at the door: they do not push at all', async () => {
      const no = await confidentialCase();
      for (const headers of [fen, zabita]) expect((await pushRaw(headers, [change(no, 'fields', { confidential: false })])).statusCode).toBe(403);
    });

    it('made public by a team lead reaches operators as it is now: not its confidential history nor the old values', async () => {
      const no = await confidentialCase();
      expect((await push(lead, [change(no, 'note', { text: 'Ekip gizlilikle gitsin' })])).accepted).toHaveLength(1);
      const clear = change(no, 'fields', { confidential: false, description: 'Yol çökmesi' });
      expect((await push(lead, [clear])).accepted).toEqual([clear.changeId]);

      for (const headers of [operator, feedback, admin]) {
        const { changes, body } = await pullAll(headers);
        const mine = changes.filter((c) => c.caseKey === no);
        expect(mine.map((c) => [c.kind, c.changeId])).toEqual([['fields', clear.changeId]]);
        expect(mine[0]!.case).toMatchObject({ confidential: false, description: 'Yol çökmesi', tcKimlikNo: maskTcKimlikNo(TC) });
        expect(mine[0]!.detail).toEqual({ changed: { confidential: { to: false }, description: { to: 'Yol çökmesi' } }, ignored: {} });
        expect(body).not.toContain(SECRET);
        expect(body).not.toContain('Ekip gizlilikle gitsin');
        expect(body).not.toContain(TC);
      }
      // Those who could see it all along keep the whole history.
      const full = (await pullAll(lead)).changes.filter((c) => c.caseKey === no);
      expect(full.map((c) => c.kind)).toEqual(['create', 'note', 'fields']);
      expect(full[2]!.detail).toEqual({ changed: { confidential: { from: true, to: false }, description: { from: SECRET, to: 'Yol çökmesi' } }, ignored: {} });
      expect(full[0]!.case.tcKimlikNo).toBe(TC);
      expect((await pullAll(zabita)).changes.filter((c) => c.caseKey === no).map((c) => c.kind)).toEqual(['create', 'note', 'fields']);
    });

    it('made confidential by a team lead takes its public past with it: a desk pulling afresh gets none of it', async () => {
      const no = newNumber();
      expect((await push(operator, [createChange(no, { description: 'Önce herkese açıktı' })])).accepted).toHaveLength(1);
      expect((await pullAll(operator)).changes.some((c) => c.caseKey === no)).toBe(true);
      const hide = change(no, 'fields', { confidential: true });
      refusedWith(await push(operator, [hide]), hide, 'forbidden');
      expect((await push(lead, [change(no, 'fields', { confidential: true })])).accepted).toHaveLength(1);
      for (const headers of [operator, feedback, admin]) {
        const { changes, body } = await pullAll(headers);
        expect(changes.some((c) => c.caseKey === no)).toBe(false);
        expect(body).not.toContain('Önce herkese açıktı');
      }
      expect((await pullAll(fen)).changes.filter((c) => c.caseKey === no).map((c) => c.kind)).toEqual(['create', 'fields']);
    });
  });

  it('lets desk roles edit desk fields of a public case, and only a team lead its confidentiality', async () => {
    const no = newNumber();
    expect((await push(operator, [createChange(no)])).accepted).toHaveLength(1);
    for (const headers of [operator, feedback, admin, lead]) {
      const edit = change(no, 'fields', { citizenName: `Ali Veli ${randomUUID().slice(0, 4)}`, confidential: false });
      expect((await push(headers, [edit])).accepted, 'desk field, flag as it is').toEqual([edit.changeId]);
    }
    for (const headers of [operator, feedback, admin]) {
      const hide = change(no, 'fields', { confidential: true });
      refusedWith(await push(headers, [hide]), hide, 'forbidden');
    }
    const hide = change(no, 'fields', { confidential: true });
    expect((await push(lead, [hide])).accepted).toEqual([hide.changeId]);
  });

  it('sends the T.C. kimlik no whole to team leads and the owning unit only, in cases and in change details', async () => {
    const no = newNumber();
    expect((await push(operator, [createChange(no, { tcKimlikNo: TC })])).accepted).toHaveLength(1);
    const fix = change(no, 'fields', { tcKimlikNo: OTHER_TC });
    expect((await push(operator, [fix])).accepted).toEqual([fix.changeId]);
    const seen = async (headers: Headers) => {
      const mine = (await pullAll(headers)).changes.filter((c) => c.caseKey === no);
      const text = JSON.stringify(mine);
      return { tc: mine.map((c) => c.case.tcKimlikNo), detail: mine[1]?.detail, whole: text.includes(TC) || text.includes(OTHER_TC) };
    };
    for (const headers of [operator, feedback, admin]) {
      expect(await seen(headers)).toEqual({
        tc: [maskTcKimlikNo(TC), maskTcKimlikNo(OTHER_TC)],
        detail: { changed: { tcKimlikNo: { from: maskTcKimlikNo(TC), to: maskTcKimlikNo(OTHER_TC) } }, ignored: {} },
        whole: false,
      });
    }
    for (const headers of [lead, fen]) {
      expect(await seen(headers)).toEqual({ tc: [TC, OTHER_TC], detail: { changed: { tcKimlikNo: { from: TC, to: OTHER_TC } }, ignored: {} }, whole: true });
    }
    expect(await seen(zabita)).toEqual({ tc: [], detail: undefined, whole: false });
  });

  describe('a create', () => {
    it('is refused for a unit the server does not know, an open case with no unit, or a status only the workflow gives', async () => {
      const cases = [
        [createChange(newNumber(), { unitCode: 'no-such-unit' }), 'invalid-unit'],
        [createChange(newNumber(), { unitCode: null }), 'invalid-unit'],
        [createChange(newNumber(), { status: 'closed', resolution: 'Kapandı' }), 'invalid-status'],
        [createChange(newNumber(), { status: 'resolved', resolution: 'Çözüldü' }), 'invalid-status'],
        [createChange(newNumber(), { status: 'rejected', resolution: 'Yetki dışı' }), 'invalid-status'],
        [createChange(newNumber(), { status: 'in-progress' }), 'invalid-status'],
        [createChange(newNumber(), { status: 'reopened' }), 'invalid-status'],
        [createChange(newNumber(), { status: 'closed', unitCode: 'no-such-unit', resolution: 'Bilgi verildi', firstContactResolution: true }), 'invalid-unit'],
      ] as const;
      const fine = [
        createChange(newNumber()),
        // Answered on the call: the desk records it closed (core/caseRules.ts), or resolved.
        createChange(newNumber(), { status: 'closed', unitCode: null, resolution: 'Bilgi verildi', firstContactResolution: true }),
        createChange(newNumber(), { status: 'resolved', unitCode: 'fen-isleri', resolution: 'Bilgi verildi', firstContactResolution: true }),
      ];
      // One batch: the refused ones do not keep the others out.
      expect(await push(operator, [...cases.map(([c]) => c), ...fine])).toEqual({
        accepted: fine.map((c) => c.changeId),
        duplicates: [],
        rejected: cases.map(([c, code]) => ({ changeId: c.changeId, code })),
      });
      const recorded = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM applied_changes WHERE change_id = ANY($1::uuid[])', [cases.map(([c]) => c.changeId)]);
      expect(recorded[0]!.n).toBe(0);
      for (const [c, code] of cases) refusedWith(await push(operator, [c]), c, code);
    });
  });

  describe('codes and numbers on one line', () => {
    const bad = ['\u0000', 'a\u0001b', 'fen\u007f', 'x\u0085', 'yol\u200b\ud800', '\udc00'];
    const messages = (res: { json: () => unknown }) => (res.json() as { issues: { path: string; message: string }[] }).issues;

    it('answers 400 with the field and the reason for control characters and lone surrogates, NUL included', async () => {
      for (const field of ['subjectCode', 'phone', 'unitCode', 'linkedid'] as const) {
        for (const value of bad) {
          const create = await pushRaw(operator, [createChange(newNumber(), { [field]: value })]);
          expect(create.statusCode, `${field} ${JSON.stringify(value)}`).toBe(400);
          const expected = value.includes('\ud800') || value === '\udc00' ? 'text.loneSurrogate' : 'text.controlChars';
          expect(messages(create)).toContainEqual({ path: `changes.0.payload.${field}`, message: expected });
          const edit = await pushRaw(operator, [change(newNumber(), 'fields', { [field]: value })]);
          expect(edit.statusCode, `fields ${field}`).toBe(400);
        }
      }
      const text = await pushRaw(operator, [createChange(newNumber(), { description: 'Çukur \ud800 var' })]);
      expect(messages(text)).toContainEqual({ path: 'changes.0.payload.description', message: 'text.loneSurrogate' });
      // What desks really send still goes through.
      const fine = createChange(newNumber(), { subjectCode: 'yol.kaldirim', phone: '+905321234567', linkedid: '1732521600.42' });
      expect((await push(operator, [fine])).accepted).toEqual([fine.changeId]);
    });

    it('answers 400, not 500, to a login whose username holds a NUL or a control character', async () => {
      for (const username of ['admin\u0000', 'admin\u0007', 'adm\ud800in']) {
        const res = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'admin153' } });
        expect(res.statusCode, JSON.stringify(username)).toBe(400);
        expect(res.json()).toMatchObject({ error: 'invalid-request', issues: [{ path: 'username', message: 'username.invalid' }] });
      }
    });
  });
});
