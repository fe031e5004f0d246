import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDesk, type DeskProcess } from './support/deskProcess.js';
import { freePort } from '../main/host/testing/freePort.js';
import { startServerProcess, type ServerProcess } from './support/serverProcess.js';

let dir: string;
let desk: DeskProcess | null = null;
let server: ServerProcess | null = null;

test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'desk-sync-e2e-'));
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a hook asks for from this pattern
test.afterEach(async ({}, testInfo) => {
  // On failure, the host's log says what the desk saw (the reporter prints it; the file stays).
  if (desk && testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('desk output', { body: desk.output() });
    writeFileSync(path.join(testInfo.outputDir, 'desk-output.txt'), desk.output());
  }
  await desk?.stop('SIGKILL');
  await server?.stop();
  desk = null;
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

/** Records a pavement complaint for the roads unit (Fen İşleri) and returns its number. */
async function forwardPavementCase(page: Page, description: string): Promise<string> {
  await page.getByTestId('case-subject').fill('kaldırım bozuk');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByTestId('case-description').fill(description);
  await page.getByTestId('case-forward').click();
  await expect(page.getByTestId('case-number')).toHaveText(/^([A-Z][A-Z0-9]{0,7}-)?\d{4}-\d{7}-\d$/);
  return (await page.getByTestId('case-number').textContent())!.trim();
}

test('log in to the central server, forward a case, a department resolves it on its page, the desk shows it; then offline and back', async ({ page, context }) => {
  const port = await freePort();
  const serverDir = path.join(dir, 'server');
  server = await startServerProcess(port, serverDir);
  desk = await startDesk({ DESK_DATA_DIR: path.join(dir, 'desk'), DESK_SIM_CALL_INTERVAL_MS: '0', DESK_SERVER_URL: server.url });
  await page.goto(desk.url);

  // Signed out, yet the desk records: the login is one click away and never blocks the form.
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-state', 'signed-out');
  await expect(page.getByTestId('case-form')).toBeVisible();
  await page.getByTestId('sync-login').click();
  await page.getByTestId('login-username').fill('operator');
  await page.getByTestId('login-password').fill('yanlış-parola');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
  await expect(page.getByTestId('login-password')).toHaveValue('');
  await page.getByTestId('login-password').fill('operator153');
  await page.keyboard.press('Enter');
  await expect(status).toHaveAttribute('data-state', 'online');
  await expect(page.getByTestId('sync-pending')).toContainText('0');

  const applicationNo = await forwardPavementCase(page, 'Işıklı Sokak 4 önündeki kaldırım taşları kırık, yayalar yola iniyor.');
  await expect(page.getByTestId('sync-pending')).toContainText('0');

  // The unit works its inbox on the server's own page.
  const department = await context.newPage();
  await department.goto(`${server.url}/department/`);
  await department.locator('input[name="username"]').fill('fen');
  await department.locator('input[name="password"]').fill('fen153');
  await department.getByRole('button', { name: 'Giriş' }).click();
  // A department account works its own unit: the field is filled and locked.
  await expect(department.locator('#unit')).toHaveValue('fen-isleri');
  await department.locator('#refresh').click();
  const row = department.locator('#rows tr').filter({ hasText: applicationNo });
  await expect(row).toHaveCount(1);
  // The resolution is written in the page's own form (issue 18: no browser prompt).
  await row.getByRole('button', { name: 'Çöz' }).click();
  const resolveForm = department.getByRole('dialog', { name: 'Başvuruyu çöz' });
  await resolveForm.getByLabel('Çözüm açıklaması (vatandaşa bildirilecek)').fill('Kırık taşlar yenilendi.');
  await resolveForm.getByRole('button', { name: 'Çözüldü olarak kaydet' }).click();
  await expect(department.locator('#rows tr').filter({ hasText: applicationNo })).toContainText('Çözüldü');

  // The desk follows within seconds, without a reload.
  await page.getByTestId('case-search').fill(applicationNo);
  const caseRow = page.getByTestId('case-row').filter({ has: page.getByRole('gridcell', { name: applicationNo, exact: true }) });
  await expect(caseRow).toContainText('Çözüldü');

  // The server goes away: the desk says so, keeps recording, and counts what waits.
  await server.stop();
  server = null;
  await page.getByTestId('case-search').fill('');
  const offlineNo = await forwardPavementCase(page, 'Moda Caddesi 12 önünde kaldırım çökmüş.');
  await expect(status).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('sync-pending')).toContainText('1');
  await expect(page.getByTestId('sync-error')).toBeVisible();

  // Retry while the server is still away: the desk tries, says so again, and keeps the case.
  await page.getByTestId('sync-retry').click();
  await expect(status).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('sync-pending')).toContainText('1');

  // Back again: the desk finds it by itself (backoff) or at once with retry; what waited is sent.
  server = await startServerProcess(port, serverDir);
  await page.getByTestId('sync-retry').click({ timeout: 2_000 }).catch(() => {});
  await expect(status).toHaveAttribute('data-state', 'online', { timeout: 45_000 });
  await expect(page.getByTestId('sync-pending')).toContainText('0');
  await department.locator('#refresh').click();
  await expect(department.locator('#rows tr').filter({ hasText: offlineNo })).toHaveCount(1);
});
