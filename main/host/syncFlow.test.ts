import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseApplicationNo } from '../../core/applicationNumber.js';
import type { EventName } from '../../core/contract.js';
import type { SyncStatus } from '../../core/syncStatus.js';
import type { Host, HostOptions } from './host.js';
import { clockFrom } from '../../core/clock.js';
import { startCentralServer, waitUntil, type CentralServer } from './testing/centralServer.js';
import { freePort } from './testing/freePort.js';
import { recordCasesDirectly } from './testing/bulkCases.js';
import { addReservedNumbers } from '../../db/numberPool.js';
import { openDatabase } from '../../db/openDatabase.js';
import { invokeValue as call, startTestDesk, type Cleanups } from './testing/testDesk.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-sync-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function deskEnv(dataDir: string, serverUrl: string, user: string | null = 'operator'): Record<string, string> {
  return {
    DESK_DATA_DIR: dataDir,
    DESK_SERVER_URL: serverUrl,
    ...(user ? { DESK_SERVER_USER: user, DESK_SERVER_PASSWORD: `${user}153` } : {}),
  };
}

async function desk(env: Record<string, string>, options: HostOptions = {}): Promise<Host & { events: Array<{ name: EventName; payload: unknown }> }> {
  const host = await startTestDesk(cleanups, env, options);
  const events: Array<{ name: EventName; payload: unknown }> = [];
  host.onEvent((name, payload) => events.push({ name, payload }));
  return Object.assign(host, { events });
}

const status = (host: Host) => call<SyncStatus>(host, 'sync.status');

async function central(engine: 'pglite' | 'postgres', port?: number): Promise<CentralServer> {
  const server = await startCentralServer(engine, port);
  cleanups.push(() => server.close());
  return server;
}

async function serverCount(server: CentralServer, sql: string): Promise<number> {
  const [row] = await server.db.query<{ n: string }>(sql);
  return Number(row!.n);
}

const caseInput = (i: number) => ({
  subject: 'Sokak lambası yanmıyor',
  description: `Çınar Sokak ${i} önündeki direk yanmıyor`,
  outcome: 'forwarded' as const,
  phone: `0532${String(1_000_000 + i).padStart(7, '0')}`,
  citizenName: 'İbrahim Işık',
  linkedid: null,
});

