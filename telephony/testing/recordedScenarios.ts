import type { SimCaller, SimMemberConfig, SimulatorConfig } from '../simulator/simTypes.js';
import { recordedPbxConfig } from './recordedPbx.js';

// The PBX as it stood when each recording started (read off the recordings themselves: the
// members' CallsTaken/LastPause, the queue's counters, the channel counters in channel names),
// so the simulator can be driven through the same scenario and compared frame by frame.

const LOGIN = 1_795_423_992;
const AYSE = 'Local/1001@sim-agent/n';
const MEHMET = 'Local/1002@sim-agent/n';
const ZEYNEP = 'Local/1003@sim-agent/n';
const CAN = 'Local/1004@sim-agent/n';

export const ZEHRA: SimCaller = { number: '905441234567', name: 'Vatandaş Zehra' };
export const MERT: SimCaller = { number: '905059876543', name: 'Vatandaş Mert' };
export const DENIZ: SimCaller = { number: '905337654321', name: 'Vatandaş Deniz' };
export const ELIF: SimCaller = { number: '905551234567', name: 'Vatandaş Elif' };

type MemberState = Partial<Pick<SimMemberConfig, 'paused' | 'pausedReason' | 'lastPause' | 'callsTaken' | 'lastCall' | 'answerAfterMs'>>;

/** recordedPbxConfig with each member's state in each queue. */
function withMembers(base: SimulatorConfig, states: Record<string, MemberState>, overrides: Partial<SimulatorConfig> = {}): SimulatorConfig {
  return {
    ...base,
    ...overrides,
    queues: base.queues.map((queue) => ({
      ...queue,
      members: queue.members.map((m) => ({
        ...m,
        loginTime: m.membership === 'dynamic' ? LOGIN + 1 : LOGIN,
        ...(states[m.interface] ?? {}),
        ...(states[`${queue.name}/${m.interface}`] ?? {}),
      })),
    })),
  };
}

const afterB = { callsTaken: 1, lastCall: 1_795_424_000 };

/** a: Zeynep is not a member yet; the recording adds her. */
export function scenarioA(): SimulatorConfig {
  const base = recordedPbxConfig({ uptimeSec: 0 });
  return { ...base, queues: base.queues.map((q) => ({ ...q, members: q.members.filter((m) => m.interface !== ZEYNEP) })) };
}

/** c: everyone in alo153 paused for a meeting (after b's call); Zehra will hang up after 6 s. */
export function scenarioC(): SimulatorConfig {
  const paused = { paused: true, pausedReason: 'Toplantı', lastPause: 1_795_424_002 };
  const base = recordedPbxConfig({ callers: [ZEHRA], firstLocalSequence: 2, firstChannelCounter: 4, uptimeSec: 10 });
  base.queues.find((q) => q.name === 'alo153')!.initial = { completed: 1, completedInSl: 1, holdtime: 2, talktime: 3 };
  return withMembers(base, { [AYSE]: afterB, [`alo153/${AYSE}`]: { ...afterB, ...paused }, [MEHMET]: paused, [ZEYNEP]: paused });
}

/** d: after c's abandon, everyone unpaused again. */
export function scenarioD(): SimulatorConfig {
  const base = recordedPbxConfig({ firstLocalSequence: 3, firstChannelCounter: 6, uptimeSec: 19 });
  base.queues.find((q) => q.name === 'alo153')!.initial = { completed: 1, completedInSl: 1, abandoned: 1, abandonedInSl: 1, holdtime: 2, talktime: 3 };
  const unpaused = { lastPause: 1_795_424_002 };
  return withMembers(base, { [AYSE]: { ...afterB, ...unpaused }, [MEHMET]: unpaused, [ZEYNEP]: unpaused });
}

/**
 * e: Mehmet and Zeynep paused, Ayşe's headset does not answer, Mehmet's answers after 2 s;
 * rrmemory's memory at 1 (after b's call), which is why Ayşe is rung twice.
 */
export function scenarioE(): SimulatorConfig {
  const base = recordedPbxConfig({ callers: [MERT], autoAnswerMs: 2_000, talkTimeMs: 60_000, firstLocalSequence: 3, firstChannelCounter: 6, uptimeSec: 24 });
  base.queues.find((q) => q.name === 'alo153')!.initial = { completed: 1, completedInSl: 1, abandoned: 1, abandonedInSl: 1, holdtime: 2, talktime: 3, rrpos: 1 };
  return withMembers(base, {
    [AYSE]: { ...afterB, lastPause: 1_795_424_013, answerAfterMs: null },
    [MEHMET]: { paused: true, pausedReason: '', lastPause: 1_795_424_016 },
    [ZEYNEP]: { paused: true, pausedReason: '', lastPause: 1_795_424_016 },
  });
}

/** g: call-backs by Originate; the Local channels of the session's calls start at 0x29. */
export function scenarioG(): SimulatorConfig {
  return recordedPbxConfig({ firstLocalSequence: 0x29, firstChannelCounter: 82, uptimeSec: 95 });
}

/**
 * h: a session filtered to Queue*, a manager user `deskq` with eventfilter lines, a call to
 * Ayşe (answered after 2 s), error responses and security events.
 */
export function scenarioH(): SimulatorConfig {
  const base = recordedPbxConfig({
    callers: [DENIZ],
    talkTimeMs: 60_000,
    authFailDelayMs: 10,
    firstLocalSequence: 0x2e,
    firstChannelCounter: 92,
    uptimeSec: 116,
    users: [
      {
        username: 'deskq',
        secret: 'deskq153',
        eventFilters: ['Event: Queue', 'Event: Agent', 'Event: (Newchannel|Hangup)\r\nPrivilege: call,all\r\nChannel: Local/[0-9]+@sim-caller'],
      },
    ],
  });
  base.queues.find((q) => q.name === 'alo153')!.initial = { completed: 6, completedInSl: 6, abandoned: 1, abandonedInSl: 1, holdtime: 12, talktime: 2 };
  return withMembers(base, { [AYSE]: { callsTaken: 6, lastCall: 1_795_424_083, lastPause: 1_795_424_013 } });
}

/** i: a plain alo153 before `core restart now`. */
export function scenarioI(): SimulatorConfig {
  const base = recordedPbxConfig({ uptimeSec: 129 });
  base.queues.find((q) => q.name === 'alo153')!.initial = { completed: 7, completedInSl: 7, abandoned: 1, abandonedInSl: 1, holdtime: 9, talktime: 2 };
  return base;
}

/**
 * j: after the restart, geri-bildirim's Local members are away (paused); the WebRTC agent
 * PJSIP/1004 joins it, answers Elif after ~2.2 s, and leaves the queue again.
 */
export function scenarioJ(): SimulatorConfig {
  const base = recordedPbxConfig({
    callers: [ELIF],
    callQueue: 'geri-bildirim',
    autoAnswerMs: 2_200,
    talkTimeMs: 5_500,
    firstLocalSequence: 1,
    firstChannelCounter: 5,
    firstPjsipSequence: 3,
    uptimeSec: 210,
    deviceStates: { 'Queue:geri-bildirim_pause_PJSIP/1004': 'NOT_INUSE' },
  });
  return withMembers(base, { [`geri-bildirim/${CAN}`]: { paused: true }, [`geri-bildirim/${AYSE}`]: { paused: true } });
}
