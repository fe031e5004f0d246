import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SqlClient } from '../db/sqlClient.js';
import { invalidRequest, type ApiError } from '../http/errors.js';
import { mayReadReports } from '../reports/routes.js';
import type { CaseFigures } from '../../core/queueStats.js';
import { caseFigures } from './caseFigures.js';

/** How long one read of the case figures answers every board that asks. */
const CASE_FIGURES_FRESH_MS = 20_000;
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

  // What today's calls became (the case-aware wallboard), read every half minute by every team
  // lead's board and TV: one read serves them all for CASE_FIGURES_FRESH_MS (the repeat-call count
  // looks at every call of the day, ~0.6 s at 100 000 calls: bench:queue-reports).
  let cached: { at: number; figures: Promise<CaseFigures> } | null = null;
  app.get('/api/v1/case-stats/today', { preHandler: options.requireAccount }, async (req, reply) => {
    if (!mayReadReports(req.account!)) return reply.code(403).send({ error: 'forbidden' } satisfies ApiError);
    const now = options.now();
    if (cached === null || now.getTime() - cached.at >= CASE_FIGURES_FRESH_MS || now.getTime() < cached.at) {
      const figures = caseFigures(options.db, now);
      cached = { at: now.getTime(), figures };
      // A failed read is not kept: the next request tries again.
      figures.catch(() => {
        if (cached?.figures === figures) cached = null;
      });
    }
    return cached.figures;
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
