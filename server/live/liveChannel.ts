import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { authenticate } from '../auth/accounts.js';
import type { SqlClient } from '../db/sqlClient.js';
import type { ApiError } from '../http/errors.js';
import { CHANGES_CHANNEL } from '../sync/changeLog.js';

export interface LiveChannelOptions {
  db: SqlClient;
  now: () => Date;
  /** Comment line that keeps proxies from closing an idle stream; 15 s by default. */
  heartbeatMs?: number;
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** Bearer header first; `?token=` because EventSource cannot set headers. The token is never logged (logs carry the route only). */
function tokenOf(req: FastifyRequest): string | null {
  const header = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (header !== undefined) return TOKEN.test(header) ? header : null;
  const query = (req.query as Record<string, unknown> | undefined)?.token;
  return typeof query === 'string' && TOKEN.test(query) ? query : null;
}

/**
 * `GET /api/v1/sync/events`: Server-Sent Events telling desktops and the department page that
 * the change log grew (`event: changed`, `data: {"seq":"…"}`), so they pull at once instead of
 * polling. Driven by the NOTIFY every push and workflow action sends after commit on
 * `case_changes`, so a change made through any instance reaches subscribers of every instance.
 * The notice carries only the sequence number: what the account may see is decided by pull.
 * One LISTEN per app instance, opened with the first subscriber.
 */
export function registerLiveChannel(app: FastifyInstance, options: LiveChannelOptions): void {
  const { db, now } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  /** Each open stream with the token it was opened with, checked again on every heartbeat. */
  const subscribers = new Map<ServerResponse, string>();
  let unlisten: Promise<() => Promise<void>> | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let closing = false;

  const broadcast = (payload: string) => {
    if (!/^[0-9]{1,19}$/.test(payload)) return;
    const frame = `event: changed\ndata: ${JSON.stringify({ seq: payload })}\n\n`;
    for (const res of subscribers.keys()) res.write(frame);
  };

  /** A logged-out or expired token ends its stream, so the channel never outlives the session. */
  const beat = async () => {
    for (const [res, token] of subscribers) {
      const account = await authenticate(db, token, now()).catch(() => undefined);
      if (account === null) {
        subscribers.delete(res);
        res.end();
      } else if (subscribers.has(res)) res.write(': heartbeat\n\n');
    }
  };

  const ensureListening = async () => {
    if (unlisten) return unlisten;
    if (!db.listen) throw new Error('this database engine cannot LISTEN');
    unlisten = db.listen(CHANGES_CHANNEL, broadcast);
    unlisten.catch(() => {
      unlisten = null;
    });
    heartbeat ??= setInterval(() => void beat(), heartbeatMs);
    heartbeat.unref();
    return unlisten;
  };

  app.get('/api/v1/sync/events', async (req: FastifyRequest, reply: FastifyReply) => {
    const token = tokenOf(req);
    const account = token === null ? null : await authenticate(db, token, now());
    if (token === null || !account) return reply.code(401).send({ error: 'unauthorized' } satisfies ApiError);
    if (closing) return reply.code(503).send({ error: 'internal' } satisfies ApiError);
    await ensureListening();
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n: connected\n\n');
    subscribers.set(res, token);
    res.on('close', () => subscribers.delete(res));
  });

  app.addHook('preClose', async () => {
    closing = true;
    for (const res of subscribers.keys()) res.end();
    subscribers.clear();
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    const pending = unlisten;
    unlisten = null;
    if (pending) await (await pending.catch(() => async () => undefined))();
  });
}
