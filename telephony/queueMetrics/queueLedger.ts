import type { AmiFrame } from '../ami/amiFrame.js';
import type { CallRecord } from './callTally.js';
import type { QueueEvent } from './queueEvents.js';
import type { QueueMetricsState } from './queueMetricsState.js';
import type { AgentActivity } from './selectors.js';
import { agentActivityOf } from './selectors.js';

// The call-by-call ledger a central collector keeps (server/queueStats): every queue call from
// join to end and every agent's states as intervals, as facts to store. It decides nothing the
// desk's reducer decides: it is stepped with the reducer's state before and after each event, and
// a call's outcome, wait and service level are the CallRecord the reducer made for that event
// (one code path for the desk's tiles and the server's reports). What it adds is what a report
// needs and a tile does not: who the caller was, which agent answered, ring-no-answers, how the
// call ended, and what happened while the collector could not see the PBX.

/** How a queue call ended. `leftEmpty` is a timeout Asterisk took because no member could answer; `unknown`: it ended while the collector could not see the PBX. */
export type QueueCallOutcome = 'answered' | 'abandoned' | 'timedOut' | 'leftEmpty' | 'unknown';

export interface LedgerCall {
  readonly queue: string;
  /** The caller's queue channel: with the queue, the call's key while it is open. */
  readonly uniqueid: string;
  readonly linkedid: string | null;
  readonly callerNumber: string;
  readonly callerName: string;
  /** Epoch ms. */
  readonly enteredAt: number;
  /** Position on joining; 0 when the call was learnt from a resync or an AgentConnect. */
  readonly position: number;
}

/** An agent state the collector records (logged out is the absence of one). */
export type AgentState = Exclude<AgentActivity, 'logged-out'>;

export type LedgerFact =
  | { readonly kind: 'entered'; readonly call: LedgerCall }
  | {
      readonly kind: 'left';
      readonly call: LedgerCall;
      readonly outcome: QueueCallOutcome;
      readonly waitSec: number;
      readonly inServiceLevel: boolean;
      readonly at: number;
    }
  /** The agent who took an answered call (AgentConnect comes just after the caller's leave). */
  | { readonly kind: 'connected'; readonly call: LedgerCall; readonly agent: string; readonly agentName: string; readonly at: number }
  /** An answered call ended: Asterisk's TalkTime, and who ended it (caller, agent, transfer). */
  | { readonly kind: 'completed'; readonly call: LedgerCall; readonly agent: string; readonly talkSec: number; readonly reason: string; readonly at: number }
  /** An answered call whose channels were gone at a resync (the PBX restarted): its end and talk time are unknown. */
  | { readonly kind: 'endedUnseen'; readonly call: LedgerCall; readonly at: number }
  /** A timed-out call turns out to have left because the queue had no one to answer (QUEUESTATUS). */
  | { readonly kind: 'leftEmpty'; readonly call: LedgerCall }
  | { readonly kind: 'ringNoAnswer'; readonly call: LedgerCall | null; readonly queue: string; readonly agent: string; readonly agentName: string; readonly at: number }
  /** One closed interval of an agent's state (one state per agent, as the agents table shows). */
  | {
      readonly kind: 'agentState';
      readonly agent: string;
      readonly agentName: string;
      readonly state: AgentState;
      /** The pause reason while paused; empty otherwise. */
      readonly reason: string;
      readonly from: number;
      readonly to: number;
    }
  /** One closed interval of an agent's membership of a queue (logged in to it). */
  | { readonly kind: 'membership'; readonly agent: string; readonly agentName: string; readonly queue: string; readonly from: number; readonly to: number };

interface OpenCall {
  readonly call: LedgerCall;
  /** Set once the caller left the queue answered: the call stays open until AgentComplete. */
  answeredBy: { agent: string; agentName: string } | null;
  leftAt: number | null;
}

interface AgentOpen {
  name: string;
  state: AgentState;
  reason: string;
  since: number;
  queues: Map<string, number>;
}

/** Answered calls still unfinished after this long are dropped from memory (their AgentComplete was lost). */
const ANSWERED_CALL_LIMIT_MS = 12 * 60 * 60_000;
/** Timed-out calls remembered for their QUEUESTATUS, which follows the leave within milliseconds. */
const RECENT_TIMEOUTS = 256;

const keyOf = (queue: string, uniqueid: string) => `${queue}\u0000${uniqueid}`;

