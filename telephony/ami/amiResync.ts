import type { ActionTable } from './amiActions.js';
import { AmiActionError } from './amiActions.js';
import type { AmiFrame } from './amiFrame.js';
import { header } from './amiFrame.js';

/**
 * The PBX's state after a login: the answer to an unfiltered QueueStatus (QueueParams,
 * QueueMember, QueueEntry) and to CoreShowChannels (calls in progress). Listeners get it at the
 * point of the event stream where the QueueStatus answer ended: events before it were dispatched
 * before, events after it are dispatched after — a reducer applying both in order is consistent.
 */
export interface AmiResync {
  /**
   * connect: after a login; fully-booted, reload: the PBX (re)loaded (`core reload` sends Reload,
   * never FullyBooted); periodic, unknown-member: asked by requestResync (a silent
   * `queue reload members` changes members without any event).
   */
  reason: 'connect' | 'fully-booted' | 'reload' | 'periodic' | 'unknown-member';
  queueStatus: AmiFrame[];
  /**
   * null when the PBX refused CoreShowChannels (a manager user without write `reporting` or
   * `system`): calls in progress are then unknown, not absent.
   */
  channels: AmiFrame[] | null;
  /** The client's clock (options.now) when the QueueStatus answer completed. */
  at: number;
}

/** The resync of one connection, and the events it holds back while it reads the PBX. */
export interface ResyncSession {
  /** Every event no action claims passes here, so that a resync can hold it back. */
  event(frame: AmiFrame): void;
  run(reason: AmiResync['reason']): void;
  flushHeld(): void;
}

export interface ResyncDeps {
  readonly actions: ActionTable;
  /** False when a resync asked now must be dropped (disabled, or this connection is not the logged-in one). */
  readonly active: () => boolean;
  readonly deliverEvent: (event: AmiFrame) => void;
  readonly deliverResync: (resync: AmiResync) => void;
  readonly showRefused: (refused: string[]) => void;
  readonly log: (line: string) => void;
  readonly now: () => number;
}

const LIST_TIMEOUT_MS = 30_000;

export function createResyncSession({ actions, active, deliverEvent, deliverResync, showRefused, log, now }: ResyncDeps): ResyncSession {
  /** A resync is under way; a second request (FullyBooted mid-resync) waits for it. */
  let resyncing = false;
  let resyncAgain: AmiResync['reason'] | null = null;
  /** Events that arrived between the QueueStatus answer and the CoreShowChannels answer. */
  let held: AmiFrame[] | null = null;

  function event(frame: AmiFrame): void {
    if (held !== null) held.push(frame);
    else deliverEvent(frame);
  }

  function flushHeld(): void {
    const events = held;
    held = null;
    if (events !== null) for (const frame of events) deliverEvent(frame);
  }

  /**
   * QueueStatus, then CoreShowChannels, pipelined. From the QueueStatus answer on, events are
   * held until the channels are known, so listeners see: events before the snapshot, the
   * resync, events after it — never a snapshot older than an event already applied.
   */
  function run(reason: AmiResync['reason']): void {
    if (!active()) return;
    if (resyncing) {
      resyncAgain ??= reason;
      return;
    }
    resyncing = true;
    let statusAt = 0;
    let queueStatus: AmiFrame[] | null = null;
    const done = () => {
      resyncing = false;
      const again = resyncAgain;
      resyncAgain = null;
      if (again !== null) run(again);
    };
    const failed = (what: string) => (error: unknown) => {
      log(`AMI resync: ${what} failed (${error instanceof AmiActionError ? error.code : 'error'})`);
      flushHeld();
      done();
    };
    actions.send({ Action: 'QueueStatus' }, true, LIST_TIMEOUT_MS, (result) => {
      if (header(result.response, 'Response')?.toLowerCase() !== 'success') return;
      statusAt = now();
      queueStatus = result.items;
      held = [];
    }).then((result) => {
      if (queueStatus !== null) return;
      const refused = `QueueStatus: ${header(result.response, 'Message') ?? 'refused'}`;
      log(`AMI resync: ${refused}`);
      showRefused([refused]);
    }, failed('QueueStatus'));
    actions.send({ Action: 'CoreShowChannels' }, true, LIST_TIMEOUT_MS, (result) => {
      if (queueStatus === null) return;
      const ok = header(result.response, 'Response')?.toLowerCase() === 'success';
      const refused = ok ? [] : [`CoreShowChannels: ${header(result.response, 'Message') ?? 'refused'}`];
      if (!ok) log(`AMI resync: ${refused[0]}`);
      showRefused(refused);
      deliverResync({ reason, queueStatus, channels: ok ? result.items : null, at: statusAt });
      flushHeld();
    }).then(done, failed('CoreShowChannels'));
  }

  return { event, run, flushHeld };
}
