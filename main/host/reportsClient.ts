import { MonthlyReport, type ReportGrouping } from '../../core/report.js';
import { SyncFailure } from '../../sync/client/httpTransport.js';

const TIMEOUT_MS = 15_000;

/**
 * The central server's monthly report for a team lead's desk. The token stays in the host; the
 * UI asks through the contract. JSON answers are checked against the shared schema.
 */
export async function fetchMonthlyReport(
  serverUrl: string,
  token: string,
  query: { month: string; by: ReportGrouping; format: 'json' | 'csv' },
): Promise<MonthlyReport | string> {
  const url = new URL(`${serverUrl}/api/v1/reports/monthly`);
  url.searchParams.set('month', query.month);
  url.searchParams.set('by', query.by);
  url.searchParams.set('format', query.format);
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new SyncFailure('unreachable', 'report request failed');
  }
  if (response.status === 401) throw new SyncFailure('unauthorized', 'report: login expired');
  if (!response.ok) throw new SyncFailure('server-error', `report: HTTP ${response.status}`);
  if (query.format === 'csv') return response.text();
  const parsed = MonthlyReport.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new SyncFailure('server-error', 'report: unexpected answer');
  return parsed.data;
}