/** The call record the reducer made for this event in this queue, if it made one. */
export function recordMadeBy(before: QueueMetricsState, after: QueueMetricsState, queue: string): CallRecord | null {
  const open = after.queues[queue]?.window.open;
  if (open === undefined || open === null || open === before.queues[queue]?.window.open) return null;
  return open.records.record;
}

/** `VarSet` of QUEUESTATUS (app_queue sets it when Queue() returns): the channel and the value. */
export function queueStatusOf(frame: AmiFrame): { uniqueid: string; status: string } | null {
  let event: string | undefined;
  let variable: string | undefined;
  let value: string | undefined;
  let uniqueid: string | undefined;
  for (const [name, text] of frame.headers) {
    const lower = name.toLowerCase();
    if (lower === 'event') event = text;
    else if (lower === 'variable') variable = text;
    else if (lower === 'value') value = text;
    else if (lower === 'uniqueid') uniqueid = text;
  }
  if (event?.toLowerCase() !== 'varset' || variable !== 'QUEUESTATUS' || uniqueid === undefined || value === undefined) return null;
  return { uniqueid, status: value };
}

export interface QueueLedger {
  /** After the reducer took `event` (null: a frame that is no queue event) from `before` to `after`. */
  step(before: QueueMetricsState, after: QueueMetricsState, event: QueueEvent | null, frame: AmiFrame | null, now: number): LedgerFact[];
  /**
   * After a resync rebuilt the live view: waiting calls that vanished meanwhile end as `unknown`,
   * new ones enter, and answered calls none of whose channels is left (`channelIds`: Uniqueids and
   * Linkedids of CoreShowChannels; null when the PBX refused it) ended unseen.
   */
  resynced(after: QueueMetricsState, now: number, channelIds?: ReadonlySet<string> | null): LedgerFact[];
  /** The link to the PBX is lost: every open agent interval ends now (nothing is known until the resync). */
  linkLost(now: number): LedgerFact[];
  /** Once a second: agent states that change with the clock alone (a wrap-up running out). */
  tick(state: QueueMetricsState, now: number): LedgerFact[];
  /** Every agent's current state, open since `from` (the reports add it to today's closed intervals). */
  openAgentStates(): Array<{ agent: string; agentName: string; state: AgentState; reason: string; from: number }>;
  /** Open calls and agents, for tests and the collector's status. */
  readonly openCalls: number;
  readonly openAgents: number;
}

