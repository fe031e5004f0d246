import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDesk, type DeskProcess } from './support/deskProcess.js';

// Issue 18, item 5: a number is typed in any shape, stored in one (905321112233) and shown as it
// is read out in Turkey; an application number read out without its dashes finds its case.

let dataDir: string;
let desk: DeskProcess | null = null;

test.beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-phone-'));
});
test.afterEach(async () => {
  await desk?.stop('SIGKILL');
  desk = null;
  rmSync(dataDir, { recursive: true, force: true });
});

test('a number typed with spaces saves, shows as 0532 111 22 33 and finds its case; the number without dashes does too', async ({ page }) => {
  // No calls: a walk-in case, typed by hand.
  desk = await startDesk({ DESK_DATA_DIR: dataDir, DESK_SERVER_URL: 'off', DESK_SIM_CALL_INTERVAL_MS: '0' });
  await page.goto(desk.url);
  await expect(page.locator('[data-testid="case-list"][data-loaded="true"]')).toBeVisible();

  await page.getByTestId('case-subject').fill('Kaldırım çökmesi');
  await page.getByTestId('case-description').fill('Işıklı Sokak 4 önündeki kaldırım çöktü.');

  // Not a number: refused with a reason in Turkish, nothing saved.
  await page.getByTestId('case-phone').fill('0532 111 22 3x');
  await page.getByTestId('case-forward').click();
  await expect(page.getByTestId('case-phone-error')).toContainText('Bu bir telefon numarası değil');
  await expect(page.getByTestId('case-number')).toHaveCount(0);

  await page.getByTestId('case-phone').fill('(0532) 111-22 33');
  await page.getByTestId('case-forward').click();
  const applicationNo = (await page.getByTestId('case-number').textContent())!.trim();
  expect(applicationNo).toMatch(/^([A-Z][A-Z0-9]{0,7}-)?\d{4}-\d{7}-\d$/);

  const row = page.getByTestId('case-row').filter({ has: page.getByRole('gridcell', { name: applicationNo, exact: true }) });
  await expect(row.getByRole('gridcell', { name: '0532 111 22 33', exact: true })).toBeVisible();
  await row.click();
  await expect(page.getByTestId('case-detail-phone')).toContainText('0532 111 22 33');
  await page.getByTestId('case-detail-close').click();

  // The number as the PBX gives it finds the case, and so does the application number's digits.
  await page.getByTestId('case-search').fill('905321112233');
  await expect(row).toHaveCount(1);
  const digits = applicationNo.replace(/^[A-Z][A-Z0-9]*-/, '').replace(/-/g, '');
  for (const typed of [digits, digits.slice(0, -1)]) {
    await page.getByTestId('case-search').fill(typed);
    await expect(row).toHaveCount(1);
    await expect(page.getByTestId('case-row')).toHaveCount(1);
  }
  // Year and four digits of the sequence: the cases numbered so, this one among them.
  await page.getByTestId('case-search').fill(digits.slice(0, 8));
  await expect(row).toHaveCount(1);
});

test('the caller number from the PBX shows as 0555 123 45 67 in the form and on the saved case', async ({ page }) => {
  desk = await startDesk({
    DESK_DATA_DIR: dataDir,
    DESK_SERVER_URL: 'off',
    DESK_SIM_CALLERS: '905551234567:Hatice Güneş',
    DESK_SIM_CALL_INTERVAL_MS: '1500',
    DESK_SIM_AUTO_ANSWER_MS: '1000',
    DESK_SIM_TALK_MS: '60000',
  });
  await page.goto(desk.url);
  await expect(page.getByTestId('screen-pop')).toBeVisible();
  await expect(page.getByTestId('case-phone')).toHaveValue('0555 123 45 67');

  await page.getByTestId('case-subject').fill('Kaldırım çökmesi');
  await page.getByTestId('case-description').fill('Işıklı Sokak 4 önündeki kaldırım çöktü.');
  await page.getByTestId('case-forward').click();
  const applicationNo = (await page.getByTestId('case-number').textContent())!.trim();
  const row = page.getByTestId('case-row').filter({ has: page.getByRole('gridcell', { name: applicationNo, exact: true }) });
  await expect(row.getByRole('gridcell', { name: '0555 123 45 67', exact: true })).toBeVisible();
  // Every shape of the number finds the caller: as typed, national, as Asterisk gives it.
  for (const typed of ['0555 123 45 67', '5551234567', '05551234567']) {
    await page.getByTestId('case-search').fill(typed);
    await expect(row).toHaveCount(1);
  }
});
