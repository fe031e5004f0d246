import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { IncidentClosing, IncidentDeclaration, IncidentUpdate, type Incident, type IncidentList } from '../../core/incident.js';
import type { SqlClient } from '../db/sqlClient.js';
import { invalidRequest, type ApiError } from '../http/errors.js';
import {
  IncidentCasesQuery,
  IncidentListQuery,
  IncidentParams,
  closeIncident,
  declareIncident,
  incidentWithCases,
  listIncidents,
  updateIncident,
  type IncidentOutcome,
} from './incidents.js';

export interface IncidentRouteOptions {
  db: SqlClient;
  now: () => Date;
  requireAccount: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  /**
   * After an incident's transaction committed: `before` null for a declaration, `after` closed for
   * a closing. The live channel and the PBX announcements (announcement.ts) follow.
   */
  onChanged?: (before: Incident | null, after: Incident) => Promise<void> | void;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, reply: FastifyReply): z.infer<T> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  void reply.code(400).send(invalidRequest(result.error));
  return undefined;
}

const STATUS = { 'not-found': 404, forbidden: 403, closed: 409, 'invalid-request': 400 } as const;

function failed(reply: FastifyReply, outcome: Extract<IncidentOutcome<unknown>, { ok: false }>): FastifyReply {
  const body: ApiError =
    outcome.error === 'invalid-request'
      ? { error: 'invalid-request', issues: [{ path: outcome.path ?? '', message: outcome.message ?? '' }] }
      : { error: outcome.error };
  return reply.code(STATUS[outcome.error]).send(body);
}

/**
 * Mass incidents: `POST /api/v1/incidents`, `GET /api/v1/incidents[?active=1]`,
 * `GET|PATCH /api/v1/incidents/:id`, `POST /api/v1/incidents/:id/close`. Every signed-in account
 * reads them (an operator offers them at the pop); team leads and the incident's unit declare,
 * change and close them (auth/permissions.ts). An incident's cases go out as the account may see them.
 */
export function registerIncidentRoutes(app: FastifyInstance, options: IncidentRouteOptions): void {
  const { db, now } = options;
  const preHandler = options.requireAccount;
  const changed = async (before: Incident | null, after: Incident) => {
    try {
      await options.onChanged?.(before, after);
    } catch (error) {
      // The incident is committed; a follower that failed (the PBX unreachable) says so in its own log.
      app.log.warn({ error: error instanceof Error ? error.name : 'error' }, 'incident follower failed');
    }
  };

  app.post('/api/v1/incidents', { preHandler }, async (req, reply) => {
    const body = parse(IncidentDeclaration, req.body ?? {}, reply);
    if (!body) return reply;
    const outcome = await declareIncident(db, req.account!, body, now());
    if (!outcome.ok) return failed(reply, outcome);
    await changed(null, outcome.value);
    return reply.code(201).send(outcome.value);
  });

  app.get('/api/v1/incidents', { preHandler }, async (req, reply) => {
    const query = parse(IncidentListQuery, req.query, reply);
    if (!query) return reply;
    return { incidents: await listIncidents(db, query.active === '1', now()) } satisfies IncidentList;
  });

  app.get('/api/v1/incidents/:id', { preHandler }, async (req, reply) => {
    const params = parse(IncidentParams, req.params, reply);
    const query = params && parse(IncidentCasesQuery, req.query, reply);
    if (!params || !query) return reply;
    const found = await incidentWithCases(db, req.account!, params.id, query.limit, now());
    if (!found) return reply.code(404).send({ error: 'not-found' } satisfies ApiError);
    return found;
  });

  app.patch('/api/v1/incidents/:id', { preHandler }, async (req, reply) => {
    const params = parse(IncidentParams, req.params, reply);
    const body = params && parse(IncidentUpdate, req.body ?? {}, reply);
    if (!params || !body) return reply;
    const outcome = await updateIncident(db, req.account!, params.id, body, now());
    if (!outcome.ok) return failed(reply, outcome);
    await changed(outcome.value.before, outcome.value.after);
    return outcome.value.after;
  });

  app.post('/api/v1/incidents/:id/close', { preHandler }, async (req, reply) => {
    const params = parse(IncidentParams, req.params, reply);
    const body = params && parse(IncidentClosing, req.body ?? {}, reply);
    if (!params || !body) return reply;
    const outcome = await closeIncident(db, req.account!, params.id, body.resolution, now());
    if (!outcome.ok) return failed(reply, outcome);
    const { before, incident, resolved } = outcome.value;
    await changed(before, incident);
    return { incident, resolved };
  });
}
