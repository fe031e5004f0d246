import type { CallTally } from './callTally.js';
import { EMPTY_TALLY, parseTally } from './callTally.js';
import type { PersistentMap } from './persistentMap.js';
import type { AgentTally, QueueMetricsState, QueueState } from './queueMetricsState.js';
import { emptyQueueState } from './reduceQueueMetrics.js';

// The day's counters outlive the desk process: the host stores this JSON (wherever it keeps
// local state) and hands it back at the next start. Only the counters travel — waits, members
// and callers are live state and come from the PBX. A file from another day is ignored.

export interface DayCountersJson {
  version: 1;
  /** The calendar day (Europe/Istanbul by default) the counters belong to, `2026-11-23`. */
  day: string;
  /** Epoch ms the counters count from (absent in files of older releases). */
  countingSince?: number;
  queues: Record<string, CallTally>;
  agents: Record<string, AgentTally>;
}

export function serializeDayCounters(state: QueueMetricsState): string {
  const json: DayCountersJson = { version: 1, day: state.day.key, ...(state.countingSince === null ? {} : { countingSince: state.countingSince }), queues: {}, agents: {} };
  for (const [name, queue] of Object.entries(state.queues)) json.queues[name] = queue.today;
  for (const [iface, tally] of state.agentsToday.entries()) json.agents[iface] = tally;
  return JSON.stringify(json);
}

function addTallies(a: CallTally, b: CallTally): CallTally {
  const sum: Record<string, number> = {};
  for (const key of Object.keys(EMPTY_TALLY) as Array<keyof CallTally>) sum[key] = a[key] + b[key];
  return sum as unknown as CallTally;
}

function parseAgentTally(value: unknown): AgentTally | null {
  if (typeof value !== 'object' || value === null) return null;
  const { answered, ringNoAnswer } = value as Record<string, unknown>;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  return ok(answered) && ok(ringNoAnswer) ? { answered, ringNoAnswer } : null;
}

export type RestoreResult = { state: QueueMetricsState; restored: boolean; reason?: 'other-day' | 'invalid' };

/**
 * Adds stored counters of today to the state's. Call it once, right after creating the state;
 * counters stored on another day (or unreadable JSON) are ignored and `restored` is false.
 */
export function restoreDayCounters(state: QueueMetricsState, json: string): RestoreResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { state, restored: false, reason: 'invalid' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { state, restored: false, reason: 'invalid' };
  const { version, day, queues, agents, countingSince } = parsed as Partial<Record<keyof DayCountersJson, unknown>>;
  if (version !== 1 || typeof day !== 'string' || typeof queues !== 'object' || queues === null || typeof agents !== 'object' || agents === null) {
    return { state, restored: false, reason: 'invalid' };
  }
  if (day !== state.day.key) return { state, restored: false, reason: 'other-day' };

  const restoredQueues: Record<string, CallTally> = {};
  for (const [name, value] of Object.entries(queues)) {
    const tally = parseTally(value);
    if (tally === null) return { state, restored: false, reason: 'invalid' };
    restoredQueues[name] = tally;
  }
  const restoredAgents: Array<[string, AgentTally]> = [];
  for (const [iface, value] of Object.entries(agents)) {
    const tally = parseAgentTally(value);
    if (tally === null) return { state, restored: false, reason: 'invalid' };
    restoredAgents.push([iface, tally]);
  }

  // A queue the state does not know yet gets an empty live view until the PBX reports it.
  const queuesOut: Record<string, QueueState> = { ...state.queues };
  for (const [name, tally] of Object.entries(restoredQueues)) {
    const queue = queuesOut[name] ?? emptyQueueState(state, name);
    queuesOut[name] = { ...queue, today: addTallies(queue.today, tally) };
  }
  let agentsToday: PersistentMap<AgentTally> = state.agentsToday;
  for (const [iface, tally] of restoredAgents) {
    const current = agentsToday.get(iface) ?? { answered: 0, ringNoAnswer: 0 };
    agentsToday = agentsToday.set(iface, { answered: current.answered + tally.answered, ringNoAnswer: current.ringNoAnswer + tally.ringNoAnswer });
  }
  const since = typeof countingSince === 'number' && Number.isFinite(countingSince) ? Math.min(countingSince, state.countingSince ?? countingSince) : null;
  return { state: { ...state, countingSince: since, queues: queuesOut, agentsToday }, restored: true };
}
