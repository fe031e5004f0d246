import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePbxUrls } from '../server/queueStats/pbxUrl.js';
import { startServer, type RunningServer } from '../server/start.js';
import { startPbxSimulator, type PbxSimulator } from '../telephony/simulator/pbxSimulator.js';
import { startDesk, type DeskProcess } from './support/deskProcess.js';
import { teamLeadDeskEnv } from '../main/host/testing/teamLeadDesk.js';

// The wallboard on a TV with no desk (issue 16): the central server, with its queue collector on
// the PBX simulator (SERVER_AMI_URL), serves /wallboard/; a team lead logs in there and the TV shows
// the figures the server holds, as a team-lead desk on the same server does. Needs
// `npm run build:renderer` first (the page is the renderer's tv.html).

const AGENTS = [
  { interface: 'Local/1001@sim-agent/n', name: 'Ayşe Yılmaz', stateInterface: 'Custom:1001' },
  { interface: 'Local/1002@sim-agent/n', name: 'Mehmet Demir', stateInterface: 'Custom:1002' },
];

let dir: string;
let sim: PbxSimulator | null = null;
let server: RunningServer | null = null;
let desk: DeskProcess | null = null;

test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wallboard-tv-e2e-'));
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a hook asks for from this pattern
test.afterEach(async ({}, testInfo) => {
  if (desk && testInfo.status !== testInfo.expectedStatus) writeFileSync(path.join(testInfo.outputDir, 'desk-output.txt'), desk.output());
  await desk?.stop('SIGKILL');
  await server?.stop();
  await sim?.stop();
  desk = null;
  server = null;
  sim = null;
  rmSync(dir, { recursive: true, force: true });
});

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('tv-username').fill(username);
  await page.getByTestId('tv-password').fill(password);
  await page.getByTestId('tv-login-submit').click();
}

const alo153 = (page: Page): Locator => page.locator('[data-testid="queue-tile"][data-queue="alo153"]');
const answered = (page: Page): Locator => alo153(page).getByTestId('queue-answered');

test("a TV page on the central server: a team lead sees the server's figures, an operator is refused, and a team-lead desk shows the same", async ({ page, context }) => {
  sim = await startPbxSimulator({
    username: 'pbx',
    secret: 'pbx153',
    agents: AGENTS,
    callers: [{ number: '905321112233', name: 'Vatandaş Ali' }],
    callIntervalMs: 0,
    autoAnswerMs: 300,
    talkTimeMs: 800,
  });
  server = await startServer(
    { port: 0, host: '127.0.0.1', databaseUrl: null, dataDir: path.join(dir, 'server'), demo: true, pbxs: parsePbxUrls(`ami://pbx:pbx153@127.0.0.1:${sim.port}`) },
    false,
  );
  // The built page under the server's CSP: anything it blocked would be said on the console.
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) blocked.push(message.text());
  });
  page.on('pageerror', (error) => blocked.push(String(error)));

  await page.goto(`${server.url}/wallboard`);
  expect(new URL(page.url()).pathname).toBe('/wallboard/');
  await expect(page.getByTestId('tv-login')).toContainText('Takım lideri ya da yönetici hesabıyla giriş yapın');
  await page.getByTestId('tv-language-en').click();
  await expect(page.getByTestId('tv-login')).toContainText('Log in with a team lead or administrator account');
  await page.getByTestId('tv-language-tr').click();

  // An operator's account has no queue figures: refused, saying why.
  await logIn(page, 'operator', 'operator153');
  await expect(page.getByTestId('tv-login-error')).toHaveAttribute('data-error', 'not-allowed');
  await expect(page.getByTestId('tv-login-error')).toContainText('yalnız takım liderleri ve yöneticiler');
  await expect(page.getByTestId('wallboard')).toHaveCount(0);

  // The team lead: the board in its TV view, read only, with the server's agents.
  await logIn(page, 'lead', 'lead153');
  const board = page.getByTestId('wallboard');
  await expect(board).toHaveAttribute('data-tv', 'true');
  await expect(board).toHaveAttribute('data-status', 'live');
  await expect(answered(page)).toHaveText('0');
  await expect(page.getByTestId('agent-row')).toHaveCount(2);
  await expect(page.getByTestId('agent-name')).toHaveText(['Ayşe Yılmaz', 'Mehmet Demir']);
  await expect(page.getByTestId('tv-feed-banner')).toHaveCount(0);
  await expect(page.getByTestId('tv-mode')).toHaveCount(0);
  await expect(page.getByTestId('pause-button')).toHaveCount(0);

  // A call on the PBX: the TV counts it, and the agent who took it.
  sim.placeCall();
  await expect(answered(page)).toHaveText('1');
  await expect.poll(async () => (await page.getByTestId('agent-answered').allTextContents()).map((s) => s.trim()).sort()).toEqual(['0', '1']);

  // A reload of the TV needs no new login, and the token never shows in the address.
  await page.reload();
  await expect(board).toHaveAttribute('data-status', 'live');
  await expect(answered(page)).toHaveText('1');
  expect(page.url()).not.toContain('token');

  // A team lead's desk on the same server (its own AMI session too): it shows the server's figures,
  // the call it never saw included, and both count the next call alike.
  desk = await startDesk({ DESK_DATA_DIR: path.join(dir, 'desk'), ...teamLeadDeskEnv(server.url, sim.port) });
  const deskPage = await context.newPage();
  await deskPage.goto(desk.url);
  await deskPage.getByTestId('tab-wallboard').click();
  await expect(answered(deskPage)).toHaveText('1', { timeout: 30_000 });
  sim.placeCall();
  await expect(answered(page)).toHaveText('2');
  await expect(answered(deskPage)).toHaveText('2');

  // The server loses the PBX: the TV says so; back when it is.
  await sim.kill();
  await expect(page.getByTestId('tv-feed-banner')).toHaveAttribute('data-state', 'pbx-down');
  await sim.restart();
  await expect(page.getByTestId('tv-feed-banner')).toHaveCount(0, { timeout: 30_000 });

  // Signing out ends the session: the login again, and a reload does not bring the board back.
  await page.getByTestId('tv-sign-out').click();
  await expect(page.getByTestId('tv-notice')).toHaveAttribute('data-notice', 'signed-out');
  await page.reload();
  await expect(page.getByTestId('tv-login')).toBeVisible();

  // The server goes away: the TV says so and keeps the last figures, marked stale; it comes back by itself.
  await logIn(page, 'lead', 'lead153');
  await expect(board).toHaveAttribute('data-status', 'live');
  const port = Number(new URL(server.url).port);
  await desk.stop('SIGKILL');
  desk = null;
  await server.stop();
  server = null;
  await expect(page.getByTestId('tv-feed-banner')).toHaveAttribute('data-state', 'down');
  await expect(board).toHaveAttribute('data-status', 'stale');
  await expect(answered(page)).toHaveText('2');
  server = await startServer(
    { port, host: '127.0.0.1', databaseUrl: null, dataDir: path.join(dir, 'server'), demo: true, pbxs: parsePbxUrls(`ami://pbx:pbx153@127.0.0.1:${sim.port}`) },
    false,
  );
  await expect(board).toHaveAttribute('data-status', 'live', { timeout: 30_000 });
  await expect(page.getByTestId('tv-feed-banner')).toHaveCount(0);
  expect(blocked).toEqual([]);
});

