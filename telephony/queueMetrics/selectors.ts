import { agentStateOver } from '../../core/queue.js';
import type { CallTally } from './callTally.js';
import { EMPTY_TALLY, windowTally } from './callTally.js';
import { MemberStatus } from './queueEvents.js';
import type { MemberState, QueueMetricsState, QueueState } from './queueMetricsState.js';

// Read-only views of the state for the wallboard, queue-top and tests. Every selector takes
// `now`: waits, time in state and the end of a wrap-up move with the clock, not with events.

export type AgentActivity = 'logged-out' | 'available' | 'ringing' | 'on-call' | 'paused' | 'wrap-up';

export interface QueueFigures {
  answered: number;
  abandoned: number;
  timedOut: number;
  /** Answered calls that have ended (AgentComplete). */
  completed: number;
  /** Average speed of answer: the true mean wait of answered calls, seconds. null before the first. */
  asaSec: number | null;
  /** Mean wait of every caller who left the queue: answered, abandoned and timed out. */
  avgWaitAllSec: number | null;
  /** Mean talk time of completed calls. */
  avgTalkSec: number | null;
  /** Answered within the queue's ServiceLevel ÷ answered. */
  serviceLevelPct: number | null;
  /** Asterisk's ServiceLevelPerf2: (abandoned within + answered within) ÷ (abandoned + answered); timeouts count as abandons, as in Asterisk. */
  serviceLevel2Pct: number | null;
  /** Abandoned (hung up while waiting) ÷ callers who left the queue. */
  abandonRatePct: number | null;
}

export interface AgentCounts {
  /** Members whose device is not unavailable/invalid (Asterisk's LoggedIn). */
  loggedIn: number;
  /** Idle, not paused, not in wrap-up: could take a call now. */
  available: number;
  ringing: number;
  onCall: number;
  /** Paused and not in a call. */
  paused: number;
  wrapUp: number;
  /** Members whose device is unavailable (not in LoggedIn). */
  loggedOut: number;
}

export interface CallerView {
  position: number;
  uniqueid: string;
  linkedid: string | null;
  callerIdNum: string;
  callerIdName: string;
  /** Epoch ms (the desk's clock) the caller joined; ±1 s for callers learnt from a resync. */
  joinedAt: number;
  waitSec: number;
}

export interface QueueSnapshot {
  queue: string;
  strategy: string;
  serviceLevelSec: number;
  waiting: number;
  longestWaitSec: number;
  /** Epoch ms the longest-waiting caller joined; null when nobody waits. */
  longestWaitingSince: number | null;
  callers: CallerView[];
  agents: AgentCounts;
  today: QueueFigures;
  sinceStart: QueueFigures;
  last15Min: QueueFigures;
  last60Min: QueueFigures;
}

export interface AgentQueueView {
  queue: string;
  activity: AgentActivity;
  paused: boolean;
  pausedReason: string;
  /** queues.conf / realtime members are static: Asterisk refuses to remove them ("Member not dynamic"). */
  static: boolean;
}

export interface AgentView {
  interface: string;
  name: string;
  /** Over all the agent's queues: ringing/on call/wrap-up/logged out are the device's; paused only when paused everywhere. */
  activity: AgentActivity;
  pausedReason: string;
  /** Epoch ms the current activity started. */
  since: number;
  inStateSec: number;
  queues: AgentQueueView[];
  answeredToday: number;
  ringNoAnswerToday: number;
  answeredSinceStart: number;
  ringNoAnswerSinceStart: number;
}

