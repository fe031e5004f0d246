import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { formatPhone } from '../core/phone.js';
import { startDesk, type DeskProcess } from './support/deskProcess.js';

// A quick simulated queue: a caller every 1.5 s, auto-answer after 2 s, long talk so the call
// stays up while the operator types.
const demoEnv = (dataDir: string) => ({
  DESK_DATA_DIR: dataDir,
  DESK_SIM_CALL_INTERVAL_MS: '1500',
  DESK_SIM_AUTO_ANSWER_MS: '2000',
  DESK_SIM_TALK_MS: '120000',
});

let dataDir: string;
let desk: DeskProcess | null = null;

test.beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
});
test.afterEach(async () => {
  await desk?.stop();
  desk = null;
  rmSync(dataDir, { recursive: true, force: true });
});

test('a queued call pops on the screen, becomes a case, and the case survives a restart', async ({ page }) => {
  desk = await startDesk(demoEnv(dataDir));
  await page.goto(desk.url);

  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');

  // The simulator rings this agent: the caller's number shows before the call is answered.
  const pop = page.getByTestId('screen-pop');
  await expect(pop).toBeVisible();
  // Shown as it is read out (0532 111 22 33), stored as 905321112233 (issue 18).
  const shown = (await page.getByTestId('screen-pop-caller').textContent())?.trim() ?? '';
  expect(shown).toMatch(/^0\d{3} \d{3} \d{2} \d{2}$/);
  const caller = `9${shown.replace(/\D/g, '')}`;

  const subject = `Kaldırım çökmüş ${Date.now()}`;
  await page.getByTestId('case-subject').fill(subject);
  await page.getByTestId('case-description').fill('Atatürk Caddesi 12 önünde kaldırım çöktü, yayalar yola iniyor. İlgili birime iletildi.');
  await page.getByTestId('case-forward').click();

  const row = page.getByTestId('case-row').filter({ hasText: subject });
  await expect(row).toHaveCount(1);
  // Listed as it is read out: 0532 111 22 33 (issue 18).
  await expect(row).toContainText(formatPhone(caller));

  // The host restarts (new process, new token): the case is still there.
  await desk.stop();
  desk = await startDesk(demoEnv(dataDir));
  await page.goto(desk.url);
  await expect(page.getByTestId('case-row').filter({ hasText: subject })).toHaveCount(1);
  await expect(page.getByTestId('case-row').filter({ hasText: subject })).toContainText(formatPhone(caller));
});

test('the token leaves the address bar at once, a reload still connects, and malformed paths from another site do not end the desk', async ({ page }) => {
  desk = await startDesk({ ...demoEnv(dataDir), DESK_SIM_CALL_INTERVAL_MS: '0' });
  const deskOrigin = new URL(desk.url).origin;
  await page.goto(desk.url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  // Replaced, not pushed: neither the address bar nor the history entry holds the token.
  expect(page.url()).toBe(`${deskOrigin}/`);
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  expect(page.url()).toBe(`${deskOrigin}/`);

  // A page on another origin aims malformed paths at the desk, as any site the operator opens
  // could (served over http: Chromium sends nothing to the desk from a data: page).
  const site = http.createServer((_req, res) => res.end('<!doctype html><title>another site</title>'));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const other = await page.context().newPage();
  try {
    await other.goto(`http://localhost:${(site.address() as AddressInfo).port}/`);
    await other.evaluate(async (origin) => {
      const load = (src: string) => new Promise((resolve) => Object.assign(new Image(), { onload: resolve, onerror: resolve, src }));
      await Promise.all(['/%', '/%E0%A4%A', '/%ZZ'].map((path) => load(origin + path)));
    }, deskOrigin);
  } finally {
    await other.close();
    site.close();
  }
  expect((await page.request.get(`${deskOrigin}/`)).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
});

test('the form refuses an empty case and says why, and nothing is saved', async ({ page }) => {
  desk = await startDesk({ ...demoEnv(dataDir), DESK_SIM_CALL_INTERVAL_MS: '0' });
  await page.goto(desk.url);
  await expect(page.getByTestId('case-form')).toBeVisible();
  await expect(page.locator('[data-testid="case-list"][data-loaded="true"]')).toBeVisible();
  const rowsBefore = await page.getByTestId('case-row').count();
  await page.getByTestId('case-description').fill('Konu yazılmadan kaydedilmeye çalışıldı.');
  await page.getByTestId('case-resolve').click();
  await expect(page.getByTestId('case-form')).toContainText(/zorunlu|gerekli|boş/i);
  await expect(page.getByTestId('case-row')).toHaveCount(rowsBefore);
});
