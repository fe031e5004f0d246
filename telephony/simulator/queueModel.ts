import { randomUUID } from 'node:crypto';
import type { AvailChange, CallFact, CallView, DeviceChange, LegView, MemberView, QueueStatusView, QueueVarsView } from './queueFacts.js';
import type { SimRandom } from './simRandom.js';
import { seededRandom, talkTimeSampler } from './simRandom.js';
import type { SimScheduler, SimTimer } from './simScheduler.js';
import { epochSeconds, uniqueId } from './simTime.js';
import type { PlaceCallOptions, QueueModelConfig, SimAgent, SimCaller, SimQueueConfig } from './simTypes.js';

export type { QueueModelConfig };

// app_queue's behaviour as far as the desk can observe it, step by step as queue_exec runs a
// caller (Asterisk 22, apps/app_queue.c):
// - A caller waits its turn: is_our_turn lets the first N callers try, N the queue's available
//   members (1 for ringall), skipping callers whose try is in progress; a caller whose turn it
//   is not looks again every second (RECHECK), so a freed agent is noticed up to 1 s later.
// - try_calling computes a metric per member in the member container's order (a hash order:
//   member_hash_fn over 37 buckets, which is why QueueStatus lists 1004 before 1001): ringall
//   rings every available member at the best penalty; rrmemory rings the best metric that can
//   ring, and store_next_rr moves the memory (rrpos, wrapped) exactly as Asterisk does — which
//   is why e-ring-no-answer rings Ayşe twice before Mehmet.
// - A ring lasts `timeout`; on no answer every ringing member gets AgentRingNoAnswer, the
//   caller waits `retry`, then tries again. ringinuse=no; paused and wrapping-up members are
//   skipped; wrapuptime counts from the member's last call.
// - A caller hanging up is an abandon; Queue()'s timeout also ends in QueueCallerAbandon.
// The model holds state and timers only; every change is reported as a CallFact.


export type PauseOutcome = 'ok' | 'not-found';
export type AddOutcome = 'ok' | 'exists' | 'no-queue';
export type RemoveOutcome = 'ok' | 'not-there' | 'no-queue' | 'not-dynamic';

/** A channel as CoreShowChannels lists it. */
export interface ChannelView {
  call: CallView;
  role: 'phone' | 'queue' | 'agent-out' | 'agent-in';
  leg: LegView | null;
  state: 'ringing' | 'up';
  application: string;
  applicationData: string;
  createdAt: number;
  bridgeId: string;
}

export interface QueueModel {
  placeCall(caller?: SimCaller, options?: PlaceCallOptions): string;
  hangUpCaller(linkedid: string): boolean;
  /** The agent ends an answered call (AgentComplete Reason: agent); `callerGone`: app_queue's late AgentComplete without the caller's headers. */
  hangUpAgent(linkedid: string, options?: { callerGone?: boolean }): boolean;
  /** Action: Hangup of a caller's channel or of the agent leg of an answered call. */
  hangUpChannel(channel: string): boolean;
  /** Channel names and ids for calls that do not go through a queue (Originate). */
  allocateLocal(exten: string, context: string): string;
  allocateIds(at: number): [string, string];
  pauseMember(iface: string, paused: boolean, options?: { queue?: string; reason?: string }): PauseOutcome;
  addMember(queue: string, member: SimAgent & { penalty?: number; paused?: boolean; reason?: string }): AddOutcome;
  removeMember(queue: string, iface: string): RemoveOutcome;
  /** `queue reload members` with this queues.conf member list (static members); silent but for device states. */
  reloadMembers(queue: string, members: readonly SimAgent[]): 'ok' | 'no-queue';
  /** `core reload` (module 'All') or `module reload app_queue.so`: a Reload event. */
  reload(module?: string): void;
  status(queueName?: string): QueueStatusView[];
  channels(): ChannelView[];
  /** Stops automatic and Poisson arrivals. */
  stopLoad(): void;
  /** Cancels every timer and forgets the calls (the PBX died). */
  stop(): void;
  /** After a restart: no calls, queue counters zeroed, members and pauses kept, load resumed. */
  restart(): void;
}

interface Membership {
  readonly queue: QueueState;
  readonly agent: AgentState;
  membership: 'static' | 'dynamic';
  penalty: number;
  loginTime: number;
  callsTaken: number;
  lastCall: number;
  lastPause: number;
  paused: boolean;
  pausedReason: string;
  /** Insertion order within its hash bucket. */
  readonly seq: number;
}

interface AgentState {
  readonly interface: string;
  readonly name: string;
  readonly stateInterface: string;
  readonly kind: 'local' | 'pjsip';
  readonly exten: string;
  readonly context: string;
  readonly answerAfterMs: number | null | undefined;
  /** 1 idle, 2 in use, 6 ringing (app_queue's member status = the state interface's device state). */
  status: 1 | 2 | 6;
  readonly memberships: Membership[];
}

