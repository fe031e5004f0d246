import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayPush } from '../auth/roles.js';
import type { SqlClient } from '../db/sqlClient.js';
import { invalidRequest, type ApiError } from '../http/errors.js';
import { ReserveNumbersRequest, reserveNumbers } from './reserve.js';

/**
 * `POST /api/v1/numbers/reserve` `{deskId, count}` → `{numbers}`: final application numbers for
 * a desk to give out. Accounts that may push (desks) may reserve; department users may not.
 */
export function registerNumberRoutes(
  app: FastifyInstance,
  options: { db: SqlClient; now: () => Date; requireAccount: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown> },
): void {
  app.post('/api/v1/numbers/reserve', { preHandler: options.requireAccount }, async (req, reply) => {
    if (!mayPush(req.account!)) return reply.code(403).send({ error: 'forbidden' } satisfies ApiError);
    const parsed = ReserveNumbersRequest.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(invalidRequest(parsed.error));
    return reserveNumbers(options.db, parsed.data, options.now());
  });
}
