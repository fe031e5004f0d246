import { createStore } from 'zustand/vanilla';
import type { ErrorCode } from '../../../core/contract.js';
import type { AgentRow, QueueSnapshot, QueueTile } from '../../../core/queue.js';

/**
 * The latest queue snapshot the host sent. `loading`: nothing yet; `live`: following the host's
 * pushes; `stale`: the host is out of reach, the figures are the last ones heard; `failed`: the
 * (re)connect load failed for a reason a reconnect will not fix (retry by hand).
 */
export type QueueFeedStatus = 'loading' | 'live' | 'stale' | 'failed';

export interface QueueState {
  snapshot: QueueSnapshot | null;
  status: QueueFeedStatus;
  loadError: ErrorCode | null;
  /** Local epoch ms the last snapshot arrived. */
  receivedAt: number | null;
}

export const initialQueueState: QueueState = { snapshot: null, status: 'loading', loadError: null, receivedAt: null };

/** A snapshot from `queue.snapshot` or a `queue.metrics` push replaces the previous one whole. */
export function snapshotReceived(s: QueueState, snapshot: QueueSnapshot, receivedAt: number): QueueState {
  // While live, an older snapshot (a late answer) must not roll the figures back. After a lost
  // host the new one wins whatever its time: state is rebuilt from the host, never from memory.
  if (s.status === 'live' && s.snapshot && snapshot.at < s.snapshot.at) return s;
  return { snapshot, status: 'live', loadError: null, receivedAt };
}

export function loadFailed(s: QueueState, code: ErrorCode): QueueState {
  return { ...s, status: s.snapshot ? 'stale' : 'failed', loadError: code };
}

/** The host is out of reach: keep the last figures on screen, marked as stale. */
export function hostLost(s: QueueState): QueueState {
  if (!s.snapshot) return s.status === 'loading' && s.loadError === null ? s : { ...s, status: 'loading', loadError: null };
  return s.status === 'stale' ? s : { ...s, status: 'stale' };
}

export const createQueueStore = (initial: QueueState = initialQueueState) => createStore<QueueState>()(() => initial);
export type QueueStore = ReturnType<typeof createQueueStore>;

// Selectors: single values or references straight out of the snapshot (stable between pushes).
const EMPTY_TILES: QueueTile[] = [];
const EMPTY_AGENTS: AgentRow[] = [];
const EMPTY_HISTORY: QueueSnapshot['history'] = [];

export const selectSnapshot = (s: QueueState) => s.snapshot;
export const selectStatus = (s: QueueState) => s.status;
export const selectLoadError = (s: QueueState) => s.loadError;
export const selectTiles = (s: QueueState) => s.snapshot?.queues ?? EMPTY_TILES;
export const selectAgents = (s: QueueState) => s.snapshot?.agents ?? EMPTY_AGENTS;
export const selectHistory = (s: QueueState) => s.snapshot?.history ?? EMPTY_HISTORY;
export const selectSettings = (s: QueueState) => s.snapshot?.settings ?? null;
export const selectSnapshotAt = (s: QueueState) => s.snapshot?.at ?? null;
export const selectMemberChange = (s: QueueState) => s.snapshot?.memberChange ?? null;
/**
 * From when "today" counts: null while it covers the whole day (or before the first snapshot),
 * the start time when it covers only part of it, 'unknown' when the host could not tell.
 */
export const selectPartialDaySince = (s: QueueState): number | 'unknown' | null => {
  if (s.snapshot === null) return null;
  const { countingSince, dayStartsAt } = s.snapshot;
  if (countingSince === null) return 'unknown';
  return countingSince > dayStartsAt ? countingSince : null;
};

export const selectTile =
  (queue: string) =>
  (s: QueueState): QueueTile | null =>
    s.snapshot?.queues.find((t) => t.queue === queue) ?? null;

export const selectAgentRow =
  (agentInterface: string | null) =>
  (s: QueueState): AgentRow | null =>
    agentInterface === null ? null : (s.snapshot?.agents.find((a) => a.interface === agentInterface) ?? null);
