import type { PbxLinkState } from '../../core/pbxLink.js';
import { createAmiClient, type AmiClient } from '../../telephony/ami/amiClient.js';
import type { AmiFilter } from '../../telephony/ami/amiFilters.js';
import { teamLeadFilters } from '../../telephony/ami/amiFilters.js';
import type { AmiFrame } from '../../telephony/ami/amiFrame.js';
import { parseQueueEvent } from '../../telephony/queueMetrics/queueEvents.js';
import { createQueueLedger, type LedgerFact } from '../../telephony/queueMetrics/queueLedger.js';
import type { QueueMetricsState } from '../../telephony/queueMetrics/queueMetricsState.js';
import { applyChannels, createQueueMetricsState, reduceQueueMetrics, resync, showsUnknownMember } from '../../telephony/queueMetrics/reduceQueueMetrics.js';
import type { SqlClient } from '../db/sqlClient.js';
import type { PbxEndpoint } from './pbxUrl.js';
import { restoreTodayFromDb } from './dayRestore.js';
import { closeGap, lastAlive, openGap, storeFacts } from './factStore.js';

// One AMI session per PBX, held by the central server: the desk's reducer fed by every queue and
// agent event, the ledger turning each step into call and agent facts, and those written in
// batches (factStore.ts). While the link is down, or the server was, the span is written down as
// a gap and the calls that ended unseen as `unknown`: the reports say what they missed instead
// of showing a quiet hour.

/** A team lead's events, plus QUEUESTATUS (tells a queue left empty from a timeout). */
export function collectorFilters(): AmiFilter[] {
  return [...teamLeadFilters(), 'Variable: QUEUESTATUS'];
}

/** Uniqueids and Linkedids of the channels a resync listed; null when the PBX refused the list. */
function channelIdsOf(channels: readonly AmiFrame[] | null): Set<string> | null {
  if (channels === null) return null;
  const ids = new Set<string>();
  for (const frame of channels) {
    const event = parseQueueEvent(frame);
    if (event?.kind !== 'channel') continue;
    ids.add(event.uniqueid);
    if (event.linkedid !== '') ids.add(event.linkedid);
  }
  return ids;
}

export interface CollectorOptions {
  db: SqlClient;
  pbx: PbxEndpoint;
  now?: () => number;
  log?: (line: string) => void;
  /** How often the queued facts are written; 200 ms by default (the lag target is 1 s). */
  flushMs?: number;
  /** How often QueueStatus is read again (a silent `queue reload members` sends nothing); 5 min by default. */
  resyncMs?: number;
  /** Facts kept in memory while the database refuses them; past this the oldest are dropped, and said so. */
  maxQueuedFacts?: number;
  /** Tests: a client of their own making (the real one otherwise). */
  client?: AmiClient;
}

export interface CollectorStatus {
  pbx: string;
  link: PbxLinkState['status'];
  live: boolean;
  openCalls: number;
  queuedFacts: number;
  droppedFacts: number;
  /** Lag of the last batch: from the event's arrival to its commit, ms. */
  lastLagMs: number | null;
}

export interface QueueCollector {
  readonly state: QueueMetricsState;
  /** Its AMI session, which also writes the PBX's incident announcements (server/incidents/announcement.ts). */
  readonly client: AmiClient;
  status(): CollectorStatus;
  openAgentStates(): ReturnType<ReturnType<typeof createQueueLedger>['openAgentStates']>;
  /** Every queued fact written (tests, shutdown). */
  flush(): Promise<void>;
  /** Called after each committed batch with the arrival times of its facts (benchmarks). */
  onCommitted(listener: (arrivals: readonly number[], committedAt: number) => void): () => void;
  stop(): Promise<void>;
}

