import type { AmiFrame } from '../ami/amiFrame.js';
import type { CallOutcome, CallRecord, CallTally } from './callTally.js';
import { EMPTY_TALLY, EMPTY_WINDOW, addToTally, appendToWindow } from './callTally.js';
import { CALL_CENTER_TIME_ZONE, calendarDay } from './istanbulDay.js';
import type { PersistentMap } from './persistentMap.js';
import { emptyMap } from './persistentMap.js';
import type { MemberSnapshot, QueueEvent } from './queueEvents.js';
import { MemberStatus, parseQueueEvent } from './queueEvents.js';
import type {
  AgentTally,
  MemberState,
  PbxQueueMirror,
  QueueMetricsOptions,
  QueueMetricsState,
  QueueState,
  WaitingCaller,
} from './queueMetricsState.js';
import { WRAP_UP_PAUSE_REASON } from './queueMetricsState.js';

// A pure reducer over typed AMI events: (state, event, now) → state, no I/O, no clock of its
// own. What it counts and why:
// - answered: a caller left the queue without a QueueCallerAbandon before it (on answer,
//   QueueCallerLeave comes just before AgentConnect). Counting at the leave keeps the figure
//   right in a session filtered to `Event: Queue*`, which gets no Agent* events; an
//   AgentConnect only counts when its leave was not seen (the reducer started mid-call).
// - abandoned vs timedOut: a queue timeout also emits QueueCallerAbandon; only a hang-up of the
//   caller's channel before it (HangupRequest/SoftHangupRequest/Hangup) makes it an abandon.
// - waits are our clock's join → leave, so ASA is a true mean; Asterisk's HoldTime (whole
//   seconds) only stands in when the join was not seen.
// Resyncs replace what is live (members, waiting callers) and never the counters.

/** Answers remembered per generation: between this many and twice as many are known. */
const RECENT_ANSWERS = 128;
/** Windows the selectors offer; records older than the longest are dropped. */
export const WINDOW_HORIZON_MS = 60 * 60_000;
const DEFAULT_SERVICE_LEVEL_SEC = 20;

const EMPTY_MIRROR: PbxQueueMirror = Object.freeze({
  fromResync: false,
  completed: 0,
  completedInSl: 0,
  abandoned: 0,
  abandonedInSl: 0,
  holdTimeSec: 0,
  talkTimeSec: 0,
});

export function createQueueMetricsState(now: number, options: QueueMetricsOptions = {}): QueueMetricsState {
  const resolved = {
    defaultServiceLevelSec: options.defaultServiceLevelSec ?? DEFAULT_SERVICE_LEVEL_SEC,
    wrapUpSec: { ...(options.wrapUpSec ?? {}) },
    timeZone: options.timeZone ?? CALL_CENTER_TIME_ZONE,
    wrapUpPauseReason: options.wrapUpPauseReason ?? WRAP_UP_PAUSE_REASON,
  };
  return {
    options: resolved,
    startedAt: now,
    countingSince: now,
    day: calendarDay(now, resolved.timeZone),
    queues: {},
    agentsToday: emptyMap(),
    agentsSinceStart: emptyMap(),
    recentlyAnswered: { current: emptyMap(), previous: emptyMap() },
    seesHangups: false,
    lastResyncAt: null,
  };
}

/** A queue with no members, callers or counts yet. */
export function emptyQueueState(state: QueueMetricsState, name: string): QueueState {
  return {
    name,
    strategy: '',
    serviceLevelSec: state.options.defaultServiceLevelSec,
    members: emptyMap(),
    callers: [],
    ringingFor: emptyMap(),
    today: EMPTY_TALLY,
    sinceStart: EMPTY_TALLY,
    window: EMPTY_WINDOW,
    pbx: EMPTY_MIRROR,
  };
}

function queueOf(state: QueueMetricsState, name: string): QueueState {
  return state.queues[name] ?? emptyQueueState(state, name);
}

function withQueue(state: QueueMetricsState, queue: QueueState): QueueMetricsState {
  if (state.queues[queue.name] === queue) return state;
  const queues = { ...state.queues };
  queues[queue.name] = queue;
  return { ...state, queues };
}