describe('desk and central server', () => {
  it('records 500 cases with the server down the whole session; once it is up every case arrives exactly once, under the number the citizen was given', async () => {
    const port = await freePort();
    const dir = tempDir();
    const host = await desk(deskEnv(dir, `http://127.0.0.1:${port}`));

    const given: Array<{ applicationNo: string; securityCode: string }> = [];
    for (let i = 0; i < 500; i++) {
      const created = await call<{ case: { applicationNo: string }; securityCode: string }>(host, 'cases.create', caseInput(i));
      given.push({ applicationNo: created.case.applicationNo, securityCode: created.securityCode });
    }
    const offline = await status(host);
    expect(offline.state).not.toBe('online');
    const localTotal = offline.pending;
    expect(localTotal).toBeGreaterThanOrEqual(500); // plus the demo desk's own first cases
    // Offline numbers are the desk's provisional ones: prefixed, checkable, and never repeated.
    expect(given.every((g) => parseApplicationNo(g.applicationNo)?.prefix)).toBe(true);
    expect(new Set(given.map((g) => g.applicationNo)).size).toBe(500);

    const server = await central('pglite', port);
    await waitUntil(async () => (await status(host)).pending === 0, 60_000, 'the outbox to drain');
    await waitUntil(async () => (await status(host)).state === 'online', 10_000, 'online');
    expect(await serverCount(server, 'SELECT count(*)::text AS n FROM cases')).toBe(localTotal);
    expect(await serverCount(server, 'SELECT count(*)::text AS n FROM applied_changes')).toBe(localTotal);
    const [numbers] = await server.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM cases WHERE application_no = ANY($1::text[])`,
      [given.map((g) => g.applicationNo)],
    );
    expect(Number(numbers!.n)).toBe(500);

    // The citizen quotes the provisional number and code: the central server knows them.
    const first = given[0]!;
    const right = await fetch(`${server.url}/api/v1/status/${first.applicationNo}?code=${first.securityCode}`);
    expect(right.status).toBe(200);
    const wrong = await fetch(`${server.url}/api/v1/status/${first.applicationNo}?code=ZZZZ2222`);
    expect(wrong.status).toBe(404);

    // Sending again changes nothing.
    await call(host, 'sync.retry');
    await host.syncFlush();
    expect(await serverCount(server, 'SELECT count(*)::text AS n FROM cases')).toBe(localTotal);
  }, 180_000);

  it('a host killed with SIGKILL in the middle of a push loses nothing and doubles nothing after a restart', async () => {
    const dir = tempDir();
    const total = 3000;
    recordCasesDirectly(path.join(dir, 'desk.sqlite'), total);
    const server = await central('pglite');

    const child = spawn(process.execPath, ['--import', 'tsx', 'main/shell/browserMain.ts'], {
      cwd: root,
      env: { ...process.env, DESK_BROWSER: '1', DESK_PORT: '0', DESK_SIM_CALL_INTERVAL_MS: '0', ...deskEnv(dir, server.url) },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    });
    let arrived = 0;
    await waitUntil(async () => (arrived = await serverCount(server, 'SELECT count(*)::text AS n FROM cases')) > 0, 60_000, 'the first batch');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(arrived).toBeLessThan(total);

    const host = await desk(deskEnv(dir, server.url));
    await waitUntil(async () => (await status(host)).pending === 0, 60_000, 'the outbox to drain after the restart');
    expect(await serverCount(server, 'SELECT count(*)::text AS n FROM cases')).toBe(total);
    expect(await serverCount(server, 'SELECT count(*)::text AS n FROM applied_changes')).toBe(total);
    expect(await serverCount(server, "SELECT count(*)::text AS n FROM case_events WHERE kind = 'create'")).toBe(total);
  }, 180_000);

  it('keeps going when PostgreSQL drops every connection mid-sync: each case arrives exactly once', async () => {
    const dir = tempDir();
    const total = 2500;
    recordCasesDirectly(path.join(dir, 'desk.sqlite'), total);
    const server = await central('postgres');
    const host = await desk(deskEnv(dir, server.url));

    await waitUntil(async () => (await serverCount(server, 'SELECT count(*)::text AS n FROM cases')) > 0, 60_000, 'the first batch');
    // What a PostgreSQL restart does to a running server: every session of its database ends.
    await server.db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    await server.db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()').catch(() => {});

    await waitUntil(async () => (await status(host)).pending === 0, 90_000, 'the outbox to drain');
    expect(await serverCount(server, 'SELECT count(*)::text AS n FROM cases')).toBe(total);
    expect(await serverCount(server, 'SELECT count(*)::text AS n FROM applied_changes')).toBe(total);
  }, 180_000);

  it('shows a case created on desk A on desk B within 2 s, and a department resolution on both', async () => {
    const server = await central('pglite');
    const a = await desk(deskEnv(tempDir(), server.url, 'operator'));
    const b = await desk(deskEnv(tempDir(), server.url, 'feedback'));
    await waitUntil(async () => (await status(a)).state === 'online' && (await status(b)).state === 'online', 20_000, 'both desks online');
    await waitUntil(async () => (await status(a)).pending === 0 && (await status(b)).pending === 0, 20_000, 'demo cases pushed');

    const created = await call<{ case: { id: number; applicationNo: string } }>(a, 'cases.create', {
      ...caseInput(7),
      subject: 'Kaldırım taşı kırık',
      description: 'Işıklı Kaldırım Sokak girişinde kırık taşlar var',
      unitCode: 'fen-isleri',
    });
    const applicationNo = created.case.applicationNo;
    const started = Date.now();
    type Found = { rows: Array<{ id: number; applicationNo: string; status: string; resolution: string | null }> };
    const onB = async () => (await call<Found>(b, 'cases.search', { text: applicationNo })).rows.find((c) => c.applicationNo === applicationNo);
    await waitUntil(async () => (await onB()) !== undefined, 2000, 'the case on desk B');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(b.events.some((e) => e.name === 'cases.synced')).toBe(true);

    // The unit closes the loop on the server; both desks show the resolution.
    const fen = await server.auth('fen');
    const resolved = await fetch(`${server.url}/api/v1/cases/${applicationNo}/resolve`, {
      method: 'POST',
      headers: { ...fen, 'content-type': 'application/json' },
      body: JSON.stringify({ resolution: 'Taşlar yenilendi' }),
    });
    expect(resolved.status).toBe(200);
    await waitUntil(async () => (await onB())?.status === 'resolved', 3000, 'the resolution on desk B');
    await waitUntil(async () => (await call<{ case: { status: string } }>(a, 'cases.get', { id: created.case.id })).case.status === 'resolved', 3000, 'the resolution on desk A');
    const detail = await call<{ case: { status: string; resolution: string | null }; history: Array<{ kind: string }> }>(a, 'cases.get', { id: created.case.id });
    expect(detail.case.resolution).toBe('Taşlar yenilendi');
    expect(detail.history.map((h) => h.kind)).toContain('workflow');
  }, 120_000);

  it('holds a case the server refuses for good (a number reserved for another desk), sends it no more, and the rest goes through', async () => {
    const server = await central('pglite');
    const reserved = await fetch(`${server.url}/api/v1/numbers/reserve`, {
      method: 'POST',
      headers: { ...(await server.auth('operator')), 'content-type': 'application/json' },
      body: JSON.stringify({ deskId: 'desk-elsewhere', count: 1 }),
    });
    const [foreign] = ((await reserved.json()) as { numbers: string[] }).numbers;
    const host = await desk(deskEnv(tempDir(), server.url, 'operator'));
    await waitUntil(async () => (await status(host)).state === 'online' && (await status(host)).pending === 0, 20_000, 'online, demo cases pushed');
    // Another desk's number in this desk's pool (a copied data file, say): the smallest, so the next case takes it.
    const file = openDatabase(host.dataFile);
    addReservedNumbers(file, [foreign!]);
    file.close();
    const refused = await call<{ case: { applicationNo: string } }>(host, 'cases.create', caseInput(1));
    expect(refused.case.applicationNo).toBe(foreign);
    await host.syncFlush();
    expect(await status(host)).toMatchObject({ state: 'online', pending: 0, held: 1, lastError: { code: 'rejected' } });

    const fine = await call<{ case: { applicationNo: string } }>(host, 'cases.create', caseInput(2));
    await waitUntil(async () => (await status(host)).pending === 0, 20_000, 'the next case pushed');
    await host.syncFlush();
    const onServer = await server.db.query<{ application_no: string }>('SELECT application_no FROM cases WHERE application_no = ANY($1::text[])', [[foreign, fine.case.applicationNo]]);
    expect(onServer.map((r) => r.application_no)).toEqual([fine.case.applicationNo]);
    // Held, not retried: sent once, with the server's reason.
    const check = openDatabase(host.dataFile);
    const outbox = check.prepare('SELECT attempts, held, last_error FROM sync_outbox').all();
    check.close();
    expect(outbox).toEqual([{ attempts: 1, held: 1, last_error: 'number-not-reserved' }]);
  }, 60_000);

  it('refuses a wrong password with a clear error and keeps the desk recording', async () => {
    const server = await central('pglite');
    const host = await desk(deskEnv(tempDir(), server.url, null));
    expect((await status(host)).state).toBe('signed-out');
    const wrong = await host.invoke('session.login', { username: 'operator', password: 'yanlış' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.code).toBe('unauthorized');
    await call(host, 'cases.create', caseInput(1));
    expect((await status(host)).pending).toBeGreaterThan(0);
    const ok = await call<SyncStatus>(host, 'session.login', { username: 'operator', password: 'operator153' });
    expect(ok.account?.username).toBe('operator');
    await waitUntil(async () => (await status(host)).pending === 0, 20_000, 'the outbox to drain after login');
    const out = await call<SyncStatus>(host, 'session.logout');
    expect(out.state).toBe('signed-out');
  }, 60_000);

  it('gives a team lead the monthly report and its CSV through the host; an operator is refused', async () => {
    const server = await central('pglite');
    // Two desks either side of Istanbul's midnight into 2027 (UTC+3), while it is still 2026 in
    // UTC for both: the operator's case is December's, the lead's is January's.
    const operator = await desk(deskEnv(tempDir(), server.url, 'operator'), { now: clockFrom('2026-12-31T20:58:00Z') });
    await call(operator, 'cases.create', caseInput(2));
    const lead = await desk({ ...deskEnv(tempDir(), server.url, 'lead'), DESK_ROLE: 'team-lead' }, { now: clockFrom('2026-12-31T21:00:00Z') });
    await call(lead, 'cases.create', caseInput(1));
    for (const each of [operator, lead]) {
      await waitUntil(async () => (await status(each)).pending === 0 && (await status(each)).state === 'online', 20_000, 'the cases on the server');
    }
    type Report = { rows: Array<{ created: number; citizenConfirmedRate: number | null }> };
    const created = async (month: string) => (await call<Report>(lead, 'reports.monthly', { month, by: 'unit' })).rows.reduce((n, row) => n + row.created, 0);
    expect(await created('2027-01')).toBe(1);
    expect(await created('2026-12')).toBe(1);
    const month = '2026-12';
    const csv = await call<{ fileName: string; csv: string }>(lead, 'reports.monthlyCsv', { month, by: 'subject' });
    expect(csv.fileName).toBe(`alo153-${month}-subject.csv`);
    expect(csv.csv.split('\n').length).toBe(3);

    const refused = await operator.invoke('reports.monthly', { month, by: 'unit' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  }, 60_000);
});
