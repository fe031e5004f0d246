import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { authenticate } from '../auth/accounts.js';
import { caseSeenBy, mayWorkUnit, worksCases } from '../auth/permissions.js';
import type { Account } from '../auth/roles.js';
import type { SqlClient } from '../db/sqlClient.js';
import type { CallbackPolicy } from '../callbacks/create.js';
import { invalidRequest, type ApiError } from '../http/errors.js';
import { ACTION_NAMES, ActionBodies, type Action } from './actions.js';
import { CaseParams, InboxParams, InboxQuery, applyAction, unitInbox, type UnitInbox, type WorkedCase } from './workflow.js';

export interface WorkflowOptions {
  db: SqlClient;
  now: () => Date;
  /** For the resolution call-back a resolve writes. */
  callbackPolicy?: CallbackPolicy;
}

const seenBy = (account: Account, w: WorkedCase): WorkedCase => ({ ...w, case: caseSeenBy(account, w.case) });

function parse<T extends z.ZodType>(schema: T, value: unknown, reply: FastifyReply): z.infer<T> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  void reply.code(400).send(invalidRequest(result.error));
  return undefined;
}

/**
 * Department workflow: `GET /api/v1/units/:unit/inbox?status=&limit=` and
 * `POST /api/v1/cases/:applicationNo/{assign,note,resolve,reject,redirect}`.
 * Department users act on their own unit's cases only; team leads and admins on any
 * (auth/permissions.ts). Another unit's case answers 404 like a number that does not exist, so a
 * unit cannot learn which numbers exist elsewhere; roles that work no unit get 403 first.
 * Cases go out as the account may see them (the T.C. kimlik no masked for admins).
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
    const account = req.account!;
    const cases = (await unitInbox(db, account, params.unit, query, t)).map((w) => seenBy(account, w));
    return { unit: params.unit, at: t.toISOString(), cases } satisfies UnitInbox;
  });

  for (const name of ACTION_NAMES) {
    app.post(`/api/v1/cases/:applicationNo/${name}`, { preHandler: requireAccount }, async (req, reply) => {
      const account = req.account!;
      if (!worksCases(account)) return reply.code(403).send({ error: 'forbidden' } satisfies ApiError);
      const params = parse(CaseParams, req.params, reply);
      const body = params && parse(ActionBodies[name], req.body ?? {}, reply);
      if (!params || !body) return reply;
      const outcome = await applyAction(db, account, params.applicationNo, { name, body } as Action, now(), options.callbackPolicy);
      if (outcome.ok) return seenBy(account, outcome.result);
      if (outcome.error === 'invalid-request') {
        return reply.code(400).send({ error: 'invalid-request', issues: [{ path: outcome.path, message: outcome.message }] } satisfies ApiError);
      }
      return reply.code(404).send({ error: outcome.error } satisfies ApiError);
    });
  }
}
