import type { DeskClient } from '../shared/api/deskClient.js';
import { startCaseFiguresSync, type CaseFiguresStore } from './caseFigures.js';
import { startIncidentBoard, type IncidentBoard } from './incidentBoard.js';
import { createQueueActions, type QueueActions } from './queueActions.js';
import { createQueueStore, type QueueStore } from './queueStore.js';
import { startQueueSync } from './queueSync.js';
import { createTicker, type Ticker } from './ticker.js';
import { createViewStore, type WallboardViewStore } from './viewStore.js';

/** Everything the wallboard and the operator's queue panel need, wired once outside React. */
export interface Wallboard {
  queue: QueueStore;
  /** What today's calls became (team leads' boards; empty elsewhere). */
  caseFigures: CaseFiguresStore;
  /** Mass incidents and surges (team leads' boards; absent or never loaded elsewhere). */
  incidents?: IncidentBoard;
  ticker: Ticker;
  view: WallboardViewStore;
  actions: QueueActions;
  /** Reload the snapshot by hand (after a failed load). */
  refresh: () => Promise<void>;
  stop: () => void;
}

export interface WallboardOptions {
  clock?: () => number;
}

export function createWallboard(client: DeskClient, options: WallboardOptions = {}): Wallboard {
  const clock = options.clock ?? Date.now;
  const queue = createQueueStore();
  const sync = startQueueSync(client, queue, clock);
  const cases = startCaseFiguresSync(client);
  const incidents = startIncidentBoard(client, clock);
  return {
    queue,
    caseFigures: cases.store,
    incidents,
    ticker: createTicker(clock),
    view: createViewStore(),
    actions: createQueueActions(client),
    refresh: sync.refresh,
    stop: () => {
      sync.stop();
      cases.stop();
      incidents.stop();
    },
  };
}