/** At midnight the day's counters start again; the windows and since-start counters run on. */
function rollDay(state: QueueMetricsState, now: number): QueueMetricsState {
  if (now < state.day.endsAt) return state;
  const queues: Record<string, QueueState> = {};
  for (const [name, queue] of Object.entries(state.queues)) queues[name] = { ...queue, today: EMPTY_TALLY };
  const day = calendarDay(now, state.options.timeZone);
  // Running at midnight: the new day's figures count from its very start.
  return { ...state, day, countingSince: day.startsAt, queues, agentsToday: emptyMap() };
}

/** Asterisk ≥ 16 averages hold and talk time as (3·old + new) / 4, seeded by the first value. */
function asteriskAverage(old: number, value: number): number {
  return old === 0 ? value : (3 * old + value) >> 2;
}

function record(queue: QueueState, r: CallRecord): QueueState {
  return {
    ...queue,
    today: addToTally(queue.today, r),
    sinceStart: addToTally(queue.sinceStart, r),
    window: appendToWindow(queue.window, r, WINDOW_HORIZON_MS),
  };
}

function leaveRecord(queue: QueueState, outcome: CallOutcome, waitSec: number, at: number): QueueState {
  return record(queue, { at, outcome, waitSec, inServiceLevel: waitSec <= queue.serviceLevelSec });
}

function bumpAgent(map: PersistentMap<AgentTally>, iface: string, field: keyof AgentTally): PersistentMap<AgentTally> {
  const current = map.get(iface) ?? { answered: 0, ringNoAnswer: 0 };
  return map.set(iface, { ...current, [field]: current[field] + 1 });
}

function countForAgent(state: QueueMetricsState, iface: string, field: keyof AgentTally): QueueMetricsState {
  return { ...state, agentsToday: bumpAgent(state.agentsToday, iface, field), agentsSinceStart: bumpAgent(state.agentsSinceStart, iface, field) };
}

function rememberAnswered(state: QueueMetricsState, uniqueid: string): QueueMetricsState {
  const { current, previous } = state.recentlyAnswered;
  const full = current.size >= RECENT_ANSWERS;
  return { ...state, recentlyAnswered: { current: (full ? emptyMap<true>() : current).set(uniqueid, true), previous: full ? current : previous } };
}

const waitSecSince = (joinedAt: number, now: number) => Math.max(0, now - joinedAt) / 1000;

const isInCallStatus = (status: number) => status === MemberStatus.inUse || status === MemberStatus.busy || status === MemberStatus.onHold;

/**
 * What the PBX reported of a member plus what only the reducer knows. Written out field by field
 * rather than spread: every member event builds one, and a spread of twenty fields cost more than
 * the rest of the event.
 */
function memberState(m: MemberSnapshot, since: number, callSince: number | null, ringing: MemberState['ringing']): MemberState {
  return {
    queue: m.queue,
    interface: m.interface,
    name: m.name,
    stateInterface: m.stateInterface,
    membership: m.membership,
    penalty: m.penalty,
    callsTaken: m.callsTaken,
    lastCall: m.lastCall,
    lastPause: m.lastPause,
    loginTime: m.loginTime,
    inCall: m.inCall,
    status: m.status,
    paused: m.paused,
    // Asterisk clears the reason on unpause; the unpause event itself may carry one ("Geri döndü").
    pausedReason: m.paused ? m.pausedReason : '',
    wrapUpSec: m.wrapUpSec,
    since,
    callSince,
    ringing,
  };
}

function upsertMember(queue: QueueState, snapshot: MemberSnapshot, now: number): QueueState {
  const previous = queue.members.get(snapshot.interface);
  // A new pause reason is a new state too: a break chosen during the wrap-up counts from then, not from the call's end.
  const changed =
    previous === undefined || previous.status !== snapshot.status || previous.paused !== snapshot.paused || (snapshot.paused && previous.pausedReason !== snapshot.pausedReason);
  const member = memberState(
    snapshot,
    changed || previous === undefined ? now : previous.since,
    isInCallStatus(snapshot.status) ? (previous?.callSince ?? null) : null,
    // A device that went back to idle or away rings no more (the events that end a ring came first).
    snapshot.status === MemberStatus.notInUse || snapshot.status === MemberStatus.unavailable ? null : (previous?.ringing ?? null),
  );
  return { ...queue, members: queue.members.set(snapshot.interface, member) };
}

