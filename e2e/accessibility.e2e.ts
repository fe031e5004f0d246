import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deskPerTest } from './support/deskPerTest.js';
import { startDesk } from './support/deskProcess.js';

// Issue 18: axe-core (from npm) on every screen of the desk and the TV page, at both sizes the
// suite runs at; no serious or critical violation may stay. The pages forbid inline scripts (CSP),
// so axe's source is evaluated through the DevTools protocol, which the policy does not govern.

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Runs axe on the page as it is now; fails with each serious or critical rule, its elements and why. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`).join('\n')}`)
    .join('\n');
  expect.soft(serious.length, `${screen}:\n${report}`).toBe(0);
}

/** The date fields' parts in the order Chromium lays them out, read from its own shadow tree. */
async function dateFieldLayout(page: Page, testId: string): Promise<string> {
  type DomNode = { nodeType: number; nodeValue: string; attributes?: string[]; children?: DomNode[]; shadowRoots?: DomNode[] };
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  await cdp.detach();
  const attribute = (node: DomNode, name: string) => {
    const at = node.attributes?.indexOf(name) ?? -1;
    return at >= 0 ? node.attributes![at + 1] : undefined;
  };
  const parts: string[] = [];
  const walk = (node: DomNode, inside: boolean) => {
    const field = /^-webkit-datetime-edit-(day|month|year)-field$/.exec(attribute(node, 'pseudo') ?? '')?.[1];
    if (inside && field) parts.push(field);
    else if (inside && attribute(node, 'pseudo') === '-webkit-datetime-edit-text') parts.push((node.children ?? []).map((c) => c.nodeValue).join(''));
    for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) walk(child, inside || attribute(node, 'data-testid') === testId);
  };
  walk(root, false);
  return parts.join('');
}

const state = deskPerTest();

