import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { authenticate, authenticateAll } from '../auth/accounts.js';
import type { Account } from '../auth/roles.js';
import type { SqlClient } from '../db/sqlClient.js';
import type { ApiError } from '../http/errors.js';
import { changeSeenBy } from '../sync/pull.js';
import { MAX_LIVE_NOTICE_BYTES, type ChangeWithCursor, type LiveNotice } from '../../sync/protocol.js';
import { createChangeFeed, type ChangeFeed, type LogBatch } from './changeFeed.js';
import { mayReadReports } from '../reports/routes.js';
import type { QueueFiguresHub, QueueFiguresUpdate } from '../queueStats/liveFigures.js';
import type { IncidentFeed } from '../incidents/incidentFeed.js';
import type { Incident, IncidentList } from '../../core/incident.js';

export interface LiveChannelOptions {
  db: SqlClient;
  now: () => Date;
  /** Comment line that keeps proxies from closing an idle stream; 15 s by default. */
  heartbeatMs?: number;
  /** Least time between two notices to a subscriber (changeFeed.ts); 250 ms by default. */
  coalesceMs?: number;
  /** The queue collectors' live figures (`event: queues`, team leads and admins), when the server has collectors. */
  queueFigures?: QueueFiguresHub;
  /** The active mass incidents (`event: incidents`, every account): on opening and after each change. */
  incidents?: IncidentFeed;
}

