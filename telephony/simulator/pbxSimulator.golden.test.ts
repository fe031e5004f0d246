import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmiFrame } from '../ami/amiFrame.js';
import { header } from '../ami/amiFrame.js';
import type { AmiClient } from '../ami/amiClient.js';
import { createAmiClient } from '../ami/amiClient.js';
import { compareFrames } from '../testing/goldenCompare.js';
import { ALI, RECORDED_ORIGINATE_MS, recordedPbxConfig } from '../testing/recordedPbx.js';
import { loadRecording, receivedFrames } from '../testing/recordings.js';
import { waitFor } from '../testing/waitFor.js';
import type { PbxSimulator } from './pbxSimulator.js';
import { startSimulator } from './pbxSimulator.js';
import type { ManualScheduler } from './simScheduler.js';
import { manualScheduler } from './simScheduler.js';
import type { SimulatorConfig } from './simTypes.js';

const eventName = (frame: AmiFrame) => header(frame, 'Event');

/** A simulator on a manual clock with a real AMI client logged in over TCP. */
async function connectedSimulator(config: SimulatorConfig, startMs: number) {
  const scheduler: ManualScheduler = manualScheduler(startMs);
  const sim: PbxSimulator = await startSimulator(config, scheduler);
  const client: AmiClient = createAmiClient({ host: '127.0.0.1', port: sim.port, username: 'desk', secret: 'desk153' });
  const events: AmiFrame[] = [];
  client.onEvent((event) => events.push(event));
  client.start();
  await waitFor(() => client.linkState.status === 'connected' && events.length >= 2, 5_000, 'login');
  return { scheduler, sim, client, events };
}

describe('golden: the simulator against a-idle-status and b-single-call-answered', () => {
  const recordedB = receivedFrames(loadRecording('b-single-call-answered'));
  let setup: Awaited<ReturnType<typeof connectedSimulator>>;

  beforeAll(async () => {
    setup = await connectedSimulator(recordedPbxConfig(), RECORDED_ORIGINATE_MS);
  });
  afterAll(async () => {
    await setup.client.stop();
    await setup.sim.stop();
  });

  it('greets a login with FullyBooted and SuccessfulAuth as recorded', () => {
    const recordedLogin = recordedB.filter((frame) => ['FullyBooted', 'SuccessfulAuth'].includes(eventName(frame) ?? ''));
    expect(compareFrames(recordedLogin, setup.events.slice(0, 2))).toEqual([]);
  });

  it('answers QueueStatus, unfiltered and for one queue, as a-idle-status shows the same members', async () => {
    const recordedA = receivedFrames(loadRecording('a-idle-status'));
    const listOf = (actionId: string) => recordedA.filter((frame) => header(frame, 'ActionID') === actionId);
    const all = await setup.client.listAction({ Action: 'QueueStatus' });
    expect(all.items).toHaveLength(7);
    expect(compareFrames(listOf('desk-4'), [all.response, ...all.items, all.complete!])).toEqual([]);
    const one = await setup.client.listAction({ Action: 'QueueStatus', Queue: 'alo153' });
    expect(one.items).toHaveLength(4);
    expect(compareFrames(listOf('desk-5'), [one.response, ...one.items, one.complete!])).toEqual([]);
  });

  it('produces the answered call event for event: names, header order, Privilege and values', async () => {
    const firstCallEvent = recordedB.findIndex((frame) => eventName(frame) === 'Newchannel');
    const recordedCall = recordedB.slice(firstCallEvent).filter((frame) => eventName(frame) !== undefined);
    setup.events.length = 0;
    const linkedid = setup.sim.placeCall(ALI);
    setup.scheduler.advance(2_000); // Ayşe's headset answers
    setup.scheduler.advance(3_000); // the caller hangs up
    await waitFor(() => setup.events.length >= recordedCall.length, 5_000, 'the call events');
    await new Promise((resolve) => setTimeout(resolve, 50)); // nothing more may follow
    expect(compareFrames(recordedCall, setup.events)).toEqual([]);
    expect(linkedid).toBe(header(setup.events[0]!, 'Linkedid'));
    expect(setup.scheduler.pendingTimers).toBe(0);
  });

  it('counts the completed call in QueueStatus afterwards (as c-caller-abandon shows it)', async () => {
    const { items } = await setup.client.listAction({ Action: 'QueueStatus', Queue: 'alo153' });
    const params = items[0]!;
    expect([header(params, 'Calls'), header(params, 'Holdtime'), header(params, 'TalkTime'), header(params, 'Completed')]).toEqual(['0', '2', '3', '1']);
    expect(header(params, 'ServicelevelPerf')).toBe('100.0');
    const ayse = items.find((item) => header(item, 'Name') === 'Ayşe Yılmaz')!;
    expect([header(ayse, 'CallsTaken'), header(ayse, 'LastCall'), header(ayse, 'Status')]).toEqual(['1', '1795424000', '1']);
  });
});

