import { expect, test, type Locator } from '@playwright/test';
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
  await desk?.stop();
  desk = null;
  rmSync(dataDir, { recursive: true, force: true });
});

const seconds = (mmss: string | null) => {
  const [m, s] = (mmss ?? '').trim().split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
};
const count = async (tile: Locator, testId: string) => Number((await tile.getByTestId(testId).textContent())?.trim());

test('a team lead watches a caller wait, then the figures after an answer and an abandon, and pauses an agent with a reason', async ({ page }) => {
  // Slow headsets and impatient callers: some wait and are answered, some hang up while waiting.
  desk = await startDesk({
    DESK_DATA_DIR: dataDir,
    DESK_ROLE: 'team-lead',
    DESK_SIM_CALL_INTERVAL_MS: '2500',
    DESK_SIM_AUTO_ANSWER_MS: '4000',
    DESK_SIM_TALK_MS: '60000',
    DESK_SIM_PATIENCE_MS: '6000',
  });
  await page.goto(desk.url);
  await page.getByTestId('tab-wallboard').click();
  const tile = page.locator('[data-testid="queue-tile"][data-queue="alo153"]');
  await expect(tile).toBeVisible();

  // A caller waits: the longest wait counts up.
  await expect.poll(() => count(tile, 'queue-waiting'), { timeout: 15_000 }).toBeGreaterThan(0);
  const firstReading = seconds(await tile.getByTestId('queue-longest-wait').textContent());
  await expect.poll(async () => seconds(await tile.getByTestId('queue-longest-wait').textContent()), { timeout: 5_000 }).toBeGreaterThan(firstReading);

  // Answered calls give an ASA; callers who hung up while waiting are counted as abandoned.
  await expect.poll(() => count(tile, 'queue-answered'), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(tile.getByTestId('queue-asa')).not.toHaveText('—');
  await expect.poll(() => count(tile, 'queue-abandoned'), { timeout: 45_000 }).toBeGreaterThan(0);

  // Pause an agent with a reason: the table shows it.
  const row = page.getByTestId('agent-row').filter({ hasText: 'Mehmet Demir' });
  await row.getByTestId('pause-reason').selectOption({ label: 'Yemek' });
  await row.getByTestId('pause-button').click();
  await expect(row.getByTestId('agent-state')).toHaveAttribute('data-state', 'paused');
  await expect(row).toContainText('Yemek');
});