/** The figures Asterisk reports itself (QueueSummary, QueueParams, QueueMember), computed its way. */
export interface PbxComparableFigures {
  callers: number;
  longestHoldSec: number;
  completed: number;
  abandoned: number;
  loggedIn: number;
  available: number;
  paused: number;
  holdTimeSec: number;
  talkTimeSec: number;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const ratio = (part: number, whole: number, scale = 1) => (whole === 0 ? null : round1((part * scale) / whole));

export function figuresOf(t: CallTally): QueueFigures {
  const left = t.answered + t.abandoned + t.timedOut;
  return {
    answered: t.answered,
    abandoned: t.abandoned,
    timedOut: t.timedOut,
    completed: t.completed,
    asaSec: ratio(t.answeredWaitSec, t.answered),
    avgWaitAllSec: ratio(t.answeredWaitSec + t.abandonedWaitSec + t.timedOutWaitSec, left),
    avgTalkSec: ratio(t.talkSec, t.completed),
    serviceLevelPct: ratio(t.answeredInSl, t.answered, 100),
    serviceLevel2Pct: ratio(t.answeredInSl + t.abandonedInSl + t.timedOutInSl, t.answered + t.abandoned + t.timedOut, 100),
    abandonRatePct: ratio(t.abandoned, left, 100),
  };
}

function wrapUpSecOf(state: QueueMetricsState, queue: string, member: MemberState): number {
  return member.wrapUpSec > 0 ? member.wrapUpSec : (state.options.wrapUpSec[queue] ?? 0);
}

const isRinging = (status: number) => status === MemberStatus.ringing || status === MemberStatus.ringInUse;
const isInCall = (status: number) => status === MemberStatus.inUse || status === MemberStatus.busy || status === MemberStatus.onHold;
const isLoggedOut = (status: number) => status === MemberStatus.unavailable || status === MemberStatus.invalid;

/** A member's activity in one queue, and since when (epoch ms). */
export function memberActivity(state: QueueMetricsState, queue: string, member: MemberState, now: number): { activity: AgentActivity; since: number } {
  if (isLoggedOut(member.status)) return { activity: 'logged-out', since: member.since };
  // Agent events decide ringing, not device state alone: a ringing Local member is "in use".
  if (member.callSince === null && (isRinging(member.status) || member.ringing !== null)) return { activity: 'ringing', since: member.ringing?.since ?? member.since };
  // AgentConnect is the fact: on a short call the device's "in use" may never be reported.
  if (member.callSince !== null || isInCall(member.status)) return { activity: 'on-call', since: member.callSince ?? member.since };
  if (member.paused) return { activity: member.pausedReason === state.options.wrapUpPauseReason ? 'wrap-up' : 'paused', since: member.since };
  const wrapUpEnds = member.lastCall > 0 ? (member.lastCall + wrapUpSecOf(state, queue, member)) * 1000 : 0;
  if (wrapUpEnds > now) return { activity: 'wrap-up', since: Math.max(member.since, member.lastCall * 1000) };
  return { activity: 'available', since: Math.max(member.since, wrapUpEnds) };
}

/** Each agent's one activity over all its queues (agentStateOver), by interface: what tiles count. */
function agentActivities(state: QueueMetricsState, now: number): Map<string, AgentActivity> {
  const perQueue = new Map<string, AgentActivity[]>();
  for (const queue of Object.values(state.queues)) {
    for (const member of queue.members.values()) {
      const activity = memberActivity(state, queue.name, member, now).activity;
      const seen = perQueue.get(member.interface);
      if (seen === undefined) perQueue.set(member.interface, [activity]);
      else seen.push(activity);
    }
  }
  const activities = new Map<string, AgentActivity>();
  for (const [iface, all] of perQueue) activities.set(iface, agentStateOver(all, (a) => a));
  return activities;
}

/**
 * A queue's members by the agent's one state (the agents table's), not by what this queue alone
 * sees: an agent in wrap-up after another queue's call is in wrap-up here too, and a `Local/`
 * member ringing for another queue (its device "in use" here) is ringing, not on a call.
 */
function agentCounts(queue: QueueState, activities: ReadonlyMap<string, AgentActivity>): AgentCounts {
  const counts: AgentCounts = { loggedIn: 0, available: 0, ringing: 0, onCall: 0, paused: 0, wrapUp: 0, loggedOut: 0 };
  for (const member of queue.members.values()) {
    const activity = activities.get(member.interface) ?? 'logged-out';
    if (activity === 'logged-out') {
      counts.loggedOut++;
      continue;
    }
    counts.loggedIn++;
    if (activity === 'available') counts.available++;
    else if (activity === 'ringing') counts.ringing++;
    else if (activity === 'on-call') counts.onCall++;
    else if (activity === 'paused') counts.paused++;
    else counts.wrapUp++;
  }
  return counts;
}

const waitSec = (joinedAt: number, now: number) => Math.max(0, Math.floor((now - joinedAt) / 1000));

export function selectQueue(state: QueueMetricsState, name: string, now: number): QueueSnapshot | null {
  return queueSnapshot(state, name, now, agentActivities(state, now));
}

function queueSnapshot(state: QueueMetricsState, name: string, now: number, activities: ReadonlyMap<string, AgentActivity>): QueueSnapshot | null {
  const queue = state.queues[name];
  if (queue === undefined) return null;
  const callers = queue.callers.map((c, index) => ({
    position: index + 1,
    uniqueid: c.uniqueid,
    linkedid: c.linkedid,
    callerIdNum: c.callerIdNum,
    callerIdName: c.callerIdName,
    joinedAt: c.joinedAt,
    waitSec: waitSec(c.joinedAt, now),
  }));
  const longestWaitingSince = queue.callers.reduce<number | null>((oldest, c) => (oldest === null || c.joinedAt < oldest ? c.joinedAt : oldest), null);
  return {
    queue: queue.name,
    strategy: queue.strategy,
    serviceLevelSec: queue.serviceLevelSec,
    waiting: callers.length,
    longestWaitSec: longestWaitingSince === null ? 0 : waitSec(longestWaitingSince, now),
    longestWaitingSince,
    callers,
    agents: agentCounts(queue, activities),
    today: figuresOf(now >= state.day.endsAt ? EMPTY_TALLY : queue.today),
    sinceStart: figuresOf(queue.sinceStart),
    last15Min: figuresOf(windowTally(queue.window, now, 15 * 60_000)),
    last60Min: figuresOf(windowTally(queue.window, now, 60 * 60_000)),
  };
}

/** Every queue, by name. */
export function selectQueues(state: QueueMetricsState, now: number): QueueSnapshot[] {
  const activities = agentActivities(state, now);
  return Object.keys(state.queues)
    .sort()
    .map((name) => queueSnapshot(state, name, now, activities)!);
}

// Made once: localeCompare with a locale builds a collator per call, most of a push at 500 agents.
const TURKISH_ORDER = new Intl.Collator('tr');
const DEFAULT_ORDER = new Intl.Collator();

/** The agent's one activity (core/queue.ts agentStateOver): paused in one queue but available in another is available. */
const mostTelling = <T extends { activity: AgentActivity }>(queues: readonly T[]): T => agentStateOver(queues, (q) => q.activity);

/** One agent as the agents table shows it (selectAgents), without building the table; null when in no queue. */
export function agentActivityOf(
  state: QueueMetricsState,
  iface: string,
  now: number,
): { name: string; activity: AgentActivity; pausedReason: string; queues: string[] } | null {
  const rows: Array<{ queue: string; activity: AgentActivity; pausedReason: string; name: string }> = [];
  for (const queue of Object.values(state.queues)) {
    const member = queue.members.get(iface);
    if (member !== undefined) rows.push({ queue: queue.name, activity: memberActivity(state, queue.name, member, now).activity, pausedReason: member.pausedReason, name: member.name });
  }
  if (rows.length === 0) return null;
  const best = mostTelling(rows);
  return {
    name: best.name,
    activity: best.activity,
    pausedReason: best.activity === 'paused' ? best.pausedReason : '',
    queues: rows.filter((row) => row.activity !== 'logged-out').map((row) => row.queue).sort(),
  };
}

/** One row per member interface, over all its queues, by name. */
export function selectAgents(state: QueueMetricsState, now: number): AgentView[] {
  const rows = new Map<string, { name: string; queues: Array<AgentQueueView & { since: number }> }>();
  for (const queue of Object.values(state.queues)) {
    for (const member of queue.members.values()) {
      const { activity, since } = memberActivity(state, queue.name, member, now);
      let row = rows.get(member.interface);
      if (row === undefined) rows.set(member.interface, (row = { name: member.name, queues: [] }));
      row.queues.push({ queue: queue.name, activity, paused: member.paused, pausedReason: member.pausedReason, static: member.membership.toLowerCase() === 'static', since });
    }
  }
  const views: AgentView[] = [];
  for (const [iface, row] of rows) {
    row.queues.sort((a, b) => a.queue.localeCompare(b.queue));
    const best = mostTelling(row.queues);
    const today = state.agentsToday.get(iface);
    const sinceStart = state.agentsSinceStart.get(iface);
    views.push({
      interface: iface,
      name: row.name,
      activity: best.activity,
      pausedReason: best.activity === 'paused' ? best.pausedReason : '',
      since: best.since,
      inStateSec: Math.max(0, Math.floor((now - best.since) / 1000)),
      queues: row.queues.map(({ since: _since, ...view }) => view),
      answeredToday: now >= state.day.endsAt ? 0 : (today?.answered ?? 0),
      ringNoAnswerToday: now >= state.day.endsAt ? 0 : (today?.ringNoAnswer ?? 0),
      answeredSinceStart: sinceStart?.answered ?? 0,
      ringNoAnswerSinceStart: sinceStart?.ringNoAnswer ?? 0,
    });
  }
  return views.sort((a, b) => TURKISH_ORDER.compare(a.name, b.name) || DEFAULT_ORDER.compare(a.interface, b.interface));
}

/**
 * The figures Asterisk reports for a queue, computed as app_queue computes them: waits as
 * differences of epoch seconds, LoggedIn/Available as QueueSummary counts them (Available
 * ignores wrap-up), Completed/Abandoned from the PBX mirror (timeouts included).
 */
export function selectPbxFigures(state: QueueMetricsState, name: string, now: number): PbxComparableFigures | null {
  const queue = state.queues[name];
  if (queue === undefined) return null;
  const nowSec = Math.floor(now / 1000);
  let loggedIn = 0;
  let available = 0;
  let paused = 0;
  for (const m of queue.members.values()) {
    if (m.paused) paused++;
    if (isLoggedOut(m.status)) continue;
    loggedIn++;
    if ((m.status === MemberStatus.notInUse || m.status === MemberStatus.unknown) && !m.paused) available++;
  }
  return {
    callers: queue.callers.length,
    longestHoldSec: queue.callers.reduce((longest, c) => Math.max(longest, nowSec - Math.floor(c.joinedAt / 1000)), 0),
    completed: queue.pbx.completed,
    abandoned: queue.pbx.abandoned,
    loggedIn,
    available,
    paused,
    holdTimeSec: queue.pbx.holdTimeSec,
    talkTimeSec: queue.pbx.talkTimeSec,
  };
}
