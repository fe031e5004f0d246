import type { CallFact, QueueStatusView } from './queueFacts.js';
import { createChannelNames } from './channelNames.js';
import { createQueueCallers } from './queueCallers.js';
import type { AddOutcome, PauseOutcome, RemoveOutcome } from './queueMembers.js';
import { createQueueMembers } from './queueMembers.js';
import type { ChannelView } from './queueModelViews.js';
import { queueStatus } from './queueModelViews.js';
import { createRinging } from './queueRinging.js';
import type { SimRandom } from './simRandom.js';
import { seededRandom, talkTimeSampler } from './simRandom.js';
import type { SimScheduler, SimTimer } from './simScheduler.js';
import type { PlaceCallOptions, QueueModelConfig, SimAgent, SimCaller } from './simTypes.js';

export type { AddOutcome, ChannelView, PauseOutcome, QueueModelConfig, RemoveOutcome };
export { memberBucket } from './queueMembers.js';

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
//
// Its parts: queueMembers.ts (members, pauses, device states), queueRinging.ts (whom a try
// rings), queueCallers.ts (the caller's life), queueModelViews.ts (QueueStatus and channels);
// this file wires them together and drives the load.

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

export function createQueueModel(config: QueueModelConfig, scheduler: SimScheduler, emit: (fact: CallFact) => void): QueueModel {
  const random: SimRandom = seededRandom(config.seed ?? 153);
  const sampleTalk = talkTimeSampler(config.talkTime ?? { distribution: 'fixed', ms: config.talkTimeMs }, random);
  const names = createChannelNames(config);
  const members = createQueueMembers(config, scheduler, emit);
  const ringing = createRinging(config, scheduler, emit, members, names);
  let loadTimers: SimTimer[] = [];
  const callers = createQueueCallers({ config, scheduler, emit, members, ringing, names, loadTimer });

  function loadTimer(ms: number, fire: () => void): void {
    const timer = scheduler.setTimeout(() => {
      loadTimers = loadTimers.filter((t) => t !== timer);
      fire();
    }, ms);
    loadTimers.push(timer);
  }

  // -- load --

  function autoCall(): void {
    loadTimer(config.callIntervalMs, () => {
      autoCall();
      if (config.callers.length > 0) placeAutomaticCall();
    });
  }

  function poissonArrival(): void {
    const rate = config.arrivalsPerSecond ?? 0;
    const gapMs = random.exponential(1000 / rate);
    loadTimer(gapMs, () => {
      poissonArrival();
      if (config.callers.length > 0) placeAutomaticCall();
    });
  }

  function placeAutomaticCall(): void {
    callers.placeCall(undefined, {
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
    callers.stop();
  }

  startLoad();

  return {
    placeCall: callers.placeCall,
    hangUpCaller: callers.hangUpCaller,
    hangUpAgent: callers.hangUpAgent,
    hangUpChannel: callers.hangUpChannel,
    allocateLocal: names.local,
    allocateIds: names.ids,
    pauseMember: members.pauseMember,
    addMember: members.addMember,
    removeMember: members.removeMember,
    reloadMembers: members.reloadMembers,
    reload: (module = 'All') => emit({ kind: 'reloaded', at: scheduler.now(), module }),
    status: (queueName) => queueStatus(members.queues.values(), scheduler.now(), queueName),
    channels: callers.channels,
    stopLoad,
    stop,
    restart() {
      stop();
      members.restart();
      startLoad();
    },
  };
}