export async function startQueueCollector(options: CollectorOptions): Promise<QueueCollector> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const pbx = options.pbx.name;
  const maxQueued = options.maxQueuedFacts ?? 200_000;

  // The server itself was down since it last wrote: a gap until the first resync closes it.
  const alive = await lastAlive(options.db, pbx);
  if (alive !== null) await openGap(options.db, pbx, alive, 'collector-down');

  const client =
    options.client ??
    createAmiClient({
      host: options.pbx.host,
      port: options.pbx.port,
      username: options.pbx.username,
      secret: options.pbx.secret,
      filters: collectorFilters(),
      log: (line) => log(`queue collector ${pbx}: ${line}`),
      now,
    });
  const ledger = createQueueLedger();
  let state = await restoreTodayFromDb(options.db, pbx, createQueueMetricsState(now()));
  let live = false;
  let queue: Array<{ fact: LedgerFact; arrivedAt: number }> = [];
  /** Gap changes in arrival order with the facts around them: a gap closes after the facts before it. */
  let gapOps: Array<{ op: 'open' | 'close'; at: number; index: number }> = [];
  let dropped = 0;
  let lastLagMs: number | null = null;
  let writing: Promise<void> | null = null;
  const committedListeners = new Set<(arrivals: readonly number[], committedAt: number) => void>();

  function push(facts: LedgerFact[], arrivedAt: number): void {
    for (const fact of facts) queue.push({ fact, arrivedAt });
    if (queue.length > maxQueued) {
      const excess = queue.length - maxQueued;
      queue = queue.slice(excess);
      gapOps = gapOps.map((g) => ({ ...g, index: Math.max(0, g.index - excess) }));
      dropped += excess;
      log(`queue collector ${pbx}: the database refuses writes; ${dropped} facts dropped so far`);
    }
  }

  async function write(): Promise<void> {
    if (queue.length === 0 && gapOps.length === 0) return;
    const batch = queue;
    const ops = gapOps;
    queue = [];
    gapOps = [];
    try {
      await options.db.transaction(async (tx) => {
        let done = 0;
        for (const op of [...ops, { op: 'end' as const, at: 0, index: batch.length }]) {
          await storeFacts(tx, pbx, batch.slice(done, op.index).map((q) => q.fact), now());
          done = op.index;
          if (op.op === 'open') await openGap(tx, pbx, op.at, 'link-lost');
          else if (op.op === 'close') await closeGap(tx, pbx, op.at);
        }
      });
      const committedAt = now();
      const arrivals = batch.map((q) => q.arrivedAt);
      if (arrivals.length > 0) lastLagMs = committedAt - Math.min(...arrivals);
      for (const listener of committedListeners) listener(arrivals, committedAt);
    } catch (error) {
      // Kept, in order, for the next try: a database that drops must not lose the day.
      queue = [...batch, ...queue];
      gapOps = [...ops, ...gapOps.map((g) => ({ ...g, index: g.index + batch.length }))];
      log(`queue collector ${pbx}: writing ${batch.length} facts failed (${error instanceof Error ? error.name : 'error'}); retrying`);
    }
  }

  function flushSoon(): Promise<void> {
    writing ??= write().finally(() => {
      writing = null;
    });
    return writing;
  }

  const unsubscribe = [
    client.onEvent((frame: AmiFrame) => {
      const at = now();
      const event = parseQueueEvent(frame);
      const next = event === null ? state : reduceQueueMetrics(state, event, at);
      const facts = ledger.step(state, next, event, event === null ? frame : null, at);
      if (event !== null && showsUnknownMember(state, event)) client.requestResync('unknown-member');
      state = next;
      if (facts.length > 0) push(facts, at);
    }),
    client.onResync((r) => {
      const listed = resync(state, r.queueStatus, r.at);
      state = r.channels === null ? listed : applyChannels(listed, r.channels, r.at);
      push(ledger.resynced(state, r.at, channelIdsOf(r.channels)), r.at);
      if (!live) gapOps.push({ op: 'close', at: r.at, index: queue.length });
      live = true;
    }),
    client.onLinkState((link) => {
      if (link.status === 'connected' || !live) return;
      const at = now();
      live = false;
      push(ledger.linkLost(at), at);
      gapOps.push({ op: 'open', at, index: queue.length });
      log(`queue collector ${pbx}: link lost (${link.status}); the reports will show the gap`);
    }),
  ];

  const flushTimer = setInterval(() => void flushSoon(), options.flushMs ?? 200);
  const tickTimer = setInterval(() => {
    const at = now();
    const facts = ledger.tick(state, at);
    if (facts.length > 0) push(facts, at);
  }, 1000);
  const resyncTimer = setInterval(() => client.requestResync('periodic'), options.resyncMs ?? 5 * 60_000);
  client.start();

  return {
    client,
    get state() {
      return state;
    },
    status: () => ({ pbx, link: client.linkState.status, live, openCalls: ledger.openCalls, queuedFacts: queue.length, droppedFacts: dropped, lastLagMs }),
    openAgentStates: () => ledger.openAgentStates(),
    async flush() {
      while (queue.length > 0 || gapOps.length > 0 || writing !== null) await flushSoon();
    },
    onCommitted(listener) {
      committedListeners.add(listener);
      return () => committedListeners.delete(listener);
    },
    async stop() {
      clearInterval(flushTimer);
      clearInterval(tickTimer);
      clearInterval(resyncTimer);
      for (const off of unsubscribe) off();
      await client.stop();
      // The states open now end with the collector; the span until it is back is a gap.
      if (live) {
        const at = now();
        push(ledger.linkLost(at), at);
      }
      if (writing !== null) await writing;
      await write();
    },
  };
}