export interface LiveChannel {
  /** A transaction that logged changes committed through this instance (changeLog.ts announceCommits). */
  committed(): void;
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * A subscriber whose socket holds more than this unsent gets notices without their changes until
 * it catches up: it pulls them at its own pace instead of the server buffering for it.
 */
const BACKLOG_BYTES = 1024 * 1024;

/** Subscribers written to before the event loop may serve requests again. */
const WRITES_PER_TURN = 64;

/** Bearer header first; `?token=` because EventSource cannot set headers. The token is never logged (logs carry the route only). */
function tokenOf(req: FastifyRequest): string | null {
  const header = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (header !== undefined) return TOKEN.test(header) ? header : null;
  const query = (req.query as Record<string, unknown> | undefined)?.token;
  return typeof query === 'string' && TOKEN.test(query) ? query : null;
}

interface Subscriber {
  token: string;
  account: Account;
  /** Missed a queue delta (its socket was full): gets the next snapshot whole. */
  queuesBehind: boolean;
}

const frame = (notice: LiveNotice) => Buffer.from(`event: changed\ndata: ${JSON.stringify(notice)}\n\n`);
const queuesFrame = (event: unknown) => Buffer.from(`event: queues\ndata: ${JSON.stringify(event)}\n\n`);
const incidentsFrame = (incidents: Incident[]) => Buffer.from(`event: incidents\ndata: ${JSON.stringify({ incidents } satisfies IncidentList)}\n\n`);

/**
 * Accounts that receive exactly the same entries: what an account may see and how it sees it
 * depend on its role and unit only (auth/roles.ts maySeeCase, auth/permissions.ts), so each
 * notice is built and serialised once per such group, not once per subscriber.
 */
const viewKey = (account: Account) => `${account.role}\u0000${account.unitCode ?? ''}`;

/**
 * `GET /api/v1/sync/events`: Server-Sent Events telling desktops and the department page what the
 * change log gained. Each `changed` event (sync/protocol.ts LiveNotice) carries the cursors around
 * the read (`from`, `to`) and the entries in between that the subscriber's account may see, as
 * pull would give them (pull.ts changeSeenBy: the same filter, the same masking), so a desk that
 * is up to date applies them without pulling. The instance reads the log once per batch for all
 * its subscribers (changeFeed.ts), at most one batch per `coalesceMs`, driven by its own commits
 * and by the NOTIFY of other instances, so a change made through any instance reaches subscribers
 * of every instance. Before each notice every subscriber's session is checked again in one query:
 * a stream whose session ended gets nothing more and is closed, and a changed role applies at once.
 */
export function registerLiveChannel(app: FastifyInstance, options: LiveChannelOptions): LiveChannel {
  const { db, now } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const subscribers = new Map<ServerResponse, Subscriber>();
  // Notices are read and checked on a connection of their own: in a burst of pushes the pool's
  // queue is long, and every subscriber would wait for all of them.
  const session = db.session?.() ?? null;
  const reader = session ?? db;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let closing = false;

  /** Drops the streams whose session ended; the others take their account as it is now. */
  const recheck = async () => {
    const open = [...subscribers];
    if (open.length === 0) return;
    const accounts = await authenticateAll(
      reader,
      open.map(([, s]) => s.token),
      now(),
    );
    for (const [res, subscriber] of open) {
      const account = accounts.get(subscriber.token);
      if (account) subscriber.account = account;
      else {
        subscribers.delete(res);
        res.end();
      }
    }
  };

  const send = async (batch: LogBatch) => {
    if (subscribers.size === 0) return;
    const bare = frame({ from: batch.from, to: batch.to });
    try {
      await recheck();
    } catch {
      // Sessions could not be checked: nobody gets entries on trust, everybody pulls (and is checked there).
      for (const res of subscribers.keys()) res.write(bare);
      return;
    }
    const frames = new Map<string, Buffer>();
    let written = 0;
    for (const [res, { account }] of [...subscribers]) {
      // Hundreds of writes in one go would hold up the pushes waiting on this process.
      if (++written % WRITES_PER_TURN === 0) await new Promise(setImmediate);
      if (!subscribers.has(res)) continue;
      if (res.writableLength > BACKLOG_BYTES) {
        res.write(bare);
        continue;
      }
      const key = viewKey(account);
      let full = frames.get(key);
      if (full === undefined) {
        full = noticeFor(account, batch, bare);
        frames.set(key, full);
      }
      res.write(full);
    }
  };

  /** Queue figures: the same delta for every team lead and admin, serialised once. */
  const sendQueues = (update: QueueFiguresUpdate) => {
    let delta: Buffer | null = null;
    let whole: Buffer | null = null;
    for (const [res, subscriber] of subscribers) {
      if (!mayReadReports(subscriber.account)) continue;
      if (res.writableLength > BACKLOG_BYTES) {
        subscriber.queuesBehind = true;
        continue;
      }
      if (subscriber.queuesBehind || update.event.delta === undefined) {
        whole ??= queuesFrame({ links: update.event.links, snapshot: update.snapshot });
        res.write(whole);
        subscriber.queuesBehind = false;
      } else {
        delta ??= queuesFrame(update.event);
        res.write(delta);
      }
    }
  };
  const unsubscribeQueues = options.queueFigures?.subscribe(sendQueues);

  /** Incidents hold no citizen: one frame for every subscriber. A full socket misses it and gets the next. */
  const sendIncidents = (incidents: Incident[]) => {
    const whole = incidentsFrame(incidents);
    for (const res of subscribers.keys()) if (res.writableLength <= BACKLOG_BYTES) res.write(whole);
  };
  const unsubscribeIncidents = options.incidents?.subscribe(sendIncidents);

  const feed: ChangeFeed = createChangeFeed({ db, reader, onBatch: send, coalesceMs: options.coalesceMs });

  /** A logged-out or expired token ends its stream even when nothing changes. */
  const beat = async () => {
    await recheck().catch(() => undefined);
    for (const res of subscribers.keys()) res.write(': heartbeat\n\n');
  };

  app.get('/api/v1/sync/events', async (req: FastifyRequest, reply: FastifyReply) => {
    const token = tokenOf(req);
    const account = token === null ? null : await authenticate(db, token, now());
    if (token === null || !account) return reply.code(401).send({ error: 'unauthorized' } satisfies ApiError);
    if (closing) return reply.code(503).send({ error: 'internal' } satisfies ApiError);
    await feed.start();
    await options.incidents?.start();
    heartbeat ??= setInterval(() => void beat(), heartbeatMs);
    heartbeat.unref();
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n: connected\n\n');
    subscribers.set(res, { token, account, queuesBehind: false });
    const figures = mayReadReports(account) ? options.queueFigures?.current() : null;
    if (figures) res.write(queuesFrame(figures));
    if (options.incidents) res.write(incidentsFrame(options.incidents.current()));
    res.on('close', () => subscribers.delete(res));
    res.on('error', () => subscribers.delete(res));
  });

  app.addHook('preClose', async () => {
    closing = true;
    unsubscribeQueues?.();
    unsubscribeIncidents?.();
    await options.incidents?.stop();
    for (const res of subscribers.keys()) res.end();
    subscribers.clear();
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    await feed.stop();
    await session?.close();
  });

  return { committed: () => feed.committed() };
}

/** The notice for one account: its entries of the batch, or none (pull) when they would not fit. */
function noticeFor(account: Account, batch: LogBatch, bare: Buffer): Buffer {
  try {
    const changes: ChangeWithCursor[] = [];
    for (const row of batch.rows) {
      const seen = changeSeenBy(account, row);
      if (seen) changes.push(seen);
    }
    const full = frame({ from: batch.from, to: batch.to, changes });
    return full.length > MAX_LIVE_NOTICE_BYTES ? bare : full;
  } catch {
    // An entry this server cannot hand out (a snapshot that does not fit): pull answers for it.
    return bare;
  }
}