export function createQueueLedger(): QueueLedger {
  const calls = new Map<string, OpenCall>();
  /** The answered call an agent is on, per queue: AgentComplete may come without the caller's headers (n-agent-hangup-short-calls). */
  const callOfAgent = new Map<string, string>();
  let recentTimeouts = new Map<string, LedgerCall>();
  let olderTimeouts = new Map<string, LedgerCall>();
  const agents = new Map<string, AgentOpen>();

  function enter(call: LedgerCall, facts: LedgerFact[]): OpenCall {
    const open: OpenCall = { call, answeredBy: null, leftAt: null };
    calls.set(keyOf(call.queue, call.uniqueid), open);
    facts.push({ kind: 'entered', call });
    return open;
  }

  function rememberTimeout(call: LedgerCall): void {
    if (recentTimeouts.size >= RECENT_TIMEOUTS) {
      olderTimeouts = recentTimeouts;
      recentTimeouts = new Map();
    }
    recentTimeouts.set(call.uniqueid, call);
  }

  function left(open: OpenCall, record: Extract<CallRecord, { inServiceLevel: boolean }>, facts: LedgerFact[]): void {
    open.leftAt = record.at;
    facts.push({ kind: 'left', call: open.call, outcome: record.outcome, waitSec: record.waitSec, inServiceLevel: record.inServiceLevel, at: record.at });
    if (record.outcome !== 'answered') {
      calls.delete(keyOf(open.call.queue, open.call.uniqueid));
      if (record.outcome === 'timedOut') rememberTimeout(open.call);
    }
  }

  /** The call an event names, learnt from the event when the ledger never saw it join. */
  function callFor(
    e: { queue: string; uniqueid: string; linkedid: string; channel: string },
    after: QueueMetricsState,
    enteredAt: number,
    facts: LedgerFact[],
  ): OpenCall {
    const known = calls.get(keyOf(e.queue, e.uniqueid));
    if (known !== undefined) return known;
    const waiting = after.queues[e.queue]?.callers.find((c) => c.uniqueid === e.uniqueid);
    return enter(
      {
        queue: e.queue,
        uniqueid: e.uniqueid,
        linkedid: e.linkedid || null,
        callerNumber: waiting?.callerIdNum ?? '',
        callerName: waiting?.callerIdName ?? '',
        enteredAt: waiting?.joinedAt ?? enteredAt,
        position: 0,
      },
      facts,
    );
  }

  function onCallEvent(before: QueueMetricsState, after: QueueMetricsState, event: QueueEvent, now: number, facts: LedgerFact[]): void {
    switch (event.kind) {
      case 'callerJoin': {
        const caller = after.queues[event.queue]?.callers.find((c) => c.uniqueid === event.uniqueid);
        enter(
          {
            queue: event.queue,
            uniqueid: event.uniqueid,
            linkedid: event.linkedid || null,
            callerNumber: event.callerIdNum,
            callerName: event.callerIdName,
            enteredAt: caller?.joinedAt ?? now,
            position: event.position,
          },
          facts,
        );
        return;
      }
      case 'callerAbandon':
      case 'callerLeave': {
        const record = recordMadeBy(before, after, event.queue);
        if (record === null || record.outcome === 'completed') return;
        left(callFor(event, after, now - record.waitSec * 1000, facts), record, facts);
        return;
      }
      case 'agentConnect': {
        const record = recordMadeBy(before, after, event.queue);
        const open = callFor(event, after, now - event.holdTimeSec * 1000, facts);
        // The leave was not seen (the reducer started mid-call): the connect is the answer.
        if (record !== null && record.outcome === 'answered' && open.leftAt === null) left(open, record, facts);
        open.answeredBy = { agent: event.interface, agentName: event.memberName };
        callOfAgent.set(keyOf(event.queue, event.interface), keyOf(open.call.queue, open.call.uniqueid));
        facts.push({ kind: 'connected', call: open.call, agent: event.interface, agentName: event.memberName, at: now });
        return;
      }
      case 'agentComplete': {
        const agentKey = keyOf(event.queue, event.interface);
        const key = event.uniqueid !== '' ? keyOf(event.queue, event.uniqueid) : callOfAgent.get(agentKey);
        const open = key === undefined ? undefined : calls.get(key);
        if (open === undefined) return;
        calls.delete(key!);
        if (callOfAgent.get(agentKey) === key) callOfAgent.delete(agentKey);
        facts.push({ kind: 'completed', call: open.call, agent: event.interface, talkSec: event.talkTimeSec, reason: event.reason, at: now });
        return;
      }
      case 'agentRingNoAnswer': {
        const open = calls.get(keyOf(event.queue, event.uniqueid));
        facts.push({ kind: 'ringNoAnswer', call: open?.call ?? null, queue: event.queue, agent: event.interface, agentName: event.memberName, at: now });
        return;
      }
      default:
        return;
    }
  }

  function onQueueStatus(frame: AmiFrame, facts: LedgerFact[]): void {
    const status = queueStatusOf(frame);
    if (status === null || (status.status !== 'LEAVEEMPTY' && status.status !== 'LEAVEUNAVAIL')) return;
    const call = recentTimeouts.get(status.uniqueid) ?? olderTimeouts.get(status.uniqueid);
    if (call === undefined) return;
    recentTimeouts.delete(status.uniqueid);
    olderTimeouts.delete(status.uniqueid);
    facts.push({ kind: 'leftEmpty', call });
  }

  function closeAgent(iface: string, open: AgentOpen, now: number, facts: LedgerFact[]): void {
    facts.push({ kind: 'agentState', agent: iface, agentName: open.name, state: open.state, reason: open.reason, from: open.since, to: now });
  }

  /** Brings one agent's open intervals in line with the reducer's view of it. */
  function syncAgent(state: QueueMetricsState, iface: string, now: number, facts: LedgerFact[]): void {
    const view = agentActivityOf(state, iface, now);
    const open = agents.get(iface);
    const current = view === null || view.activity === 'logged-out' ? null : { ...view, activity: view.activity as AgentState };
    if (open !== undefined && (current === null || current.activity !== open.state || current.pausedReason !== open.reason)) {
      closeAgent(iface, open, now, facts);
    }
    const queues = new Set(current?.queues ?? []);
    if (open !== undefined) {
      for (const [queue, since] of open.queues) {
        if (!queues.has(queue)) facts.push({ kind: 'membership', agent: iface, agentName: open.name, queue, from: since, to: now });
      }
    }
    if (current === null) {
      agents.delete(iface);
      return;
    }
    const same = open !== undefined && current.activity === open.state && current.pausedReason === open.reason;
    const memberships = new Map<string, number>();
    for (const queue of queues) memberships.set(queue, open?.queues.get(queue) ?? now);
    agents.set(iface, { name: current.name, state: current.activity, reason: current.pausedReason, since: same ? open.since : now, queues: memberships });
  }

  /** Agents whose member entries the event changed (by identity: the reducer shares what did not change). */
  function changedAgents(before: QueueMetricsState, after: QueueMetricsState): Set<string> {
    const changed = new Set<string>();
    for (const [name, queue] of Object.entries(after.queues)) {
      const old = before.queues[name];
      if (old === queue || old?.members === queue.members) continue;
      for (const [iface, member] of queue.members.entries()) if (old?.members.get(iface) !== member) changed.add(iface);
      if (old !== undefined) for (const iface of old.members.entries()) if (!queue.members.has(iface[0])) changed.add(iface[0]);
    }
    return changed;
  }

  function allAgents(state: QueueMetricsState): Set<string> {
    const all = new Set<string>(agents.keys());
    for (const queue of Object.values(state.queues)) for (const iface of queue.members.entries()) all.add(iface[0]);
    return all;
  }

  return {
    step(before, after, event, frame, now) {
      const facts: LedgerFact[] = [];
      if (event !== null) onCallEvent(before, after, event, now, facts);
      else if (frame !== null) onQueueStatus(frame, facts);
      if (before !== after) for (const iface of changedAgents(before, after)) syncAgent(after, iface, now, facts);
      return facts;
    },
    resynced(after, now, channelIds = null) {
      const facts: LedgerFact[] = [];
      const waiting = new Map<string, QueueMetricsState['queues'][string]['callers'][number]>();
      for (const queue of Object.values(after.queues)) for (const caller of queue.callers) waiting.set(keyOf(queue.name, caller.uniqueid), caller);
      for (const [key, open] of calls) {
        if (open.answeredBy !== null || open.leftAt !== null) {
          const { uniqueid, linkedid } = open.call;
          const gone = channelIds !== null && !channelIds.has(uniqueid) && (linkedid === null || !channelIds.has(linkedid));
          if (gone) facts.push({ kind: 'endedUnseen', call: open.call, at: now });
          if (gone || now - open.call.enteredAt > ANSWERED_CALL_LIMIT_MS) calls.delete(key);
          continue;
        }
        if (waiting.has(key)) continue;
        // It left while the collector was blind: how, nobody can tell now.
        calls.delete(key);
        facts.push({ kind: 'left', call: open.call, outcome: 'unknown', waitSec: Math.max(0, now - open.call.enteredAt) / 1000, inServiceLevel: false, at: now });
      }
      for (const queue of Object.values(after.queues)) {
        for (const caller of queue.callers) {
          if (calls.has(keyOf(queue.name, caller.uniqueid))) continue;
          enter(
            {
              queue: queue.name,
              uniqueid: caller.uniqueid,
              linkedid: caller.linkedid,
              callerNumber: caller.callerIdNum,
              callerName: caller.callerIdName,
              enteredAt: caller.joinedAt,
              position: 0,
            },
            facts,
          );
        }
      }
      for (const iface of allAgents(after)) syncAgent(after, iface, now, facts);
      return facts;
    },
    linkLost(now) {
      const facts: LedgerFact[] = [];
      for (const [iface, open] of agents) {
        closeAgent(iface, open, now, facts);
        for (const [queue, since] of open.queues) facts.push({ kind: 'membership', agent: iface, agentName: open.name, queue, from: since, to: now });
      }
      agents.clear();
      return facts;
    },
    tick(state, now) {
      const facts: LedgerFact[] = [];
      for (const [iface, open] of [...agents]) if (open.state === 'wrap-up') syncAgent(state, iface, now, facts);
      return facts;
    },
    openAgentStates() {
      return [...agents].map(([agent, open]) => ({ agent, agentName: open.name, state: open.state, reason: open.reason, from: open.since }));
    },
    get openCalls() {
      return calls.size;
    },
    get openAgents() {
      return agents.size;
    },
  };
}
