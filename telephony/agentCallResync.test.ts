import { afterEach, describe, expect, it } from 'vitest';
import type { AgentCall } from '../core/call.js';
import { createAmiClient, type AmiResync } from './ami/amiClient.js';
import { resyncAgentCall } from './agentCall.js';
import { AYSE, MEHMET, SECRET, startTestSimulator } from './testing/simFixtures.js';
import { waitFor } from './testing/waitFor.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A desk connecting to the simulator now: its first resync. */
async function firstResync(port: number): Promise<AmiResync> {
  const client = createAmiClient({ host: '127.0.0.1', port, username: 'desk', secret: SECRET });
  cleanups.push(() => client.stop());
  const resyncs: AmiResync[] = [];
  client.onResync((r) => resyncs.push(r));
  client.start();
  await waitFor(() => resyncs.length > 0, 5_000, 'first resync');
  return resyncs[0]!;
}

describe('the screen-pop after a (re)connect in the middle of a call', () => {
  it('finds the call the agent is on from CoreShowChannels, with the caller and the queue', async () => {
    const sim = await startTestSimulator(cleanups, { callers: [{ number: '905427654321', name: 'Fatma Şahin' }], talkTimeMs: 60_000 });
    sim.placeCall();
    await waitFor(() => sim.status('alo153')[0]!.entries.length === 0, 5_000, 'the call answered');
    const resync = await firstResync(sim.port);
    const taker = [AYSE, MEHMET].find((a) => resyncAgentCall(null, resync.channels!, a.interface, resync.at) !== null)!;
    const call = resyncAgentCall(null, resync.channels!, taker.interface, resync.at)!;
    expect(call).toMatchObject({ phase: 'connected', callerNumber: '905427654321', callerName: 'Fatma Şahin', queue: 'alo153', endedAt: null });
    expect(call.linkedid).toMatch(/^\d+\.\d+$/);
    // The other agent has no call.
    const other = taker === AYSE ? MEHMET : AYSE;
    expect(resyncAgentCall(null, resync.channels!, other.interface, resync.at)).toBeNull();
  });

  it('keeps the call it already shows, and ends one that finished while the link was down', async () => {
    const sim = await startTestSimulator(cleanups, { callers: [{ number: '905427654321', name: 'Fatma Şahin' }], talkTimeMs: 60_000 });
    const idle = await firstResync(sim.port);
    const shown: AgentCall = {
      linkedid: '1795000000.9',
      queue: 'alo153',
      callerNumber: '905321112233',
      callerName: null,
      phase: 'connected',
      ringingSince: 1,
      answeredAt: 2,
      endedAt: null,
      queueWaitSec: 4,
      talkSec: null,
    };
    expect(resyncAgentCall(shown, idle.channels!, AYSE.interface, 100)).toMatchObject({ phase: 'ended', endedAt: 100, queueWaitSec: 4 });
    expect(resyncAgentCall(null, idle.channels!, AYSE.interface, 100)).toBeNull();
  });
});