describe('golden: ring-no-answer against e-ring-no-answer', () => {
  const MERT = { number: '905059876543', name: 'Vatandaş Mert' };
  let setup: Awaited<ReturnType<typeof connectedSimulator>>;

  beforeAll(async () => {
    setup = await connectedSimulator(recordedPbxConfig({ autoAnswerMs: null, callers: [MERT] }), RECORDED_ORIGINATE_MS);
  });
  afterAll(async () => {
    await setup.client.stop();
    await setup.sim.stop();
  });

  it('times the ring out after 15 s with the recorded events, then retries on the next member', async () => {
    const recordedE = receivedFrames(loadRecording('e-ring-no-answer')).filter((frame) => eventName(frame) !== undefined);
    const start = recordedE.findIndex((frame) => eventName(frame) === 'AgentRingNoAnswer');
    // The first no-answer block runs up to the member's return to idle in both queues.
    const recordedBlock = recordedE.slice(start, start + 22);
    expect(eventName(recordedBlock.at(-1)!)).toBe('QueueMemberStatus');

    setup.events.length = 0;
    const linkedid = setup.sim.placeCall();
    await waitFor(() => setup.events.some((frame) => eventName(frame) === 'DialState'), 5_000, 'ringing');
    const ringing = setup.events.length;
    setup.scheduler.advance(15_000);
    await waitFor(() => setup.events.length >= ringing + recordedBlock.length, 5_000, 'the no-answer events');
    const block = setup.events.slice(ringing);
    expect(compareFrames(recordedBlock, block, { values: false })).toEqual([]);

    const noAnswer = block[0]!;
    expect(header(noAnswer, 'Interface')).toBe('Local/1001@sim-agent/n');
    expect(header(noAnswer, 'RingTime')).toBe('15000'); // milliseconds here, seconds in AgentConnect
    expect(header(noAnswer, 'Linkedid')).toBe(linkedid);
    expect(block.filter((frame) => eventName(frame) === 'QueueMemberStatus').map((frame) => header(frame, 'Status'))).toEqual(['1', '1']);
    const cdr = block.find((frame) => eventName(frame) === 'Cdr')!;
    expect([header(cdr, 'AnswerTime'), header(cdr, 'Duration'), header(cdr, 'Disposition')]).toEqual(['', '15', 'FAILED']);

    setup.scheduler.advance(2_000); // queues.conf retry
    await waitFor(() => setup.events.slice(ringing + recordedBlock.length).some((frame) => eventName(frame) === 'AgentCalled'), 5_000, 'the retry');
    const retry = setup.events.slice(ringing + recordedBlock.length).find((frame) => eventName(frame) === 'AgentCalled')!;
    expect([header(retry, 'Interface'), header(retry, 'Linkedid')]).toEqual(['Local/1002@sim-agent/n', linkedid]);
  });
});
