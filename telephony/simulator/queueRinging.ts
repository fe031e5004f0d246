import type { CallFact, LegView } from './queueFacts.js';
import type { ChannelNames } from './channelNames.js';
import type { QueueMembers } from './queueMembers.js';
import type { AgentState, Attempt, CallState, Membership, QueueState } from './queueModelState.js';
import type { SimScheduler } from './simScheduler.js';
import type { QueueModelConfig } from './simTypes.js';

// try_calling's choice of whom to ring (the strategy's metric, store_next_rr) and the agent legs
// a ring creates and tears down; when to ring and for how long is the caller's (queueCallers.ts).

export function metricOf(queue: QueueState, m: Membership, pos: number): number {
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
export function storeNext(call: CallState): void {
  const queue = call.queue;
  if (queue.config.strategy !== 'rrmemory') return;
  const best = findBest(call.outgoing);
  if (best !== null) queue.rrpos = best.metric % 1000;
  else queue.rrpos = queue.wrapped ? 0 : queue.rrpos + 1;
  queue.wrapped = false;
}

export interface Ringing {
  ringOne(call: CallState): boolean;
  firstToAnswer(call: CallState, ringMs: number): { attempt: Attempt; delay: number } | null;
  endUnanswered(call: CallState): void;
  cancelRinging(call: CallState, keep: Attempt | null): void;
}

export function createRinging(
  config: QueueModelConfig,
  scheduler: SimScheduler,
  emit: (fact: CallFact) => void,
  members: QueueMembers,
  names: ChannelNames,
): Ringing {
  const { isAvailable, setStatus, memberViews } = members;

  function answerDelay(agent: AgentState): number | null {
    return agent.answerAfterMs !== undefined ? agent.answerAfterMs : config.autoAnswerMs;
  }

  function newLeg(agent: AgentState, at: number): LegView {
    if (agent.kind === 'pjsip') {
      const id = names.id(at);
      return {
        kind: 'pjsip',
        interface: agent.interface,
        memberName: agent.name,
        stateInterface: agent.stateInterface,
        exten: agent.exten,
        context: agent.context,
        channel: names.pjsip(agent.interface),
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
      channel: names.local(agent.exten, agent.context),
      uniqueids: names.ids(at),
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

  /** ring_one: ring the best (for ringall, everyone sharing the best metric) that can ring. */
  function ringOne(call: CallState): boolean {
    const queue = call.queue;
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
    return rang;
  }

  /** The first headset to answer before the ring ends wins (ties: the first rung). */
  function firstToAnswer(call: CallState, ringMs: number): { attempt: Attempt; delay: number } | null {
    let first: Attempt | null = null;
    let firstDelay = Infinity;
    for (const attempt of call.outgoing) {
      const delay = attempt.leg === null ? null : answerDelay(attempt.member.agent);
      if (delay !== null && delay < ringMs && delay < firstDelay) {
        first = attempt;
        firstDelay = delay;
      }
    }
    return first === null ? null : { attempt: first, delay: firstDelay };
  }

  function endUnanswered(call: CallState): void {
    const at = scheduler.now();
    for (const attempt of call.outgoing) {
      if (attempt.leg === null || !attempt.stillgoing) continue;
      const agent = attempt.member.agent;
      const availChanges = setStatus(agent, 1);
      emit({ kind: 'ringNoAnswer', at, call: call.view, leg: attempt.leg, ringMs: at - attempt.leg.offeredAt, members: memberViews(agent), availChanges });
    }
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

  return { ringOne, firstToAnswer, endUnanswered, cancelRinging };
}
