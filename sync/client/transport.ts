import { z } from 'zod';
import { SyncAccount, type SyncErrorCode } from '../../core/syncStatus.js';
import { CaseKey, type IncidentList, type LiveNotice, type QueueFiguresEvent, type PullResponse, type PushRequest, type PushResponse } from '../protocol.js';

/**
 * A failed exchange with the central server. The message says which operation failed and how
 * (HTTP status, timeout, refused connection); it never carries a token, a password or case data,
 * so it may be logged and shown as is.
 */
export class SyncFailure extends Error {
  override readonly name = 'SyncFailure';
  readonly code: SyncErrorCode;
  /** The HTTP status when the server answered, null when it did not. */
  readonly httpStatus: number | null;

  constructor(code: SyncErrorCode, message: string, httpStatus: number | null = null) {
    super(message);
    this.code = code;
    this.httpStatus = httpStatus;
  }
}

/** Answer of `POST /api/v1/auth/login` (server/http/schemas.ts LoginResponse, role kept open). */
export const LoginAnswer = z.object({
  token: z.string().min(1),
  expiresAt: z.string(),
  account: SyncAccount,
});
export type LoginAnswer = z.infer<typeof LoginAnswer>;

/** Answer of `POST /api/v1/numbers/reserve`: final application numbers reserved for the desk. */
export const ReserveAnswer = z.object({ numbers: z.array(CaseKey).max(100) });
export type ReserveAnswer = z.infer<typeof ReserveAnswer>;

export const MAX_RESERVE_COUNT = 100;

export interface LiveHandlers {
  /**
   * The server's change log grew. With a notice (sync/protocol.ts LiveNotice), what it gained;
   * null from a server that says only that (before issue 15), or a notice that did not fit the
   * protocol: pull.
   */
  onChanged(notice: LiveNotice | null): void;
  /** The server's live queue figures (team leads and admins, when the server has a collector). */
  onQueues?(event: QueueFiguresEvent): void;
  /** The server's active mass incidents, whole, on opening and after each change. */
  onIncidents?(list: IncidentList): void;
  /** The stream is open (HTTP 200, event stream). */
  onOpen(): void;
  /** The stream ended on its own (server, network, silence, refusal); not called after close(). */
  onClose(error: SyncFailure): void;
}

export interface LiveStream {
  close(): void;
}

/** How the desk talks to the central server; every method throws SyncFailure. */
export interface SyncTransport {
  login(username: string, password: string): Promise<LoginAnswer>;
  logout(token: string): Promise<void>;
  push(token: string, request: PushRequest): Promise<PushResponse>;
  pull(token: string, cursor: string, limit: number): Promise<PullResponse>;
  reserveNumbers(token: string, deskId: string, count: number): Promise<string[]>;
  openLive(token: string, handlers: LiveHandlers): LiveStream;
}
