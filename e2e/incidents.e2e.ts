import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Incident } from '../core/incident.js';
import { hashSecurityCode } from '../core/securityCode.js';
import { insertCase } from '../db/caseRepository.js';
import { openDatabase } from '../db/openDatabase.js';
import { preparedCase } from '../db/testSupport.js';
import { STORE_FILE } from '../main/host/privateDataDir.js';
import { freePort } from '../main/host/testing/freePort.js';
import { startDesk, type DeskProcess } from './support/deskProcess.js';
import { startServerProcess, type ServerProcess } from './support/serverProcess.js';

const CALLER = '905327654321';

let dir: string;
let desk: DeskProcess | null = null;
let server: ServerProcess | null = null;

test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'desk-incidents-e2e-'));
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a hook asks for from this pattern
test.afterEach(async ({}, testInfo) => {
  if (desk && testInfo.status !== testInfo.expectedStatus) await testInfo.attach('desk output', { body: desk.output() });
  await desk?.stop('SIGKILL');
  await server?.stop();
  desk = null;
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

async function leadAuth(url: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'lead', password: 'lead153' }),
  });
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

/** The caller lives in Kadıköy: a case of theirs from last month, in the desk's store before it starts. */
function seedKnownCaller(deskDir: string): void {
  const db = openDatabase(path.join(deskDir, STORE_FILE));
  const input = preparedCase({
    phone: CALLER,
    citizenName: 'Ayşe Yılmaz',
    linkedid: null,
    address: { district: 'Kadıköy', neighbourhood: null, street: 'Moda Caddesi', detail: null },
  });
  insertCase(db, input, { now: new Date(Date.now() - 30 * 86_400_000), actor: 'PJSIP/1001', securityCode: '', securityCodeHash: hashSecurityCode('K7M2P9RT') });
  db.close();
}

test('a caller from the district of a declared incident pops with it; Alt+1 saves the call under the incident, and the server has it', async ({ page }) => {
  server = await startServerProcess(await freePort(), path.join(dir, 'server'));
  const auth = await leadAuth(server.url);
  const message = `Kadıköy’de ana isale arızası: su saat 18.00’de gelecek (${Date.now()}).`;
  const declared = await fetch(`${server.url}/api/v1/incidents`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      subjectCode: 'su.kesinti',
      unitCode: 'su-idaresi',
      districts: ['Kadıköy'],
      message,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      expectedEndAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
    }),
  });
  expect(declared.status).toBe(201);
  const incident = (await declared.json()) as Incident;

  const deskDir = path.join(dir, 'desk');
  seedKnownCaller(deskDir);
  desk = await startDesk({
    DESK_DATA_DIR: deskDir,
    DESK_SERVER_URL: server.url,
    DESK_SERVER_USER: 'operator',
    DESK_SERVER_PASSWORD: 'operator153',
    DESK_SIM_CALLERS: `${CALLER}:Ayşe Yılmaz`,
    DESK_SIM_CALL_INTERVAL_MS: '1500',
    DESK_SIM_AUTO_ANSWER_MS: '1000',
    DESK_SIM_TALK_MS: '120000',
  });
  await page.goto(desk.url);
  await expect(page.getByTestId('screen-pop-caller')).toHaveText('0532 765 43 21');

  // The pop offers the incident (the caller's district) with what to tell them, and its key.
  const suggestion = page.locator(`[data-testid="incident-suggestion"][data-incident-id="${incident.id}"]`);
  await expect(suggestion).toBeVisible();
  await expect(suggestion).toContainText(message);
  await expect(suggestion).toHaveAttribute('data-reason', 'district');
  await expect(page.getByTestId('incident-suggestion').first()).toHaveAttribute('data-incident-id', incident.id);
  await expect(suggestion.getByTestId('incident-attach')).toHaveText('Bu olaya bağla (Alt+1)');
  // A named region, and buttons named by what they show.
  const box = page.getByRole('region', { name: /Toplu olay/ });
  await expect(box).toBeVisible();
  await expect(box.getByRole('button', { name: 'Bu olaya bağla (Alt+1)' })).toBeVisible();

  // One key from pop to saved case.
  await page.keyboard.press('Alt+1');
  const attached = page.getByTestId('incident-attached');
  await expect(attached).toBeVisible();
  await expect(attached).toHaveAttribute('data-repeat', 'false');
  await expect(page.getByTestId('incident-case-number')).toHaveText(/^([A-Z][A-Z0-9]{0,7}-)?\d{4}-\d{7}-\d$/);
  await expect(page.getByTestId('incident-security-code')).not.toBeEmpty();
  await expect(suggestion).toHaveAttribute('data-attached', 'true');
  const applicationNo = (await page.getByTestId('incident-case-number').textContent())!.trim();

  // The desk's list shows it at once; the server has it under the incident once the outbox went out.
  await expect(page.getByTestId('case-row').filter({ has: page.getByRole('gridcell', { name: applicationNo, exact: true }) })).toHaveCount(1);
  await expect
    .poll(
      async () => {
        const res = await fetch(`${server!.url}/api/v1/incidents/${incident.id}`, { headers: auth });
        if (!res.ok) return [];
        const body = (await res.json()) as { cases: { applicationNo: string }[] };
        return body.cases.map((c) => c.applicationNo);
      },
      { timeout: 30_000 },
    )
    .toContain(applicationNo);
});
