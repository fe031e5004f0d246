import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CaseFigures } from '../../../core/queueStats.js';
import { loadOnEachConnect, type DeskClient } from '../shared/api/deskClient.js';

// What today's calls became (the case-aware wallboard): the host reads it from the central
// server every half minute and pushes it; the board asks once on every (re)connect.

export interface CaseFiguresState {
  figures: CaseFigures | null;
}

export type CaseFiguresStore = StoreApi<CaseFiguresState>;

/** A subject with at least this many cases today and twice last week's count at this hour is a spike. */
export const SPIKE_MIN_CASES = 5;

/** Whether a subject's count today stands out against the same hours a week ago: what a team lead must see first. */
export function isSpike(subject: { today: number; lastWeek: number }): boolean {
  return subject.today >= SPIKE_MIN_CASES && subject.today >= 2 * subject.lastWeek;
}

/** Spikes first, then by today's count: the list keeps the server's order otherwise. */
export function subjectsBySpike(subjects: CaseFigures['subjects']): CaseFigures['subjects'] {
  return [...subjects].sort((a, b) => Number(isSpike(b)) - Number(isSpike(a)));
}

export function startCaseFiguresSync(client: DeskClient, store: CaseFiguresStore = createStore<CaseFiguresState>(() => ({ figures: null }))): {
  store: CaseFiguresStore;
  stop: () => void;
} {
  const load = async () => {
    const result = await client.call('wallboard.caseFigures', {});
    // A refusal (an operator's desk) or no figures yet: nothing to show, the push brings them.
    if (result.ok && result.value !== null) store.setState({ figures: result.value });
  };
  const offs = [
    client.on('wallboard.caseFigures', (figures) => store.setState({ figures })),
    loadOnEachConnect(client, () => void load()),
  ];
  return { store, stop: () => offs.forEach((off) => off()) };
}
