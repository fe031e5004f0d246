import { afterEach, describe, expect, it } from 'vitest';
import type { DeskSnapshot } from '../../core/contract.js';
import { AYSE, SECRET, startTestSimulator } from '../../telephony/testing/simFixtures.js';
import { waitFor } from '../../telephony/testing/waitFor.js';
import { connectRaw } from '../../telephony/testing/rawAmiClient.js';
import { header } from '../../telephony/ami/amiFrame.js';
import { waitUntil } from './testing/centralServer.js';
import { startTestDesk, type Cleanups } from './testing/testDesk.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Ayşe's desk on the simulator's PBX, and its snapshot as the UI asks for it. */
async function aysesDesk(port: number, env: Record<string, string> = {}) {
  const host = await startTestDesk(cleanups, {
    DESK_AMI_HOST: '127.0.0.1',
    DESK_AMI_PORT: String(port),
    DESK_AMI_USER: 'desk',
    DESK_AMI_SECRET: SECRET,
    DESK_AGENT_INTERFACE: AYSE.interface,
    ...env,
  });
  const snapshot = async () => {
    const r = await host.invoke('desk.snapshot', {});
    return r.ok ? (r.value as DeskSnapshot) : null;
  };
  return { snapshot };
}

describe('a desk that starts in the middle of a call', () => {
  it('pops the call the agent is on from the PBX channel list, and ends it when the PBX says it ended', async () => {
    const sim = await startTestSimulator(cleanups, { agents: [AYSE], callers: [{ number: '905427654321', name: 'Fatma Şahin' }], talkTimeMs: 1_500 });
    sim.placeCall();
    await waitFor(() => sim.status('alo153')[0]!.entries.length === 0, 5_000, 'Ayşe answered');

    const { snapshot } = await aysesDesk(sim.port);
    let pop: DeskSnapshot['screenPop'] = null;
    await waitUntil(async () => (pop = (await snapshot())?.screenPop ?? null) !== null, 5_000, 'the pop');
    expect(pop!.call).toMatchObject({ phase: 'connected', callerNumber: '905427654321', callerName: 'Fatma Şahin', queue: 'alo153' });
    // The caller hangs up after the talk time: AgentComplete ends it as usual.
    await waitUntil(async () => (await snapshot())?.screenPop?.call.phase === 'ended', 5_000, 'the end');
  });
});

describe('a manager user the PBX refuses CoreShowChannels (write without `reporting`)', () => {
  it('stays connected but says what was refused, and does not end the call on screen for lack of a channel list', async () => {
    const sim = await startTestSimulator(cleanups, {
      agents: [AYSE],
      callers: [{ number: '905427654321', name: 'Fatma Şahin' }],
      talkTimeMs: 60_000,
      users: [{ username: 'seat', secret: 'seat-secret', write: ['agent', 'call', 'originate'] }],
    });
    const { snapshot } = await aysesDesk(sim.port, { DESK_AMI_USER: 'seat', DESK_AMI_SECRET: 'seat-secret', DESK_QUEUE_RECONCILE_SEC: '1' });
    await waitUntil(async () => (await snapshot())?.link.status === 'connected', 5_000, 'connected');
    sim.placeCall();
    await waitUntil(async () => (await snapshot())?.screenPop?.call.phase === 'connected', 5_000, 'the call answered');
    // The periodic resync comes and its channel list is refused: the call stays as it is.
    await waitUntil(async () => {
      const link = (await snapshot())?.link;
      return link?.status === 'connected' && (link.refused ?? []).includes('CoreShowChannels: Permission denied');
    }, 5_000, 'the refusal shown');
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await snapshot())?.screenPop?.call.phase).toBe('connected');
  });
});

describe('an agent hang-up whose AgentComplete lost the caller (app_queue, about 1 call in 60)', () => {
  it('ends the screen-pop by the member all the same, with the PBX talk time', async () => {
    const sim = await startTestSimulator(cleanups, { agents: [AYSE], callers: [{ number: '905427654321', name: 'Fatma Şahin' }], talkTimeMs: 60_000 });
    const { snapshot } = await aysesDesk(sim.port);
    // What the PBX sends, as a bare AMI session sees it.
    const raw = await connectRaw(sim.port);
    cleanups.push(async () => raw.destroy());
    raw.send([['Action', 'Login'], ['Username', 'desk'], ['Secret', SECRET]]);
    await waitUntil(async () => (await snapshot())?.link.status === 'connected', 5_000, 'connected');
    const linkedid = sim.placeCall();
    await waitUntil(async () => (await snapshot())?.screenPop?.call.phase === 'connected', 5_000, 'answered');
    await new Promise((r) => setTimeout(r, 1_100));
    expect(sim.hangUpAgent(linkedid, { callerGone: true })).toBe(true);
    await waitUntil(async () => (await snapshot())?.screenPop?.call.phase === 'ended', 5_000, 'the pop ended');
    await waitUntil(async () => raw.frames.some((f) => header(f, 'Event') === 'AgentComplete'), 5_000, 'AgentComplete seen');
    const complete = raw.frames.find((f) => header(f, 'Event') === 'AgentComplete')!;
    // The PBX's own talk time (whole seconds between answer and hang-up), not the desk's guess.
    const talkSec = Number(header(complete, 'TalkTime'));
    expect(talkSec).toBeGreaterThanOrEqual(1);
    expect((await snapshot())?.screenPop?.call).toMatchObject({ linkedid, phase: 'ended', talkSec });
    expect(complete.headers.map(([name]) => name)).toEqual(['Event', 'Privilege', 'Queue', 'Interface', 'MemberName', 'HoldTime', 'TalkTime', 'Reason']);
  });
});
