import { expect, test, type BrowserContext } from '@playwright/test';
import { startKamailio, type KamailioProcess } from './support/kamailio.js';
import { registeredSipPeer, type SipPeer } from './support/sipPeer/peerPage.js';
import { startSipPeerServer, type SipPeerServer } from './support/sipPeer/server.js';

// Real SIP end to end: three JsSIP pages registered through our Kamailio (SIP over WebSocket),
// media between them over WebRTC with Chromium's fake microphone.

let kamailio: KamailioProcess;
let peerServer: SipPeerServer;
let context: BrowserContext;

test.beforeAll(async ({ browser }) => {
  [kamailio, peerServer] = await Promise.all([startKamailio(), startSipPeerServer()]);
  context = await browser.newContext();
});

test.afterAll(async () => {
  await context?.close();
  await Promise.all([kamailio?.stop(), peerServer?.stop()]);
});

/** Waits until `peer` both sent and received more audio packets than when called (media flows both ways). */
async function expectAudioFlowing(peer: SipPeer, label: string) {
  const before = await peer.stats();
  await expect
    .poll(async () => {
      const now = await peer.stats();
      return now.packetsSent > before.packetsSent && now.packetsReceived > before.packetsReceived && now.bytesReceived > before.bytesReceived;
    }, { message: `audio flowing at ${label}`, timeout: 5_000, intervals: [100, 200, 250] })
    .toBe(true);
}

const callOf = (peer: SipPeer) => async () => (await peer.state()).call;

test('two and three SIP peers through Kamailio: call, header, audio, hold, DTMF, blind transfer, hang-up, cancel', async () => {
  const phone = (user: string) => registeredSipPeer(context, peerServer.url, user, kamailio.wsUrl);
  const [p2001, p2002, p2003] = await Promise.all([phone('2001'), phone('2002'), phone('2003')]);
  const peers = { p2001, p2002, p2003 } as const;
  try {
    for (const peer of Object.values(peers)) expect((await peer.state()).registered).toBe(true);

    // 2001 calls 2002 carrying the PBX correlation header.
    await p2001.call('2002', ['X-Linkedid: 1732550000.42']);
    await expect.poll(callOf(p2002), { timeout: 5_000 }).toBe('ringing');
    expect((await p2002.state()).incomingHeaders['X-Linkedid']).toBe('1732550000.42');
    await expect.poll(callOf(p2001), { timeout: 5_000 }).toBe('progress');

    await p2002.answer();
    await expect.poll(callOf(p2001), { timeout: 5_000 }).toBe('confirmed');
    await expect.poll(callOf(p2002), { timeout: 5_000 }).toBe('confirmed');
    await Promise.all([expectAudioFlowing(p2001, '2001'), expectAudioFlowing(p2002, '2002')]);

    // Hold and resume (re-INVITE inside the dialog): both sides see it.
    await p2002.hold();
    await expect.poll(async () => (await p2002.state()).held, { timeout: 5_000 }).toBe(true);
    await expect.poll(async () => (await p2001.state()).remoteHeld, { timeout: 5_000 }).toBe(true);
    await p2002.unhold();
    await expect.poll(async () => (await p2002.state()).held, { timeout: 5_000 }).toBe(false);
    await expect.poll(async () => (await p2001.state()).remoteHeld, { timeout: 5_000 }).toBe(false);

    // DTMF (SIP INFO inside the dialog).
    await p2001.sendDtmf('123#');
    await expect.poll(async () => (await p2002.state()).dtmfReceived, { timeout: 5_000 }).toBe('123#');

    // 2002 blind-transfers 2001 to 2003 (REFER); 2001 calls 2003, 2002 leaves.
    await p2002.refer('sip:2003@127.0.0.1');
    await expect.poll(callOf(p2003), { timeout: 5_000 }).toBe('ringing');
    await expect.poll(callOf(p2002), { timeout: 5_000 }).toBe('idle');
    await p2003.answer();
    await expect.poll(callOf(p2001), { timeout: 5_000 }).toBe('confirmed');
    await expect.poll(callOf(p2003), { timeout: 5_000 }).toBe('confirmed');
    await Promise.all([expectAudioFlowing(p2001, '2001 after transfer'), expectAudioFlowing(p2003, '2003')]);

    await p2003.hangup();
    for (const peer of Object.values(peers)) await expect.poll(callOf(peer), { timeout: 5_000 }).toBe('idle');
    expect((await p2001.state()).lastEndCause).toBe('Terminated');

    // CANCEL: 2002 rings 2003 and gives up before the answer.
    await p2002.call('2003');
    await expect.poll(callOf(p2003), { timeout: 5_000 }).toBe('ringing');
    await expect.poll(callOf(p2002), { timeout: 5_000 }).toBe('progress');
    await p2002.hangup();
    for (const peer of Object.values(peers)) await expect.poll(callOf(peer), { timeout: 5_000 }).toBe('idle');
    expect((await p2003.state()).lastEndCause).toBe('Canceled');
  } catch (error) {
    const logs = await Promise.all(Object.entries(peers).map(async ([name, peer]) => `${name}:\n  ${(await peer.log()).join('\n  ')}`));
    throw new Error(`${(error as Error).message}\n\npeer logs:\n${logs.join('\n')}`, { cause: error });
  }
});
