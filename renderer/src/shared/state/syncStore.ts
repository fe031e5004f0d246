import { createStore } from 'zustand/vanilla';
import type { ErrorCode, Result, ResponseOf } from '../../../../core/contract.js';
import type { SyncState, SyncStatus } from '../../../../core/syncStatus.js';
import type { DeskClient } from '../api/deskClient.js';

/**
 * Where this desk stands with the central server (not the desk host, not the PBX): fed by
 * `sync.status` on every connect to the host and by the pushed `sync.status` events.
 */
export interface SyncViewState {
  /** null: not known yet, or the desk host itself is out of reach. */
  status: SyncStatus | null;
  /** A retry or logout asked for and not answered yet. */
  pendingAction: 'retry' | 'logout' | null;
  /** The desk host could not carry out the last retry or logout. */
  actionError: ErrorCode | null;
  /** The login dialog is open (it does not block the desk: cases are recorded while signed out). */
  loginOpen: boolean;
  /** The password-change dialog is open (signed in only). */
  passwordOpen: boolean;
}

export const initialSyncViewState: SyncViewState = { status: null, pendingAction: null, actionError: null, loginOpen: false, passwordOpen: false };

export const syncStatusChanged = (s: SyncViewState, status: SyncStatus): SyncViewState => ({
  ...s,
  status,
  // Signed in from somewhere (or by this dialog): nothing left to ask for.
  loginOpen: status.account !== null ? false : s.loginOpen,
  // Signed out (here or because the session ended): there is no password to change any more.
  passwordOpen: status.account === null ? false : s.passwordOpen,
});

/** A stale "online" would be a lie once we cannot hear the host. */
export const syncHostLost = (s: SyncViewState): SyncViewState =>
  s.status === null && s.pendingAction === null ? s : { ...s, status: null, pendingAction: null };

export const syncActionStarted = (s: SyncViewState, action: 'retry' | 'logout'): SyncViewState => ({
  ...s,
  pendingAction: action,
  actionError: null,
});

export const syncActionFinished = (s: SyncViewState, error: ErrorCode | null): SyncViewState => ({
  ...s,
  pendingAction: null,
  actionError: error,
});

export const loginOpened = (s: SyncViewState): SyncViewState => (s.loginOpen ? s : { ...s, loginOpen: true });
export const loginClosed = (s: SyncViewState): SyncViewState => (s.loginOpen ? { ...s, loginOpen: false } : s);
export const passwordOpened = (s: SyncViewState): SyncViewState => (s.passwordOpen || !s.status?.account ? s : { ...s, passwordOpen: true });
export const passwordClosed = (s: SyncViewState): SyncViewState => (s.passwordOpen ? { ...s, passwordOpen: false } : s);

export const createSyncStore = (initial: SyncViewState = initialSyncViewState) => createStore<SyncViewState>()(() => initial);
export type SyncStore = ReturnType<typeof createSyncStore>;

export type SyncDisplayState = SyncState | 'unknown';
export const selectSyncStatus = (s: SyncViewState) => s.status;
export const selectSyncDisplayState = (s: SyncViewState): SyncDisplayState => s.status?.state ?? 'unknown';
export const selectAccount = (s: SyncViewState) => s.status?.account ?? null;
export const selectSignedIn = (s: SyncViewState) => (s.status?.account ?? null) !== null;

export interface SyncSession {
  /** Asks the host where sync stands (done on every connect). */
  load: () => Promise<void>;
  /** Push and pull now instead of waiting for the next automatic retry. */
  retry: () => Promise<void>;
  /** The password goes to the host and nowhere else; the answer says whether it was accepted. */
  login: (username: string, password: string) => Promise<Result<SyncStatus>>;
  logout: () => Promise<void>;
  /** Both passwords go to the host and nowhere else; the answer says whether the server took the new one. */
  changePassword: (currentPassword: string, newPassword: string) => Promise<Result<ResponseOf<'session.changePassword'>>>;
  stop: () => void;
}

/**
 * Follows the sync state. An event is at least as new as any answer that was on its way when it
 * arrived, so such an answer must not overwrite it (same rule as the desk snapshot).
 */
export function startSyncSession(client: DeskClient, store: SyncStore): SyncSession {
  let seen = 0;
  let generation = 0;
  const set = (f: (s: SyncViewState) => SyncViewState) => store.setState(f, true);

  /** Runs a call whose answer is a SyncStatus; applies it unless an event or a disconnect came first. */
  async function exchange(call: () => Promise<Result<SyncStatus>>): Promise<Result<SyncStatus>> {
    const mark = seen;
    const gen = generation;
    const result = await call();
    if (result.ok && seen === mark && gen === generation) set((s) => syncStatusChanged(s, result.value));
    return result;
  }

  async function load(): Promise<void> {
    await exchange(() => client.call('sync.status', {}));
  }

  async function action(name: 'retry' | 'logout'): Promise<void> {
    set((s) => syncActionStarted(s, name));
    const result = await exchange(() => client.call(name === 'retry' ? 'sync.retry' : 'session.logout', {}));
    set((s) => syncActionFinished(s, result.ok ? null : result.error.code));
  }

  const offs = [
    client.on('sync.status', (status) => {
      seen++;
      set((s) => syncStatusChanged(s, status));
    }),
  ];

  let wasConnected = false;
  const onConnection = (): void => {
    const isConnected = client.connection().status === 'connected';
    if (isConnected && !wasConnected) void load();
    if (!isConnected && wasConnected) {
      generation++;
      set(syncHostLost);
    }
    wasConnected = isConnected;
  };
  offs.push(client.onConnection(onConnection));
  onConnection();

  return {
    load,
    retry: () => action('retry'),
    logout: () => action('logout'),
    login: (username, password) => exchange(() => client.call('session.login', { username, password })),
    changePassword: (currentPassword, newPassword) => client.call('session.changePassword', { currentPassword, newPassword }),
    stop: () => offs.forEach((off) => off()),
  };
}
