import { createStore } from 'zustand/vanilla';
import type { ErrorCode } from '../../../core/contract.js';
import type { AgentRow, QueueDelta, QueueSnapshot, QueueTile } from '../../../core/queue.js';
import { applyQueueDelta } from '../../../core/queueDelta.js';

/**
 * The host's latest queue snapshot: the last one loaded with every delta since applied. `loading`: nothing yet; `live`: following the host's
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

/** A snapshot from `queue.snapshot` replaces the one held whole. */
export function snapshotReceived(s: QueueState, snapshot: QueueSnapshot, receivedAt: number): QueueState {
  // While live, an answer older than what the deltas already brought (a late one) must not roll
  // the figures back. After a lost host it wins: state is rebuilt from the host, never from memory.
  if (s.status === 'live' && s.snapshot?.stream === snapshot.stream && snapshot.version <= s.snapshot.version) return s;
  return { snapshot, status: 'live', loadError: null, receivedAt };
}

/**
 * A `queue.delta` applied to the snapshot held. 'gap' when it was made from another version (a
 * delta was missed) or another run of the host: the caller loads a fresh snapshot, so the board
 * is never one that the host did not have. Without a snapshot yet, nothing to do: one is on its way.
 */
export function deltaReceived(s: QueueState, delta: QueueDelta, receivedAt: number): QueueState | 'gap' {
  if (s.snapshot === null) return s;
  if (delta.stream === s.snapshot.stream && delta.version <= s.snapshot.version) return s;
  const snapshot = applyQueueDelta(s.snapshot, delta);
  if (snapshot === null) return 'gap';
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
