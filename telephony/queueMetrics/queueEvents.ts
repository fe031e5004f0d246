import type { AmiFrame } from '../ami/amiFrame.js';

// The typed event layer under the queue metrics: the AMI frames the reducer needs, parsed once
// into a discriminated union. Header names are matched case-insensitively (Asterisk writes
// `Uniqueid` in channel events and `UniqueID` in Cdr, `Holdtime` in QueueParams and `HoldTime`
// in QueueSummary); every other event returns null, cheaply, from its name alone.
// QueueStatus's QueueMember calls the member `Name`/`Location` where the member events say
// `MemberName`/`Interface`: both parse into the same MemberSnapshot.

/** app_queue's member status (a device state): 1 idle, 2 in use, 5 unavailable, 6 ringing… */
export const MemberStatus = {
  unknown: 0,
  notInUse: 1,
  inUse: 2,
  busy: 3,
  invalid: 4,
  unavailable: 5,
  ringing: 6,
  ringInUse: 7,
  onHold: 8,
} as const;

export interface MemberSnapshot {
  queue: string;
  interface: string;
  name: string;
  stateInterface: string;
  membership: string;
  penalty: number;
  callsTaken: number;
  /** Epoch seconds; 0 = never. */
  lastCall: number;
  /** Epoch seconds; 0 = never. */
  lastPause: number;
  /** Epoch seconds. */
  loginTime: number;
  inCall: boolean;
  status: number;
  paused: boolean;
  pausedReason: string;
  wrapUpSec: number;
}

interface CallerRef {
  queue: string;
  /** The caller's queue channel (`Uniqueid`), the key of a waiting caller. */
  uniqueid: string;
  linkedid: string;
  channel: string;
}

interface AgentRef extends CallerRef {
  interface: string;
  memberName: string;
  /** The agent leg (`DestChannel`), e.g. `PJSIP/1004-00000003`. */
  agentChannel: string;
}

export type QueueEvent =
  | ({ kind: 'callerJoin'; callerIdNum: string; callerIdName: string; position: number; count: number } & CallerRef)
  | ({ kind: 'callerLeave'; position: number; count: number } & CallerRef)
  | ({ kind: 'callerAbandon'; position: number; originalPosition: number; holdTimeSec: number } & CallerRef)
  | ({ kind: 'agentCalled' } & AgentRef)
  | ({ kind: 'agentConnect'; holdTimeSec: number; ringTimeSec: number } & AgentRef)
  | ({ kind: 'agentComplete'; holdTimeSec: number; talkTimeSec: number; reason: string } & AgentRef)
  | ({ kind: 'agentRingNoAnswer'; ringTimeMs: number } & AgentRef)
  | ({ kind: 'agentDump' } & AgentRef)
  | { kind: 'memberStatus' | 'memberAdded' | 'memberRemoved' | 'memberPause' | 'memberPenalty' | 'memberRinginuse'; member: MemberSnapshot }
  /** HangupRequest, SoftHangupRequest or Hangup of any channel: tells a caller's hang-up from a queue timeout. */
  | { kind: 'hangup'; uniqueid: string; linkedid: string; channel: string }
  /**
   * DeviceStateChange of a member's pause device (`Queue:alo153_pause_Local/1004@agents/n`):
   * INUSE while paused. After a silent `queue reload members` the only sign of a member added.
   */
  | { kind: 'memberPauseDevice'; queue: string; interface: string; paused: boolean }
  | { kind: 'fullyBooted' }
  | { kind: 'shutdown'; restart: boolean }
  // List items (QueueStatus, QueueSummary, CoreShowChannels):
  | {
      kind: 'queueParams';
      queue: string;
      strategy: string;
      calls: number;
      holdTimeSec: number;
      talkTimeSec: number;
      completed: number;
      abandoned: number;
      serviceLevelSec: number;
      serviceLevelPerf: number;
      serviceLevelPerf2: number;
    }
  | { kind: 'queueMember'; member: MemberSnapshot }
  | { kind: 'queueEntry'; queue: string; position: number; channel: string; uniqueid: string; callerIdNum: string; callerIdName: string; waitSec: number }
  | { kind: 'queueSummary'; queue: string; loggedIn: number; available: number; callers: number; holdTimeSec: number; talkTimeSec: number; longestHoldTimeSec: number }
  | {
      kind: 'channel';
      channel: string;
      uniqueid: string;
      linkedid: string;
      application: string;
      applicationData: string;
      durationSec: number;
      bridgeId: string;
      channelState: number;
    };

export type QueueEventKind = QueueEvent['kind'];

type Headers = ReadonlyMap<string, string>;

