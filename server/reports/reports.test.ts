import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import { engines } from '../db/testEngines.js';
import { createChange, startTestServer, type TestServer } from '../testSupport.js';
import { MonthlyReport, REPORT_COLUMN_NAMES_TR, reportColumns } from '../../core/report.js';
import { monthBounds, monthlyReportCsv } from './monthly.js';

describe('monthBounds', () => {
  it('takes the month in Istanbul time (UTC+3)', () => {
    expect(monthBounds('2026-10')).toEqual({ from: new Date('2026-09-30T21:00:00Z'), to: new Date('2026-10-31T21:00:00Z') });
    expect(monthBounds('2026-12').to).toEqual(new Date('2026-12-31T21:00:00Z'));
  });
});

describe('monthlyReportCsv', () => {
  const row = (key: string, label = key) => ({
    key,
    label,
    created: 1,
    resolved: 1,
    resolvedOnTime: 1,
    meanResolutionHours: -1.5,
    firstContactResolutions: 0,
    reopened: 0,
    citizenConfirmed: 0,
    citizenDisputed: 0,
    citizenConfirmedRate: null,
    incidents: 0,
    incidentCases: 0,
  });

  it('writes subjects and unit names that look like formulas as text, figures as numbers', () => {
    const bySubject = monthlyReportCsv({
      month: '2026-10',
      by: 'subject',
      rows: [row('=HYPERLINK("http://x.example","Tıkla")'), row('+1+2'), row('@SUM(1+1)'), row('-Çöp'), row('\tSekme')],
    });
    expect(bySubject.slice(1).split('\r\n').slice(1)).toEqual([
      `"'=HYPERLINK(""http://x.example"",""Tıkla"")";1;1;1;100,0;-1,5;0;0;0;0;;0;0`,
      "'+1+2;1;1;1;100,0;-1,5;0;0;0;0;;0;0",
      "'@SUM(1+1);1;1;1;100,0;-1,5;0;0;0;0;;0;0",
      "'-Çöp;1;1;1;100,0;-1,5;0;0;0;0;;0;0",
      "'\tSekme;1;1;1;100,0;-1,5;0;0;0;0;;0;0",
      '',
    ]);
    const byUnit = monthlyReportCsv({ month: '2026-10', by: 'unit', rows: [row('zabita', '=cmd|\' /C calc\'!A0')] });
    expect(byUnit.slice(1).split('\r\n')[1]).toBe("'=cmd|' /C calc'!A0;1;1;1;100,0;-1,5;0;0;0;0;;0;0");
  });

  it('has the screen\'s columns, in the screen\'s order, under the screen\'s names, "Süresinde %" among them', () => {
    const header = (by: 'subject' | 'unit') => monthlyReportCsv({ month: '2026-10', by, rows: [] }).slice(1).split('\r\n')[0]!;
    expect(header('subject')).toBe(
      'Konu;Açılan;Çözülen;Süresinde çözülen;Süresinde %;Ort. çözüm süresi (saat);İlk temasta çözüm;Yeniden açılan;Vatandaş onayı;Vatandaş itirazı;Onay %;Toplu olay;Toplu olaya bağlı çağrı',
    );
    expect(header('unit')).toBe(header('subject').replace(/^Konu;/, 'Birim;'));
    expect(header('unit').split(';')).toEqual(reportColumns('unit').map((c) => REPORT_COLUMN_NAMES_TR[c]));
  });

  it('names the rows without a name as the screen does: by unit, the cases answered on the call', () => {
    const line = (by: 'subject' | 'unit') => monthlyReportCsv({ month: '2026-10', by, rows: [row('', '')] }).slice(1).split('\r\n')[1];
    expect(line('unit')).toMatch(/^Görüşmede çözülen;/);
    expect(line('subject')).toMatch(/^\(Konu yok\);/);
    // On-time share with nothing resolved: an empty cell, not 0 %.
    expect(monthlyReportCsv({ month: '2026-10', by: 'subject', rows: [{ ...row('Su'), resolved: 0, resolvedOnTime: 0, meanResolutionHours: null }] }).split('\r\n')[1]).toBe('Su;1;0;0;;;0;0;0;0;;0;0');
  });
});

