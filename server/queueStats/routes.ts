import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SqlClient } from '../db/sqlClient.js';
import { invalidRequest, type ApiError } from '../http/errors.js';
import { mayReadReports } from '../reports/routes.js';
import { caseFigures } from './caseFigures.js';
import { AgentStatsQuery, QueueStatsQuery, agentStats, agentStatsCsv, queueStats, queueStatsCsv, type OpenAgentTime } from './report.js';

/** Queue and agent statistics: team leads and admins, as the monthly report (reports/routes.ts). */
export function registerQueueStatsRoutes(
  app: FastifyInstance,
  options: {
    db: SqlClient;
    requireAccount: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
    now: () => Date;
    /** The collectors' agent states still open (server/queueStats/collector.ts), so today counts the state an agent is in now. */
    openAgentTime?: () => OpenAgentTime;
  },
): void {
  const csv = (reply: FastifyReply, name: string, body: string) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(body);

  app.get('/api/v1/queue-stats', { preHandler: options.requireAccount }, async (req, reply) => {
    if (!mayReadReports(req.account!)) return reply.code(403).send({ error: 'forbidden' } satisfies ApiError);
    const parsed = QueueStatsQuery.safeParse(req.query);
    if (!parsed.success) return reply.code(400).send(invalidRequest(parsed.error));
    const report = await queueStats(options.db, parsed.data);
    if (parsed.data.format === 'json') return report;
    return csv(reply, `alo153-kuyruk-${report.from}-${report.to}-${report.interval}`, queueStatsCsv(report));
  });

  // What today's calls became (the case-aware wallboard), read every half minute by team leads' boards.
  app.get('/api/v1/case-stats/today', { preHandler: options.requireAccount }, async (req, reply) => {
    if (!mayReadReports(req.account!)) return reply.code(403).send({ error: 'forbidden' } satisfies ApiError);
    return caseFigures(options.db, options.now());
  });

  app.get('/api/v1/agent-stats', { preHandler: options.requireAccount }, async (req, reply) => {
    if (!mayReadReports(req.account!)) return reply.code(403).send({ error: 'forbidden' } satisfies ApiError);
    const parsed = AgentStatsQuery.safeParse(req.query);
    if (!parsed.success) return reply.code(400).send(invalidRequest(parsed.error));
    const report = await agentStats(options.db, parsed.data, options.openAgentTime?.() ?? [], options.now().getTime());
    if (parsed.data.format === 'json') return report;
    return csv(reply, `alo153-temsilci-${report.from}-${report.to}`, agentStatsCsv(report));
  });
}
