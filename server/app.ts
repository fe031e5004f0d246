import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { z } from 'zod';
import { authenticate, login, logout } from './auth/accounts.js';
import { rateLimited, registerAccountRoutes } from './auth/accountRoutes.js';
import { createLoginThrottle, type LoginThrottlePolicy } from './auth/loginThrottle.js';
import { mayPush, type Account } from './auth/roles.js';
import type { SqlClient } from './db/sqlClient.js';
import { registerHostCheck, type AllowedHosts } from './http/allowedHosts.js';
import { invalidRequest, type ApiError } from './http/errors.js';
import { openApiDocument } from './http/openapi.js';
import { safeError } from './http/safeError.js';
import { LoginRequest, StatusParams, StatusQuery, type LoginResponse } from './http/schemas.js';
import { fixedWindowLimiter } from './status/rateLimit.js';
import { queryCaseStatus } from './status/statusQuery.js';
import { pullChanges } from './sync/pull.js';
import { pushChanges } from './sync/push.js';
import { registerLiveChannel, type LiveChannel } from './live/liveChannel.js';
import { announceCommits } from './sync/changeLog.js';
import { registerWorkflowRoutes } from './workflow/routes.js';
import { registerDepartmentPage } from './workflow/departmentPage.js';
import { registerNotificationWorker } from './notifications/dispatch.js';
import type { Senders } from './notifications/senders.js';
import { registerReportRoutes } from './reports/routes.js';
import { registerNumberRoutes } from './numbers/routes.js';
import { registerCallbackRoutes } from './callbacks/routes.js';
import { registerQueueStatsRoutes } from './queueStats/routes.js';
import { registerWallboardPage } from './queueStats/wallboardPage.js';
import { registerIncidentRoutes } from './incidents/routes.js';
import { createIncidentFeed } from './incidents/incidentFeed.js';
import type { Incident } from '../core/incident.js';
import type { OpenAgentTime } from './queueStats/report.js';
import type { QueueFiguresHub } from './queueStats/liveFigures.js';
import { DEFAULT_CALLBACK_POLICY, type CallbackPolicy } from './callbacks/create.js';
import { isDemoCredential } from './seed.js';
import { PullQuery, PushRequest } from '../sync/protocol.js';
import { systemClock, type Clock } from '../core/clock.js';

export interface AppOptions {
  db: SqlClient;
  now?: Clock;
  /** How long a login token lives; a shift plus margin by default. */
  tokenTtlMs?: number;
  statusRateLimit?: { max: number; windowMs: number };
  logger?: FastifyServerOptions['logger'];
  /** Citizen notifications go out only when senders are given (notifications/senders.ts sendersFromEnv). */
  notificationSenders?: Senders;
  /** Call-back attempts and spacing (CALLBACK_MAX_ATTEMPTS, CALLBACK_RETRY_MINUTES); 3 and 120 by default. */
  callbacks?: CallbackPolicy;
  /** Host names answered (http/allowedHosts.ts); unset: any, for a deployment behind names of its own. */
  allowedHosts?: AllowedHosts;
  /** How wrong passwords slow logins down (auth/loginThrottle.ts DEFAULT_LOGIN_THROTTLE). */
  loginThrottle?: LoginThrottlePolicy;
  /**
   * Refuse the demo accounts' published passwords (seed.ts), even where an older release seeded
   * them: what startServer asks for unless it is a demo server. Unset (tests): they log in.
   */
  refuseDemoPasswords?: boolean;
  /** The queue collectors' agent states still open (startServer wires them once the collectors run). */
  openAgentTime?: () => OpenAgentTime;
  /** The queue collectors' live figures for the live channel (startServer publishes into it). */
  queueFigures?: QueueFiguresHub;
  /** After an incident was declared, changed or closed, with the active ones as they now are (startServer: the PBX announcements). */
  onIncidentChanged?: (before: Incident | null, after: Incident, active: readonly Incident[]) => Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    account: Account | null;
  }
}

const HOUR = 60 * 60 * 1000;

/**
 * Logs name the route, never the URL: the status query carries an application number and a
 * security code in it, and bodies carry citizens' personal data (KVKK).
 */
export const loggerOptions: FastifyServerOptions['logger'] = {
  serializers: {
    req: (req: FastifyRequest) => ({ method: req.method, route: req.routeOptions?.url ?? 'unknown' }),
  },
};

function parseOr400<T extends z.ZodType>(schema: T, value: unknown, reply: FastifyReply): z.infer<T> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  void reply.code(400).send(invalidRequest(result.error));
  return undefined;
}

function bearerToken(req: FastifyRequest): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

