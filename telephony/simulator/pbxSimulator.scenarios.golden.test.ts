import { describe, expect, it } from 'vitest';
import type { AmiFrame } from '../ami/amiFrame.js';
import { header } from '../ami/amiFrame.js';
import { compareFrames } from '../testing/goldenCompare.js';
import { DENIZ, ELIF, MERT, ZEHRA, scenarioA, scenarioC, scenarioD, scenarioE, scenarioG, scenarioH, scenarioI, scenarioJ } from '../testing/recordedScenarios.js';
import { loadRecording } from '../testing/recordings.js';
import type { ScenarioStep } from '../testing/simReplay.js';
import { byActionIds, replayAgainstSimulator } from '../testing/simReplay.js';
import type { SimulatorConfig } from './simTypes.js';

// Golden tests over whole recordings: the recording's own client side (its `out` frames, at
// their instants) is played against the simulator on a manual clock, with the scenario's
// steps (a caller placed or hanging up, as the recording's control connection did), and what
// the simulator sends is compared with what Asterisk sent: same events, same header names in
// the same order, same Privilege, same values but for ids, clocks and session details.
// Where a recording is racy (two threads of Asterisk writing at once) the comparison is per
// event kind, and it says so.

const name = (frame: AmiFrame) => header(frame, 'Event') ?? header(frame, 'Response') ?? '?';

async function play(recording: string, config: SimulatorConfig, steps: ScenarioStep[] = []) {
  return replayAgainstSimulator(loadRecording(recording), config, steps);
}

/**
 * Device states of Local channels (`Local/905441234567@sim-caller`) are published by Asterisk's
 * device-state thread: where they fall among the channel's events is a race. They are compared
 * apart, as a list per device, and the rest frame by frame.
 */
function compareApartFromChannelDevices(recorded: AmiFrame[], produced: AmiFrame[], options: Parameters<typeof compareFrames>[2] = {}): string[] {
  const racy = (frame: AmiFrame) => name(frame) === 'DeviceStateChange' && (header(frame, 'Device') ?? '').startsWith('Local/');
  const devices = (frames: AmiFrame[]) => frames.filter(racy).map((frame) => `${header(frame, 'Device')} ${header(frame, 'State')}`).sort();
  const problems = compareFrames(recorded.filter((f) => !racy(f)), produced.filter((f) => !racy(f)), options);
  const want = devices(recorded).join('\n');
  const got = devices(produced).join('\n');
  return want === got ? problems : [...problems, `Local device states\n  recorded ${want}\n  produced ${got}`];
}

/** The frames of each event kind in order: robust to interleavings a race in the recording decided. */
function perKind(recorded: AmiFrame[], produced: AmiFrame[], kinds: string[], options: Parameters<typeof compareFrames>[2] = {}): string[] {
  return kinds.flatMap((kind) => {
    const of = (frames: AmiFrame[]) => frames.filter((frame) => header(frame, 'Event') === kind);
    return compareFrames(of(recorded), of(produced), options).map((problem) => `${kind}: ${problem}`);
  });
}

