import { randomUUID } from 'node:crypto';
import type { AvailChange, CallFact, CallView, LegView, MemberView, QueueStatusView, QueueVarsView } from './queueFacts.js';
import type { SimScheduler, SimTimer } from './simScheduler.js';
import { epochSeconds, uniqueId } from './simTime.js';
import type { SimCaller, SimQueueConfig } from './simTypes.js';

// app_queue's behaviour as far as the desk can observe it: callers wait in order, each waiting
// caller rings the next free member after the last one rung (rrmemory), ringinuse=no,
// joinempty=yes, a ring times out after `timeout` and the caller waits `retry` before the next
// try. The model holds state and timers only; every change is reported as a CallFact.

export interface QueueModelConfig {
  queues: SimQueueConfig[];
  callQueue: string;
  callers: SimCaller[];
  callIntervalMs: number;
  autoAnswerMs: number | null;
  talkTimeMs: number;
  ringTimeoutMs: number;
  retryMs: number;
}

export interface QueueModel {
  placeCall(caller?: SimCaller): string;
  status(queueName?: string): QueueStatusView[];
  stop(): void;
}

interface Membership {
  readonly queue: QueueState;
  readonly membership: 'static' | 'dynamic';
  readonly penalty: number;
  readonly loginTime: number;
  callsTaken: number;
  lastCall: number;
  lastPause: number;
  paused: boolean;
  pausedReason: string;
}

interface AgentState {
  readonly interface: string;
  readonly name: string;
  readonly stateInterface: string;
  readonly exten: string;
  readonly context: string;
  status: 1 | 2 | 6;
  readonly memberships: Membership[];
}

interface QueueState {
  readonly config: SimQueueConfig;
  readonly members: AgentState[];
  readonly callers: CallState[];
  /** Index of the member after the one rung last: rrmemory's memory. */
  rrNext: number;
  completed: number;
  completedInServiceLevel: number;
  abandoned: number;
  abandonedInServiceLevel: number;
  holdtime: number;
  talktime: number;
}

interface Attempt {
  readonly agent: AgentState;
  readonly leg: LegView;
}

interface CallState {
  readonly view: CallView;
  readonly queue: QueueState;
  readonly joinedAt: number;
  readonly originalPosition: number;
  phase: 'waiting' | 'ringing' | 'retry-wait' | 'talking';
  attempt: Attempt | null;
  timer: SimTimer | null;
  answeredAt: number;
  holdSeconds: number;
  bridgeId: string;
}

const LOCAL_INTERFACE = /^Local\/([^@/]+)@([^/]+)(?:\/n)?$/;

