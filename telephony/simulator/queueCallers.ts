import { randomUUID } from 'node:crypto';
import type { CallFact, CallView } from './queueFacts.js';
import type { ChannelNames } from './channelNames.js';
import type { QueueMembers } from './queueMembers.js';
import type { AgentState, Attempt, CallState } from './queueModelState.js';
import type { ChannelView } from './queueModelViews.js';
import { channelViews, queueVars } from './queueModelViews.js';
import type { Ringing } from './queueRinging.js';
import { metricOf, storeNext } from './queueRinging.js';
import type { SimScheduler } from './simScheduler.js';
import { epochSeconds } from './simTime.js';
import type { PlaceCallOptions, QueueModelConfig, SimCaller } from './simTypes.js';

// The caller's life in the queue (queue_exec): joining, waiting for its turn, the rings of
// try_calling, the talk, and leaving by answer, abandon or timeout.

export interface QueueCallers {
  placeCall(caller?: SimCaller, options?: PlaceCallOptions): string;
  hangUpCaller(linkedid: string): boolean;
  hangUpAgent(linkedid: string, options?: { callerGone?: boolean }): boolean;
  hangUpChannel(channel: string): boolean;
  channels(): ChannelView[];
  stop(): void;
}

export interface QueueCallersDeps {
  readonly config: QueueModelConfig;
  readonly scheduler: SimScheduler;
  readonly emit: (fact: CallFact) => void;
  readonly members: QueueMembers;
  readonly ringing: Ringing;
  readonly names: ChannelNames;
  /** A timer that stops with the load (stopLoad), not with a call. */
  readonly loadTimer: (ms: number, fire: () => void) => void;
}

/** app_queue's RECHECK: a caller whose turn it is not looks again after a second. */
const RECHECK_MS = 1_000;

/** Asterisk ≥ 16 averages hold and talk time as (3·old + new) / 4, seeded by the first value. */
function rollingAverage(old: number, value: number): number {
  return old === 0 ? value : (3 * old + value) >> 2;
}

export function createQueueCallers({ config, scheduler, emit, members, ringing, names, loadTimer }: QueueCallersDeps): QueueCallers {
  const calls = new Map<string, CallState>();
  const { availableCount, tracked, queuesOf, setStatus, memberViews, wrapUpSec } = members;
  const { ringOne, firstToAnswer, endUnanswered, cancelRinging } = ringing;
  let nextCaller = 0;
  let originateCounter = 0;

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

  function tryCalling(call: CallState): void {
    const queue = call.queue;
    call.outgoing = queue.members.map((member, pos) => ({ member, metric: metricOf(queue, member, pos), stillgoing: true, leg: null, answerTimer: null }));
    call.pending = true;
    if (!ringOne(call)) {
      // Everyone busy: wait_for_answer returns at once; then retry.
      call.pending = false;
      storeNext(call);
      if (expired(call)) timeOut(call);
      else retryLater(call);
      return;
    }
    call.phase = 'ringing';
    const ringMs = Math.min(queue.config.ringTimeoutMs ?? config.ringTimeoutMs, call.expireAt === null ? Infinity : Math.max(0, call.expireAt - scheduler.now()));
    const first = firstToAnswer(call, ringMs);
    if (first !== null) schedule(call, first.delay, () => answer(call, first.attempt));
    else schedule(call, ringMs, () => ringNoAnswer(call));
  }

  function retryLater(call: CallState): void {
    call.phase = 'retry-wait';
    schedule(call, call.queue.config.retryMs ?? config.retryMs, () => checkTurn(call));
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
    loadTimer(longest * 1000 + 1, () => tracked(queuesOf(agent), () => undefined));
  }

  function ringNoAnswer(call: CallState): void {
    endUnanswered(call);
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
    const queue = members.queues.get(options.queue ?? config.callQueue);
    if (queue === undefined) throw new Error(`simulated queue ${options.queue} is not configured`);
    const at = scheduler.now();
    const uniqueids = names.ids(at);
    const view: CallView = {
      linkedid: uniqueids[0],
      number: chosen.number,
      name: chosen.name,
      queue: queue.config.name,
      channel: names.local(chosen.number, 'sim-caller'),
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

  function stop(): void {
    for (const call of calls.values()) {
      if (call.timer !== null) scheduler.clearTimeout(call.timer);
      clearPatience(call);
    }
    calls.clear();
  }

  return { placeCall, hangUpCaller, hangUpAgent, hangUpChannel, channels: () => channelViews(calls.values()), stop };
}
