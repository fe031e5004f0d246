import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatApplicationNo } from '../core/applicationNumber.js';
import { freePort } from '../main/host/testing/freePort.js';
import { CREATED_AT, createChange } from '../server/testSupport.js';
import { deskPerTest } from './support/deskPerTest.js';
import { startDesk } from './support/deskProcess.js';
import { startServerProcess, type ServerProcess } from './support/serverProcess.js';

// Issue 18, items 15 and 16: what a feedback operator sees on a fresh call-back card, and what a
// team lead reads in the monthly report and its CSV. A real central server and a real desk.

const run = deskPerTest();
let server: ServerProcess | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

const DESK_ID = 'desk-e2e-18';
const no = (n: number) => formatApplicationNo(2026, n, 'EON');

async function login(serverUrl: string, username: string): Promise<{ authorization: string }> {
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `${username}153` }),
  });
  expect(res.status).toBe(200);
  return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
}

/** Pushes cases as a desk would (operator account). */
async function push(serverUrl: string, changes: ReturnType<typeof createChange>[]) {
  const operator = await login(serverUrl, 'operator');
  const res = await fetch(`${serverUrl}/api/v1/sync/push`, {
    method: 'POST',
    headers: { ...operator, 'content-type': 'application/json' },
    body: JSON.stringify({ deskId: DESK_ID, changes }),
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { accepted: string[] }).accepted).toHaveLength(changes.length);
}

async function startWith(page: Page, role: 'feedback' | 'team-lead', user: string) {
  server = await startServerProcess(await freePort(), path.join(run.dataDir, 'server'));
  return async () => {
    run.desk = await startDesk({
      DESK_DATA_DIR: path.join(run.dataDir, 'desk'),
      DESK_SIM_CALL_INTERVAL_MS: '0',
      DESK_ROLE: role,
      DESK_SERVER_URL: server!.url,
      DESK_SERVER_USER: user,
      DESK_SERVER_PASSWORD: `${user}153`,
    });
    await page.goto(run.desk.url);
  };
}

test('a fresh call-back is not late, and its card has the citizen’s words, the address and what to say', async ({ page }) => {
  const openDesk = await startWith(page, 'feedback', 'feedback');
  const applicationNo = no(1);
  await push(server!.url, [
    createChange(
      applicationNo,
      {
        subject: 'Kaldırım bozuk / kırık',
        subjectCode: 'yol.kaldirim',
        description: 'Okul önündeki kaldırım taşları kırık, çocuklar düşüyor.',
        address: { district: 'Kadıköy', neighbourhood: 'Caferağa', street: 'Moda Cd.', detail: 'No 12 önü' },
        phone: '905321110018',
        citizenName: 'Hatice Güneş',
      },
      DESK_ID,
    ),
  ]);
  // The unit resolves it now: the citizen is to be told, due at once.
  const resolved = await fetch(`${server!.url}/api/v1/cases/${applicationNo}/resolve`, {
    method: 'POST',
    headers: { ...(await login(server!.url, 'fen')), 'content-type': 'application/json' },
    body: JSON.stringify({ resolution: 'Kırık taşlar yenilendi.' }),
  });
  expect(resolved.status).toBe(200);

  await openDesk();
  await page.getByTestId('tab-callbacks').click();
  const row = page.getByTestId('callback-row').filter({ hasText: applicationNo });
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-overdue', 'false');
  await expect(row.getByTestId('callback-overdue')).toHaveCount(0);
  await expect(row.getByTestId('callback-description')).toContainText('Okul önündeki kaldırım taşları kırık, çocuklar düşüyor.');
  await expect(row.getByTestId('callback-address')).toContainText('Kadıköy, Caferağa, Moda Cd., No 12 önü');
  await expect(row.getByTestId('callback-resolution')).toContainText('Kırık taşlar yenilendi.');

  // The script unfolds on demand: the greeting by name, then what to say for each outcome.
  const script = row.getByTestId('callback-script');
  await script.getByText('Görüşme metni').click();
  await expect(script.getByText('Hatice Güneş ile mi görüşüyorum?')).toBeVisible();
  const steps = script.getByTestId('callback-script-step');
  await expect(steps).toHaveCount(5);
  await expect(steps.filter({ hasText: 'Ulaşıldı, memnun değil' })).toContainText('Görüşünüzü not aldım');
  await expect(steps.filter({ hasText: 'Ulaşılamadı' })).toBeVisible();
  await expect(steps.filter({ hasText: 'Sorun sürüyor' })).toContainText('Kaydedin: Sorun çözülmemiş');
  // Nothing on the card runs off the side at this window size.
  expect(await row.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});

test('the monthly report: a case resolved on the call takes 0 hours, has its own unit row, and the CSV has the screen’s columns', async ({ page }) => {
  const openDesk = await startWith(page, 'team-lead', 'lead');
  // Answered on the call on 25 November, reaching the server only now (the desk was offline):
  // the wait is not resolution time.
  await push(server!.url, [
    createChange(no(2), { subject: 'Su kesintisi bilgisi', status: 'closed', unitCode: null, resolution: 'Kesinti 17.00’de bitiyor.', firstContactResolution: true, phone: '905321110019', createdAt: CREATED_AT }, DESK_ID),
    createChange(no(3), { subject: 'Su kesintisi bilgisi', status: 'closed', unitCode: null, resolution: 'Bilgi verildi.', firstContactResolution: true, phone: null, createdAt: CREATED_AT }, DESK_ID),
    createChange(no(4), { subject: 'Yol çökmesi', phone: null, createdAt: CREATED_AT }, DESK_ID),
  ]);

  await openDesk();
  await page.getByTestId('tab-reports').click();
  await page.getByTestId('report-month').fill(CREATED_AT.slice(0, 7));
  const table = page.getByTestId('report-table');
  await expect(table).toHaveAttribute('data-month', CREATED_AT.slice(0, 7));

  const bySubject = table.locator('[data-testid="report-row"][data-key="Su kesintisi bilgisi"]');
  await expect(bySubject.locator('[data-column="firstContactResolutions"]')).toHaveText('2');
  await expect(bySubject.locator('[data-column="meanResolutionHours"]')).toHaveText('0,0');
  await expect(bySubject.locator('[data-column="onTimePercent"]')).toHaveText('%100');

  await page.getByTestId('report-by').selectOption('unit');
  await expect(table).toHaveAttribute('data-by', 'unit');
  const onCall = table.locator('[data-testid="report-row"][data-key=""]');
  await expect(onCall.locator('th')).toHaveText('Görüşmede çözülen');
  await expect(onCall.locator('[data-column="meanResolutionHours"]')).toHaveText('0,0');

  // The CSV of what is on screen: the same column names in the same order, "Süresinde %" among them.
  const screenHeaders = (await table.locator('thead th').allTextContents()).map((h) => h.trim());
  expect(screenHeaders).toContain('Süresinde %');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.split('\r\n');
  expect(lines[0]!.split(';')).toEqual(screenHeaders);
  const onCallLine = lines.find((l) => l.startsWith('Görüşmede çözülen;'))!.split(';');
  expect(onCallLine[screenHeaders.indexOf('Ort. çözüm süresi (saat)')]).toBe('0,0');
  expect(onCallLine[screenHeaders.indexOf('Süresinde %')]).toBe('100,0');
});
