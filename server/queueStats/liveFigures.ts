import { randomUUID } from 'node:crypto';
import { formatPhone, maskPhone } from '../../core/phone.js';
import type { QueueHistoryPoint, QueueSnapshot, WallboardSettings } from '../../core/queue.js';
import { diffQueueSnapshots } from '../../core/queueDelta.js';
import type { QueueFiguresEvent } from '../../sync/protocol.js';
import type { QueueMetricsState } from '../../telephony/queueMetrics/queueMetricsState.js';
import { appendHistory, toAgentRows, toQueueTiles } from '../../telephony/queueMetrics/wallboard.js';
import type { QueueCollector } from './collector.js';

// The live queue figures the server's collectors hold, published on the live channel to team
// leads and admins (sync/protocol.ts QueueFiguresEvent) in the very shape a desk's wallboard
// shows (the desk's toQueueTiles / toAgentRows over the desk's reducer): a team lead's desk or a
// TV then needs no AMI session of its own. Published at most four times a second, and every
// second while anything moves with the clock (waits, time in state).

const PUBLISH_MS = 250;
const QUIET_PUBLISH_MS = 1_000;

/** The desk's own settings replace these; a TV shows them as they are. */
export const SERVER_WALLBOARD_SETTINGS: WallboardSettings = {
  longestWaitAlertSec: 60,
  pauseReasons: ['Mola', 'Yemek', 'Toplantı', 'Eğitim'],
  wrapUpSec: 0,
};

/**
 * One view over several PBXs' states: their queues side by side (queue names are expected to
 * differ between PBXs; a repeated name keeps the first PBX's), agents' day counts summed.
 */
export function mergeStates(states: readonly QueueMetricsState[]): QueueMetricsState | null {
  if (states.length === 0) return null;
  let merged = states[0]!;
  for (const other of states.slice(1)) {
    let agentsToday = merged.agentsToday;
    for (const [iface, tally] of other.agentsToday.entries()) if (!agentsToday.has(iface)) agentsToday = agentsToday.set(iface, tally);
    const countingSince = merged.countingSince === null || other.countingSince === null ? null : Math.max(merged.countingSince, other.countingSince);
    merged = { ...merged, queues: { ...other.queues, ...merged.queues }, agentsToday, countingSince };
  }
  return merged;
}

export interface QueueFiguresUpdate {
  /** What every subscriber already following gets (a delta, or the first snapshot). */
  event: QueueFiguresEvent;
  /** The snapshot it leads to: what a subscriber that connects or fell behind gets whole. */
  snapshot: QueueSnapshot;
}

/** Between the publisher (started with the collectors) and the live channel (registered with the app). */
export interface QueueFiguresHub {
  /** The latest snapshot whole, for a subscriber that connects now; null before the first. */
  current(): QueueFiguresEvent | null;
  publish(update: QueueFiguresUpdate): void;
  subscribe(listener: (update: QueueFiguresUpdate) => void): () => void;
}

export function createQueueFiguresHub(): QueueFiguresHub {
  let latest: QueueFiguresEvent | null = null;
  const listeners = new Set<(update: QueueFiguresUpdate) => void>();
  return {
    current: () => latest,
    publish(update) {
      latest = { links: update.event.links, snapshot: update.snapshot };
      for (const listener of listeners) listener(update);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function startQueueFiguresPublisher(options: {
  collectors: readonly QueueCollector[];
  now: () => number;
  publish: (update: QueueFiguresUpdate) => void;
}): { stop(): void } {
  const stream = randomUUID();
  let published: QueueSnapshot | null = null;
  let states: readonly QueueMetricsState[] = [];
  let history: readonly QueueHistoryPoint[] = [];
  let lastAt = 0;
  let lastLinks = '';

  const links = () =>
    options.collectors.map((c) => {
      const { pbx, live } = c.status();
      return { pbx, live };
    });

  function tick(): void {
    const now = options.now();
    const current = options.collectors.map((c) => c.state);
    const linkState = links();
    const linksKey = JSON.stringify(linkState);
    const moved = current.some((state, i) => state !== states[i]) || linksKey !== lastLinks;
    if (!moved && now - lastAt < QUIET_PUBLISH_MS) return;
    states = current;
    lastLinks = linksKey;
    lastAt = now;
    const merged = mergeStates(current);
    if (merged === null) return;
    history = appendHistory(history, merged, now);
    const next: QueueSnapshot = {
      stream,
      version: (published?.version ?? 0) + 1,
      at: now,
      memberChange: null,
      countingSince: merged.countingSince,
      dayStartsAt: merged.day.startsAt,
      // Team leads see waiting callers' numbers masked, as on their desks.
      queues: toQueueTiles(merged, now, (n) => formatPhone(maskPhone(n))),
      agents: toAgentRows(merged, now),
      history: history as QueueHistoryPoint[],
      settings: SERVER_WALLBOARD_SETTINGS,
    };
    const delta = published === null ? null : diffQueueSnapshots(published, next);
    published = next;
    options.publish({ event: delta === null ? { links: linkState, snapshot: next } : { links: linkState, delta }, snapshot: next });
  }

  const timer = setInterval(tick, PUBLISH_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
