import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDesk, type DeskProcess } from './support/deskProcess.js';

// Issue 18: the operator's own break always wins over after-call work. A break chosen during the
// wrap-up outlasts its countdown; one asked during a call waits for the call's end, shown as such,
// and is taken then, instead of the wrap-up. Callers keep coming all along: none is offered.

let dataDir: string;
let desk: DeskProcess | null = null;

test.beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-break-e2e-'));
});
test.afterEach(async () => {
  await desk?.stop('SIGKILL');
  desk = null;
  rmSync(dataDir, { recursive: true, force: true });
});

/** A caller every second, answered on the desk phone after half a second; a short wrap-up. */
async function openDesk(page: Page, talkMs: string) {
  desk = await startDesk({
    DESK_DATA_DIR: dataDir,
    DESK_SERVER_URL: 'off',
    DESK_WRAPUP_SEC: '2',
    DESK_SIM_CALL_INTERVAL_MS: '1000',
    DESK_SIM_AUTO_ANSWER_MS: '500',
    DESK_SIM_TALK_MS: talkMs,
    DESK_SIM_PATIENCE_MS: 'off',
  });
  await page.goto(desk.url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  return page.getByTestId('operator-queue-panel');
}

/** On the break with `reason` past the wrap-up time, and never rung. */
async function expectStillOnBreak(page: Page, reason: string) {
  const panel = page.getByTestId('operator-queue-panel');
  await expect(panel.getByTestId('operator-state')).toHaveAttribute('data-state', 'paused');
  await expect(panel.getByTestId('operator-pause-reason')).toHaveText(reason);
  // Twice the 2 s wrap-up: the wrap-up timer would have ended a pause by now.
  await page.waitForTimeout(4_000);
  await expect(panel.getByTestId('operator-state')).toHaveAttribute('data-state', 'paused');
  await expect(panel.getByTestId('operator-pause-reason')).toHaveText(reason);
  await expect(panel.getByTestId('wrap-up-countdown')).toHaveCount(0);
  await expect(page.getByTestId('screen-pop')).not.toHaveAttribute('data-phase', 'ringing');
  // The select tells the truth: the break's reason, and asking it again does nothing.
  await expect(panel.getByTestId('pause-reason').locator('option:checked')).toHaveText(reason);
  await expect(panel.getByTestId('pause-button')).toBeDisabled();
}

test('a break chosen during the wrap-up countdown replaces it and is still on after the wrap-up time', async ({ page }) => {
  const panel = await openDesk(page, '1500');
  await expect(panel.getByTestId('operator-state')).toHaveAttribute('data-state', 'wrap-up', { timeout: 20_000 });
  await expect(panel.getByTestId('wrap-up-countdown')).toBeVisible();
  await panel.getByTestId('pause-reason').selectOption({ label: 'Yemek' });
  await panel.getByTestId('pause-button').click();
  await expectStillOnBreak(page, 'Yemek');

  // Back from the break: calls come again.
  await panel.getByTestId('unpause-button').click();
  await expect(page.getByTestId('screen-pop')).toHaveAttribute('data-phase', /ringing|connected/, { timeout: 15_000 });
});

test('a break asked during a call is shown as pending, can be cancelled, and is taken when the call is hung up: no next call', async ({ page }) => {
  const panel = await openDesk(page, '120000');
  await expect(page.getByTestId('screen-pop')).toHaveAttribute('data-phase', 'connected', { timeout: 20_000 });
  await expect(panel.getByTestId('operator-state')).toHaveAttribute('data-state', 'on-call');

  // Asked on the call: the button says when it happens, the panel says it is coming.
  await expect(panel.getByTestId('pause-button')).toHaveText('Çağrı bitince mola ver');
  await panel.getByTestId('pause-reason').selectOption({ label: 'Eğitim' });
  await panel.getByTestId('pause-button').click();
  await expect(panel.getByTestId('pause-pending')).toHaveText(/Çağrı bitince molaya geçilecek: Eğitim/);
  await expect(panel.getByTestId('operator-state')).toHaveAttribute('data-state', 'on-call');

  // Cancelled: gone, and the select no longer shows it (back to the first reason).
  await panel.getByTestId('pause-pending-cancel').click();
  await expect(panel.getByTestId('pause-pending')).toHaveCount(0);
  await expect(panel.getByTestId('pause-reason').locator('option:checked')).toHaveText('Mola');
  await panel.getByTestId('pause-reason').selectOption({ label: 'Yemek' });
  await panel.getByTestId('pause-button').click();
  await expect(panel.getByTestId('pause-pending')).toHaveText(/Çağrı bitince molaya geçilecek: Yemek/);
  await expect(panel.getByTestId('pause-reason').locator('option:checked')).toHaveText('Yemek');

  await page.getByTestId('hangup-button').click();
  await expect(page.getByTestId('screen-pop')).toHaveAttribute('data-phase', 'ended', { timeout: 10_000 });
  await expect(panel.getByTestId('pause-pending')).toHaveCount(0);
  await expectStillOnBreak(page, 'Yemek');
  // Both agents are on long calls and a caller comes every second: callers wait, none is offered.
  await expect(panel.getByTestId('operator-queue-waiting').first()).not.toHaveAttribute('data-count', '0');
});
