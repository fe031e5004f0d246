import type { AgentRow, AgentState, QueueTile, QueueWindowFigures, WallboardSettings } from '../../../core/queue.js';

/** Pure derivations the wallboard and the operator panel share. Every one takes `now` (epoch ms). */

export const AGENT_STATES: readonly AgentState[] = ['available', 'ringing', 'on-call', 'wrap-up', 'paused', 'logged-out'];

export type FigureWindow = 'day' | 'last60' | 'last15';
export const FIGURE_WINDOWS: readonly FigureWindow[] = ['day', 'last60', 'last15'];

export const windowFigures = (tile: QueueTile, window: FigureWindow): QueueWindowFigures => tile[window];

/** Seconds since an instant, never negative (a clock a little behind the host's must not show -1). */
export const secondsSince = (since: number, now: number): number => Math.max(0, (now - since) / 1000);

/** The longest current wait in a queue, counting up from the oldest caller's join time; 0 when nobody waits. */
export function longestWaitSec(tile: QueueTile, now: number): number {
  return tile.longestWaitingSince === null ? 0 : secondsSince(tile.longestWaitingSince, now);
}

export type AlertLevel = 'ok' | 'warn' | 'alert';

/** Amber from half the threshold on, red once the wait is past it. */
export function alertLevel(waitSec: number, thresholdSec: number): AlertLevel {
  if (waitSec > thresholdSec) return 'alert';
  if (waitSec >= thresholdSec / 2 && waitSec > 0) return 'warn';
  return 'ok';
}

export interface Totals {
  waiting: number;
  /** Epoch ms of the longest-waiting caller over all queues, null when nobody waits. */
  longestWaitingSince: number | null;
  answered: number;
  abandoned: number;
  /** Mean wait of answered calls over all queues (weighted by answered), null with no answers. */
  asaSec: number | null;
}

/** Every queue added up, for the headline band. */
export function totalsOf(tiles: readonly QueueTile[], window: FigureWindow): Totals {
  let waiting = 0;
  let longestWaitingSince: number | null = null;
  let answered = 0;
  let abandoned = 0;
  let answeredWait = 0;
  for (const tile of tiles) {
    waiting += tile.waiting.length;
    if (tile.longestWaitingSince !== null && (longestWaitingSince === null || tile.longestWaitingSince < longestWaitingSince)) {
      longestWaitingSince = tile.longestWaitingSince;
    }
    const f = tile[window];
    answered += f.answered;
    abandoned += f.abandoned;
    if (f.asaSec !== null) answeredWait += f.asaSec * f.answered;
  }
  return { waiting, longestWaitingSince, answered, abandoned, asaSec: answered === 0 ? null : answeredWait / answered };
}

/**
 * The contract has one state per agent and a pause reason; an agent paused during a call stays
 * 'on-call' with its reason kept, so a reason outside wrap-up also means paused.
 */
export function isPaused(row: AgentRow): boolean {
  if (row.state === 'paused') return true;
  return row.pauseReason !== null && row.state !== 'wrap-up' && row.state !== 'logged-out';
}

/** Seconds of after-call work left; null outside wrap-up. The host unpauses by itself at 0. */
export function wrapUpRemainingSec(row: AgentRow, settings: WallboardSettings, now: number): number | null {
  if (row.state !== 'wrap-up') return null;
  const endsAt = row.stateSince + settings.wrapUpSec * 1000;
  return Math.max(0, Math.ceil((endsAt - now) / 1000));
}

/** Every queue the wallboard knows: the tiles first, then any an agent belongs to without a tile. */
export function knownQueues(tiles: readonly QueueTile[], agents: readonly AgentRow[]): string[] {
  const names = tiles.map((t) => t.queue);
  const seen = new Set(names);
  for (const agent of agents) {
    for (const q of agent.queues) {
      if (!seen.has(q)) {
        seen.add(q);
        names.push(q);
      }
    }
  }
  return names;
}

/** How many agents a tile counts as logged in (every state but logged-out). */
export const loggedInCount = (tile: QueueTile): number =>
  AGENT_STATES.reduce((sum, s) => (s === 'logged-out' ? sum : sum + (tile.agents[s] ?? 0)), 0);