function onCallerJoin(state: QueueMetricsState, e: Extract<QueueEvent, { kind: 'callerJoin' }>, now: number): QueueMetricsState {
  const queue = queueOf(state, e.queue);
  const others = queue.callers.some((caller) => caller.uniqueid === e.uniqueid) ? queue.callers.filter((caller) => caller.uniqueid !== e.uniqueid) : queue.callers;
  const caller: WaitingCaller = {
    uniqueid: e.uniqueid,
    linkedid: e.linkedid || null,
    channel: e.channel,
    callerIdNum: e.callerIdNum,
    callerIdName: e.callerIdName,
    joinedAt: now,
    hungUp: false,
    abandoned: false,
  };
  const index = Math.min(Math.max(0, e.position - 1), others.length);
  const callers = others.slice();
  callers.splice(index, 0, caller);
  return withQueue(state, { ...queue, callers });
}

const without = (callers: readonly WaitingCaller[], caller: WaitingCaller): WaitingCaller[] => {
  const rest = callers.slice();
  rest.splice(rest.indexOf(caller), 1);
  return rest;
};

/** The member's ring: started by AgentCalled, ended by the events that end it (null). */
function withRinging(state: QueueMetricsState, queueName: string, iface: string, ringing: MemberState['ringing']): QueueMetricsState {
  const queue = queueOf(state, queueName);
  const member = queue.members.get(iface);
  if (member === undefined || member.ringing === ringing) return state;
  const members = queue.members.set(iface, { ...member, ringing });
  if (ringing === null) return withQueue(state, { ...queue, members });
  const rung = queue.ringingFor.get(ringing.uniqueid) ?? [];
  return withQueue(state, { ...queue, members, ringingFor: queue.ringingFor.set(ringing.uniqueid, rung.includes(iface) ? rung : [...rung, iface]) });
}

/** A caller who left the queue (answered elsewhere, hung up, timed out) rings no one any more. */
function stopRingingFor(queue: QueueState, uniqueid: string): QueueState {
  const rung = queue.ringingFor.get(uniqueid);
  if (rung === undefined) return queue;
  let members = queue.members;
  for (const iface of rung) {
    const member = members.get(iface);
    if (member?.ringing?.uniqueid === uniqueid) members = members.set(iface, { ...member, ringing: null });
  }
  return { ...queue, members, ringingFor: queue.ringingFor.delete(uniqueid) };
}

function onCallerAbandon(state: QueueMetricsState, e: Extract<QueueEvent, { kind: 'callerAbandon' }>, now: number): QueueMetricsState {
  let queue = stopRingingFor(queueOf(state, e.queue), e.uniqueid);
  const caller = queue.callers.find((c) => c.uniqueid === e.uniqueid);
  const hungUp = caller === undefined || caller.hungUp || !state.seesHangups;
  const waitSec = caller === undefined ? e.holdTimeSec : waitSecSince(caller.joinedAt, now);
  if (caller !== undefined) {
    const callers = queue.callers.slice();
    callers[callers.indexOf(caller)] = { ...caller, abandoned: true };
    queue = { ...queue, callers };
  }
  queue = leaveRecord(queue, hungUp ? 'abandoned' : 'timedOut', waitSec, now);
  const inSl = e.holdTimeSec <= queue.serviceLevelSec ? 1 : 0;
  queue = { ...queue, pbx: { ...queue.pbx, abandoned: queue.pbx.abandoned + 1, abandonedInSl: queue.pbx.abandonedInSl + inSl } };
  return withQueue(state, queue);
}

function onCallerLeave(state: QueueMetricsState, e: Extract<QueueEvent, { kind: 'callerLeave' }>, now: number): QueueMetricsState {
  let queue = stopRingingFor(queueOf(state, e.queue), e.uniqueid);
  const caller = queue.callers.find((c) => c.uniqueid === e.uniqueid);
  if (caller === undefined) return withQueue(state, queue);
  queue = { ...queue, callers: without(queue.callers, caller) };
  if (caller.abandoned) return withQueue(state, queue);
  queue = leaveRecord(queue, 'answered', waitSecSince(caller.joinedAt, now), now);
  return rememberAnswered(withQueue(state, queue), caller.uniqueid);
}