// Issue 18, item 12: the TV view on a 1920×1080 screen, read from across the room (5 m): every
// figure at least 48 px, agent counts and labels at least 28 px (the chart's too, as drawn), the
// service level says its threshold, SL2 explains itself on hover, and the board fills the screen.
test.describe('the TV view at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('every figure, count and label is readable across a room, and the board fills the screen', async ({ page }) => {
    desk = await startDesk({ DESK_DATA_DIR: path.join(dir, 'desk'), DESK_ROLE: 'team-lead', DESK_SIM_CALL_INTERVAL_MS: '3000', DESK_SIM_TALK_MS: '60000' });
    await page.goto(desk.url);
    await page.getByTestId('tab-wallboard').click();
    await page.getByTestId('tv-mode').click();
    const board = page.getByTestId('wallboard');
    await expect(board).toHaveAttribute('data-tv', 'true');
    await expect(page.getByTestId('queue-tile').first()).toBeVisible();
    await expect.poll(() => page.getByTestId('queue-chart').locator('text').count()).toBeGreaterThan(3);

    const px = (locator: Locator) => locator.evaluateAll((els) => els.map((el) => [el.getAttribute('data-testid') ?? el.textContent, parseFloat(getComputedStyle(el).fontSize)] as const));
    const tile = page.getByTestId('queue-tile').first();
    for (const [what, size] of await px(tile.locator('.wb-figure dd'))) expect(size, `figure ${what}`).toBeGreaterThanOrEqual(48);
    for (const [what, size] of await px(tile.locator('.wb-figure dt'))) expect(size, `label ${what}`).toBeGreaterThanOrEqual(28);
    for (const [what, size] of await px(tile.locator('[data-testid="queue-agents-state"] .wb-num, [data-testid="queue-agents-state"] .wb-state'))) expect(size, `agents ${what}`).toBeGreaterThanOrEqual(28);
    // The chart's labels as drawn (the SVG scales with its box): their height on screen.
    const chartLabels = await page.getByTestId('queue-chart').locator('text').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    for (const height of chartLabels) expect(height).toBeGreaterThanOrEqual(28);

    // The service level says its threshold; SL2 says what it counts, on hover.
    await expect(tile.getByTestId('queue-service-level').locator('xpath=..')).toContainText('Hizmet seviyesi (20 sn)');
    await expect(tile.getByTestId('queue-service-level2').locator('xpath=..')).toHaveAttribute('title', /terk edenler de sayılır/);

    // Filled: the tiles, the chart and the agents reach across and down the screen, nothing past it.
    const content = await board.evaluate((el) => {
      const boxes = [...el.querySelectorAll('.wb-tile, .wb-chart, .wb-agents, .wb-incidents, .wb-chart-svg, .wb-chart-legend')].map((b) => b.getBoundingClientRect());
      return {
        bottom: Math.max(...boxes.map((b) => b.bottom)),
        right: Math.max(...boxes.map((b) => b.right)),
        scroll: document.scrollingElement!.scrollHeight,
        boardOverflow: el.scrollHeight - el.clientHeight,
        height: window.innerHeight,
      };
    });
    expect(content.bottom).toBeGreaterThan(1080 * 0.9);
    expect(content.right).toBeGreaterThan(1920 * 0.9);
    // One screen: the whole board inside the window, nothing to scroll to (the chart's foot and legend included).
    expect(content.bottom).toBeLessThanOrEqual(content.height);
    expect(content.scroll).toBeLessThanOrEqual(content.height);
    expect(content.boardOverflow).toBeLessThanOrEqual(0);
  });
});
