import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pageProbe, probeAttention } from './support/attentionProbe.js';
import { startDesk, type DeskProcess } from './support/deskProcess.js';
import { startKamailio, type KamailioProcess } from './support/kamailio.js';
import { registeredSipPeer } from './support/sipPeer/peerPage.js';
import { startSipPeerServer, type SipPeerServer } from './support/sipPeer/server.js';

// The desk gets the operator's attention in browser mode with what a page has: a notification,
// the tab's title and favicon, the ring; and the operator works it from the keyboard.

let dataDir: string;
let desk: DeskProcess | null = null;

test.beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-presence-e2e-'));
});
test.afterEach(async () => {
  await desk?.stop('SIGKILL');
  desk = null;
  rmSync(dataDir, { recursive: true, force: true });
});

const TITLE = 'ALO 153 Çağrı Masası';

async function openDesk(context: BrowserContext, page: Page, env: Record<string, string>) {
  desk = await startDesk({ DESK_DATA_DIR: dataDir, DESK_SERVER_URL: 'off', ...env });
  await context.grantPermissions(['notifications'], { origin: new URL(desk.url).origin });
  await page.goto(desk.url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
}

/** One caller ringing every few seconds, who waits as long as it takes; answered after `answerMs` ('off': never). */
const ringing = (caller: string, answerMs: string) => ({
  DESK_SIM_CALLERS: caller,
  DESK_SIM_CALL_INTERVAL_MS: '3000',
  DESK_SIM_AUTO_ANSWER_MS: answerMs,
  DESK_SIM_TALK_MS: '120000',
  DESK_SIM_PATIENCE_MS: 'off',
});

/** The ring's signs while the page is in the background: notification, flashing tab, sound. */
async function expectRingNoticed(page: Page, caller: string) {
  const probe = pageProbe(page);
  await expect.poll(probe.notices, { timeout: 20_000 }).toContainEqual(expect.objectContaining({ title: `Gelen çağrı: ${caller}`, closed: false }));
  const notice = (await probe.notices()).at(-1)!;
  // The caller's name and their most pressing open case (or that there is none).
  expect(notice.body).toMatch(/^.+\n(Açık başvuru .+|Açık başvurusu yok)$/);
  await expect.poll(() => page.title()).toBe(`☎ ${caller} arıyor`);
  await expect.poll(probe.favicon).toMatch(/^data:image\/svg\+xml,/);
  // Flashing: the call's title and the desk's take turns.
  await expect.poll(() => page.title(), { timeout: 3_000 }).toBe(TITLE);
  await expect.poll(() => page.title(), { timeout: 3_000 }).toBe(`☎ ${caller} arıyor`);
  await expect.poll(probe.played).toContainEqual(expect.stringMatching(/^blob:/));
}

test('desk phone: a ring in a background tab is seen and heard; the phone answers, the keyboard hangs up', async ({ context, page }) => {
  await probeAttention(context);
  await openDesk(context, page, ringing('905321112233:Vatandaş Ali', '5000'));
  const probe = pageProbe(page);
  await probe.hide();

  await expectRingNoticed(page, '0532 111 22 33');

  // Answered on the desk phone: the notification goes, the tab is itself again, the ring stops.
  await expect(page.getByTestId('screen-pop')).toHaveAttribute('data-phase', 'connected', { timeout: 20_000 });
  await expect.poll(probe.notices).toContainEqual(expect.objectContaining({ closed: true }));
  await expect.poll(() => page.title()).toBe(TITLE);
  expect(await probe.favicon()).toBe('data:,');

  // The operator comes back to the desk: answering is the phone's, and the desk says so.
  await probe.show();
  await page.keyboard.press('F9');
  await expect(page.getByTestId('key-note')).toHaveAttribute('data-why', 'desk-phone');
  await expect(page.getByTestId('key-note')).toContainText('masa telefonunda');
  await page.keyboard.press('F10');
  await expect(page.getByTestId('screen-pop')).toHaveAttribute('data-phase', 'ended', { timeout: 10_000 });
});

test('a click on the notification brings the tab up and puts the caret in the case form', async ({ context, page }) => {
  await probeAttention(context);
  await openDesk(context, page, ringing('905427654321:Fatma Şahin', 'off'));
  const probe = pageProbe(page);
  await probe.hide();
  await expect.poll(probe.notices, { timeout: 20_000 }).toHaveLength(1);
  // Whatever had the caret in the background tab, the click is what brings it to the form.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await probe.clickNotice();
  await expect(page.getByTestId('case-subject')).toBeFocused();
  await expect.poll(() => page.title()).toBe(TITLE);
  await expect.poll(probe.notices).toEqual([expect.objectContaining({ closed: true })]);
});

test('the operator typing in another field keeps the caret when a call rings', async ({ context, page }) => {
  await probeAttention(context);
  await openDesk(context, page, { DESK_SIM_CALL_INTERVAL_MS: '2500', DESK_SIM_AUTO_ANSWER_MS: 'off', DESK_SIM_PATIENCE_MS: 'off' });
  await page.getByTestId('case-search').click();
  await page.keyboard.type('kaldırım');
  await expect(page.getByTestId('screen-pop')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('case-search')).toBeFocused();
  // In front: no notification, no flashing.
  expect(await pageProbe(page).notices()).toEqual([]);
  expect(await page.title()).toBe(TITLE);
});

test('F1 lists the keys and where each works; keys, volume, attention and language are set in the panel and kept across a restart', async ({ page }) => {
  const env = { DESK_SIM_CALL_INTERVAL_MS: '0' };
  desk = await startDesk({ DESK_DATA_DIR: dataDir, DESK_SERVER_URL: 'off', ...env });
  await page.goto(desk.url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  // An older release kept the language in this browser: it moves into the settings, once.
  await page.evaluate(() => localStorage.setItem('alo153.language', 'en'));
  await page.reload();
  await expect(page.getByTestId('settings-button')).toHaveText('Settings');
  expect(await page.evaluate(() => localStorage.getItem('alo153.language'))).toBeNull();
  await page.getByTestId('language-tr').click();
  await expect(page.getByTestId('settings-button')).toHaveText('Ayarlar');

  // Browser mode asks for notifications with a reason, and "not now" is respected.
  await expect(page.getByTestId('notification-prompt').or(page.getByTestId('notification-denied'))).toBeVisible();

  await page.keyboard.press('F1');
  const help = page.getByTestId('help-panel');
  await expect(help).toBeVisible();
  await expect(help.getByTestId('help-setup')).toHaveAttribute('data-setup', 'desk-phone');
  await expect(help.locator('[data-testid="hotkey-row"][data-action="answer"]')).toHaveAttribute('data-key', 'F9');
  await expect(help.locator('[data-testid="hotkey-row"][data-action="answer"]')).toHaveAttribute('data-works', 'false');
  await expect(help.locator('[data-testid="hotkey-row"][data-action="hangup"]')).toHaveAttribute('data-works', 'true');
  await expect(help.getByTestId('hotkey-coming')).toContainText('Toplu olaya bağla');
  await page.keyboard.press('F1');
  await expect(help).toHaveCount(0);

  // Ready / pause from the keyboard: F8 goes to the reason, the arrows pick one, Enter pauses with it.
  await page.keyboard.press('F8');
  const reason = page.locator('#operator-pause-reason');
  await expect(reason).toBeFocused();
  const reasons = await reason.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  await page.keyboard.press('ArrowDown');
  await expect(reason).toHaveValue(reasons[1]!);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operator-state')).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('operator-pause-reason')).toHaveText(await reason.locator('option:checked').innerText());
  await page.keyboard.press('F8');
  await expect(page.getByTestId('operator-state')).toHaveAttribute('data-state', 'available');

  await page.getByTestId('settings-button').click();
  const settings = page.getByTestId('settings-panel');
  await settings.getByTestId('setting-ring-volume').fill('30');
  // Saved by the host, then shown: the radio follows the settings, not the click.
  await settings.getByTestId('setting-attention-front').click();
  await expect(settings.getByTestId('setting-attention-front')).toBeChecked();
  await settings.locator('[data-testid="hotkey-field"][data-action="hangup"]').click();
  await page.keyboard.press('Control+Alt+KeyH');
  await expect(settings.locator('[data-testid="hotkey-field"][data-action="hangup"]')).toHaveValue('Ctrl+Alt+H');
  // A key another action holds is refused, and the field says why.
  await settings.locator('[data-testid="hotkey-field"][data-action="hold"]').click();
  await page.keyboard.press('F9');
  await expect(settings.locator('[data-testid="hotkey-setting"][data-action="hold"]').getByTestId('hotkey-error')).toHaveAttribute('data-error', 'conflict');
  await expect(settings.locator('[data-testid="hotkey-field"][data-action="hold"]')).toHaveValue('F7');
  await settings.getByTestId('setting-language').selectOption('en');
  await expect(page.getByTestId('settings-button')).toHaveText('Settings');
  await expect.poll(() => JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).ringVolume).toBe(30);
  expect(statSync(path.join(dataDir, 'settings.json')).mode & 0o777).toBe(0o600);

  // The desk restarts (a new process, a new token, the same port as a real desk's fixed one):
  // everything is as the operator left it, and the first frame is already in English, before
  // the settings arrive over the link.
  const port = new URL(desk.url).port;
  await desk.stop();
  desk = await startDesk({ DESK_DATA_DIR: dataDir, DESK_SERVER_URL: 'off', DESK_PORT: port, ...env });
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const button = document.querySelector('[data-testid="settings-button"]');
      if (button === null) return;
      (window as unknown as { firstSettingsText: string | null }).firstSettingsText = button.textContent;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  // Only the #token differs from the page already open: leave it first, or there is no new load.
  await page.goto('about:blank');
  await page.goto(desk.url);
  await expect(page.getByTestId('settings-button')).toHaveText('Settings');
  expect(await page.evaluate(() => (window as unknown as { firstSettingsText: string | null }).firstSettingsText)).toBe('Settings');
  await page.getByTestId('settings-button').click();
  await expect(settings.getByTestId('setting-ring-volume')).toHaveValue('30');
  await expect(settings.getByTestId('setting-attention-front')).toBeChecked();
  await expect(settings.locator('[data-testid="hotkey-field"][data-action="hangup"]')).toHaveValue('Ctrl+Alt+H');
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await expect(page.locator('[data-testid="hotkey-row"][data-action="hangup"]')).toHaveAttribute('data-key', 'Ctrl+Alt+H');
});

test.describe('softphone', () => {
  let kamailio: KamailioProcess;
  let peerServer: SipPeerServer;

  test.beforeAll(async () => {
    [kamailio, peerServer] = await Promise.all([startKamailio(), startSipPeerServer()]);
  });
  test.afterAll(async () => {
    await Promise.all([kamailio?.stop(), peerServer?.stop()]);
  });

  test('a ring in a background tab is seen and heard, and the call is answered, muted, held and hung up from the keyboard alone', async ({ browser, context, page }) => {
    await probeAttention(context);
    await openDesk(context, page, {
      DESK_SIM_CALL_INTERVAL_MS: '0',
      DESK_SIP_WS_URL: kamailio.wsUrl,
      DESK_SIP_URI: 'sip:1001@127.0.0.1',
      DESK_SIP_ICE_TIMEOUT_MS: '300',
    });
    await expect(page.getByTestId('sip-status')).toHaveAttribute('data-state', 'registered', { timeout: 15_000 });
    const peers = await browser.newContext();
    try {
      const citizen = await registeredSipPeer(peers, peerServer.url, '905321112233', kamailio.wsUrl);
      const probe = pageProbe(page);
      await probe.hide();
      await citizen.call('1001');
      await expectRingNoticed(page, '0532 111 22 33');

      // The operator switches to the desk's tab; the keys do the rest.
      await probe.show();
      await expect.poll(() => page.title()).toBe(TITLE);
      await page.keyboard.press('F9');
      await expect.poll(async () => (await citizen.state()).call, { timeout: 10_000 }).toBe('confirmed');
      await expect(page.getByTestId('call-timer')).toBeVisible();
      await page.keyboard.press('F6');
      await expect(page.getByTestId('call-mute')).toHaveAttribute('aria-pressed', 'true');
      await page.keyboard.press('F6');
      await expect(page.getByTestId('call-mute')).toHaveAttribute('aria-pressed', 'false');
      await page.keyboard.press('F7');
      await expect.poll(async () => (await citizen.state()).remoteHeld).toBe(true);
      await page.keyboard.press('F7');
      await expect.poll(async () => (await citizen.state()).remoteHeld).toBe(false);
      await page.keyboard.press('F10');
      await expect.poll(async () => (await citizen.state()).call, { timeout: 10_000 }).toBe('idle');
    } finally {
      await peers.close();
    }
  });
});
