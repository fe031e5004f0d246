import { expect, test } from '@playwright/test';
import path from 'node:path';
import { hashSecurityCode } from '../core/securityCode.js';
import { insertCase } from '../db/caseRepository.js';
import { openDatabase } from '../db/openDatabase.js';
import { preparedCase } from '../db/testSupport.js';
import { STORE_FILE } from '../main/host/privateDataDir.js';
import { startDesk } from './support/deskProcess.js';
import { deskPerTest } from './support/deskPerTest.js';

const CALLER = '905551234567';
const HOUR = 3_600_000;

const run = deskPerTest();

/**
 * The store a desk has after years of service, written before the desk starts: 150 cases of one
 * frequent caller (two of them still open), and 1 200 more of others about pavements, so that
 * "ka" matches more than a search counts at once (1 100: a page and 1 000 ahead). Times run back from now: what is tested does
 * not depend on the day.
 */
function seedStore(dir: string): { newest: string } {
  const db = openDatabase(path.join(dir, STORE_FILE));
  const securityCodeHash = hashSecurityCode('K7M2P9RT');
  const start = Date.now() - 2_000 * HOUR;
  const add = (i: number, input: Parameters<typeof preparedCase>[0]) =>
    insertCase(db, preparedCase({ linkedid: null, ...input }), { now: new Date(start + i * HOUR), actor: 'PJSIP/1001', securityCode: '', securityCodeHash });
  let newest = '';
  db.transaction(() => {
    for (let i = 0; i < 1_200; i++) add(i, { phone: `90532${String(1_000_000 + i)}`, citizenName: 'Ali Vatandaş', description: 'Kaldırım taşları kırık.' });
    for (let i = 0; i < 150; i++) {
      const open = i === 20 || i === 90;
      newest = add(1_200 + i, { phone: CALLER, citizenName: 'Hatice Güneş', outcome: open ? 'forwarded' : 'resolved', description: `Arama ${i + 1}: sokak lambası.` }).applicationNo;
    }
  })();
  db.close();
  return { newest };
}

test('a caller with 150 past cases pops with the latest ones and the open ones; "Tümünü göster (150)" shows the rest', async ({ page }) => {
  const { newest } = seedStore(run.dataDir);
  run.desk = await startDesk({
    DESK_DATA_DIR: run.dataDir,
    DESK_SERVER_URL: 'off',
    DESK_SIM_CALLERS: `${CALLER}:Hatice Güneş`,
    DESK_SIM_CALL_INTERVAL_MS: '1500',
    DESK_SIM_AUTO_ANSWER_MS: '1000',
    DESK_SIM_TALK_MS: '60000',
  });
  await page.goto(run.desk.url);
  await expect(page.getByTestId('screen-pop-caller')).toHaveText('0555 123 45 67');

  const history = page.getByTestId('screen-pop-history');
  await expect(history).toHaveAttribute('data-count', '150');
  await expect(history).toContainText('Açık başvurular (2)');
  await expect(page.getByTestId('screen-pop-open-case')).toHaveCount(2);
  await expect(page.getByTestId('screen-pop-history-case')).toHaveCount(3);
  await expect(page.getByTestId('screen-pop-history-case').first()).toContainText(newest);

  const showAll = page.getByTestId('screen-pop-show-all');
  await expect(showAll).toHaveText('Tümünü göster (150)');
  await showAll.click();
  await expect(page.getByTestId('screen-pop-all-case')).toHaveCount(150);
  await expect(page.getByTestId('screen-pop-all-case').first()).toContainText(newest);
  await expect(history).toContainText('Tüm başvurular (150)');
  await expect(page.getByTestId('screen-pop-show-more')).toHaveCount(0);

  await page.getByTestId('screen-pop-collapse').click();
  await expect(page.getByTestId('screen-pop-all-case')).toHaveCount(0);
  await expect(page.getByTestId('screen-pop-show-all')).toBeVisible();
});

test('a two-letter search shows its first page at once and says honestly how many there are at least; the exact count on request', async ({ page }) => {
  seedStore(run.dataDir);
  run.desk = await startDesk({ DESK_DATA_DIR: run.dataDir, DESK_SERVER_URL: 'off', DESK_SIM_CALL_INTERVAL_MS: '0' });
  await page.goto(run.desk.url);
  await expect(page.locator('[data-testid="case-list"][data-loaded="true"]')).toBeVisible();

  await page.getByTestId('case-search').fill('ka');
  const total = page.getByTestId('case-total');
  await expect(total).toHaveText('En az 1.100 başvuru bulundu');
  await expect(total).toHaveAttribute('data-exact', 'false');
  await expect(page.getByTestId('case-row').first()).toBeVisible();

  await page.getByTestId('case-total-count').click();
  await expect(total).toHaveText('1.200 başvuru bulundu');
  await expect(total).toHaveAttribute('data-exact', 'true');
  await expect(page.getByTestId('case-total-count')).toHaveCount(0);

  // Few matches are counted exactly at once, without asking.
  await page.getByTestId('case-search').fill('arama');
  await expect(total).toHaveText('150 başvuru bulundu');
  await expect(total).toHaveAttribute('data-exact', 'true');
});
