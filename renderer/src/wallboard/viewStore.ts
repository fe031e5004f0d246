import { createStore, type StoreApi } from 'zustand/vanilla';
import { nextSort, type AgentFilter, type AgentSort, type AgentSortKey } from './agentSort.js';
import type { FigureWindow } from './queueFigures.js';

/** What the team lead chose to look at; nothing here comes from the host. */
export interface WallboardViewState {
  window: FigureWindow;
  sort: AgentSort;
  /** Which agents the table shows: one queue's, one state's, or all (null). */
  agentFilter: AgentFilter;
  /** The chart's queue; null: every queue added up. */
  chartQueue: string | null;
  /** Large-type layout for a TV (full screen when the browser allows it). */
  tv: boolean;
}

export const initialViewState: WallboardViewState = { window: 'day', sort: { key: 'name', dir: 'asc' }, agentFilter: { queue: null, state: null }, chartQueue: null, tv: false };

export const windowChosen = (s: WallboardViewState, window: FigureWindow): WallboardViewState => (s.window === window ? s : { ...s, window });
export const sortClicked = (s: WallboardViewState, key: AgentSortKey): WallboardViewState => ({ ...s, sort: nextSort(s.sort, key) });
export const agentFilterChanged = (s: WallboardViewState, change: Partial<AgentFilter>): WallboardViewState => ({ ...s, agentFilter: { ...s.agentFilter, ...change } });
export const chartQueueChosen = (s: WallboardViewState, chartQueue: string | null): WallboardViewState =>
  s.chartQueue === chartQueue ? s : { ...s, chartQueue };
export const tvChanged = (s: WallboardViewState, tv: boolean): WallboardViewState => (s.tv === tv ? s : { ...s, tv });

export type WallboardViewStore = StoreApi<WallboardViewState>;
export const createViewStore = (initial: WallboardViewState = initialViewState): WallboardViewStore =>
  createStore<WallboardViewState>()(() => initial);

export const selectWindow = (s: WallboardViewState) => s.window;
export const selectSort = (s: WallboardViewState) => s.sort;
export const selectAgentFilter = (s: WallboardViewState) => s.agentFilter;
export const selectChartQueue = (s: WallboardViewState) => s.chartQueue;
export const selectTv = (s: WallboardViewState) => s.tv;