describe('golden: every scenario-driven recording', () => {
  it('a: QueueAdd of Zeynep (pause device, QueueMemberAdded), then QueueStatus and QueueSummary as recorded', async () => {
    const run = await play('a-idle-status', scenarioA());
    try {
      const ids = ['desk-1', 'desk-2', 'desk-3', 'desk-4', 'desk-5', 'desk-6', 'desk-7', 'desk-13'];
      // CoreSettings, CoreStatus, ExtensionStateList, DeviceStateList and Command are not simulated.
      const keep = (frames: AmiFrame[]) =>
        frames.filter((frame) => ids.includes(header(frame, 'ActionID') ?? '') || (header(frame, 'ActionID') === undefined && name(frame) !== 'RequestBadFormat'));
      const recorded = keep(run.recorded.get('')!).filter((frame) => !['CoreSettings', 'CoreStatus'].includes(name(frame)));
      expect(compareFrames(recorded, keep(run.produced.get('')!))).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('c: a caller waits with everyone paused, QueueStatus shows the entry, then the caller hangs up (every frame)', async () => {
    let linkedid = '';
    const run = await play('c-caller-abandon', scenarioC(), [
      { t: 1820, run: (sim) => (linkedid = sim.placeCall(ZEHRA)) },
      { t: 7831, run: (sim) => sim.hangUpCaller(linkedid) },
    ]);
    try {
      expect(compareApartFromChannelDevices(run.recorded.get('')!, run.produced.get('')!)).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('d: pauses with reasons in one queue and in all, unpauses, the two error texts (every frame)', async () => {
    const run = await play('d-pause-unpause', scenarioD());
    try {
      expect(compareFrames(run.recorded.get('')!, run.produced.get('')!)).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('e: Ayşe rung twice without answer (rrmemory memory), then Mehmet answers: queue and agent events per kind', async () => {
    let linkedid = '';
    const run = await play('e-ring-no-answer', scenarioE(), [
      { t: 1824, run: (sim) => (linkedid = sim.placeCall(MERT)) },
      { t: 41_340, run: (sim) => sim.hangUpAgent(linkedid) },
    ]);
    try {
      const recorded = run.recorded.get('')!;
      const produced = run.produced.get('')!;
      // Asterisk wrote the ringing member's status and AgentCalled from two threads: per kind. The
      // same race let the agent leg reach Ringing before two of the AgentCalled were built.
      const kinds = ['QueueCallerJoin', 'AgentCalled', 'AgentRingNoAnswer', 'QueueMemberStatus', 'QueueMemberPause', 'QueueCallerLeave', 'AgentConnect', 'AgentComplete'];
      expect(perKind(recorded, produced, kinds, { ignoreValuesOf: ['DestChannelState', 'DestChannelStateDesc'] })).toEqual([]);
      expect(compareFrames(byActionIds(recorded, ['desk-1', 'desk-2', 'desk-3']), byActionIds(produced, ['desk-1', 'desk-2', 'desk-3']))).toEqual([]);
      const rung = produced.filter((frame) => name(frame) === 'AgentCalled').map((frame) => header(frame, 'MemberName'));
      expect(rung).toEqual(['Ayşe Yılmaz', 'Ayşe Yılmaz', 'Mehmet Demir']);
    } finally {
      await run.close();
    }
  });

  it('g: call-backs by Originate — answered, busy, no answer, bad context, synchronous: responses and OriginateResponse', async () => {
    const run = await play('g-originate-callback', scenarioG());
    try {
      const pick = (frames: AmiFrame[]) => frames.filter((frame) => header(frame, 'Response') !== undefined || name(frame) === 'OriginateResponse');
      const recorded = pick(run.recorded.get('')!);
      expect(recorded.map(name)).toEqual(['Success', 'Success', 'OriginateResponse', 'Success', 'OriginateResponse', 'Success', 'OriginateResponse', 'Success', 'OriginateResponse', 'Success', 'Goodbye']);
      expect(compareFrames(recorded, pick(run.produced.get('')!))).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('h: Filter Queue*, eventfilter user, errors and security events, per session', async () => {
    let linkedid = '';
    const run = await play('h-filter-and-errors', scenarioH(), [
      { t: 1917, run: (sim) => (linkedid = sim.placeCall(DENIZ)) },
      { t: 7430, run: (sim) => sim.hangUpAgent(linkedid) },
    ]);
    try {
      // In geri-bildirim Asterisk printed Ayşe's member status before counting the call (a race): CallsTaken/LastCall.
      expect(compareFrames(run.recorded.get('filtered')!, run.produced.get('filtered')!, { ignoreValuesOf: ['CallsTaken', 'LastCall'] })).toEqual([]);
      for (const conn of ['observer', 'badlogin', 'nologin']) expect(compareFrames(run.recorded.get(conn)!, run.produced.get(conn)!), conn).toEqual([]);
      const deskq = { recorded: run.recorded.get('deskq')!, produced: run.produced.get('deskq')! };
      const kinds = ['QueueCallerJoin', 'AgentCalled', 'QueueMemberStatus', 'QueueCallerLeave', 'AgentConnect', 'AgentComplete', 'Newchannel'];
      expect(perKind(deskq.recorded, deskq.produced, kinds, { ignoreValuesOf: ['CallsTaken', 'LastCall'] })).toEqual([]);
      const hangups = (frames: AmiFrame[]) => frames.filter((frame) => name(frame) === 'Hangup').map((frame) => header(frame, 'Channel')).sort();
      expect(hangups(deskq.produced)).toEqual(hangups(deskq.recorded));
    } finally {
      await run.close();
    }
  });

  it('i: Shutdown (Restart: True) ~0.5 s before the close, then a login during boot gets FullyBooted once booted', async () => {
    const run = await play('i-restart-reconnect', scenarioI(), [{ t: 1514, run: (sim) => void sim.restart({ bootMs: 2683 - 1514 }) }]);
    try {
      expect(compareFrames(run.recorded.get('c1')!, run.produced.get('c1')!)).toEqual([]);
      // While booting Asterisk also ran its startup dialplan (VarSet) and hints (ExtensionStatus).
      const booting = (frames: AmiFrame[]) => frames.filter((frame) => !['VarSet', 'ExtensionStatus'].includes(name(frame)));
      expect(compareFrames(booting(run.recorded.get('c2')!), run.produced.get('c2')!)).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('j: a PJSIP (WebRTC) member joins geri-bildirim, answers a call, leaves: QueueAdd/Remove frames, queue and agent events', async () => {
    let linkedid = '';
    const run = await play('j-webrtc-agent', scenarioJ(), [
      { t: 5600, run: (sim) => (linkedid = sim.placeCall(ELIF, { talkTimeMs: 5_500 })) },
      { t: 13_355, run: (sim) => sim.hangUpCaller(linkedid) },
    ]);
    try {
      const recorded = run.recorded.get('')!;
      const produced = run.produced.get('')!;
      const around = (frames: AmiFrame[], id: string) => {
        const at = frames.findIndex((frame) => header(frame, 'ActionID') === id);
        return frames.slice(at, at + 3);
      };
      expect(compareFrames(around(recorded, 'desk-3'), around(produced, 'desk-3'))).toEqual([]);
      expect(compareFrames(around(recorded, 'desk-4'), around(produced, 'desk-4'))).toEqual([]);
      const kinds = ['QueueCallerJoin', 'AgentCalled', 'QueueMemberStatus', 'QueueCallerLeave', 'AgentConnect', 'AgentComplete'];
      expect(perKind(recorded, produced, kinds)).toEqual([]);
    } finally {
      await run.close();
    }
  });
});
