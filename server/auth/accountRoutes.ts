import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../core/clock.js';
import { passwordProblem } from '../../core/passwordPolicy.js';
import type { SqlClient } from '../db/sqlClient.js';
import { invalidRequest, type ApiError } from '../http/errors.js';
import { AccountParams, PasswordChangeRequest, PasswordResetRequest } from '../http/schemas.js';
import { passwordMatches, setPassword } from './accounts.js';
import type { LoginThrottle } from './loginThrottle.js';

export interface AccountRouteOptions {
  db: SqlClient;
  now: Clock;
  /** The login's throttle: a wrong current password is a guess like a wrong login. */
  throttle: LoginThrottle;
  requireAccount: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  /** The bearer token of the request, whose session outlives the change. */
  token: (req: FastifyRequest) => string | null;
}

export function rateLimited(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  return reply.code(429).header('retry-after', String(retryAfterSeconds)).send({ error: 'rate-limited' } satisfies ApiError);
}

function weakPassword(reply: FastifyReply, password: string, username: string): boolean {
  const problem = passwordProblem(password, username);
  if (problem === null) return false;
  void reply.code(400).send({ error: 'invalid-request', issues: [{ path: 'newPassword', message: problem }] } satisfies ApiError);
  return true;
}

/**
 * Passwords without SQL: every account changes its own (knowing the current one), an admin sets
 * anyone's (a forgotten password, a leaver). Either way the account's other sessions end, so
 * whoever else knew the old password is out. Logs name account ids, never a password.
 */
export function registerAccountRoutes(app: FastifyInstance, options: AccountRouteOptions): void {
  const { db, now, throttle, requireAccount, token } = options;

  app.post('/api/v1/auth/password', { preHandler: requireAccount }, async (req, reply) => {
    const parsed = PasswordChangeRequest.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(invalidRequest(parsed.error));
    const account = req.account!;
    const gate = throttle.begin(account.username, req.ip, now().getTime());
    if (!gate.allowed) return rateLimited(reply, gate.retryAfterSeconds);
    if (!(await passwordMatches(db, account.id, parsed.data.currentPassword))) {
      return reply.code(403).send({ error: 'wrong-password' } satisfies ApiError);
    }
    gate.attempt.succeeded();
    if (weakPassword(reply, parsed.data.newPassword, account.username)) return reply;
    const changed = await setPassword(db, { id: account.id }, parsed.data.newPassword, token(req));
    if (!changed) return reply.code(401).send({ error: 'unauthorized' } satisfies ApiError);
    req.log.info({ accountId: account.id, sessionsEnded: changed.sessionsEnded }, 'password changed');
    return reply.code(204).send();
  });

  app.post('/api/v1/admin/accounts/:username/password', { preHandler: requireAccount }, async (req, reply) => {
    const admin = req.account!;
    if (admin.role !== 'admin') return reply.code(403).send({ error: 'forbidden' } satisfies ApiError);
    const params = AccountParams.safeParse(req.params);
    if (!params.success) return reply.code(400).send(invalidRequest(params.error));
    const body = PasswordResetRequest.safeParse(req.body);
    if (!body.success) return reply.code(400).send(invalidRequest(body.error));
    const username = params.data.username.toLowerCase();
    if (weakPassword(reply, body.data.newPassword, username)) return reply;
    // The admin's own token matches none of another account's sessions; on their own account it keeps theirs.
    const reset = await setPassword(db, { username }, body.data.newPassword, token(req));
    if (!reset) return reply.code(404).send({ error: 'not-found' } satisfies ApiError);
    throttle.clear(username);
    req.log.info({ accountId: reset.id, by: admin.id, sessionsEnded: reset.sessionsEnded }, 'password reset by an admin');
    return reply.code(204).send();
  });
}
