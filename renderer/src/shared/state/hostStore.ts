import { createStore } from 'zustand/vanilla';
import type { DeskRole, DeskSnapshot, ErrorCode } from '../../../../core/contract.js';
import type { HostConnection } from '../api/transport.js';

export interface HostState {
  connection: HostConnection;
  agent: { agentInterface: string; agentName: string | null } | null;
  /** What this desk's user does; null until the first snapshot (treated as the least privileged). */
  role: DeskRole | null;
  /** Set when the (re)connect load failed for a reason a reconnect will not fix. */
  loadError: ErrorCode | null;
  /** The bayram table's reach (DeskSnapshot.holidayTable); null until the first snapshot. */
  holidayTable: DeskSnapshot['holidayTable'] | null;
}

export const initialHostState: HostState = { connection: { status: 'connecting' }, agent: null, role: null, loadError: null, holidayTable: null };

export const connectionChanged = (s: HostState, connection: HostConnection): HostState => ({ ...s, connection });

export const snapshotLoaded = (s: HostState, snapshot: DeskSnapshot): HostState => ({
  ...s,
  agent: { agentInterface: snapshot.agentInterface, agentName: snapshot.agentName },
  role: snapshot.role,
  loadError: null,
  holidayTable: snapshot.holidayTable,
});

export const loadFailed = (s: HostState, loadError: ErrorCode | null): HostState =>
  s.loadError === loadError ? s : { ...s, loadError };

export const createHostStore = (initial: HostState = initialHostState) => createStore<HostState>()(() => initial);
export type HostStore = ReturnType<typeof createHostStore>;

export const selectConnection = (s: HostState) => s.connection;
export const selectAgent = (s: HostState) => s.agent;
export const selectRole = (s: HostState) => s.role;
export const selectLoadError = (s: HostState) => s.loadError;
export const selectHolidayTable = (s: HostState) => s.holidayTable;
