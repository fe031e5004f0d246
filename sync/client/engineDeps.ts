import type { CaseChange, IncidentList, PushResponse, QueueFiguresEvent, ServerChange } from '../protocol.js';
import type { SyncTransport } from './transport.js';

// What the sync engine is built from, apart from syncEngine.ts so that its parts (engineContext,
// syncCycle, liveChannel, loginRetry) can name it without importing the module that wires them.

/** The desk's side of sync, implemented by the host over SQLite; every call is synchronous. */
export interface SyncStore {
  /** Oldest first, already valid protocol changes. */
  pendingBatch(limit: number): CaseChange[];
  /** Drops accepted and duplicate changes from the outbox; holds or defers rejected ones. */
  acknowledge(response: PushResponse): void;
  /** Stores the changes and the cursor in one transaction. */
  applyPulled(changes: ServerChange[], cursor: string): void;
  cursor(): string;
  counts(): { pending: number; held: number };
  /** How many numbers to reserve now (0: the pool is full). */
  numbersWanted(): number;
  addNumbers(numbers: string[]): void;
  /** Puts held changes back in the outbox; returns how many. */
  releaseHeld(): number;
  lastSyncAt(): string | null;
  setLastSyncAt(iso: string): void;
}

export type TimerHandle = unknown;

export interface SyncEngineDeps {
  serverUrl: string | null;
  deskId: string;
  store: SyncStore;
  transport: SyncTransport;
  now?: () => Date;
  /** One line per event; never carries a token, a password or case data. */
  log?: (line: string) => void;
  /** Safety-net pull while signed in; 30 s. */
  pullIntervalMs?: number;
  /** Changes per push; 500 (MAX_PUSH_CHANGES), never more. */
  batchSize?: number;
  random?: () => number;
  /** One-shot timers (setTimeout semantics); injectable for tests. */
  setTimer?: (fn: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
  /** The server's live queue figures as they arrive on the live channel (team leads, admins). */
  onQueueFigures?: (event: QueueFiguresEvent) => void;
  /** The server's active mass incidents as they arrive on the live channel (every account). */
  onIncidents?: (list: IncidentList) => void;
}