test('the operator desk: a pop, the case list and a case, the filters, the softphone, settings, help and the account', async ({ page }) => {
  state.desk = await startDesk({
    DESK_DATA_DIR: state.dataDir,
    DESK_SIM_CALLERS: '905321112233:Vatandaş Ali',
    DESK_SIM_CALL_INTERVAL_MS: '1500',
    DESK_SIM_AUTO_ANSWER_MS: '1000',
    DESK_SIM_TALK_MS: '120000',
    // The softphone panel, with no SIP server behind it: it shows, unregistered.
    DESK_SIP_WS_URL: 'ws://127.0.0.1:9/ws',
    DESK_SIP_URI: 'sip:1001@127.0.0.1',
  });
  await page.goto(state.desk.url);
  await expect(page.getByTestId('screen-pop-caller')).toContainText('0532 111 22 33');
  await expect(page.getByTestId('softphone')).toBeVisible();
  // This caller has demo cases of the last days: flagged in the desk's one word for it.
  await expect(page.getByTestId('repeat-call-flag')).toContainText('Tekrar arayan');
  await expectAccessible(page, 'call desk with a pop');

  // Saved on the call: the number and security code to read out.
  await page.getByTestId('case-subject').fill('su kesin');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByTestId('case-description').fill('Planlı su kesintisinin bitiş saati soruldu; 17.00 bilgisi verildi.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('case-security-code')).toBeVisible();
  await expectAccessible(page, 'call desk, case saved');

  // The case list and the case just saved: its timeline names the operator, not the AMI interface.
  const applicationNo = (await page.getByTestId('case-number').textContent())!.trim();
  await page.getByTestId('case-row').filter({ has: page.getByRole('gridcell', { name: applicationNo, exact: true }) }).click();
  await expect(page.getByTestId('case-detail')).toBeVisible();
  await expect(page.getByTestId('case-history-actor').first()).toHaveText('Ayşe Yılmaz');
  await expect(page.getByTestId('case-detail')).not.toContainText('Local/1001');
  await expectAccessible(page, 'case detail');
  await page.getByTestId('case-detail-close').click();
  // One identity in the header, the extension beside it; the sync count says what waits.
  await expect(page.getByTestId('agent-extension')).toHaveText('Dahili 1001');
  await expect(page.locator('header')).not.toContainText('Local/1001');
  await expect(page.locator('header')).toContainText('gönderilmeyi bekleyen');

  // The filters; Chromium's own date fields speak Turkish (dd.mm.yyyy), and English once the desk does.
  await page.getByTestId('case-filters-toggle').click();
  await expect(page.getByTestId('filter-from')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('tr');
  expect(await dateFieldLayout(page, 'filter-from')).toBe('day.month.year');
  await expectAccessible(page, 'case filters');

  await page.getByTestId('settings-button').click();
  await expect(page.getByTestId('settings-panel')).toBeVisible();
  await expectAccessible(page, 'settings');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings-panel')).toHaveCount(0);

  await page.getByTestId('help-button').click();
  await expect(page.getByTestId('help-panel')).toBeVisible();
  await expectAccessible(page, 'help');
  await page.keyboard.press('Escape');

  await page.getByTestId('sync-change-password').click();
  await expect(page.getByTestId('password-dialog')).toBeVisible();
  await expectAccessible(page, 'change password');
  await page.keyboard.press('Escape');
  await page.getByTestId('sync-logout').click();
  await page.getByTestId('sync-login').click();
  await expect(page.getByTestId('login-dialog')).toBeVisible();
  await expectAccessible(page, 'login');
  await page.keyboard.press('Escape');

  await page.getByTestId('language-en').click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
  expect(await dateFieldLayout(page, 'filter-from')).toBe('month/day/year');
  await expectAccessible(page, 'call desk in English');
});

test("the team lead's desk: the wallboard, the reports, the call-back worklist, and the TV page", async ({ page, context }) => {
  state.desk = await startDesk({
    DESK_DATA_DIR: state.dataDir,
    DESK_ROLE: 'team-lead',
    DESK_SIM_CALL_INTERVAL_MS: '2000',
    DESK_SIM_AUTO_ANSWER_MS: '3000',
    DESK_SIM_TALK_MS: '60000',
  });
  await page.goto(state.desk.url);
  await expect(page.getByTestId('agent-row').first()).toBeVisible();
  await expect.poll(async () => Number(await page.locator('[data-testid="queue-tile"][data-queue="alo153"]').getByTestId('queue-answered').textContent()), { timeout: 30_000 }).toBeGreaterThan(0);
  await expectAccessible(page, 'wallboard');

  await page.getByTestId('tab-reports').click();
  await expect(page.getByTestId('report-table')).toBeVisible();
  await expectAccessible(page, 'monthly report');
  await page.getByTestId('reports-tab-queueStats').click();
  await expect(page.getByTestId('queue-stats')).toBeVisible();
  await expectAccessible(page, 'queue statistics');

  await page.getByTestId('tab-callbacks').click();
  await expect(page.getByTestId('callbacks')).toBeVisible();
  await expectAccessible(page, 'call-back worklist');

  await page.getByTestId('tab-desk').click();
  await expect(page.getByTestId('case-form')).toBeVisible();
  await expectAccessible(page, "team lead's call desk");

  // The TV page on the desk's own (embedded) server: its login, then the board.
  const serverUrl = /central server \(embedded[^)]*\) on (http:\/\/[\d.:]+)/.exec(state.desk.output())?.[1];
  expect(serverUrl, 'the embedded server is in the desk log').toBeTruthy();
  const tv = await context.newPage();
  await tv.goto(new URL('/wallboard/', serverUrl).href);
  await expect(tv.getByTestId('tv-login')).toBeVisible();
  await expectAccessible(tv, 'TV login');
  await tv.getByTestId('tv-username').fill('lead');
  await tv.getByTestId('tv-password').fill('lead153');
  await tv.getByTestId('tv-login-submit').click();
  await expect(tv.getByTestId('wallboard')).toHaveAttribute('data-tv', 'true');
  await expect(tv.getByTestId('agent-row').first()).toBeVisible();
  await expectAccessible(tv, 'TV wallboard');
});
