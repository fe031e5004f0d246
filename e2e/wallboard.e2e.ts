import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPbxSimulator, type PbxSimulator } from '../telephony/simulator/pbxSimulator.js';
import { startDesk, type DeskProcess } from './support/deskProcess.js';

let dataDir: string;
let desk: DeskProcess | null = null;
let sim: PbxSimulator | null = null;

test.beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
});
test.afterEach(async () => {
  await desk?.stop();
  desk = null;
  await sim?.stop();
  sim = null;
  rmSync(dataDir, { recursive: true, force: true });
});

const seconds = (mmss: string | null) => {
  const [m, s] = (mmss ?? '').trim().split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
};
const count = async (tile: Locator, testId: string) => Number((await tile.getByTestId(testId).textContent())?.trim());

/** A team lead's desk on `pbx` (no central server), its wallboard open on the 50 agents. */
async function fiftyAgentBoard(page: Page, pbx: PbxSimulator): Promise<Locator> {
  desk = await startDesk({
    DESK_DATA_DIR: dataDir,
    DESK_ROLE: 'team-lead',
    DESK_SERVER_URL: 'off',
    DESK_AMI_HOST: '127.0.0.1',
    DESK_AMI_PORT: String(pbx.port),
    DESK_AMI_USER: 'pbx',
    DESK_AMI_SECRET: 'pbx153',
  });
  await page.goto(desk.url);
  await page.getByTestId('tab-wallboard').click();
  const table = page.getByTestId('agent-table');
  await expect(table).toHaveAttribute('data-total', '50');
  return table;
}

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