interface QueueState {
  readonly config: SimQueueConfig;
  /** In the member container's order (see memberOrder). */
  members: Membership[];
  readonly callers: CallState[];
  rrpos: number;
  wrapped: boolean;
  completed: number;
  completedInSl: number;
  abandoned: number;
  abandonedInSl: number;
  holdtime: number;
  talktime: number;
}

/** One member in a try_calling outgoing list. */
interface Attempt {
  readonly member: Membership;
  readonly metric: number;
  stillgoing: boolean;
  leg: LegView | null;
  answerTimer: SimTimer | null;
}

interface CallState {
  readonly view: CallView;
  readonly queue: QueueState;
  readonly joinedAt: number;
  readonly originalPosition: number;
  readonly expireAt: number | null;
  readonly talkTimeMs: number;
  phase: 'waiting' | 'ringing' | 'retry-wait' | 'talking' | 'done';
  /** In try_calling (Asterisk's qe->pending): not counted ahead of others by is_our_turn. */
  pending: boolean;
  outgoing: Attempt[];
  answered: Attempt | null;
  timer: SimTimer | null;
  patienceTimer: SimTimer | null;
  answeredAt: number;
  holdSeconds: number;
  bridgeId: string;
}

const LOCAL_INTERFACE = /^Local\/([^@/]+)@([^/]+)(?:\/n)?$/;
const PJSIP_INTERFACE = /^PJSIP\/([^/]+)$/;
/** app_queue's RECHECK: a caller whose turn it is not looks again after a second. */
const RECHECK_MS = 1_000;
const MEMBER_BUCKETS = 37;

