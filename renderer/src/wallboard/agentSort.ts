import type { AgentRow, AgentState } from '../../../core/queue.js';
import { compareTurkish } from '../../../core/turkishText.js';
import { AGENT_STATES } from './queueFigures.js';

export type AgentSortKey = 'name' | 'state' | 'time';
export type SortDirection = 'asc' | 'desc';
export interface AgentSort {
  key: AgentSortKey;
  dir: SortDirection;
}

const STATE_RANK = new Map<AgentState, number>(AGENT_STATES.map((s, i) => [s, i]));

/** The agents table's filters; null: any. */
export interface AgentFilter {
  queue: string | null;
  state: AgentState | null;
}

/**
 * The rows a filter lets through: members of the queue (logged in there, as the host lists
 * them), in the state (the agent's one state, as tiles count it). The same array when nothing is
 * filtered, so the sorted table is not rebuilt for nothing.
 */
export function filterAgents(rows: readonly AgentRow[], filter: AgentFilter): readonly AgentRow[] {
  if (filter.queue === null && filter.state === null) return rows;
  return rows.filter((row) => (filter.queue === null || row.queues.includes(filter.queue)) && (filter.state === null || row.state === filter.state));
}

export const displayName = (row: AgentRow): string => row.name.trim() || row.interface;

const byName = (a: AgentRow, b: AgentRow) => compareTurkish(displayName(a), displayName(b)) || a.interface.localeCompare(b.interface);

/**
 * Name in Turkish order (Ç after C, I before İ, Ş after S); state in the order a lead reads the
 * floor (available, ringing, on call, wrap-up, paused, logged out); time by how long the agent
 * has been in its state ("asc": shortest first). Ties always fall back to the name, so the
 * table does not jump between pushes.
 */
export function sortAgents(rows: readonly AgentRow[], sort: AgentSort): AgentRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const primary = (a: AgentRow, b: AgentRow): number => {
    switch (sort.key) {
      case 'name':
        return 0;
      case 'state':
        return (STATE_RANK.get(a.state) ?? 99) - (STATE_RANK.get(b.state) ?? 99);
      case 'time':
        // Later stateSince = shorter time in state.
        return b.stateSince - a.stateSince;
    }
  };
  return [...rows].sort((a, b) => {
    const first = primary(a, b);
    if (first !== 0) return sign * first;
    return sort.key === 'name' ? sign * byName(a, b) : byName(a, b);
  });
}

/** Clicking the current column flips the direction; another column starts ascending (time: longest first). */
export const nextSort = (current: AgentSort, key: AgentSortKey): AgentSort =>
  current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'time' ? 'desc' : 'asc' };
