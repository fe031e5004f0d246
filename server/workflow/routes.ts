import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { authenticate } from '../auth/accounts.js';
import type { SqlClient } from '../db/sqlClient.js';
import type { CallbackPolicy } from '../callbacks/create.js';
import { invalidRequest, type ApiError } from '../http/errors.js';
import { ACTION_NAMES, ActionBodies, CaseParams, InboxParams, InboxQuery, applyAction, mayWorkUnit, unitInbox, type Action, type UnitInbox } from './workflow.js';

export interface WorkflowOptions {
  db: SqlClient;
  now: () => Date;
  /** For the resolution call-back a resolve writes. */
  callbackPolicy?: CallbackPolicy;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, reply: FastifyReply): z.infer<T> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  void reply.code(400).send(invalidRequest(result.error));
  return undefined;
}

/**
 * Department workflow: `GET /api/v1/units/:unit/inbox?status=&limit=` and
 * `POST /api/v1/cases/:applicationNo/{assign,note,resolve,reject,redirect}`.
 * Department users act on their own unit's cases only (403 otherwise); team leads and admins on any.
 */
export function registerWorkflowRoutes(app: FastifyInstance, options: WorkflowOptions): void {
  const { db, now } = options;

  const requireAccount = async (req: FastifyRequest, reply: FastifyReply) => {
    const token = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(req.headers.authorization ?? '')?.[1];
    req.account = token === undefined ? null : await authenticate(db, token, now());
    if (!req.account) return reply.code(401).send({ error: 'unauthorized' } satisfies ApiError);
  };

  app.get('/api/v1/units/:unit/inbox', { preHandler: requireAccount }, async (req, reply) => {
    const params = parse(InboxParams, req.params, reply);
    const query = params && parse(InboxQuery, req.query, reply);
    if (!params || !query) return reply;
    if (!mayWorkUnit(req.account!, params.unit)) return reply.code(403).send({ error: 'forbidden' } satisfies ApiError);
    const t = now();
    return { unit: params.unit, at: t.toISOString(), cases: await unitInbox(db, params.unit, query, t) } satisfies UnitInbox;
  });

  for (const name of ACTION_NAMES) {
    app.post(`/api/v1/cases/:applicationNo/${name}`, { preHandler: requireAccount }, async (req, reply) => {
      const account = req.account!;
      if (account.role !== 'department' && !mayWorkUnit(account, null)) return reply.code(403).send({ error: 'forbidden' } satisfies ApiError);
      const params = parse(CaseParams, req.params, reply);
      const body = params && parse(ActionBodies[name], req.body ?? {}, reply);
      if (!params || !body) return reply;
      const outcome = await applyAction(db, account, params.applicationNo, { name, body } as Action, now(), options.callbackPolicy);
      if (outcome.ok) return outcome.result;
      if (outcome.error === 'invalid-request') {
        return reply.code(400).send({ error: 'invalid-request', issues: [{ path: outcome.path, message: outcome.message }] } satisfies ApiError);
      }
      return reply.code(outcome.error === 'not-found' ? 404 : 403).send({ error: outcome.error } satisfies ApiError);
    });
  }
}