/** Asterisk ≥ 16 averages hold and talk time as (3·old + new) / 4, seeded by the first value. */
function rollingAverage(old: number, value: number): number {
  return old === 0 ? value : (3 * old + value) >> 2;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0.0' : ((part * 100) / whole).toFixed(1);
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** app_queue's member_hash_fn: up to five characters from the interface's `/`, six bits each. */
export function memberBucket(iface: string): number {
  const slash = iface.indexOf('/');
  const name = slash < 0 ? iface : iface.slice(slash);
  let hash = 0;
  for (let i = 0; i < 5 && i < name.length; i++) {
    const c = name.charCodeAt(i);
    const compressed = c < 32 ? 0 : c > 96 ? c - 64 : c - 32;
    hash += compressed << (i * 6);
  }
  return Math.abs(hash % MEMBER_BUCKETS);
}

function parseInterface(iface: string): { kind: 'local' | 'pjsip'; exten: string; context: string } {
  const local = LOCAL_INTERFACE.exec(iface);
  if (local !== null) return { kind: 'local', exten: local[1]!, context: local[2]! };
  const pjsip = PJSIP_INTERFACE.exec(iface);
  if (pjsip !== null) return { kind: 'pjsip', exten: pjsip[1]!, context: 'from-webrtc' };
  throw new Error(`simulated member ${iface} must be a Local channel such as Local/1001@sim-agent/n or a PJSIP endpoint such as PJSIP/1004`);
}

export function createQueueModel(config: QueueModelConfig, scheduler: SimScheduler, emit: (fact: CallFact) => void): QueueModel {
  const agents = new Map<string, AgentState>();
  const queues = new Map<string, QueueState>();
  const calls = new Map<string, CallState>();
  const devices = new Map<string, string>(Object.entries(config.deviceStates ?? {}));
  const random: SimRandom = seededRandom(config.seed ?? 153);
  const sampleTalk = talkTimeSampler(config.talkTime ?? { distribution: 'fixed', ms: config.talkTimeMs }, random);
  let channelCounter = config.firstChannelCounter ?? 0;
  let localSequence = config.firstLocalSequence ?? 0;
  let pjsipSequence = config.firstPjsipSequence ?? 0;
  let originateCounter = 0;
  let nextCaller = 0;
  let memberSeq = 0;
  let loadTimers: SimTimer[] = [];
  const startedAt = epochSeconds(scheduler.now());

  function agentFor(member: SimAgent): AgentState {
    let agent = agents.get(member.interface);
    if (agent === undefined) {
      agent = { ...member, ...parseInterface(member.interface), answerAfterMs: member.answerAfterMs, status: 1, memberships: [] };
      agents.set(member.interface, agent);
    }
    return agent;
  }

  /** The member container's iteration order: hash bucket, then insertion. */
  function memberOrder(queue: QueueState): void {
    queue.members.sort((a, b) => memberBucket(a.agent.interface) - memberBucket(b.agent.interface) || a.seq - b.seq);
  }

  for (const queueConfig of config.queues) {
    const initial = queueConfig.initial ?? {};
    const queue: QueueState = {
      config: queueConfig,
      members: [],
      callers: [],
      rrpos: initial.rrpos ?? 0,
      wrapped: false,
      completed: initial.completed ?? 0,
      completedInSl: initial.completedInSl ?? initial.completed ?? 0,
      abandoned: initial.abandoned ?? 0,
      abandonedInSl: initial.abandonedInSl ?? initial.abandoned ?? 0,
      holdtime: initial.holdtime ?? 0,
      talktime: initial.talktime ?? 0,
    };
    queues.set(queueConfig.name, queue);
    for (const member of queueConfig.members) {
      const agent = agentFor(member);
      const m: Membership = {
        queue,
        agent,
        membership: member.membership,
        penalty: member.penalty,
        loginTime: member.loginTime ?? startedAt,
        callsTaken: member.callsTaken ?? 0,
        lastCall: member.lastCall ?? 0,
        lastPause: member.lastPause ?? 0,
        paused: member.paused ?? false,
        pausedReason: member.paused ? (member.pausedReason ?? '') : '',
        seq: memberSeq++,
      };
      agent.memberships.push(m);
      queue.members.push(m);
      if (!devices.has(pauseDevice(m))) devices.set(pauseDevice(m), m.paused ? 'INUSE' : 'NOT_INUSE');
    }
    memberOrder(queue);
    if (!devices.has(`Queue:${queueConfig.name}_avail`)) devices.set(`Queue:${queueConfig.name}_avail`, availableCount(queue) > 0 ? 'NOT_INUSE' : 'INUSE');
  }
  if (!queues.has(config.callQueue)) throw new Error(`simulated call queue ${config.callQueue} is not configured`);

  function pauseDevice(m: Membership): string {
    return `Queue:${m.queue.config.name}_pause_${m.agent.interface}`;
  }

  /** A DeviceStateChange, only when the state differs from what Asterisk has cached. */
  function deviceChange(device: string, state: string): DeviceChange[] {
    if (devices.get(device) === state) return [];
    devices.set(device, state);
    return [{ device, state }];
  }

  const newChannelIds = (at: number): [string, string] => [uniqueId(at, channelCounter++), uniqueId(at, channelCounter++)];

  function memberView(m: Membership): MemberView {
    return {
      queue: m.queue.config.name,
      memberName: m.agent.name,
      interface: m.agent.interface,
      stateInterface: m.agent.stateInterface,
      membership: m.membership,
      penalty: m.penalty,
      callsTaken: m.callsTaken,
      lastCall: m.lastCall,
      lastPause: m.lastPause,
      loginTime: m.loginTime,
      status: m.agent.status,
      paused: m.paused,
      pausedReason: m.pausedReason,
    };
  }

  const memberViews = (agent: AgentState) => agent.memberships.map(memberView);

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
      serviceLevelPerf: percent(queue.completedInSl, queue.completed),
      serviceLevelPerf2: percent(queue.completedInSl + queue.abandonedInSl, queue.completed + queue.abandoned),
    };
  }

  function wrapUpSec(m: Membership): number {
    return m.queue.config.wrapUpSec ?? 0;
  }

  /** is_member_available: idle device (ringinuse=no), not paused, not in wrap-up. */
  function isAvailable(m: Membership): boolean {
    if (m.agent.status !== 1 || m.paused) return false;
    const wrap = wrapUpSec(m);
    return !(m.lastCall > 0 && wrap > 0 && epochSeconds(scheduler.now()) - wrap < m.lastCall);
  }

  function availableCount(queue: QueueState): number {
    let count = 0;
    for (const m of queue.members) if (isAvailable(m)) count++;
    return count;
  }

  /** Runs a change of members' availability and reports the queues whose `_avail` device flips. */
  function tracked(affected: Iterable<QueueState>, change: () => void): AvailChange[] {
    const list = [...new Set(affected)];
    change();
    const changes: AvailChange[] = [];
    for (const queue of list) {
      const state = availableCount(queue) > 0 ? 'NOT_INUSE' : 'INUSE';
      if (deviceChange(`Queue:${queue.config.name}_avail`, state).length > 0) changes.push({ queue: queue.config.name, state });
    }
    return changes;
  }

  const queuesOf = (agent: AgentState) => agent.memberships.map((m) => m.queue);

  function setStatus(agent: AgentState, status: AgentState['status']): AvailChange[] {
    return tracked(queuesOf(agent), () => {
      agent.status = status;
    });
  }

  // -- the caller's life in the queue (queue_exec) --

  function schedule(call: CallState, ms: number, next: () => void): void {
    if (call.timer !== null) scheduler.clearTimeout(call.timer);
    call.timer = scheduler.setTimeout(() => {
      call.timer = null;
      next();
    }, ms);
  }

  function expired(call: CallState): boolean {
    return call.expireAt !== null && scheduler.now() >= call.expireAt;
  }

  /** is_our_turn with autofill=yes. */
  function isOurTurn(call: CallState): boolean {
    const queue = call.queue;
    let avl = availableCount(queue);
    if (queue.config.strategy === 'ringall') avl = Math.min(avl, 1);
    let idx = 0;
    for (const ahead of queue.callers) {
      if (ahead === call) return idx < avl;
      if (idx >= avl) return false;
      if (!ahead.pending) idx++;
    }
    return false;
  }

  /** wait_our_turn and the head loop's top: try when it is our turn, else look again in a second. */
  function checkTurn(call: CallState): void {
    if (call.phase === 'done') return;
    call.phase = 'waiting';
    if (isOurTurn(call)) {
      if (expired(call)) timeOut(call);
      else tryCalling(call);
      return;
    }
    if (expired(call)) {
      timeOut(call);
      return;
    }
    schedule(call, RECHECK_MS, () => checkTurn(call));
  }

  function metricOf(queue: QueueState, m: Membership, pos: number): number {
    const penalty = m.penalty * 1_000_000;
    if (queue.config.strategy !== 'rrmemory') return penalty; // ringall: everyone equal but for penalty
    if (pos < queue.rrpos) return 1000 + pos + penalty;
    if (pos > queue.rrpos) queue.wrapped = true;
    return pos + penalty;
  }

  function findBest(outgoing: Attempt[]): Attempt | null {
    let best: Attempt | null = null;
    for (const a of outgoing) if (a.stillgoing && a.leg === null && (best === null || a.metric < best.metric)) best = a;
    return best;
  }

  /** store_next_rr. */
  function storeNext(call: CallState): void {
    const queue = call.queue;
    if (queue.config.strategy !== 'rrmemory') return;
    const best = findBest(call.outgoing);
    if (best !== null) queue.rrpos = best.metric % 1000;
    else queue.rrpos = queue.wrapped ? 0 : queue.rrpos + 1;
    queue.wrapped = false;
  }

  function answerDelay(agent: AgentState): number | null {
    return agent.answerAfterMs !== undefined ? agent.answerAfterMs : config.autoAnswerMs;
  }

  function tryCalling(call: CallState): void {
    const queue = call.queue;
    call.outgoing = queue.members.map((member, pos) => ({ member, metric: metricOf(queue, member, pos), stillgoing: true, leg: null, answerTimer: null }));
    call.pending = true;
    // ring_one: ring the best (for ringall, everyone sharing the best metric) that can ring.
    let rang = false;
    while (!rang) {
      const best = findBest(call.outgoing);
      if (best === null) break;
      const tier = queue.config.strategy === 'ringall' ? call.outgoing.filter((a) => a.stillgoing && a.leg === null && a.metric <= best.metric) : [best];
      for (const attempt of tier) {
        if (isAvailable(attempt.member)) {
          offer(call, attempt);
          rang = true;
        } else {
          attempt.stillgoing = false;
        }
      }
    }
    if (!rang) {
      // Everyone busy: wait_for_answer returns at once; then retry.
      call.pending = false;
      storeNext(call);
      if (expired(call)) timeOut(call);
      else retryLater(call);
      return;
    }
    call.phase = 'ringing';
    const ringMs = Math.min(queue.config.ringTimeoutMs ?? config.ringTimeoutMs, call.expireAt === null ? Infinity : Math.max(0, call.expireAt - scheduler.now()));
    // The first headset to answer before the ring ends wins (ties: the first rung).
    let first: Attempt | null = null;
    let firstDelay = Infinity;
    for (const attempt of call.outgoing) {
      const delay = attempt.leg === null ? null : answerDelay(attempt.member.agent);
      if (delay !== null && delay < ringMs && delay < firstDelay) {
        first = attempt;
        firstDelay = delay;
      }
    }
    if (first !== null) schedule(call, firstDelay, () => answer(call, first));
    else schedule(call, ringMs, () => ringNoAnswer(call));
  }

  function retryLater(call: CallState): void {
    call.phase = 'retry-wait';
    schedule(call, call.queue.config.retryMs ?? config.retryMs, () => checkTurn(call));
  }

  function newLeg(agent: AgentState, at: number): LegView {
    if (agent.kind === 'pjsip') {
      const id = uniqueId(at, channelCounter++);
      return {
        kind: 'pjsip',
        interface: agent.interface,
        memberName: agent.name,
        stateInterface: agent.stateInterface,
        exten: agent.exten,
        context: agent.context,
        channel: `${agent.interface}-${hex8(pjsipSequence++)}`,
        uniqueids: [id, id],
        offeredAt: at,
      };
    }
    return {
      kind: 'local',
      interface: agent.interface,
      memberName: agent.name,
      stateInterface: agent.stateInterface,
      exten: agent.exten,
      context: agent.context,
      channel: `Local/${agent.exten}@${agent.context}-${hex8(localSequence++)}`,
      uniqueids: newChannelIds(at),
      offeredAt: at,
    };
  }

  function offer(call: CallState, attempt: Attempt): void {
    const at = scheduler.now();
    const agent = attempt.member.agent;
    const leg = newLeg(agent, at);
    attempt.leg = leg;
    const availChanges = setStatus(agent, 6);
    emit({ kind: 'agentOffered', at, call: call.view, leg, members: memberViews(agent), availChanges });
  }

  /** Hangs up the ringing legs other than `keep` (answered elsewhere, or the caller left). */
  function cancelRinging(call: CallState, keep: Attempt | null): void {
    const at = scheduler.now();
    for (const attempt of call.outgoing) {
      if (attempt === keep || attempt.leg === null || !attempt.stillgoing) continue;
      attempt.stillgoing = false;
      const availChanges = setStatus(attempt.member.agent, 1);
      emit({ kind: 'ringCancelled', at, call: call.view, leg: attempt.leg, members: memberViews(attempt.member.agent), availChanges });
    }
  }

  function answer(call: CallState, winner: Attempt): void {
    const at = scheduler.now();
    const queue = call.queue;
    cancelRinging(call, winner);
    const leg = winner.leg!;
    const agent = winner.member.agent;
    call.pending = false;
    storeNext(call);
    setStatus(agent, 2);
    const m = winner.member;
    call.holdSeconds = epochSeconds(at) - epochSeconds(call.joinedAt);
    queue.holdtime = rollingAverage(queue.holdtime, call.holdSeconds);
    // QUEUE* variables at connect still count this caller, who leaves just after.
    const vars = queueVars(queue);
    const position = queue.callers.indexOf(call) + 1;
    queue.callers.splice(position - 1, 1);
    call.phase = 'talking';
    call.answered = winner;
    call.answeredAt = at;
    call.bridgeId = randomUUID();
    clearPatience(call);
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
      // AgentConnect's RingTime is the ring's milliseconds / 1000, truncated (not a time() difference).
      ringSeconds: Math.floor((at - leg.offeredAt) / 1000),
      originalPosition: call.originalPosition,
      position,
      countAfter: queue.callers.length,
      queueBecameIdle: queue.callers.length === 0,
      queueVars: vars,
      bridgeId: call.bridgeId,
    });
    schedule(call, call.talkTimeMs, () => endTalk(call));
  }

  function endTalk(call: CallState, endedBy: 'caller' | 'agent' = 'caller', callerGone = false): void {
    const at = scheduler.now();
    const winner = call.answered!;
    const agent = winner.member.agent;
    const queue = call.queue;
    queue.completed++;
    if (call.holdSeconds <= queue.config.serviceLevel) queue.completedInSl++;
    const talkSeconds = epochSeconds(at) - epochSeconds(call.answeredAt);
    queue.talktime = rollingAverage(queue.talktime, talkSeconds);
    // shared_lastcall (Asterisk's default): the call counts in every queue the member is in.
    for (const m of agent.memberships) {
      m.callsTaken++;
      m.lastCall = epochSeconds(at);
    }
    const availChanges = setStatus(agent, 1);
    call.phase = 'done';
    calls.delete(call.view.linkedid);
    emit({
      kind: 'callerHungUp',
      at,
      call: call.view,
      leg: winner.leg!,
      answeredAt: call.answeredAt,
      holdSeconds: call.holdSeconds,
      talkSeconds,
      queueVars: queueVars(queue),
      members: memberViews(agent),
      availChanges,
      bridgeId: call.bridgeId,
      endedBy,
      ...(callerGone ? { callerGone } : {}),
    });
    scheduleWrapUpEnd(agent);
  }

  /** A member leaving wrap-up becomes available without an event of its own but `_avail`. */
  function scheduleWrapUpEnd(agent: AgentState): void {
    const longest = Math.max(0, ...agent.memberships.map(wrapUpSec));
    if (longest === 0) return;
    const timer = scheduler.setTimeout(() => {
      loadTimers = loadTimers.filter((t) => t !== timer);
      tracked(queuesOf(agent), () => undefined);
    }, longest * 1000 + 1);
    loadTimers.push(timer);
  }

  function ringNoAnswer(call: CallState): void {
    const at = scheduler.now();
    for (const attempt of call.outgoing) {
      if (attempt.leg === null || !attempt.stillgoing) continue;
      const agent = attempt.member.agent;
      const availChanges = setStatus(agent, 1);
      emit({ kind: 'ringNoAnswer', at, call: call.view, leg: attempt.leg, ringMs: at - attempt.leg.offeredAt, members: memberViews(agent), availChanges });
    }
    call.pending = false;
    storeNext(call);
    if (expired(call)) timeOut(call);
    else retryLater(call);
  }

  function leftQueue(call: CallState, timedOut: boolean): void {
    const at = scheduler.now();
    const queue = call.queue;
    if (call.timer !== null) scheduler.clearTimeout(call.timer);
    call.timer = null;
    clearPatience(call);
    cancelRinging(call, null);
    const holdSeconds = epochSeconds(at) - epochSeconds(call.joinedAt);
    const varsBefore = queueVars(queue);
    queue.abandoned++;
    if (holdSeconds <= queue.config.serviceLevel) queue.abandonedInSl++;
    const varsAfter = queueVars(queue);
    const position = queue.callers.indexOf(call) + 1;
    queue.callers.splice(position - 1, 1);
    call.phase = 'done';
    call.pending = false;
    calls.delete(call.view.linkedid);
    const left = {
      at,
      call: call.view,
      position,
      originalPosition: call.originalPosition,
      holdSeconds,
      countAfter: queue.callers.length,
      queueBecameIdle: queue.callers.length === 0,
      varsBefore,
      varsAfter,
    };
    emit(timedOut ? { kind: 'callerTimedOut', ...left } : { kind: 'callerAbandoned', ...left });
  }

  function timeOut(call: CallState): void {
    leftQueue(call, true);
  }

  function clearPatience(call: CallState): void {
    if (call.patienceTimer !== null) scheduler.clearTimeout(call.patienceTimer);
    call.patienceTimer = null;
  }

  function placeCall(caller?: SimCaller, options: PlaceCallOptions = {}): string {
    const chosen = caller ?? config.callers[nextCaller++ % Math.max(1, config.callers.length)];
    if (chosen === undefined) throw new Error('the simulator has no callers configured');
    const queue = queues.get(options.queue ?? config.callQueue);
    if (queue === undefined) throw new Error(`simulated queue ${options.queue} is not configured`);
    const at = scheduler.now();
    const uniqueids = newChannelIds(at);
    const view: CallView = {
      linkedid: uniqueids[0],
      number: chosen.number,
      name: chosen.name,
      queue: queue.config.name,
      channel: `Local/${chosen.number}@sim-caller-${hex8(localSequence++)}`,
      uniqueids,
      placedAt: at,
    };
    emit({ kind: 'callPlaced', at, call: view, originateActionId: `sim-originate-${++originateCounter}` });
    const maxWaitMs = options.maxWaitMs !== undefined ? options.maxWaitMs : null;
    const call: CallState = {
      view,
      queue,
      joinedAt: at,
      originalPosition: queue.callers.length + 1,
      expireAt: maxWaitMs === null ? null : at + maxWaitMs,
      talkTimeMs: options.talkTimeMs ?? config.talkTimeMs,
      phase: 'waiting',
      pending: false,
      outgoing: [],
      answered: null,
      timer: null,
      patienceTimer: null,
      answeredAt: 0,
      holdSeconds: 0,
      bridgeId: '',
    };
    calls.set(view.linkedid, call);
    queue.callers.push(call);
    const count = queue.callers.length;
    emit({ kind: 'callerJoined', at, call: view, position: count, count, queueBecameBusy: count === 1 });
    const patience = options.patienceMs ?? null;
    if (patience !== null) call.patienceTimer = scheduler.setTimeout(() => hangUpCaller(view.linkedid), patience);
    checkTurn(call);
    return view.linkedid;
  }

  function hangUpCaller(linkedid: string): boolean {
    const call = calls.get(linkedid);
    if (call === undefined || call.phase === 'done') return false;
    if (call.phase === 'talking') {
      endTalk(call);
      return true;
    }
    leftQueue(call, false);
    return true;
  }

  function hangUpChannel(channel: string): boolean {
    for (const call of calls.values()) {
      if (channel === `${call.view.channel};1` || channel === `${call.view.channel};2`) return hangUpCaller(call.view.linkedid);
      const leg = call.answered?.leg;
      if (call.phase === 'talking' && leg !== undefined && leg !== null && (channel === leg.channel || channel.startsWith(`${leg.channel};`))) {
        endTalk(call, 'agent');
        return true;
      }
    }
    return false;
  }

  function hangUpAgent(linkedid: string, options: { callerGone?: boolean } = {}): boolean {
    const call = calls.get(linkedid);
    if (call === undefined || call.phase !== 'talking') return false;
    endTalk(call, 'agent', options.callerGone === true);
    return true;
  }

  function pauseMember(iface: string, paused: boolean, options: { queue?: string; reason?: string } = {}): PauseOutcome {
    const agent = agents.get(iface);
    const targets = (agent?.memberships ?? []).filter((m) => options.queue === undefined || m.queue.config.name === options.queue);
    if (targets.length === 0) return 'not-found';
    const at = scheduler.now();
    const reason = options.reason ?? '';
    // Queues in the order app_queue iterates them, one QueueMemberPause per queue.
    const ordered = [...queues.values()].flatMap((queue) => targets.filter((m) => m.queue === queue));
    for (const m of ordered) {
      const devicesBefore: DeviceChange[] = [];
      const avail = tracked([m.queue], () => {
        if (paused) m.lastPause = epochSeconds(at);
        m.paused = paused;
        // Asterisk keeps a pause reason while paused; an unpause event shows its own reason, then it is gone.
        m.pausedReason = paused ? reason : '';
        devicesBefore.push(...deviceChange(pauseDevice(m), paused ? 'INUSE' : 'NOT_INUSE'));
      });
      devicesBefore.push(...avail.map((a) => ({ device: `Queue:${a.queue}_avail`, state: a.state })));
      emit({ kind: 'memberPaused', at, member: memberView(m), eventReason: reason, devicesBefore, devicesAfter: [] });
    }
    return 'ok';
  }

  function addMember(queueName: string, member: SimAgent & { penalty?: number; paused?: boolean; reason?: string }): AddOutcome {
    const queue = queues.get(queueName);
    if (queue === undefined) return 'no-queue';
    if (queue.members.some((m) => m.agent.interface === member.interface)) return 'exists';
    const at = scheduler.now();
    const agent = agentFor(member);
    const m: Membership = {
      queue,
      agent,
      membership: 'dynamic',
      penalty: member.penalty ?? 0,
      loginTime: epochSeconds(at),
      callsTaken: 0,
      lastCall: 0,
      lastPause: 0,
      paused: member.paused ?? false,
      pausedReason: member.paused ? (member.reason ?? '') : '',
      seq: memberSeq++,
    };
    const devicesBefore = deviceChange(pauseDevice(m), m.paused ? 'INUSE' : 'NOT_INUSE');
    const avail = tracked([queue], () => {
      agent.memberships.push(m);
      queue.members.push(m);
      memberOrder(queue);
    });
    emit({ kind: 'memberAdded', at, member: memberView(m), devicesBefore, devicesAfter: avail.map((a) => ({ device: `Queue:${a.queue}_avail`, state: a.state })) });
    return 'ok';
  }

  function removeMember(queueName: string, iface: string): RemoveOutcome {
    const queue = queues.get(queueName);
    if (queue === undefined) return 'no-queue';
    const m = queue.members.find((x) => x.agent.interface === iface);
    if (m === undefined) return 'not-there';
    if (m.membership !== 'dynamic') return 'not-dynamic';
    const view = memberView(m);
    const avail = tracked([queue], () => {
      queue.members = queue.members.filter((x) => x !== m);
      m.agent.memberships.splice(m.agent.memberships.indexOf(m), 1);
    });
    if (m.agent.memberships.length === 0) agents.delete(iface);
    emit({ kind: 'memberRemoved', at: scheduler.now(), member: view, devicesBefore: [], devicesAfter: avail.map((a) => ({ device: `Queue:${a.queue}_avail`, state: a.state })) });
    return 'ok';
  }

  function reloadMembers(queueName: string, list: readonly SimAgent[]): 'ok' | 'no-queue' {
    const queue = queues.get(queueName);
    if (queue === undefined) return 'no-queue';
    const at = scheduler.now();
    const wanted = new Set(list.map((a) => a.interface));
    const devices: DeviceChange[] = [];
    const avail = tracked([queue], () => {
      for (const m of queue.members.filter((x) => !wanted.has(x.agent.interface))) {
        queue.members = queue.members.filter((x) => x !== m);
        m.agent.memberships.splice(m.agent.memberships.indexOf(m), 1);
        if (m.agent.memberships.length === 0) agents.delete(m.agent.interface);
      }
      for (const member of list) {
        if (queue.members.some((m) => m.agent.interface === member.interface)) continue;
        const agent = agentFor(member);
        const m: Membership = {
          queue,
          agent,
          membership: 'static',
          penalty: 0,
          loginTime: epochSeconds(at),
          callsTaken: 0,
          lastCall: 0,
          lastPause: 0,
          paused: false,
          pausedReason: '',
          seq: memberSeq++,
        };
        agent.memberships.push(m);
        queue.members.push(m);
        // Asterisk caches device states: a member coming back finds its pause device as it was.
        devices.push(...deviceChange(pauseDevice(m), 'NOT_INUSE'));
      }
      memberOrder(queue);
      // Every member's LoginTime starts again (o-queue-reload-members).
      for (const m of queue.members) m.loginTime = epochSeconds(at);
    });
    emit({ kind: 'membersReloaded', at, devices: [...devices, ...avail.map((a) => ({ device: `Queue:${a.queue}_avail`, state: a.state }))] });
    return 'ok';
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
          members: queue.members.map(memberView),
          entries,
          longestHoldSeconds: entries.reduce((longest, entry) => Math.max(longest, entry.waitSeconds), 0),
        };
      });
  }

  function channels(): ChannelView[] {
    const list: ChannelView[] = [];
    for (const call of calls.values()) {
      const base = { call: call.view, createdAt: call.view.placedAt, bridgeId: call.phase === 'talking' ? call.bridgeId : '' };
      list.push({ ...base, role: 'phone', leg: null, state: 'up', application: 'Wait', applicationData: '3600' });
      list.push({ ...base, role: 'queue', leg: null, state: 'up', application: 'Queue', applicationData: `${call.queue.config.name},,,,` });
      for (const attempt of call.outgoing) {
        if (attempt.leg === null || !attempt.stillgoing) continue;
        if (call.phase === 'talking' && attempt !== call.answered) continue;
        const up = attempt === call.answered;
        const legBase = { call: call.view, leg: attempt.leg, createdAt: attempt.leg.offeredAt, bridgeId: up ? call.bridgeId : '', state: up ? ('up' as const) : ('ringing' as const) };
        list.push({ ...legBase, role: 'agent-out', application: 'AppQueue', applicationData: '(Outgoing Line)' });
        if (attempt.leg.kind === 'local') list.push({ ...legBase, role: 'agent-in', application: 'Wait', applicationData: up ? '86400' : '3600' });
      }
    }
    return list;
  }

  // -- load --

  function autoCall(): void {
    const timer = scheduler.setTimeout(() => {
      loadTimers = loadTimers.filter((t) => t !== timer);
      autoCall();
      if (config.callers.length > 0) placeAutomaticCall();
    }, config.callIntervalMs);
    loadTimers.push(timer);
  }

  function poissonArrival(): void {
    const rate = config.arrivalsPerSecond ?? 0;
    const gapMs = random.exponential(1000 / rate);
    const timer = scheduler.setTimeout(() => {
      loadTimers = loadTimers.filter((t) => t !== timer);
      poissonArrival();
      if (config.callers.length > 0) placeAutomaticCall();
    }, gapMs);
    loadTimers.push(timer);
  }

  function placeAutomaticCall(): void {
    placeCall(undefined, {
      maxWaitMs: config.maxWaitMs ?? null,
      patienceMs: config.patienceMeanMs == null ? null : random.exponential(config.patienceMeanMs),
      talkTimeMs: sampleTalk(),
    });
  }

  function startLoad(): void {
    if (config.callIntervalMs > 0) autoCall();
    if ((config.arrivalsPerSecond ?? 0) > 0) poissonArrival();
  }

  function stopLoad(): void {
    for (const timer of loadTimers) scheduler.clearTimeout(timer);
    loadTimers = [];
  }

  function stop(): void {
    stopLoad();
    for (const call of calls.values()) {
      if (call.timer !== null) scheduler.clearTimeout(call.timer);
      clearPatience(call);
    }
    calls.clear();
  }

  startLoad();

  return {
    placeCall,
    hangUpCaller,
    hangUpAgent,
    hangUpChannel,
    allocateLocal: (exten, context) => `Local/${exten}@${context}-${hex8(localSequence++)}`,
    allocateIds: newChannelIds,
    pauseMember,
    addMember,
    removeMember,
    reloadMembers,
    reload: (module = 'All') => emit({ kind: 'reloaded', at: scheduler.now(), module }),
    status,
    channels,
    stopLoad,
    stop,
    restart() {
      stop();
      for (const queue of queues.values()) {
        queue.callers.length = 0;
        Object.assign(queue, { rrpos: 0, wrapped: false, completed: 0, completedInSl: 0, abandoned: 0, abandonedInSl: 0, holdtime: 0, talktime: 0 });
        for (const m of queue.members) {
          // Static members come back from queues.conf, dynamic ones from astdb with their pause.
          m.callsTaken = 0;
          m.lastCall = 0;
          m.lastPause = 0;
          m.loginTime = epochSeconds(scheduler.now());
          if (m.membership === 'static') {
            m.paused = false;
            m.pausedReason = '';
          }
          devices.set(pauseDevice(m), m.paused ? 'INUSE' : 'NOT_INUSE');
        }
      }
      for (const agent of agents.values()) agent.status = 1;
      for (const queue of queues.values()) devices.set(`Queue:${queue.config.name}_avail`, availableCount(queue) > 0 ? 'NOT_INUSE' : 'INUSE');
      startLoad();
    },
  };
}
