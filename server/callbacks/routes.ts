import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { CallbackOutcomeInput, type CallbackItem } from '../../core/callback.js';
import type { SqlClient } from '../db/sqlClient.js';
import { invalidRequest, type ApiError } from '../http/errors.js';
import { CallbackParams, WorklistQuery, claim, mayCallBack, recordOutcome, release, worklist, type CallbackError } from './callbacks.js';
import type { CallbackPolicy } from './create.js';

export interface CallbackRouteOptions {
  db: SqlClient;
  now: () => Date;
  policy: CallbackPolicy;
  requireAccount: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, reply: FastifyReply): z.infer<T> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  void reply.code(400).send(invalidRequest(result.error));
  return undefined;
}

const STATUS: Record<CallbackError, number> = { 'not-found': 404, claimed: 409, closed: 409, 'not-claimed': 409 };

/**
 * The feedback operators' call-backs: `GET /api/v1/callbacks`, `POST /api/v1/callbacks/:id/claim`,
 * `/release`, `/outcome`. Feedback operators, team leads and admins; everyone else 403.
 */
export function registerCallbackRoutes(app: FastifyInstance, options: CallbackRouteOptions): void {
  const { db, now, policy } = options;
  const allowed = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!mayCallBack(req.account!)) return reply.code(403).send({ error: 'forbidden' } satisfies ApiError);
  };
  const preHandler = [options.requireAccount, allowed];
  const fail = (reply: FastifyReply, error: CallbackError) => reply.code(STATUS[error]).send({ error } satisfies ApiError);

  app.get('/api/v1/callbacks', { preHandler }, async (req, reply) => {
    const query = parse(WorklistQuery, req.query, reply);
    if (!query) return reply;
    return { items: await worklist(db, req.account!, query.limit, now(), policy) } satisfies { items: CallbackItem[] };
  });

  app.post('/api/v1/callbacks/:id/claim', { preHandler }, async (req, reply) => {
    const params = parse(CallbackParams, req.params, reply);
    if (!params) return reply;
    const result = await claim(db, req.account!, params.id, now(), policy);
    return result.ok ? result.value : fail(reply, result.error);
  });

  app.post('/api/v1/callbacks/:id/release', { preHandler }, async (req, reply) => {
    const params = parse(CallbackParams, req.params, reply);
    if (!params) return reply;
    const result = await release(db, req.account!, params.id, now());
    return result.ok ? reply.code(204).send() : fail(reply, result.error);
  });

  app.post('/api/v1/callbacks/:id/outcome', { preHandler }, async (req, reply) => {
    const params = parse(CallbackParams, req.params, reply);
    const body = params && parse(CallbackOutcomeInput, req.body ?? {}, reply);
    if (!params || !body) return reply;
    const result = await recordOutcome(db, req.account!, params.id, body, now(), policy);
    return result.ok ? result.value : fail(reply, result.error);
  });
}