// A PBX sends the same few dozen header names over and over: lower-casing each anew was a third
// of the parse. Bounded, so a peer inventing names cannot grow it without end.
const LOWER_CASE_NAMES = new Map<string, string>();
const MAX_CACHED_NAMES = 1024;

function lowerCase(name: string): string {
  let lower = LOWER_CASE_NAMES.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (LOWER_CASE_NAMES.size < MAX_CACHED_NAMES) LOWER_CASE_NAMES.set(name, lower);
  }
  return lower;
}

/** Lower-cased header names → first value; built only for the frames we parse. */
function lowerHeaders(frame: AmiFrame): Headers {
  const headers = new Map<string, string>();
  // Backwards, so that of a repeated header the first value is the one left.
  for (let i = frame.headers.length - 1; i >= 0; i--) {
    const [name, value] = frame.headers[i]!;
    headers.set(lowerCase(name), value);
  }
  return headers;
}

const text = (h: Headers, name: string) => h.get(name) ?? '';

function int(h: Headers, name: string): number {
  const value = Number.parseInt(h.get(name) ?? '', 10);
  return Number.isFinite(value) ? value : 0;
}

function decimal(h: Headers, name: string): number {
  const value = Number.parseFloat(h.get(name) ?? '');
  return Number.isFinite(value) ? value : 0;
}

/** `01:02:03` (CoreShowChannel Duration) → seconds. */
function hms(value: string): number {
  const parts = value.split(':').map((part) => Number.parseInt(part, 10));
  if (parts.some((part) => !Number.isFinite(part))) return 0;
  return parts.reduce((total, part) => total * 60 + part, 0);
}

function member(h: Headers, listItem: boolean): MemberSnapshot {
  return {
    queue: text(h, 'queue'),
    interface: listItem ? text(h, 'location') : text(h, 'interface'),
    name: listItem ? text(h, 'name') : text(h, 'membername'),
    stateInterface: text(h, 'stateinterface'),
    membership: text(h, 'membership'),
    penalty: int(h, 'penalty'),
    callsTaken: int(h, 'callstaken'),
    lastCall: int(h, 'lastcall'),
    lastPause: int(h, 'lastpause'),
    loginTime: int(h, 'logintime'),
    inCall: text(h, 'incall') === '1',
    status: int(h, 'status'),
    paused: text(h, 'paused') === '1' || text(h, 'paused').toLowerCase() === 'true',
    pausedReason: text(h, 'pausedreason'),
    wrapUpSec: int(h, 'wrapuptime'),
  };
}

function callerRef(h: Headers): CallerRef {
  return { queue: text(h, 'queue'), uniqueid: text(h, 'uniqueid'), linkedid: text(h, 'linkedid'), channel: text(h, 'channel') };
}

function agentRef(h: Headers): AgentRef {
  return {
    queue: text(h, 'queue'),
    uniqueid: text(h, 'uniqueid'),
    linkedid: text(h, 'linkedid'),
    channel: text(h, 'channel'),
    interface: text(h, 'interface'),
    memberName: text(h, 'membername'),
    agentChannel: text(h, 'destchannel'),
  };
}

type Parser = (h: Headers) => QueueEvent | null;

const PAUSE_DEVICE = /^Queue:(.+?)_pause_(.+)$/;

const memberEvent =
  (kind: Extract<QueueEvent, { member: MemberSnapshot }>['kind']): Parser =>
  (h) => ({ kind, member: member(h, false) }) as QueueEvent;

const hangup: Parser = (h) => ({ kind: 'hangup', uniqueid: text(h, 'uniqueid'), linkedid: text(h, 'linkedid'), channel: text(h, 'channel') });