// Issue 18, item 11 (and 13, 14): the agents table of a floor of 50, at the window the suite
// runs at (1280×720 and 1366×768): it fills the screen when scrolled to, every command of a row
// is within view, the "Kuyruklar" pop-up is not cut by the table, and a lead filters by queue
// and by state. Listen / whisper / barge stay disabled, saying why, on a desk with no
// DESK_SUPERVISOR_PHONE; the agent a caller's phone rings (a Local/ member, "in use" to the PBX)
// shows "Çalıyor" with barge disabled, and the tiles count it as the table shows it.
test('a team lead with 50 agents: the table fills the screen, commands and the queues pop-up in view, filters by queue and state', async ({ page }) => {
  const agents = Array.from({ length: 50 }, (_, i) => ({
    interface: `Local/${2001 + i}@sim-agent/n`,
    name: `Temsilci ${String(i + 1).padStart(2, '0')}`,
    stateInterface: `Custom:${2001 + i}`,
    // The last one never answers: a caller for geri-bildirim rings it for as long as the test looks.
    ...(i === 49 ? { answerAfterMs: null } : {}),
  }));
  const ringer = agents[49]!;
  sim = await startPbxSimulator({
    username: 'pbx',
    secret: 'pbx153',
    agents,
    callers: [{ number: '905321112233', name: 'Vatandaş Ali' }],
    callIntervalMs: 0,
    autoAnswerMs: 60_000,
    talkTimeMs: 60_000,
    ringTimeoutMs: 120_000,
    queues: [
      { name: 'alo153', strategy: 'rrmemory', serviceLevel: 20, members: agents.map((a) => ({ ...a, membership: 'dynamic', penalty: 0 })) },
      { name: 'geri-bildirim', strategy: 'rrmemory', serviceLevel: 20, members: agents.slice(40).map((a) => ({ ...a, membership: 'dynamic', penalty: 0 })) },
    ],
  });
  for (const a of agents.slice(0, 5)) sim.pauseMember(a.interface, true, { reason: 'Yemek' });
  // Everyone in geri-bildirim but the ringer is paused there: its caller rings the ringer only.
  for (const a of agents.slice(40, 49)) sim.pauseMember(a.interface, true, { queue: 'geri-bildirim', reason: 'Eğitim' });

  const table = await fiftyAgentBoard(page, sim);
  const viewport = page.viewportSize()!;

  // Scrolled to, the table takes the screen below the app's header, whole (its header row and its
  // last row in view), with as many rows as fit, not two.
  await table.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const box = (await table.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 1);
  expect(box.height).toBeGreaterThan(viewport.height * 0.6);
  const visibleRows = await page.getByTestId('agent-row').evaluateAll((rows, height) => rows.filter((r) => {
    const b = r.getBoundingClientRect();
    return b.top >= 0 && b.bottom <= height && b.height > 0;
  }).length, viewport.height);
  expect(visibleRows).toBeGreaterThanOrEqual(10);

  // Every command of a row is inside the window and inside the table (nothing cut, no sideways scroll).
  const firstRow = page.getByTestId('agent-row').first();
  for (const id of ['pause-button', 'membership-summary', 'spy-listen', 'spy-whisper', 'spy-barge']) {
    const b = (await firstRow.getByTestId(id).boundingBox())!;
    expect(b.x, id).toBeGreaterThanOrEqual(box.x);
    expect(b.x + b.width, id).toBeLessThanOrEqual(Math.min(box.x + box.width, viewport.width));
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);

  // The queues pop-up of the last row in view opens whole, inside the window, over the table's edge.
  const lastRow = page.getByTestId('agent-row').nth(visibleRows - 1);
  await lastRow.getByTestId('membership-summary').click();
  const popup = lastRow.getByTestId('membership-popup');
  await expect(popup).toBeVisible();
  const p = (await popup.boundingBox())!;
  expect(p.y).toBeGreaterThanOrEqual(0);
  expect(p.y + p.height).toBeLessThanOrEqual(viewport.height);
  expect(p.x + p.width).toBeLessThanOrEqual(viewport.width);
  // Nothing covers it: its last checkbox is what a click there reaches.
  await popup.getByTestId('queue-membership').last().click({ trial: true });
  await page.keyboard.press('Escape');
  await expect(popup).toBeHidden();

  // No supervisor phone on this desk: listen, whisper and barge are disabled, and the table says why.
  await expect(page.getByTestId('spy-unavailable')).toContainText('DESK_SUPERVISOR_PHONE');
  await expect(firstRow.getByTestId('spy-listen')).toBeDisabled();
  await expect(firstRow.getByTestId('spy-listen')).toHaveAttribute('title', /telefon/);

  // Filters: by queue, then by state (Turkish labels), with the count of what is shown.
  await page.getByTestId('agent-filter-queue').selectOption({ label: 'geri-bildirim' });
  await expect(table).toHaveAttribute('data-total', '10');
  await expect(page.getByTestId('agent-count')).toContainText('10 / 50');
  await page.getByTestId('agent-filter-queue').selectOption({ label: 'Tüm kuyruklar' });
  await page.getByTestId('agent-filter-state').selectOption({ label: 'Molada' });
  await expect(table).toHaveAttribute('data-total', '5');
  await expect.poll(() => page.getByTestId('agent-row').getByTestId('agent-state').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state')))).toEqual(Array(5).fill('paused'));
  await page.getByTestId('agent-filter-state').selectOption({ label: 'Tüm durumlar' });
  await expect(table).toHaveAttribute('data-total', '50');

  // A caller for geri-bildirim rings the ringer (a Local/ member: "in use" to the PBX): ringing, no barge.
  sim.placeCall(undefined, { queue: 'geri-bildirim' });
  await page.getByTestId('agent-filter-state').selectOption({ label: 'Çalıyor' });
  const ringing = page.locator(`[data-testid="agent-row"][data-interface="${ringer.interface}"]`);
  await expect(ringing.getByTestId('agent-state')).toHaveAttribute('data-state', 'ringing');
  await expect(ringing.getByTestId('agent-state')).toContainText('Çalıyor');
  await expect(ringing.getByTestId('spy-barge')).toBeDisabled();
  // Both tiles count the one agent as the table shows it.
  for (const queue of ['alo153', 'geri-bildirim']) {
    const tile = page.locator(`[data-testid="queue-tile"][data-queue="${queue}"]`);
    await expect(tile.locator('[data-testid="queue-agents-state"][data-state="ringing"] .wb-num')).toHaveText('1');
    await expect(tile.locator('[data-testid="queue-agents-state"][data-state="on-call"] .wb-num')).toHaveText('0');
  }
});

// Issue 18, item 11: "50 agents at 1080p". On a 1920×1080 screen the table has the room for the
// compact view ("Sık görünüm", on by itself there): rows of 16 px, so all 50 agents are in view at
// once, and each row's commands are behind its "⋯" button, whole in a pop-up (the queues too).
test.describe('the agents table at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('a team lead with 50 agents sees all 50 at once at 1920×1080, with each row\'s commands in its ⋯ menu', async ({ page }) => {
    const agents = Array.from({ length: 50 }, (_, i) => ({
      interface: `Local/${2001 + i}@sim-agent/n`,
      name: `Temsilci ${String(i + 1).padStart(2, '0')}`,
      stateInterface: `Custom:${2001 + i}`,
    }));
    sim = await startPbxSimulator({
      username: 'pbx',
      secret: 'pbx153',
      agents,
      callers: [{ number: '905321112233', name: 'Vatandaş Ali' }],
      callIntervalMs: 0,
      autoAnswerMs: 60_000,
      talkTimeMs: 60_000,
      queues: [
        { name: 'alo153', strategy: 'rrmemory', serviceLevel: 20, members: agents.map((a) => ({ ...a, membership: 'dynamic', penalty: 0 })) },
        { name: 'geri-bildirim', strategy: 'rrmemory', serviceLevel: 20, members: agents.slice(40).map((a) => ({ ...a, membership: 'dynamic', penalty: 0 })) },
      ],
    });
    const table = await fiftyAgentBoard(page, sim);
    await expect(page.locator('section.wb-agents')).toHaveAttribute('data-compact', 'true');
    await expect(page.getByTestId('agent-compact')).toHaveAttribute('aria-pressed', 'true');

    // Scrolled to, the table is one screen: every one of the 50 rows whole inside the window, no sideways scroll.
    await table.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const box = (await table.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(1080 + 1);
    const inView = () =>
      page.getByTestId('agent-row').evaluateAll((rows) => rows.filter((r) => {
        const b = r.getBoundingClientRect();
        return b.top >= 0 && b.bottom <= window.innerHeight && b.height > 0;
      }).length);
    expect(await inView()).toBeGreaterThanOrEqual(50);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1920);
    // Readable: 12 px type at the least.
    const fontSize = await page.getByTestId('agent-name').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(12);

    // The last row's "⋯": its commands, whole, inside the window; the queues pop-up opens from there.
    const lastRow = page.getByTestId('agent-row').filter({ hasText: 'Temsilci 50' });
    await lastRow.getByTestId('agent-menu').click();
    const menu = lastRow.getByTestId('agent-menu-popup');
    await expect(menu).toBeVisible();
    for (const id of ['pause-reason', 'pause-button', 'membership-summary', 'spy-listen', 'spy-whisper', 'spy-barge']) {
      const b = (await menu.getByTestId(id).boundingBox())!;
      expect(b.y, id).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height, id).toBeLessThanOrEqual(1080);
      expect(b.x + b.width, id).toBeLessThanOrEqual(1920);
    }
    await menu.getByTestId('membership-summary').click();
    const queuesPopup = menu.getByTestId('membership-popup');
    await expect(queuesPopup).toBeVisible();
    await expect(menu).toBeVisible();
    await expect(queuesPopup.getByTestId('queue-membership')).toHaveCount(2);
    await page.keyboard.press('Escape');
    await expect(queuesPopup).toBeHidden();

    // A pause from the menu, with a reason: the row shows it.
    await expect(menu).toBeVisible();
    await menu.getByTestId('pause-reason').selectOption({ label: 'Yemek' });
    await menu.getByTestId('pause-button').click();
    await expect(lastRow.getByTestId('agent-state')).toHaveAttribute('data-state', 'paused');
    await expect(lastRow.getByTestId('agent-state')).toContainText('Yemek');
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();

    // "Sık görünüm" off: the full rows with their commands, as at 1366×768.
    await page.getByTestId('agent-compact').click();
    await expect(page.locator('section.wb-agents')).toHaveAttribute('data-compact', 'false');
    await expect(page.getByTestId('agent-row').first().getByTestId('pause-button')).toBeVisible();
  });
});