export async function createApp(options: AppOptions): Promise<FastifyInstance> {
  let live: LiveChannel | null = null;
  // Every transaction that logs changes, through any route, is announced once it has committed.
  const db = announceCommits(options.db, () => live?.committed());
  const now = options.now ?? systemClock;
  const ttl = options.tokenTtlMs ?? 12 * HOUR;
  const limit = options.statusRateLimit ?? { max: 10, windowMs: 60_000 };
  const callbackPolicy = options.callbacks ?? DEFAULT_CALLBACK_POLICY;
  const statusLimiter = fixedWindowLimiter(limit.max, limit.windowMs);
  const loginThrottle = createLoginThrottle(options.loginThrottle);
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 8 * 1024 * 1024 });

  app.decorateRequest('account', null);
  if (options.allowedHosts) registerHostCheck(app, options.allowedHosts);

  app.setErrorHandler((error: { statusCode?: number }, req, reply) => {
    const status = error.statusCode ?? 500;
    // Never the error itself: database errors carry the statement's values (http/safeError.ts).
    if (status >= 500) req.log.error({ error: safeError(error) }, 'request failed');
    const body: ApiError =
      status === 400 || status === 413 || status === 415 ? { error: 'invalid-request', issues: [] } : { error: 'internal' };
    void reply.code(status >= 400 && status < 500 ? status : 500).send(body);
  });
  app.setNotFoundHandler((_req, reply) => void reply.code(404).send({ error: 'not-found' } satisfies ApiError));

  const requireAccount = async (req: FastifyRequest, reply: FastifyReply) => {
    const token = bearerToken(req);
    req.account = token === null ? null : await authenticate(db, token, now());
    if (!req.account) return reply.code(401).send({ error: 'unauthorized' } satisfies ApiError);
  };

  app.get('/api/v1/health', async (_req, reply) => {
    try {
      await db.query('SELECT 1');
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'database-unreachable' });
    }
  });

  app.get('/api/v1/openapi.json', async () => openApiDocument());

  app.post('/api/v1/auth/login', async (req, reply) => {
    const body = parseOr400(LoginRequest, req.body, reply);
    if (!body) return reply;
    // Refused before the password is checked: a locked attempt costs no scrypt and tells nothing.
    const gate = loginThrottle.begin(body.username, req.ip, now().getTime());
    if (!gate.allowed) return rateLimited(reply, gate.retryAfterSeconds);
    const published = options.refuseDemoPasswords === true && isDemoCredential(body.username, body.password);
    const session = published ? null : await login(db, body.username, body.password, now(), ttl);
    if (!session) return reply.code(401).send({ error: 'unauthorized' } satisfies ApiError);
    gate.attempt.succeeded();
    const { username, displayName, role, unitCode } = session.account;
    return { token: session.token, expiresAt: session.expiresAt.toISOString(), account: { username, displayName, role, unitCode } } satisfies LoginResponse;
  });

  app.post('/api/v1/auth/logout', { preHandler: requireAccount }, async (req, reply) => {
    await logout(db, bearerToken(req)!);
    return reply.code(204).send();
  });

  app.post('/api/v1/sync/push', { preHandler: requireAccount }, async (req, reply) => {
    const account = req.account!;
    if (!mayPush(account)) return reply.code(403).send({ error: 'forbidden' } satisfies ApiError);
    const body = parseOr400(PushRequest, req.body, reply);
    if (!body) return reply;
    return pushChanges(db, account, body, now, callbackPolicy);
  });

  app.get('/api/v1/sync/pull', { preHandler: requireAccount }, async (req, reply) => {
    const query = parseOr400(PullQuery, req.query, reply);
    if (!query) return reply;
    return pullChanges(db, req.account!, query);
  });

  app.get('/api/v1/status/:applicationNo', async (req, reply) => {
    const gate = statusLimiter.take(req.ip, now().getTime());
    if (!gate.allowed) return rateLimited(reply, gate.retryAfterSeconds);
    const params = parseOr400(StatusParams, req.params, reply);
    const query = params && parseOr400(StatusQuery, req.query, reply);
    if (!params || !query) return reply;
    const answer = await queryCaseStatus(db, params.applicationNo, query.code);
    if (!answer) return reply.code(404).send({ error: 'not-found' } satisfies ApiError);
    return answer;
  });

  registerAccountRoutes(app, { db, now, throttle: loginThrottle, requireAccount, token: bearerToken });
  const incidents = createIncidentFeed(options.db, now);
  live = registerLiveChannel(app, { db: options.db, now, incidents, ...(options.queueFigures ? { queueFigures: options.queueFigures } : {}) });
  registerIncidentRoutes(app, {
    db,
    now,
    requireAccount,
    onChanged: async (before, after) => {
      await incidents.changed();
      await options.onIncidentChanged?.(before, after, incidents.current());
    },
  });
  registerWorkflowRoutes(app, { db, now, callbackPolicy });
  await registerDepartmentPage(app);
  registerWallboardPage(app);

  registerReportRoutes(app, { db, requireAccount });
  registerQueueStatsRoutes(app, { db, requireAccount, now, ...(options.openAgentTime ? { openAgentTime: options.openAgentTime } : {}) });
  registerNumberRoutes(app, { db, now, requireAccount });
  registerCallbackRoutes(app, { db, now, policy: callbackPolicy, requireAccount });
  if (options.notificationSenders) registerNotificationWorker(app, db, options.notificationSenders, { now });

  return app;
}