function onAgentConnect(state: QueueMetricsState, e: Extract<QueueEvent, { kind: 'agentConnect' }>, now: number): QueueMetricsState {
  let next = countForAgent(state, e.interface, 'answered');
  let queue = queueOf(next, e.queue);
  const member = queue.members.get(e.interface);
  if (member !== undefined) queue = { ...queue, members: queue.members.set(e.interface, { ...member, callSince: now, ringing: null }) };
  queue = { ...queue, pbx: { ...queue.pbx, holdTimeSec: asteriskAverage(queue.pbx.holdTimeSec, e.holdTimeSec) } };
  if (next.recentlyAnswered.current.has(e.uniqueid) || next.recentlyAnswered.previous.has(e.uniqueid)) return withQueue(next, queue);
  // The leave was not seen: the caller joined before we started (or no leave came at all).
  const caller = queue.callers.find((c) => c.uniqueid === e.uniqueid);
  const waitSec = caller === undefined ? e.holdTimeSec : waitSecSince(caller.joinedAt, now);
  if (caller !== undefined) queue = { ...queue, callers: without(queue.callers, caller) };
  next = withQueue(next, leaveRecord(queue, 'answered', waitSec, now));
  return rememberAnswered(next, e.uniqueid);
}

function onAgentComplete(state: QueueMetricsState, e: Extract<QueueEvent, { kind: 'agentComplete' }>, now: number): QueueMetricsState {
  let queue = record(queueOf(state, e.queue), { at: now, outcome: 'completed', talkSec: e.talkTimeSec });
  const member = queue.members.get(e.interface);
  if (member !== undefined) queue = { ...queue, members: queue.members.set(e.interface, { ...member, callSince: null, ringing: null }) };
  const inSl = e.holdTimeSec <= queue.serviceLevelSec ? 1 : 0;
  const pbx = queue.pbx;
  queue = {
    ...queue,
    pbx: { ...pbx, completed: pbx.completed + 1, completedInSl: pbx.completedInSl + inSl, talkTimeSec: asteriskAverage(pbx.talkTimeSec, e.talkTimeSec) },
  };
  return withQueue(state, queue);
}

function onHangup(state: QueueMetricsState, e: Extract<QueueEvent, { kind: 'hangup' }>): QueueMetricsState {
  let next = state.seesHangups ? state : { ...state, seesHangups: true };
  for (const queue of Object.values(state.queues)) {
    // The caller's queue channel, or (Local channel chains) the first channel of its call.
    const hit = queue.callers.findIndex((c) => !c.hungUp && (c.uniqueid === e.uniqueid || (c.linkedid !== null && c.linkedid === e.uniqueid)));
    if (hit < 0) continue;
    const callers = queue.callers.slice();
    callers[hit] = { ...callers[hit]!, hungUp: true };
    next = withQueue(next, { ...queue, callers });
  }
  return next;
}

/**
 * A member we do not know has a pause device: it was added without a QueueMemberAdded (`queue
 * reload members`). Known from now on with what the device says; the rest (status, name,
 * membership) comes with the QueueStatus the desk asks for on seeing it (showsUnknownMember).
 */
function onPauseDevice(state: QueueMetricsState, e: Extract<QueueEvent, { kind: 'memberPauseDevice' }>, now: number): QueueMetricsState {
  const queue = state.queues[e.queue];
  if (queue === undefined || queue.members.has(e.interface)) return state;
  const member: MemberSnapshot = {
    queue: e.queue,
    interface: e.interface,
    name: e.interface,
    stateInterface: e.interface,
    membership: '',
    penalty: 0,
    callsTaken: 0,
    lastCall: 0,
    lastPause: 0,
    loginTime: 0,
    inCall: false,
    status: MemberStatus.unknown,
    paused: e.paused,
    pausedReason: '',
    wrapUpSec: 0,
  };
  return withQueue(state, upsertMember(queue, member, now));
}

/**
 * Whether this frame shows a member the state does not know (its pause device changed): the
 * desk then reads QueueStatus again. (A Reload makes the AMI client do so by itself.)
 */
export function showsUnknownMember(state: QueueMetricsState, frameOrEvent: AmiFrame | QueueEvent): boolean {
  const event = 'kind' in frameOrEvent ? frameOrEvent : parseQueueEvent(frameOrEvent);
  if (event?.kind !== 'memberPauseDevice') return false;
  const queue = state.queues[event.queue];
  return queue !== undefined && !queue.members.has(event.interface);
}

function onMember(state: QueueMetricsState, e: Extract<QueueEvent, { member: MemberSnapshot }>, now: number): QueueMetricsState {
  const queue = queueOf(state, e.member.queue);
  if (e.kind === 'memberRemoved') return withQueue(state, { ...queue, members: queue.members.delete(e.member.interface) });
  return withQueue(state, upsertMember(queue, e.member, now));
}