/** Keyed by the lower-cased event name (a Map: an event called `constructor` must find nothing). */
const PARSERS = new Map<string, Parser>(Object.entries({
  queuecallerjoin: (h) => ({
    kind: 'callerJoin',
    ...callerRef(h),
    callerIdNum: text(h, 'calleridnum'),
    callerIdName: text(h, 'calleridname'),
    position: int(h, 'position'),
    count: int(h, 'count'),
  }),
  queuecallerleave: (h) => ({ kind: 'callerLeave', ...callerRef(h), position: int(h, 'position'), count: int(h, 'count') }),
  queuecallerabandon: (h) => ({
    kind: 'callerAbandon',
    ...callerRef(h),
    position: int(h, 'position'),
    originalPosition: int(h, 'originalposition'),
    holdTimeSec: int(h, 'holdtime'),
  }),
  agentcalled: (h) => ({ kind: 'agentCalled', ...agentRef(h) }),
  agentconnect: (h) => ({ kind: 'agentConnect', ...agentRef(h), holdTimeSec: int(h, 'holdtime'), ringTimeSec: int(h, 'ringtime') }),
  agentcomplete: (h) => ({
    kind: 'agentComplete',
    ...agentRef(h),
    holdTimeSec: int(h, 'holdtime'),
    talkTimeSec: int(h, 'talktime'),
    reason: text(h, 'reason'),
  }),
  // RingTime is milliseconds here (seconds in AgentConnect).
  agentringnoanswer: (h) => ({ kind: 'agentRingNoAnswer', ...agentRef(h), ringTimeMs: int(h, 'ringtime') }),
  agentdump: (h) => ({ kind: 'agentDump', ...agentRef(h) }),
  queuememberstatus: memberEvent('memberStatus'),
  queuememberadded: memberEvent('memberAdded'),
  queuememberremoved: memberEvent('memberRemoved'),
  queuememberpause: memberEvent('memberPause'),
  // Asterisk ≤ 12 spelled it QueueMemberPaused.
  queuememberpaused: memberEvent('memberPause'),
  queuememberpenalty: memberEvent('memberPenalty'),
  queuememberringinuse: memberEvent('memberRinginuse'),
  hanguprequest: hangup,
  softhanguprequest: hangup,
  hangup,
  devicestatechange: (h) => {
    const match = PAUSE_DEVICE.exec(text(h, 'device'));
    return match ? { kind: 'memberPauseDevice', queue: match[1]!, interface: match[2]!, paused: text(h, 'state').toUpperCase() === 'INUSE' } : null;
  },
  fullybooted: () => ({ kind: 'fullyBooted' }),
  shutdown: (h) => ({ kind: 'shutdown', restart: text(h, 'restart').toLowerCase() === 'true' }),
  queueparams: (h) => ({
    kind: 'queueParams',
    queue: text(h, 'queue'),
    strategy: text(h, 'strategy'),
    calls: int(h, 'calls'),
    holdTimeSec: int(h, 'holdtime'),
    talkTimeSec: int(h, 'talktime'),
    completed: int(h, 'completed'),
    abandoned: int(h, 'abandoned'),
    serviceLevelSec: int(h, 'servicelevel'),
    serviceLevelPerf: decimal(h, 'servicelevelperf'),
    serviceLevelPerf2: decimal(h, 'servicelevelperf2'),
  }),
  queuemember: (h) => ({ kind: 'queueMember', member: member(h, true) }),
  queueentry: (h) => ({
    kind: 'queueEntry',
    queue: text(h, 'queue'),
    position: int(h, 'position'),
    channel: text(h, 'channel'),
    uniqueid: text(h, 'uniqueid'),
    callerIdNum: text(h, 'calleridnum'),
    callerIdName: text(h, 'calleridname'),
    waitSec: int(h, 'wait'),
  }),
  queuesummary: (h) => ({
    kind: 'queueSummary',
    queue: text(h, 'queue'),
    loggedIn: int(h, 'loggedin'),
    available: int(h, 'available'),
    callers: int(h, 'callers'),
    holdTimeSec: int(h, 'holdtime'),
    talkTimeSec: int(h, 'talktime'),
    longestHoldTimeSec: int(h, 'longestholdtime'),
  }),
  coreshowchannel: (h) => ({
    kind: 'channel',
    channel: text(h, 'channel'),
    uniqueid: text(h, 'uniqueid'),
    linkedid: text(h, 'linkedid'),
    application: text(h, 'application'),
    applicationData: text(h, 'applicationdata'),
    durationSec: hms(text(h, 'duration')),
    bridgeId: text(h, 'bridgeid'),
    channelState: int(h, 'channelstate'),
  }),
} satisfies Record<string, Parser>));

/** The Event header's value, looked for first where Asterisk puts it. */
function eventName(frame: AmiFrame): string | undefined {
  const first = frame.headers[0];
  if (first !== undefined && first[0].length === 5 && first[0].toLowerCase() === 'event') return first[1];
  for (const [name, value] of frame.headers) if (name.toLowerCase() === 'event') return value;
  return undefined;
}

/** The typed event for a frame the queue metrics use, or null (unknown events are ignored). */
export function parseQueueEvent(frame: AmiFrame): QueueEvent | null {
  const name = eventName(frame);
  if (name === undefined) return null;
  const parse = PARSERS.get(lowerCase(name));
  return parse === undefined ? null : parse(lowerHeaders(frame));
}

/** Parses list items (QueueStatus/QueueSummary/CoreShowChannels), dropping anything else. */
export function parseQueueEvents(frames: Iterable<AmiFrame>): QueueEvent[] {
  const events: QueueEvent[] = [];
  for (const frame of frames) {
    const event = parseQueueEvent(frame);
    if (event !== null) events.push(event);
  }
  return events;
}
