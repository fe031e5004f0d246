import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatApplicationNo } from '../../core/applicationNumber.js';
import { forwardedNoticeAt } from '../../core/sla.js';
import { isoInstant } from '../db/sqlClient.js';
import { engines } from '../db/testEngines.js';
import { CREATED_AT, createChange, startTestServer, type TestServer } from '../testSupport.js';
import { dispatchDue, retryDelayMs, startNotificationWorker } from './dispatch.js';
import { LogSmsSender, SmtpSender, type NotificationSender, type OutgoingNotification } from './senders.js';

interface Row {
  id: string;
  channel: string;
  recipient: string;
  template: string;
  payload: { applicationNo: string };
  due_at: unknown;
  sent_at: unknown;
  cancelled_at: unknown;
  attempts: number;
  last_error: string | null;
}

const ms = (v: unknown) => Date.parse(isoInstant(v));

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1, random port, keeping what it receives. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const env = session.envelope;
        received.push({
          from: env.mailFrom ? env.mailFrom.address : '',
          to: env.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('SmtpSender against a local SMTP server', () => {
  it('delivers the Turkish message with the application number in subject and body', async () => {
    const smtp = await startSmtp();
    const sender = new SmtpSender({ url: smtp.url, from: 'ALO 153 <noreply@belediye.test>' });
    try {
      const no = formatApplicationNo(2026, 77);
      await sender.send({ id: '1', channel: 'email', recipient: 'vatandas@example.test', template: 'created', payload: { applicationNo: no } });
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0]!;
      expect(mail.to).toEqual(['vatandas@example.test']);
      expect(mail.from).toBe('noreply@belediye.test');
      // Subject is RFC 2047-encoded (Turkish letters); the number is plain ASCII in the body.
      const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(mail.raw)?.[1] ?? '';
      const decodedSubject = subject
        .split(/\r\n[ \t]/)
        .map((part) => part.replace(/=\?utf-8\?([QB])\?(.*?)\?=/gi, (_m, enc: string, text: string) =>
          enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQ(text)))
        .join('');
      expect(decodedSubject).toContain(no);
      expect(decodedSubject).toContain('başvurunuz alındı');
      expect(decodeBody(mail.raw)).toContain(`${no} numarasıyla kaydedilmiştir`);
    } finally {
      sender.close();
      await smtp.close();
    }
  });

  it('throws when the server refuses, so the worker retries', async () => {
    const sender = new SmtpSender({ url: 'smtp://127.0.0.1:1', from: 'noreply@belediye.test' });
    await expect(
      sender.send({ id: '2', channel: 'email', recipient: 'a@example.test', template: 'resolved', payload: { applicationNo: 'X' } }),
    ).rejects.toThrow();
    sender.close();
  });
});

function decodeQ(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(raw: string): string {
  const [headers = '', ...rest] = raw.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) return decodeQ(body.replace(/=\r\n/g, '').replace(/_/g, '=5F'));
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body, 'base64').toString('utf8');
  return body;
}

describe('LogSmsSender', () => {
  it('logs the id and template only, no phone and no name', async () => {
    const lines: string[] = [];
    await new LogSmsSender((l) => lines.push(l)).send({ id: '42', channel: 'sms', recipient: '05321234567', template: 'forwarded', payload: { applicationNo: 'N' } });
    expect(lines).toEqual(['sms notification 42 template forwarded']);
  });
});