/** The next state after one typed event; `now` is the arrival time (epoch ms). */
export function reduceQueueMetrics(state: QueueMetricsState, event: QueueEvent, now: number): QueueMetricsState {
  const current = rollDay(state, now);
  switch (event.kind) {
    case 'callerJoin':
      return onCallerJoin(current, event, now);
    case 'callerAbandon':
      return onCallerAbandon(current, event, now);
    case 'callerLeave':
      return onCallerLeave(current, event, now);
    case 'agentConnect':
      return onAgentConnect(current, event, now);
    case 'agentComplete':
      return onAgentComplete(current, event, now);
    case 'agentCalled':
      return withRinging(current, event.queue, event.interface, { uniqueid: event.uniqueid, since: now });
    case 'agentRingNoAnswer':
      return countForAgent(withRinging(current, event.queue, event.interface, null), event.interface, 'ringNoAnswer');
    case 'agentDump':
      return withRinging(current, event.queue, event.interface, null);
    case 'memberStatus':
    case 'memberAdded':
    case 'memberRemoved':
    case 'memberPause':
    case 'memberPenalty':
    case 'memberRinginuse':
      return onMember(current, event, now);
    case 'hangup':
      return onHangup(current, event);
    case 'memberPauseDevice':
      return onPauseDevice(current, event, now);
    default:
      // list items go through resync(); FullyBooted/Shutdown are the link's business.
      return current;
  }
}

/** Parses and reduces one AMI frame; the same state when the frame is not a queue event. */
export function reduceQueueMetricsFrame(state: QueueMetricsState, frame: AmiFrame, now: number): QueueMetricsState {
  const event = parseQueueEvent(frame);
  return event === null ? state : reduceQueueMetrics(state, event, now);
}

function typed(items: Iterable<AmiFrame | QueueEvent>): QueueEvent[] {
  const events: QueueEvent[] = [];
  for (const item of items) {
    const event = 'kind' in item ? item : parseQueueEvent(item);
    if (event !== null) events.push(event);
  }
  return events;
}

/**
 * Rebuilds the live view from a QueueStatus answer (QueueParams, QueueMember, QueueEntry items):
 * members and waiting callers are replaced; with scope 'all' (the answer to an unfiltered
 * QueueStatus, what the AMI client asks after every login) queues absent from the answer lose
 * theirs, with 'listed' (`QueueStatus` with `Queue:`) only the listed queues are touched. The
 * day's and since-start counters and the windows are kept (a PBX restart zeroes Asterisk's
 * counters, not ours), and the PBX mirror takes the PBX's counters as its baseline.
 * A `Member:`-filtered answer is not a resync: reduce its QueueMember items as member events.
 */
export function resync(
  state: QueueMetricsState,
  queueStatusItems: Iterable<AmiFrame | QueueEvent>,
  now: number,
  scope: 'all' | 'listed' = 'all',
): QueueMetricsState {
  const current = rollDay(state, now);
  const events = typed(queueStatusItems);
  const listed = new Set(events.flatMap((event) => (event.kind === 'queueParams' ? [event.queue] : [])));
  const queues: Record<string, QueueState> = {};
  for (const [name, queue] of Object.entries(current.queues)) {
    queues[name] = scope === 'all' || listed.has(name) ? { ...queue, members: emptyMap(), callers: [], ringingFor: emptyMap() } : queue;
  }
  const entries = new Map<string, Array<{ position: number; caller: WaitingCaller }>>();
  const take = (name: string) => (queues[name] ??= emptyQueueState(current, name));
  for (const event of events) {
    if (event.kind === 'queueParams') {
      const queue = take(event.queue);
      queues[event.queue] = {
        ...queue,
        strategy: event.strategy,
        serviceLevelSec: event.serviceLevelSec,
        pbx: {
          fromResync: true,
          completed: event.completed,
          completedInSl: Math.round((event.serviceLevelPerf * event.completed) / 100),
          abandoned: event.abandoned,
          abandonedInSl: Math.max(
            0,
            Math.round((event.serviceLevelPerf2 * (event.completed + event.abandoned)) / 100) - Math.round((event.serviceLevelPerf * event.completed) / 100),
          ),
          holdTimeSec: event.holdTimeSec,
          talkTimeSec: event.talkTimeSec,
        },
      };
    } else if (event.kind === 'queueMember') {
      const m = event.member;
      const since = m.paused && m.lastPause > 0 ? m.lastPause * 1000 : now;
      const queue = take(m.queue);
      queues[m.queue] = { ...queue, members: queue.members.set(m.interface, memberState(m, since, null, null)) };
    } else if (event.kind === 'queueEntry') {
      take(event.queue);
      const caller: WaitingCaller = {
        uniqueid: event.uniqueid,
        linkedid: null,
        channel: event.channel,
        callerIdNum: event.callerIdNum,
        callerIdName: event.callerIdName,
        joinedAt: now - event.waitSec * 1000,
        hungUp: false,
        abandoned: false,
      };
      const listedEntries = entries.get(event.queue) ?? [];
      listedEntries.push({ position: event.position, caller });
      entries.set(event.queue, listedEntries);
    }
  }
  // Listed in position order, but nothing says they must be: sorted (stable) before they are kept.
  for (const [name, listedEntries] of entries) {
    queues[name] = { ...queues[name]!, callers: [...queues[name]!.callers, ...listedEntries.sort((a, b) => a.position - b.position).map((e) => e.caller)] };
  }
  for (const [name, queue] of Object.entries(queues)) {
    const before = current.queues[name];
    if (before !== undefined && queue !== before) queues[name] = keepRinging(before, queue);
  }
  return { ...current, queues, lastResyncAt: now };
}

