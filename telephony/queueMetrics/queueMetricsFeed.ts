import type { AmiClient } from '../ami/amiClient.js';
import { restoreDayCounters, serializeDayCounters } from './dayCounters.js';
import { parseQueueEvent } from './queueEvents.js';
import type { QueueMetricsOptions, QueueMetricsState } from './queueMetricsState.js';
import { applyChannels, createQueueMetricsState, reduceQueueMetrics, resync } from './reduceQueueMetrics.js';
import type { AgentView, QueueSnapshot } from './selectors.js';
import { selectAgents, selectQueues } from './selectors.js';

// The reducer fed by a live AMI client: every event in arrival order, and the client's resync
// (QueueStatus + CoreShowChannels after every login) at its place in the stream. The state is
// never carried over a reconnect as "live": between a link loss and the next resync `live` is
// false and the waiting callers and agents shown are the last known, not the current ones.

export interface QueueMetricsFeedOptions extends QueueMetricsOptions {
  /** The clock (epoch ms); Date.now by default. */
  now?: () => number;
  /** What serializeDayCounters() returned last time (the host stores it); other days are ignored. */
  dayCounters?: string | null;
}

export type FeedChange = 'event' | 'resync' | 'link';

export interface QueueMetricsFeed {
  readonly state: QueueMetricsState;
  /** The live view (callers, agents) reflects the PBX: a resync happened since the last link loss. */
  readonly live: boolean;
  /** Per queue, by name. */
  queues(now?: number): QueueSnapshot[];
  agents(now?: number): AgentView[];
  /** Called after every change of the state or of `live`; not for events that change nothing. */
  onChange(listener: (state: QueueMetricsState, change: FeedChange) => void): () => void;
  /** The day's counters as JSON for the host to store (and pass back as `dayCounters`). */
  serializeDayCounters(): string;
  dispose(): void;
}

export function createQueueMetricsFeed(client: AmiClient, options: QueueMetricsFeedOptions = {}): QueueMetricsFeed {
  const now = options.now ?? Date.now;
  let state = createQueueMetricsState(now(), options);
  if (options.dayCounters) state = restoreDayCounters(state, options.dayCounters).state;
  let live = false;
  const listeners = new Set<(state: QueueMetricsState, change: FeedChange) => void>();

  function changed(next: QueueMetricsState, change: FeedChange): void {
    if (next === state && change === 'event') return;
    state = next;
    for (const listener of listeners) listener(state, change);
  }

  const unsubscribers = [
    client.onEvent((frame) => {
      const event = parseQueueEvent(frame);
      if (event !== null) changed(reduceQueueMetrics(state, event, now()), 'event');
    }),
    client.onResync((r) => {
      live = true;
      const listed = resync(state, r.queueStatus, r.at);
      changed(r.channels === null ? listed : applyChannels(listed, r.channels, r.at), 'resync');
    }),
    client.onLinkState((link) => {
      if (link.status === 'connected' || !live) return;
      live = false;
      changed(state, 'link');
    }),
  ];

  return {
    get state() {
      return state;
    },
    get live() {
      return live;
    },
    queues: (at = now()) => selectQueues(state, at),
    agents: (at = now()) => selectAgents(state, at),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    serializeDayCounters: () => serializeDayCounters(state),
    dispose() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      listeners.clear();
    },
  };
}