describe.each(engines)('monthly reports on $name', (engine) => {
  let s: TestServer;
  let lead: { authorization: string };
  // Desk D12's provisional numbers (the server takes no final number it did not reserve).
  const no = (n: number) => formatApplicationNo(2026, n, 'D12');
  const QUOTED = 'Bilgi; "çöp" saatleri';

  /** What the department workflow does: the new status, logged with the time it happened. */
  async function setStatus(n: number, status: string, at: string) {
    await s.db.transaction(async (tx) => {
      const [c] = await tx.query<{ id: string }>('UPDATE cases SET status = $2, updated_at = $3 WHERE application_no = $1 RETURNING id::text AS id', [no(n), status, at]);
      await tx.query(
        `INSERT INTO change_log (case_id, kind, detail, snapshot, at) VALUES ($1, 'workflow', '{}'::jsonb, jsonb_build_object('status', $2::text), $3)`,
        [c!.id, status, at],
      );
    });
  }

  beforeAll(async () => {
    // The server's clock when the desks' pushes arrive: a day after the first-contact case was
    // recorded (a desk that was offline, or a demo desk's case of yesterday), which must not count.
    s = await startTestServer(engine, { now: () => new Date('2026-10-05T10:00:00.000Z') });
    const operator = await s.auth('operator');
    lead = await s.auth('lead');
    const changes = [
      createChange(no(1), { createdAt: '2026-10-05T09:00:00.000Z', dueAt: '2026-10-08T09:00:00.000Z' }),
      createChange(no(2), { createdAt: '2026-10-06T09:00:00.000Z', dueAt: '2026-10-07T09:00:00.000Z' }),
      createChange(no(3), {
        subject: QUOTED,
        status: 'resolved',
        unitCode: null,
        resolution: 'Bilgi verildi',
        firstContactResolution: true,
        createdAt: '2026-10-04T10:00:00.000Z',
      }),
      // 1 November 00:30 in Istanbul: November's.
      createChange(no(4), { subject: 'Zabıta', unitCode: 'zabita', createdAt: '2026-10-31T21:30:00.000Z' }),
      // 1 October 00:30 in Istanbul: October's.
      createChange(no(5), { subject: 'Zabıta', unitCode: 'zabita', createdAt: '2026-09-30T21:30:00.000Z' }),
    ];
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: operator, payload: { deskId: 'D12', changes } });
    expect(res.json<{ accepted: string[] }>().accepted).toHaveLength(5);
    await setStatus(1, 'in-progress', '2026-10-06T09:00:00.000Z');
    await setStatus(1, 'resolved', '2026-10-07T09:00:00.000Z'); // 48 h, before its due time
    await setStatus(2, 'resolved', '2026-10-08T09:00:00.000Z'); // 48 h, a day late
    await setStatus(2, 'reopened', '2026-10-09T09:00:00.000Z');
    await setStatus(2, 'resolved', '2026-10-10T09:00:00.000Z'); // later resolutions do not move the first
    // What the feedback operators heard (server/callbacks): case 1's citizen confirmed; case 2's
    // disputed the first resolution and confirmed the second; a requested call-back does not count.
    await callback(1, 'resolution', 'informed');
    await callback(2, 'resolution', 'not-solved');
    await callback(2, 'resolution', 'informed');
    await callback(2, 'resolution', null);
    await callback(3, 'requested', 'informed');
  });

  async function callback(n: number, kind: string, outcome: string | null) {
    await s.db.query(
      `INSERT INTO callbacks (case_id, kind, due_at, max_attempts, status, outcome, created_at, updated_at)
       SELECT id, $2, now(), 3, $3, $4, now(), now() FROM cases WHERE application_no = $1`,
      [no(n), kind, outcome === null ? 'open' : 'done', outcome],
    );
  }
  afterAll(async () => {
    await s?.close();
  });

  const get = (query: string, headers: Record<string, string> = lead) => s.app.inject({ method: 'GET', url: `/api/v1/reports/monthly?${query}`, headers });

  it('groups the month\'s cases by subject', async () => {
    const res = await get('month=2026-10&by=subject');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      month: '2026-10',
      by: 'subject',
      rows: [
        { key: 'Yol çökmesi', label: 'Yol çökmesi', created: 2, resolved: 2, resolvedOnTime: 1, meanResolutionHours: 48, firstContactResolutions: 0, reopened: 1, citizenConfirmed: 2, citizenDisputed: 1, citizenConfirmedRate: 2 / 3, incidents: 0, incidentCases: 0 },
        { key: QUOTED, label: QUOTED, created: 1, resolved: 1, resolvedOnTime: 1, meanResolutionHours: 0, firstContactResolutions: 1, reopened: 0, citizenConfirmed: 0, citizenDisputed: 0, citizenConfirmedRate: null, incidents: 0, incidentCases: 0 },
        { key: 'Zabıta', label: 'Zabıta', created: 1, resolved: 0, resolvedOnTime: 0, meanResolutionHours: null, firstContactResolutions: 0, reopened: 0, citizenConfirmed: 0, citizenDisputed: 0, citizenConfirmedRate: null, incidents: 0, incidentCases: 0 },
      ],
    });
  });

  it('groups by unit with the unit\'s name, and counts November\'s case in November', async () => {
    const res = await get('month=2026-10&by=unit');
    // The desktop reads the answer with core/report.ts's schema: it must parse as is.
    expect(MonthlyReport.parse(res.json()).rows.map((r) => [r.key, r.label, r.created])).toEqual([
      ['fen-isleri', 'Fen İşleri Müdürlüğü', 2],
      ['', '', 1],
      ['zabita', expect.stringMatching(/Zabıta/), 1],
    ]);
    const november = await get('month=2026-11&by=unit');
    expect(november.json<{ rows: { key: string; created: number }[] }>().rows.map((r) => [r.key, r.created])).toEqual([['zabita', 1]]);
    expect((await get('month=2027-01&by=unit')).json()).toEqual({ month: '2027-01', by: 'unit', rows: [] });
  });

  it('answers CSV for Turkish Excel: BOM, semicolons, decimal comma, quoted fields', async () => {
    const res = await get('month=2026-10&by=subject&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="alo153-2026-10-subject.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.body.slice(1).split('\r\n')).toEqual([
      'Konu;Açılan;Çözülen;Süresinde çözülen;Süresinde %;Ort. çözüm süresi (saat);İlk temasta çözüm;Yeniden açılan;Vatandaş onayı;Vatandaş itirazı;Onay %;Toplu olay;Toplu olaya bağlı çağrı',
      'Yol çökmesi;2;2;1;50,0;48,0;0;1;2;1;66,7;0;0',
      '"Bilgi; ""çöp"" saatleri";1;1;1;100,0;0,0;1;0;0;0;;0;0',
      'Zabıta;1;0;0;;;0;0;0;0;;0;0',
      '',
    ]);
    const byUnit = await get('month=2026-10&by=unit&format=csv');
    expect(byUnit.body.slice(1).split('\r\n').slice(1, 3)).toEqual([
      'Fen İşleri Müdürlüğü;2;2;1;50,0;48,0;0;1;2;1;66,7;0;0',
      'Görüşmede çözülen;1;1;1;100,0;0,0;1;0;0;0;;0;0',
    ]);
  });

  it('is for team leads and admins only, and checks the query', async () => {
    expect((await get('month=2026-10&by=unit', await s.auth('admin'))).statusCode).toBe(200);
    expect((await get('month=2026-10&by=unit', await s.auth('operator'))).statusCode).toBe(403);
    expect((await get('month=2026-10&by=unit', await s.auth('fen'))).statusCode).toBe(403);
    expect((await get('month=2026-10&by=unit', {})).statusCode).toBe(401);
    for (const bad of ['month=2026-13&by=unit', 'month=2026-10', 'month=2026-10&by=agent', 'month=2026-10&by=unit&format=xlsx']) {
      const res = await get(bad);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid-request' });
    }
  });
});
