import type { DeskRole } from '../../core/contract.js';
import { AgentStatsReport, QueueStatsReport, type StatsInterval } from '../../core/queueStats.js';
import type { CentralApi } from './centralApi.js';
import { RequestError, type Handlers } from './dispatch.js';

type QueueStatsHandlers = Pick<Handlers, 'reports.queueStats' | 'reports.queueStatsCsv' | 'reports.agentStats' | 'reports.agentStatsCsv'>;

export interface QueueStatsReportDeps {
  /** The central server with this desk's session (syncService's). */
  api: CentralApi;
  role: DeskRole;
}

interface Period {
  from: string;
  to: string;
}
type QueueQuery = Period & { interval: StatsInterval; queue?: string | undefined };

/**
 * The team lead's queue and agent statistics: the central server's /queue-stats and /agent-stats
 * (server/queueStats/routes.ts), as the monthly report goes (syncService.ts): a desk that is not a
 * team lead's is refused before the round trip, and the server refuses any account but a lead's
 * or an admin's; every failure is the central API's error (offline, signed out, forbidden…).
 */
export function createQueueStatsReportHandlers(deps: QueueStatsReportDeps): QueueStatsHandlers {
  const { api } = deps;
  const path = (route: 'queue-stats' | 'agent-stats', query: Record<string, string | undefined>, format: 'json' | 'csv') => {
    if (deps.role !== 'team-lead') throw new RequestError({ code: 'forbidden', message: 'Reports are for team leads' });
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...query, format })) if (value !== undefined) params.set(key, value);
    return `/api/v1/${route}?${params.toString()}`;
  };
  const queuePath = ({ from, to, interval, queue }: QueueQuery, format: 'json' | 'csv') => path('queue-stats', { from, to, interval, queue }, format);
  const agentPath = ({ from, to }: Period, format: 'json' | 'csv') => path('agent-stats', { from, to }, format);

  return {
    'reports.queueStats': (query) => api.json(QueueStatsReport, 'GET', queuePath(query, 'json')),
    'reports.queueStatsCsv': async (query) => ({
      fileName: `alo153-kuyruk-${query.from}-${query.to}-${query.interval}${query.queue === undefined ? '' : `-${query.queue}`}.csv`,
      csv: await api.text(queuePath(query, 'csv')),
    }),
    'reports.agentStats': (query) => api.json(AgentStatsReport, 'GET', agentPath(query, 'json')),
    'reports.agentStatsCsv': async (query) => ({
      fileName: `alo153-temsilci-${query.from}-${query.to}.csv`,
      csv: await api.text(agentPath(query, 'csv')),
    }),
  };
}