/**
 * QueueStatus cannot say a `Local/` member is ringing (its Status is 2, "in use", as on a call):
 * only AgentCalled did. A ring seen before a resync goes on while its caller still waits and the
 * device is not back to idle; without this a periodic resync turned every ringing agent into one
 * "on a call" (and offered barge-in) until the answer.
 */
function keepRinging(before: QueueState, after: QueueState): QueueState {
  const waiting = new Set(after.callers.map((c) => c.uniqueid));
  let queue = after;
  for (const old of before.members.values()) {
    if (old.ringing === null || !waiting.has(old.ringing.uniqueid)) continue;
    const member = queue.members.get(old.interface);
    if (member === undefined || member.status === MemberStatus.notInUse || member.status === MemberStatus.unavailable) continue;
    const rung = queue.ringingFor.get(old.ringing.uniqueid) ?? [];
    queue = {
      ...queue,
      members: queue.members.set(old.interface, { ...member, ringing: old.ringing }),
      ringingFor: queue.ringingFor.set(old.ringing.uniqueid, rung.includes(old.interface) ? rung : [...rung, old.interface]),
    };
  }
  return queue;
}

/** `Local/1001@sim-agent-00000001;1` → `Local/1001@sim-agent`; `PJSIP/1004-00000003` → `PJSIP/1004`. */
export function channelDevice(channel: string): string {
  return channel.replace(/-[0-9a-f]{8}(;\d)?$/, '');
}

/** `Local/1001@sim-agent/n` → `Local/1001@sim-agent`. */
const interfaceDevice = (iface: string) => iface.replace(/\/n$/, '');

/**
 * Adds what CoreShowChannels knows after a resync: since when each member in a call has been
 * talking (the longest-running channel of its device), and the Linkedid of waiting callers.
 */
export function applyChannels(state: QueueMetricsState, coreShowChannelsItems: Iterable<AmiFrame | QueueEvent>, now: number): QueueMetricsState {
  const longest = new Map<string, number>();
  const linkedOf = new Map<string, string>();
  for (const event of typed(coreShowChannelsItems)) {
    if (event.kind !== 'channel') continue;
    const device = channelDevice(event.channel);
    longest.set(device, Math.max(longest.get(device) ?? 0, event.durationSec));
    if (event.linkedid !== '') linkedOf.set(event.uniqueid, event.linkedid);
  }
  const queues: Record<string, QueueState> = {};
  for (const [name, queue] of Object.entries(state.queues)) {
    let members = queue.members;
    for (const member of queue.members.values()) {
      const duration = longest.get(interfaceDevice(member.interface));
      // A ringing member's channel is its ring, not a call (keepRinging).
      if (duration !== undefined && isInCallStatus(member.status) && member.callSince === null && member.ringing === null) {
        members = members.set(member.interface, { ...member, callSince: now - duration * 1000, since: now - duration * 1000 });
      }
    }
    const callers = queue.callers.map((c) => (c.linkedid === null && linkedOf.has(c.uniqueid) ? { ...c, linkedid: linkedOf.get(c.uniqueid)! } : c));
    queues[name] = { ...queue, members, callers };
  }
  return { ...state, queues };
}

/** Exported for the selectors: the tallies a period reports. */
export type { CallTally };
