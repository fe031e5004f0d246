import type { AgentStatsRow } from '../../../core/queueStats.js';
import { compareTurkish } from '../../../core/turkishText.js';

/** A column of the agents table; pauses have one column per reason (`paused:yemek`, `paused:` without one). */
export type AgentColumn = 'name' | 'answered' | 'avgTalkSec' | 'ringNoAnswers' | 'loggedInSec' | 'onCallSec' | 'wrapUpSec' | 'occupancyPct' | `paused:${string}`;
export type SortDirection = 'asc' | 'desc';
export interface AgentStatsSort {
  column: AgentColumn;
  dir: SortDirection;
}

export const DEFAULT_AGENT_SORT: AgentStatsSort = { column: 'name', dir: 'asc' };

export const pausedColumn = (reason: string): AgentColumn => `paused:${reason}`;

/** The pause reasons any agent has, in Turkish order; a pause without a reason last. */
export function pauseReasons(agents: readonly AgentStatsRow[]): string[] {
  const reasons = new Set(agents.flatMap((a) => Object.keys(a.pausedSec)));
  return [...reasons].sort((a, b) => (a === '' ? 1 : 0) - (b === '' ? 1 : 0) || compareTurkish(a, b));
}

/** A figure of a column; null (no call to average) sorts after every figure in either direction. */
function figure(row: AgentStatsRow, column: Exclude<AgentColumn, 'name'>): number | null {
  if (column.startsWith('paused:')) return row.pausedSec[column.slice('paused:'.length)] ?? 0;
  return row[column as Exclude<AgentColumn, 'name' | `paused:${string}`>];
}

const byName = (a: AgentStatsRow, b: AgentStatsRow) => compareTurkish(a.name, b.name) || a.agent.localeCompare(b.agent);

/**
 * Names in Turkish order (Ç after C, I before İ, Ş after S); figures by value, agents without
 * one last. Ties fall back to the name, so equal rows keep one order.
 */
export function sortAgentStats(rows: readonly AgentStatsRow[], sort: AgentStatsSort): AgentStatsRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const { column } = sort;
  if (column === 'name') return [...rows].sort((a, b) => sign * byName(a, b));
  return [...rows].sort((a, b) => {
    const x = figure(a, column);
    const y = figure(b, column);
    if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0) || byName(a, b);
    return sign * (x - y) || byName(a, b);
  });
}

/** The same column again flips the direction; another starts at A→Z for names and at the largest figure for the rest. */
export const nextAgentSort = (current: AgentStatsSort, column: AgentColumn): AgentStatsSort =>
  current.column === column ? { column, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { column, dir: column === 'name' ? 'asc' : 'desc' };

/** Time on the job: 6600 s → "1:50" (hours keep counting past a day). */
export function formatHoursMinutes(seconds: number): string {
  const minutes = Math.round(Math.max(0, seconds) / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
