import type { CallView, LegView, MemberView, QueueStatusView, QueueVarsView } from './queueFacts.js';
import type { CallState, Membership, QueueState } from './queueModelState.js';
import { epochSeconds } from './simTime.js';

// What QueueStatus, CoreShowChannels and the facts read of the model: copies, so that a frame
// built later does not see a member or a queue changed since.

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

function percent(part: number, whole: number): string {
  return whole === 0 ? '0.0' : ((part * 100) / whole).toFixed(1);
}

export function memberView(m: Membership): MemberView {
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

export function queueVars(queue: QueueState): QueueVarsView {
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

export function queueStatus(queues: Iterable<QueueState>, now: number, queueName?: string): QueueStatusView[] {
  return [...queues]
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

export function channelViews(calls: Iterable<CallState>): ChannelView[] {
  const list: ChannelView[] = [];
  for (const call of calls) {
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
