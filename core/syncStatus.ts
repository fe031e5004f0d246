import { z } from 'zod';

/**
 * How this desk stands with the central server, as the operator sees it in the header.
 * - `signed-out`: nobody is logged in to the server; cases are still recorded and wait.
 * - `connecting`: logged in, first contact (or a retry) under way.
 * - `online`: the last exchange succeeded and the live channel is open.
 * - `offline`: the server cannot be reached; the desk keeps working and retries with backoff.
 */
export const SyncState = z.enum(['signed-out', 'connecting', 'online', 'offline']);
export type SyncState = z.infer<typeof SyncState>;

/** Why the last exchange failed: the UI translates the code. */
export const SyncErrorCode = z.enum([
  /** The server did not answer (down, network cut, timeout). */
  'unreachable',
  /** The login expired or was revoked: log in again. */
  'unauthorized',
  /** Wrong username or password at login. */
  'bad-credentials',
  /** The server answered 5xx or something that does not fit the protocol. */
  'server-error',
  /** The server refused some changes for good (they are held, not lost): see `held`. */
  'rejected',
]);
export type SyncErrorCode = z.infer<typeof SyncErrorCode>;

export const SyncAccount = z.object({
  username: z.string(),
  displayName: z.string(),
  /** The server's role names: operator, feedback-operator, team-lead, department, admin. */
  role: z.string(),
  unitCode: z.string().nullable(),
});
export type SyncAccount = z.infer<typeof SyncAccount>;

export const SyncStatus = z.object({
  state: SyncState,
  /** The central server this desk syncs with; null when none is configured. */
  serverUrl: z.string().nullable(),
  account: SyncAccount.nullable(),
  /** Changes recorded here and not yet acknowledged by the server. */
  pending: z.number().int().nonnegative(),
  /** Changes the server refused for good; kept on this desk, never dropped. */
  held: z.number().int().nonnegative(),
  /** Last exchange that succeeded (push or pull), ISO instant. */
  lastSyncAt: z.string().nullable(),
  lastError: z.object({ code: SyncErrorCode, at: z.string() }).nullable(),
  /** When the next automatic retry happens while offline, ISO instant. */
  nextRetryAt: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
