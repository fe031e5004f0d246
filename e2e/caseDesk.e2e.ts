import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDesk, type DeskProcess } from './support/deskProcess.js';

let dataDir: string;
let desk: DeskProcess | null = null;

test.beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
});
test.afterEach(async () => {
  await desk?.stop('SIGKILL');
  desk = null;
  rmSync(dataDir, { recursive: true, force: true });
});

/** One caller who keeps calling back: every pop on this desk is the same citizen. */
const oneCaller = (extra: Record<string, string> = {}) => ({
  DESK_DATA_DIR: dataDir,
  DESK_SIM_CALLERS: '905551234567:Hatice Güneş',
  DESK_SIM_CALL_INTERVAL_MS: '1500',
  DESK_SIM_AUTO_ANSWER_MS: '1000',
  DESK_SIM_TALK_MS: '60000',
  ...extra,
});

async function waitForCall(page: Page) {
  await expect(page.getByTestId('screen-pop')).toBeVisible();
  await expect(page.getByTestId('screen-pop-caller')).toHaveText('0555 123 45 67');
}

test('keyboard only: a call pops, the operator picks a subject, resolves on the call and reads out number and code', async ({ page }) => {
  desk = await startDesk(oneCaller());
  await page.goto(desk.url);
  await waitForCall(page);

  // Focus lands on the subject picker when a call pops on an empty form.
  await expect(page.getByTestId('case-subject')).toBeFocused();
  await page.keyboard.type('su kesin');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-subject')).toHaveValue(/[Ss]u/);
  await page.getByTestId('case-description').focus();
  await page.keyboard.type('Vatandaş Kadıköy’deki planlı su kesintisinin bitiş saatini sordu; 17.00 bilgisi verildi.');
  await page.keyboard.press('Control+Enter');

  const number = page.getByTestId('case-number');
  // A final number from the central server's reserve, or the desk's provisional one (prefixed).
  await expect(number).toHaveText(/^([A-Z][A-Z0-9]{0,7}-)?\d{4}-\d{7}-\d$/);
  await expect(page.getByTestId('case-security-code')).toHaveText(/^[A-Z2-9]{8}$/);
  const applicationNo = (await number.textContent())!.trim();
  await expect(page.getByTestId('case-row').filter({ has: page.getByRole('gridcell', { name: applicationNo, exact: true }) })).toHaveCount(1);
});

test('forward, then find it by number and by a word typed without Turkish letters, and a repeat call is flagged', async ({ page }) => {
  // Short calls, so this agent's next call (the same citizen again) comes within seconds.
  desk = await startDesk(oneCaller({ DESK_SIM_TALK_MS: '4000' }));
  await page.goto(desk.url);
  await waitForCall(page);

  await page.getByTestId('case-subject').fill('Kaldırım çökmesi');
  await page.getByTestId('case-description').fill('Işıklı Sokak 4 önündeki kaldırım çöktü, yayalar yola iniyor.');
  await page.getByTestId('case-forward').click();
  const applicationNo = (await page.getByTestId('case-number').textContent())!.trim();

  await page.getByTestId('case-search').fill(applicationNo);
  await expect(page.getByTestId('case-row')).toHaveCount(1);
  await page.getByTestId('case-search').fill('isikli kaldirim');
  await expect(page.getByTestId('case-row').filter({ has: page.getByRole('gridcell', { name: applicationNo, exact: true }) })).toHaveCount(1);
  await page.getByTestId('case-search').fill('');

  // Not a repeat while still on the call the case came from...
  await expect(page.getByTestId('repeat-call-flag')).toHaveCount(0);
  // ...but the same citizen calling again is flagged, with the case to add to.
  await expect(page.getByTestId('repeat-call-flag')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('repeat-call-flag')).toContainText(applicationNo);
});

test('the host is killed while the operator types: the draft comes back', async ({ page }) => {
  desk = await startDesk(oneCaller({ DESK_SIM_CALL_INTERVAL_MS: '0' }));
  await page.goto(desk.url);
  await expect(page.getByTestId('case-form')).toBeVisible();
  await page.getByTestId('case-subject').fill('Park bankı kırık');
  await page.getByTestId('case-description').fill('Moda Parkı girişindeki bank kırılmış, çocuklar için tehlikeli.');
  await page.waitForTimeout(1500); // the form saves its draft as the operator types

  await desk.stop('SIGKILL');
  desk = await startDesk(oneCaller({ DESK_SIM_CALL_INTERVAL_MS: '0' }));
  await page.goto(desk.url);
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByTestId('case-description')).toHaveValue('Moda Parkı girişindeki bank kırılmış, çocuklar için tehlikeli.');
});

test('a desk running past the bayram table says so, and marks a due date it cannot check', async ({ page }) => {
  // 20 December 2032: ten working days from now reach 2033, whose bayram dates the table lacks.
  desk = await startDesk(oneCaller(), { fakeTime: '2032-12-20 06:00:00' });
  await page.goto(desk.url);
  await expect(page.getByTestId('holiday-table-notice')).toContainText('2033');
  await waitForCall(page);

  await page.getByTestId('case-subject').fill('kaldırım');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByTestId('case-description').fill('Moda Caddesi 12 önünde kaldırım taşları yerinden çıkmış.');
  await page.getByTestId('case-forward').click();
  const applicationNo = (await page.getByTestId('case-number').textContent())!.trim();
  const row = page.getByTestId('case-row').filter({ has: page.getByRole('gridcell', { name: applicationNo, exact: true }) });
  await expect(row.getByTestId('case-sla')).toHaveAttribute('data-holidays', 'unchecked');
  await expect(row.getByTestId('case-sla')).toContainText('tatiller doğrulanmadı');
});