describe.each(engines)('notifications outbox on $name', (engine) => {
  let s: TestServer;
  let operator: { authorization: string };
  let serial = 1000;
  // The server's clock stands at the moment createChange's cases were created, so what is due
  // depends on the test's dates only, never on the day the suite runs.
  const clock = new Date(CREATED_AT);
  const at = (offsetMs: number) => new Date(clock.getTime() + offsetMs);
  beforeAll(async () => {
    s = await startTestServer(engine, { now: () => clock });
    operator = await s.auth('operator');
  });
  afterAll(async () => {
    await s?.close();
  });

  async function push(...changes: ReturnType<typeof createChange>[]) {
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: operator, payload: { deskId: 'D12', changes } });
    expect(res.statusCode).toBe(200);
    return res.json<{ accepted: string[]; rejected: unknown[] }>();
  }

  async function rowsOf(no: string): Promise<Row[]> {
    return s.db.query<Row>(
      `SELECT n.id::text AS id, n.channel, n.recipient, n.template, n.payload, n.due_at, n.sent_at, n.cancelled_at, n.attempts, n.last_error
         FROM notifications n JOIN cases c ON c.id = n.case_id WHERE c.application_no = $1 ORDER BY n.id`,
      [no],
    );
  }

  // Desk D12's provisional numbers (the server takes no final number it did not reserve).
  const nextNo = () => formatApplicationNo(2026, (serial += 1), 'D12');
  const setStatus = (no: string, status: string) => s.db.query('UPDATE cases SET status = $2 WHERE application_no = $1', [no, status]);

  it('a forwarded case promises the number now and the 48-hour notice at forwardedNoticeAt(createdAt)', async () => {
    const no = nextNo();
    await push(createChange(no));
    const rows = await rowsOf(no);
    expect(rows.map((r) => [r.channel, r.template, r.recipient])).toEqual([
      // The desk sent 05321234567; the server stores numbers canonical (issue 18).
      ['sms', 'created', '905321234567'],
      ['sms', 'forwarded', '905321234567'],
    ]);
    expect(rows[0]!.payload).toMatchObject({ applicationNo: no });
    expect(ms(rows[0]!.due_at)).toBe(clock.getTime());
    expect(ms(rows[1]!.due_at)).toBe(forwardedNoticeAt(new Date(CREATED_AT)).getTime());
  });

  it('a case resolved on the call promises the number and the resolution, no 48-hour notice', async () => {
    const no = nextNo();
    await push(createChange(no, { status: 'resolved', unitCode: null, resolution: 'Bilgi verildi', firstContactResolution: true }));
    expect((await rowsOf(no)).map((r) => r.template)).toEqual(['created', 'resolved']);
  });

  it('resolving before the notice is due cancels it and promises the resolution; no contact, no rows', async () => {
    const no = nextNo();
    await push(createChange(no));
    await setStatus(no, 'in-progress');
    await setStatus(no, 'resolved');
    const rows = await rowsOf(no);
    expect(rows.map((r) => [r.template, r.cancelled_at === null])).toEqual([
      ['created', true],
      ['forwarded', false],
      ['resolved', true],
    ]);
    const silent = nextNo();
    await push(createChange(silent, { phone: null }));
    expect(await rowsOf(silent)).toEqual([]);
  });

  it('the department workflow resolving a case cancels the 48-hour notice and promises the resolution', async () => {
    const no = nextNo();
    await push(createChange(no));
    const fen = await s.auth('fen');
    const res = await s.app.inject({ method: 'POST', url: `/api/v1/cases/${no}/resolve`, headers: fen, payload: { resolution: 'Çukur kapatıldı' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await rowsOf(no)).map((r) => [r.template, r.cancelled_at === null])).toEqual([
      ['created', true],
      ['forwarded', false],
      ['resolved', true],
    ]);
  });

  it('a rejected push (duplicate number) leaves no promise behind', async () => {
    const no = nextNo();
    await push(createChange(no));
    const again = await push(createChange(no, { phone: '05559998877' }));
    expect(again.rejected).toHaveLength(1);
    expect((await rowsOf(no)).every((r) => r.recipient === '905321234567')).toBe(true);
  });

  it('sends due rows, retries a failing sender later with backoff, and loses nothing', async () => {
    // Everything promised so far is due now except the 48-hour notices (two days after CREATED_AT).
    await s.db.query('UPDATE notifications SET sent_at = $2 WHERE sent_at IS NULL AND template <> $1', ['forwarded', clock.toISOString()]);
    const no = nextNo();
    await push(createChange(no));
    const [created] = await rowsOf(no);
    let fail = true;
    const delivered: OutgoingNotification[] = [];
    const flaky: NotificationSender = {
      send(n) {
        if (fail) return Promise.reject(new Error('gateway down'));
        delivered.push(n);
        return Promise.resolve();
      },
    };
    const t0 = at(1000);
    const first = await dispatchDue(s.db, { sms: flaky }, t0);
    expect(first).toEqual({ sent: [], failed: [created!.id] });
    let [row] = await rowsOf(no);
    expect(row).toMatchObject({ attempts: 1, last_error: 'gateway down', sent_at: null });
    expect(ms(row!.due_at)).toBe(t0.getTime() + retryDelayMs(1));

    // Not due again before the backoff has passed.
    expect(await dispatchDue(s.db, { sms: flaky }, new Date(t0.getTime() + retryDelayMs(1) - 1))).toEqual({ sent: [], failed: [] });
    const t1 = new Date(t0.getTime() + retryDelayMs(1));
    expect((await dispatchDue(s.db, { sms: flaky }, t1)).failed).toEqual([created!.id]);
    [row] = await rowsOf(no);
    expect(row).toMatchObject({ attempts: 2 });
    expect(ms(row!.due_at)).toBe(t1.getTime() + retryDelayMs(2));

    fail = false;
    const t2 = new Date(t1.getTime() + retryDelayMs(2));
    expect(await dispatchDue(s.db, { sms: flaky }, t2)).toEqual({ sent: [created!.id], failed: [] });
    [row] = await rowsOf(no);
    expect(row).toMatchObject({ attempts: 3, last_error: null });
    expect(row!.sent_at).not.toBeNull();
    expect(delivered.map((n) => [n.template, n.payload.applicationNo])).toEqual([['created', no]]);
    // Sent once: nothing more to do until the 48-hour notices fall due; then those go out too.
    expect(await dispatchDue(s.db, { sms: flaky }, new Date(t2.getTime() + 60_000))).toEqual({ sent: [], failed: [] });
    const later = await dispatchDue(s.db, { sms: flaky }, new Date(forwardedNoticeAt(clock).getTime() + 60_000));
    const pendingForwarded = await s.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE template = 'forwarded' AND sent_at IS NULL AND cancelled_at IS NULL`,
    );
    expect(later.sent.length).toBeGreaterThan(0);
    expect(pendingForwarded[0]!.n).toBe(0);
  });

  it('rows of a channel without a sender wait instead of being dropped', async () => {
    await s.db.query(
      `INSERT INTO notifications (case_id, channel, recipient, template, payload, due_at)
       SELECT id, 'email', 'vatandas@example.test', 'created', jsonb_build_object('applicationNo', application_no), $1 FROM cases LIMIT 1`,
      [clock.toISOString()],
    );
    const result = await dispatchDue(s.db, {}, at(1000));
    expect(result.sent).toEqual([]);
    const [row] = await s.db.query<Row>(`SELECT attempts, sent_at, last_error FROM notifications WHERE channel = 'email'`);
    expect(row).toMatchObject({ attempts: 1, sent_at: null, last_error: 'no sender for channel email' });
  });

  it('the worker sends due rows on its own, one step at a time, until stopped', async () => {
    const no = nextNo();
    await push(createChange(no, { phone: '05001112233' }));
    const lines: string[] = [];
    const worker = startNotificationWorker(s.db, { sms: new LogSmsSender((l) => lines.push(l)) }, { intervalMs: 20, now: () => at(1000) });
    const [created] = await rowsOf(no);
    for (let i = 0; i < 100 && !lines.includes(`sms notification ${created!.id} template created`); i += 1) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect(lines).toContain(`sms notification ${created!.id} template created`);
    expect((await rowsOf(no))[0]!.sent_at).not.toBeNull();
  });
});
