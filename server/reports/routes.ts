import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../auth/roles.js';
import type { SqlClient } from '../db/sqlClient.js';
import { invalidRequest, type ApiError } from '../http/errors.js';
import { MonthlyReportQuery, monthlyReport, monthlyReportCsv } from './monthly.js';

/** Monthly reports go to every directorate through team leads (DOMAIN.md); admins too. */
export function mayReadReports(account: Account): boolean {
  return account.role === 'team-lead' || account.role === 'admin';
}

export function registerReportRoutes(
  app: FastifyInstance,
  options: { db: SqlClient; requireAccount: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown> },
): void {
  app.get('/api/v1/reports/monthly', { preHandler: options.requireAccount }, async (req, reply) => {
    if (!mayReadReports(req.account!)) return reply.code(403).send({ error: 'forbidden' } satisfies ApiError);
    const parsed = MonthlyReportQuery.safeParse(req.query);
    if (!parsed.success) return reply.code(400).send(invalidRequest(parsed.error));
    const report = await monthlyReport(options.db, parsed.data);
    if (parsed.data.format === 'json') return report;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="alo153-${report.month}-${report.by}.csv"`)
      .send(monthlyReportCsv(report));
  });
}
