import type { AgentRow, QueueHistoryPoint, QueueTile, QueueWindowFigures, WaitingCaller } from '../../core/queue.js';
import type { QueueMetricsState } from './queueMetricsState.js';
import type { QueueFigures } from './selectors.js';
import { selectAgents, selectQueues } from './selectors.js';

// The reducer's views in the shape of core/queue.ts (the host↔UI contract), so the host only
// adds what is its own business: masking caller numbers by role, settings, pushing snapshots.

const windowFigures = (f: QueueFigures): QueueWindowFigures => ({
  answered: f.answered,
  abandoned: f.abandoned,
  timedOut: f.timedOut,
  asaSec: f.asaSec,
  avgWaitAllSec: f.avgWaitAllSec,
  avgTalkSec: f.avgTalkSec,
  serviceLevelPct: f.serviceLevelPct,
  serviceLevel2Pct: f.serviceLevel2Pct,
  abandonRatePct: f.abandonRatePct,
});

/**
 * One tile per queue. `maskNumber` decides what a role may see of a waiting caller's number
 * (return null to hide it); the default shows nothing.
 */
export function toQueueTiles(state: QueueMetricsState, now: number, maskNumber: (callerIdNum: string) => string | null = () => null): QueueTile[] {
  return selectQueues(state, now).map((q) => ({
    queue: q.queue,
    serviceLevelSec: q.serviceLevelSec,
    waiting: q.callers.map((c): WaitingCaller => ({ position: c.position, joinedAt: c.joinedAt, callerNumber: maskNumber(c.callerIdNum) })),
    longestWaitingSince: q.longestWaitingSince,
    day: windowFigures(q.today),
    last15: windowFigures(q.last15Min),
    last60: windowFigures(q.last60Min),
    agents: {
      'logged-out': q.agents.loggedOut,
      available: q.agents.available,
      ringing: q.agents.ringing,
      'on-call': q.agents.onCall,
      paused: q.agents.paused,
      'wrap-up': q.agents.wrapUp,
    },
  }));
}

/** One row per agent interface; calls answered and rings without answer count since midnight. */
export function toAgentRows(state: QueueMetricsState, now: number): AgentRow[] {
  return selectAgents(state, now).map((a) => ({
    interface: a.interface,
    name: a.name,
    queues: a.queues.map((q) => q.queue),
    staticQueues: a.queues.filter((q) => q.static).map((q) => q.queue),
    state: a.activity,
    pauseReason: a.activity === 'paused' && a.pausedReason !== '' ? a.pausedReason : null,
    stateSince: a.since,
    callsAnswered: a.answeredToday,
    ringNoAnswer: a.ringNoAnswerToday,
  }));
}

const MINUTE = 60_000;

/**
 * The wallboard chart's history: one point per queue per minute over the last hour. Call it as
 * often as you like (on every change, on a timer); it adds a point at most once per minute.
 */
export function appendHistory(history: readonly QueueHistoryPoint[], state: QueueMetricsState, now: number): readonly QueueHistoryPoint[] {
  const minute = now - (now % MINUTE);
  const last = history.at(-1);
  if (last !== undefined && last.at >= minute) return history;
  const kept = history.filter((point) => point.at > minute - 60 * MINUTE);
  for (const q of selectQueues(state, now)) kept.push({ at: minute, queue: q.queue, waiting: q.waiting, longestWaitSec: q.longestWaitSec });
  return kept;
}
