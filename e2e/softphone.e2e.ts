import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createChange } from '../server/testSupport.js';
import { startDesk, type DeskProcess } from './support/deskProcess.js';
import { freePort } from '../main/host/testing/freePort.js';
import { startKamailio, type KamailioProcess } from './support/kamailio.js';
import { startServerProcess, type ServerProcess } from './support/serverProcess.js';
import { registeredSipPeer, type SipPeer } from './support/sipPeer/peerPage.js';
import { startSipPeerServer, type SipPeerServer } from './support/sipPeer/server.js';

// The desk's own softphone against real SIP: Kamailio from Debian, the citizen on a JsSIP page,
// media over WebRTC with Chromium's fake microphone.

let kamailio: KamailioProcess;
let peerServer: SipPeerServer;
let dir: string;
let desk: DeskProcess | null = null;
let server: ServerProcess | null = null;
let peers: BrowserContext;

test.beforeAll(async ({ browser }) => {
  [kamailio, peerServer] = await Promise.all([startKamailio(), startSipPeerServer()]);
  peers = await browser.newContext();
});
test.afterAll(async () => {
  await peers?.close();
  await Promise.all([kamailio?.stop(), peerServer?.stop()]);
});
test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'desk-sip-e2e-'));
});
test.afterEach(async () => {
  await desk?.stop('SIGKILL');
  await server?.stop();
  desk = null;
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

const sipDesk = (extra: Record<string, string>) => ({
  DESK_DATA_DIR: path.join(dir, 'desk'),
  DESK_SIM_CALL_INTERVAL_MS: '0',
  DESK_SIP_WS_URL: kamailio.wsUrl,
  DESK_SIP_URI: 'sip:1001@127.0.0.1',
  DESK_SIP_ICE_TIMEOUT_MS: '300',
  ...extra,
});

/** Both directions: what the citizen sends grows, and what the citizen receives grows. */
async function expectAudioBothWays(citizen: SipPeer) {
  const before = await citizen.stats();
  await expect
    .poll(async () => {
      const now = await citizen.stats();
      return now.packetsSent > before.packetsSent && now.packetsReceived > before.packetsReceived;
    }, { message: 'audio flowing both ways', timeout: 8_000 })
    .toBe(true);
}

async function registered(page: Page) {
  await expect(page.getByTestId('sip-status')).toHaveAttribute('data-state', 'registered', { timeout: 15_000 });
}

test('a citizen calls the desk: it rings with the screen-pop, the operator answers, holds, sends tones, transfers; then the operator calls the citizen back from a case', async ({ page }) => {
  desk = await startDesk(sipDesk({ DESK_SERVER_URL: 'off' }));
  await page.goto(desk.url);
  await registered(page);

  const citizen = await registeredSipPeer(peers, peerServer.url, '905321112233', kamailio.wsUrl);
  const colleague = await registeredSipPeer(peers, peerServer.url, '2003', kamailio.wsUrl);
  await citizen.call('1001', ['X-Linkedid: 1732550000.42']);

  // Ringing: the answer button and the caller's screen-pop (the demo desk knows this citizen).
  await expect(page.getByTestId('call-answer')).toBeVisible();
  await expect(page.getByTestId('screen-pop')).toBeVisible();
  await expect(page.getByTestId('screen-pop-caller')).toContainText('0532 111 22 33');
  await page.getByTestId('call-answer').click();
  await expect.poll(async () => (await citizen.state()).call).toBe('confirmed');
  await expect(page.getByTestId('call-timer')).toBeVisible();
  await expectAudioBothWays(citizen);

  await page.getByTestId('call-mute').click();
  await expect(page.getByTestId('call-mute')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('call-mute').click();
  await expect(page.getByTestId('call-mute')).toHaveAttribute('aria-pressed', 'false');

  await page.getByTestId('call-hold').click();
  await expect(page.getByTestId('call-hold')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await citizen.state()).remoteHeld).toBe(true);
  await page.getByTestId('call-hold').click();
  await expect.poll(async () => (await citizen.state()).remoteHeld).toBe(false);
  await expect(page.getByTestId('call-hold')).toHaveAttribute('aria-pressed', 'false');

  const dialpad = page.getByTestId('dialpad');
  await dialpad.getByTestId('dialpad-key-1').click();
  await dialpad.getByTestId('dialpad-key-5').click();
  await dialpad.getByTestId('dialpad-key-hash').click();
  await expect.poll(async () => (await citizen.state()).dtmfReceived).toBe('15#');

  // Blind transfer: the citizen's phone follows the REFER to the colleague's.
  await page.getByTestId('call-transfer-target').fill('2003');
  await page.getByTestId('call-transfer').click();
  await expect.poll(async () => (await colleague.state()).call, { timeout: 10_000 }).toBe('ringing');
  await colleague.answer();
  await expect.poll(async () => (await citizen.state()).call).toBe('confirmed');
  await expect(page.getByTestId('call-answer')).toHaveCount(0);
  await expect(page.getByTestId('call-hangup')).toHaveCount(0);
  await colleague.hangup();
  await expect.poll(async () => (await citizen.state()).call).toBe('idle');

  // Click-to-dial from one of the citizen's cases: the softphone calls out; the operator hangs up.
  // Stored 905321112233, listed as it is read out (issue 18).
  await page.getByTestId('case-row').filter({ hasText: '0532 111 22 33' }).first().click();
  await page.getByTestId('case-detail-phone').getByTestId('dial-number').click();
  await expect(page.getByTestId('dial-route')).toHaveAttribute('data-route', 'softphone');
  await expect.poll(async () => (await citizen.state()).call, { timeout: 10_000 }).toBe('ringing');
  await citizen.answer();
  await expect.poll(async () => (await citizen.state()).call).toBe('confirmed');
  await expectAudioBothWays(citizen);
  await page.getByTestId('call-hangup').click();
  await expect.poll(async () => (await citizen.state()).call).toBe('idle');
});

test('attended transfer: the operator consults a colleague, then joins the citizen to them', async ({ page }) => {
  desk = await startDesk(sipDesk({ DESK_SERVER_URL: 'off' }));
  await page.goto(desk.url);
  await registered(page);
  const citizen = await registeredSipPeer(peers, peerServer.url, '905427654321', kamailio.wsUrl);
  const colleague = await registeredSipPeer(peers, peerServer.url, '2004', kamailio.wsUrl);

  await citizen.call('1001');
  await page.getByTestId('call-answer').click();
  await expect.poll(async () => (await citizen.state()).call).toBe('confirmed');

  // Consult: the citizen waits on hold while the colleague is asked.
  await page.getByTestId('call-transfer-target').fill('2004');
  await page.getByTestId('call-consult').click();
  await expect.poll(async () => (await citizen.state()).remoteHeld).toBe(true);
  await expect.poll(async () => (await colleague.state()).call, { timeout: 10_000 }).toBe('ringing');
  await colleague.answer();
  await expect(page.getByTestId('call-consult-complete')).toBeEnabled();

  // Complete: the citizen's phone calls the colleague with Replaces; the desk is out of both calls.
  await page.getByTestId('call-consult-complete').click();
  await expect.poll(async () => (await citizen.state()).remoteHeld, { timeout: 10_000 }).toBe(false);
  await expect.poll(async () => (await citizen.state()).call).toBe('confirmed');
  await expect.poll(async () => (await colleague.state()).call).toBe('confirmed');
  await expectAudioBothWays(citizen);
  await expect(page.getByTestId('call-hangup')).toHaveCount(0, { timeout: 10_000 });
  await citizen.hangup();
  await expect.poll(async () => (await colleague.state()).call).toBe('idle');
});

test('a feedback operator dials a call-back from the worklist; the citizen is told, and the outcome reaches the server', async ({ page }) => {
  const port = await freePort();
  server = await startServerProcess(port, path.join(dir, 'server'));
  // A case with the citizen's number, resolved by its unit on the server: a call-back is due.
  const applicationNo = await resolvedCaseOnServer(server.url, '2001');

  desk = await startDesk(sipDesk({ DESK_ROLE: 'feedback', DESK_SERVER_URL: server.url, DESK_SERVER_USER: 'feedback', DESK_SERVER_PASSWORD: 'feedback153' }));
  await page.goto(desk.url);
  await registered(page);
  const citizen = await registeredSipPeer(peers, peerServer.url, '2001', kamailio.wsUrl);

  await page.getByTestId('tab-callbacks').click();
  const row = page.getByTestId('callback-row').filter({ hasText: applicationNo });
  await expect(row).toHaveCount(1);
  await row.getByTestId('callback-dial').click();
  await expect.poll(async () => (await citizen.state()).call, { timeout: 10_000 }).toBe('ringing');
  await citizen.answer();
  await expectAudioBothWays(citizen);

  const outcome = page.getByTestId('callback-outcome');
  await outcome.getByTestId('callback-outcome-informed').check();
  await outcome.getByTestId('callback-satisfaction-5').check();
  await outcome.getByTestId('callback-comment').fill('Vatandaş memnun, teşekkür etti.');
  await outcome.getByTestId('callback-save').click();
  await page.getByTestId('call-hangup').click();
  await expect.poll(async () => (await citizen.state()).call).toBe('idle');
  await expect(page.getByTestId('callback-row').filter({ hasText: applicationNo })).toHaveCount(0);

  // The central server has the outcome: the call-back is off every worklist.
  const lead = await login(server.url, 'lead');
  const list = await fetch(`${server.url}/api/v1/callbacks`, { headers: lead }).then((r) => r.json() as Promise<{ items: Array<{ applicationNo: string }> }>);
  expect(list.items.some((i) => i.applicationNo === applicationNo)).toBe(false);
});

async function login(serverUrl: string, username: string): Promise<{ authorization: string }> {
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `${username}153` }),
  });
  expect(res.status).toBe(200);
  return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
}

/** Pushes a forwarded case as a desk would, then resolves it as the roads unit would. */
async function resolvedCaseOnServer(serverUrl: string, phone: string): Promise<string> {
  const applicationNo = 'DE2E00-2026-0000001-2';
  const operator = await login(serverUrl, 'operator');
  const change = createChange(applicationNo, { subject: 'Kaldırım bozuk / kırık', subjectCode: 'yol.kaldirim', phone, citizenName: 'Hatice Güneş' }, 'desk-e2e');
  const push = await fetch(`${serverUrl}/api/v1/sync/push`, {
    method: 'POST',
    headers: { ...operator, 'content-type': 'application/json' },
    body: JSON.stringify({ deskId: 'desk-e2e', changes: [change] }),
  });
  expect(push.status).toBe(200);
  const fen = await login(serverUrl, 'fen');
  const resolved = await fetch(`${serverUrl}/api/v1/cases/${applicationNo}/resolve`, {
    method: 'POST',
    headers: { ...fen, 'content-type': 'application/json' },
    body: JSON.stringify({ resolution: 'Kırık taşlar yenilendi.' }),
  });
  expect(resolved.status).toBe(200);
  return applicationNo;
}