/** Asterisk ≥ 16 averages hold and talk time as (3·old + new) / 4, seeded by the first value. */
function rollingAverage(old: number, value: number): number {
  return old === 0 ? value : (3 * old + value) >> 2;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0.0' : ((part * 100) / whole).toFixed(1);
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

export function createQueueModel(config: QueueModelConfig, scheduler: SimScheduler, emit: (fact: CallFact) => void): QueueModel {
  const agents = new Map<string, AgentState>();
  const queues = new Map<string, QueueState>();
  const calls = new Map<string, CallState>();
  let channelCounter = 0;
  let localSequence = 0;
  let originateCounter = 0;
  let nextCaller = 0;
  let autoCallTimer: SimTimer | null = null;
  const loginTime = epochSeconds(scheduler.now());

  for (const queueConfig of config.queues) {
    const queue: QueueState = {
      config: queueConfig,
      members: [],
      callers: [],
      rrNext: 0,
      completed: 0,
      completedInServiceLevel: 0,
      abandoned: 0,
      abandonedInServiceLevel: 0,
      holdtime: 0,
      talktime: 0,
    };
    queues.set(queueConfig.name, queue);
    for (const member of queueConfig.members) {
      const local = LOCAL_INTERFACE.exec(member.interface);
      if (local === null) throw new Error(`simulated member ${member.interface} must be a Local channel such as Local/1001@sim-agent/n`);
      let agent = agents.get(member.interface);
      if (agent === undefined) {
        agent = {
          interface: member.interface,
          name: member.name,
          stateInterface: member.stateInterface,
          exten: local[1]!,
          context: local[2]!,
          status: 1,
          memberships: [],
        };
        agents.set(member.interface, agent);
      }
      agent.memberships.push({
        queue,
        membership: member.membership,
        penalty: member.penalty,
        loginTime,
        callsTaken: 0,
        lastCall: 0,
        lastPause: 0,
        paused: false,
        pausedReason: '',
      });
      queue.members.push(agent);
    }
  }
  const callQueue = queues.get(config.callQueue);
  if (callQueue === undefined) throw new Error(`simulated call queue ${config.callQueue} is not configured`);

  const newChannelIds = (at: number): [string, string] => [uniqueId(at, channelCounter++), uniqueId(at, channelCounter++)];

  function membershipIn(agent: AgentState, queue: QueueState): Membership {
    return agent.memberships.find((m) => m.queue === queue)!;
  }

  function memberView(agent: AgentState, m: Membership): MemberView {
    return {
      queue: m.queue.config.name,
      memberName: agent.name,
      interface: agent.interface,
      stateInterface: agent.stateInterface,
      membership: m.membership,
      penalty: m.penalty,
      callsTaken: m.callsTaken,
      lastCall: m.lastCall,
      lastPause: m.lastPause,
      loginTime: m.loginTime,
      status: agent.status,
      paused: m.paused,
      pausedReason: m.pausedReason,
    };
  }

  const memberViews = (agent: AgentState) => agent.memberships.map((m) => memberView(agent, m));

  function queueVars(queue: QueueState): QueueVarsView {
    return {
      name: queue.config.name,
      strategy: queue.config.strategy,
      calls: queue.callers.length,
      holdtime: queue.holdtime,
      talktime: queue.talktime,
      completed: queue.completed,
      abandoned: queue.abandoned,
      serviceLevel: queue.config.serviceLevel,
      serviceLevelPerf: percent(queue.completedInServiceLevel, queue.completed),
      serviceLevelPerf2: percent(
        queue.completedInServiceLevel + queue.abandonedInServiceLevel,
        queue.completed + queue.abandoned,
      ),
    };
  }

  const isAvailable = (agent: AgentState, queue: QueueState) => agent.status === 1 && !membershipIn(agent, queue).paused;
  const availableCount = (queue: QueueState) => queue.members.filter((agent) => isAvailable(agent, queue)).length;

  /** Changes an agent's device state and reports which of its queues gained or lost their last available member. */
  function setStatus(agent: AgentState, status: AgentState['status']): AvailChange[] {
    const before = agent.memberships.map((m) => availableCount(m.queue));
    agent.status = status;
    const changes: AvailChange[] = [];
    agent.memberships.forEach((m, i) => {
      const after = availableCount(m.queue);
      if (before[i]! > 0 && after === 0) changes.push({ queue: m.queue.config.name, state: 'INUSE' });
      if (before[i] === 0 && after > 0) changes.push({ queue: m.queue.config.name, state: 'NOT_INUSE' });
    });
    return changes;
  }

  function pickAgent(queue: QueueState): AgentState | null {
    const count = queue.members.length;
    for (let i = 0; i < count; i++) {
      const index = (queue.rrNext + i) % count;
      const agent = queue.members[index]!;
      if (isAvailable(agent, queue)) {
        queue.rrNext = (index + 1) % count;
        return agent;
      }
    }
    return null;
  }

  function distribute(queue: QueueState): void {
    for (const call of queue.callers) {
      if (call.phase !== 'waiting') continue;
      const agent = pickAgent(queue);
      if (agent === null) return;
      offer(call, agent);
    }
  }

  function schedule(call: CallState, ms: number, next: () => void): void {
    call.timer = scheduler.setTimeout(() => {
      call.timer = null;
      next();
    }, ms);
  }

  function offer(call: CallState, agent: AgentState): void {
    const at = scheduler.now();
    const leg: LegView = {
      interface: agent.interface,
      memberName: agent.name,
      stateInterface: agent.stateInterface,
      exten: agent.exten,
      context: agent.context,
      channel: `Local/${agent.exten}@${agent.context}-${hex8(localSequence++)}`,
      uniqueids: newChannelIds(at),
      offeredAt: at,
    };
    const availChanges = setStatus(agent, 6);
    call.phase = 'ringing';
    call.attempt = { agent, leg };
    emit({ kind: 'agentOffered', at, call: call.view, leg, members: memberViews(agent), availChanges });
    const answers = config.autoAnswerMs !== null && config.autoAnswerMs < config.ringTimeoutMs;
    if (answers) schedule(call, config.autoAnswerMs!, () => answer(call));
    else schedule(call, config.ringTimeoutMs, () => ringNoAnswer(call));
  }

  function answer(call: CallState): void {
    const at = scheduler.now();
    const { agent, leg } = call.attempt!;
    const queue = call.queue;
    setStatus(agent, 2);
    const m = membershipIn(agent, queue);
    call.holdSeconds = epochSeconds(at) - epochSeconds(call.joinedAt);
    queue.holdtime = rollingAverage(queue.holdtime, call.holdSeconds);
    // QUEUE* variables at connect still count this caller, who leaves just after.
    const vars = queueVars(queue);
    const position = queue.callers.indexOf(call) + 1;
    queue.callers.splice(position - 1, 1);
    call.phase = 'talking';
    call.answeredAt = at;
    call.bridgeId = randomUUID();
    emit({
      kind: 'agentAnswered',
      at,
      call: call.view,
      leg,
      members: memberViews(agent),
      memberCalls: m.callsTaken,
      memberLastCall: m.lastCall,
      memberPenalty: m.penalty,
      memberDynamic: m.membership === 'dynamic',
      holdSeconds: call.holdSeconds,
      ringSeconds: epochSeconds(at) - epochSeconds(leg.offeredAt),
      originalPosition: call.originalPosition,
      position,
      countAfter: queue.callers.length,
      queueBecameIdle: queue.callers.length === 0,
      queueVars: vars,
      bridgeId: call.bridgeId,
    });
    schedule(call, config.talkTimeMs, () => callerHangsUp(call));
  }

  function callerHangsUp(call: CallState): void {
    const at = scheduler.now();
    const { agent, leg } = call.attempt!;
    const queue = call.queue;
    queue.completed++;
    if (call.holdSeconds <= queue.config.serviceLevel) queue.completedInServiceLevel++;
    const talkSeconds = epochSeconds(at) - epochSeconds(call.answeredAt);
    queue.talktime = rollingAverage(queue.talktime, talkSeconds);
    // shared_lastcall (Asterisk's default): the call counts in every queue the member is in.
    for (const m of agent.memberships) {
      m.callsTaken++;
      m.lastCall = epochSeconds(at);
    }
    const availChanges = setStatus(agent, 1);
    calls.delete(call.view.linkedid);
    emit({
      kind: 'callerHungUp',
      at,
      call: call.view,
      leg,
      answeredAt: call.answeredAt,
      holdSeconds: call.holdSeconds,
      talkSeconds,
      queueVars: queueVars(queue),
      members: memberViews(agent),
      availChanges,
      bridgeId: call.bridgeId,
    });
    for (const m of agent.memberships) distribute(m.queue);
  }

  function ringNoAnswer(call: CallState): void {
    const at = scheduler.now();
    const { agent, leg } = call.attempt!;
    const availChanges = setStatus(agent, 1);
    call.attempt = null;
    call.phase = 'retry-wait';
    emit({ kind: 'ringNoAnswer', at, call: call.view, leg, ringMs: at - leg.offeredAt, members: memberViews(agent), availChanges });
    schedule(call, config.retryMs, () => {
      call.phase = 'waiting';
      distribute(call.queue);
    });
    for (const m of agent.memberships) distribute(m.queue);
  }

  function placeCall(caller?: SimCaller): string {
    const chosen = caller ?? config.callers[nextCaller++ % Math.max(1, config.callers.length)];
    if (chosen === undefined) throw new Error('the simulator has no callers configured');
    const at = scheduler.now();
    const uniqueids = newChannelIds(at);
    const view: CallView = {
      linkedid: uniqueids[0],
      number: chosen.number,
      name: chosen.name,
      queue: callQueue!.config.name,
      channel: `Local/${chosen.number}@sim-caller-${hex8(localSequence++)}`,
      uniqueids,
      placedAt: at,
    };
    emit({ kind: 'callPlaced', at, call: view, originateActionId: `sim-originate-${++originateCounter}` });
    const call: CallState = {
      view,
      queue: callQueue!,
      joinedAt: at,
      originalPosition: callQueue!.callers.length + 1,
      phase: 'waiting',
      attempt: null,
      timer: null,
      answeredAt: 0,
      holdSeconds: 0,
      bridgeId: '',
    };
    calls.set(view.linkedid, call);
    callQueue!.callers.push(call);
    const count = callQueue!.callers.length;
    emit({ kind: 'callerJoined', at, call: view, position: count, count, queueBecameBusy: count === 1 });
    distribute(callQueue!);
    return view.linkedid;
  }

  function status(queueName?: string): QueueStatusView[] {
    const now = scheduler.now();
    return [...queues.values()]
      .filter((queue) => queueName === undefined || queue.config.name === queueName)
      .map((queue) => {
        const entries = queue.callers.map((call, index) => ({
          queue: queue.config.name,
          position: index + 1,
          channel: `${call.view.channel};2`,
          uniqueid: call.view.uniqueids[1],
          number: call.view.number,
          name: call.view.name,
          waitSeconds: epochSeconds(now) - epochSeconds(call.joinedAt),
        }));
        return {
          vars: queueVars(queue),
          members: queue.members.map((agent) => memberView(agent, membershipIn(agent, queue))),
          entries,
          longestHoldSeconds: entries.reduce((longest, entry) => Math.max(longest, entry.waitSeconds), 0),
        };
      });
  }

  function autoCall(): void {
    autoCallTimer = scheduler.setTimeout(() => {
      autoCall();
      if (config.callers.length > 0) placeCall();
    }, config.callIntervalMs);
  }
  if (config.callIntervalMs > 0) autoCall();

  return {
    placeCall,
    status,
    stop() {
      if (autoCallTimer !== null) scheduler.clearTimeout(autoCallTimer);
      for (const call of calls.values()) if (call.timer !== null) scheduler.clearTimeout(call.timer);
      calls.clear();
    },
  };
}
