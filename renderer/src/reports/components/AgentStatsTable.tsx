import { useTranslation } from 'react-i18next';
import type { AgentStatsRow } from '../../../../core/queueStats.js';
import type { Language } from '../../shared/i18n/resources.js';
import { formatCount } from '../../shared/i18n/format.js';
import { formatMmSs, formatPercent, pauseReasonLabel } from '../../wallboard/index.js';
import { formatHoursMinutes, pausedColumn, pauseReasons, sortAgentStats, type AgentColumn, type AgentStatsSort } from '../agentStatsTable.js';

export interface AgentStatsTableProps {
  agents: readonly AgentStatsRow[];
  sort: AgentStatsSort;
  onSort: (column: AgentColumn) => void;
  lng: Language;
}

type Column = { column: AgentColumn; label: string; title?: string; cell: (row: AgentStatsRow) => string };

/** Each agent's calls and time over the period, one column per pause reason; headers sort. */
export function AgentStatsTable({ agents, sort, onSort, lng }: AgentStatsTableProps) {
  const { t } = useTranslation();
  const average = (sec: number | null) => (sec === null ? '—' : formatMmSs(Math.round(sec)));
  const columns: Column[] = [
    { column: 'answered', label: t('reports.agentStats.column.answered'), cell: (r) => formatCount(r.answered, lng) },
    { column: 'avgTalkSec', label: t('reports.agentStats.column.avgTalk'), cell: (r) => average(r.avgTalkSec) },
    { column: 'ringNoAnswers', label: t('reports.agentStats.column.ringNoAnswers'), cell: (r) => formatCount(r.ringNoAnswers, lng) },
    {
      column: 'loggedInSec',
      label: t('reports.agentStats.column.loggedIn'),
      title: t('reports.agentStats.columnTitle.loggedIn'),
      cell: (r) => formatHoursMinutes(r.loggedInSec),
    },
    { column: 'onCallSec', label: t('reports.agentStats.column.onCall'), cell: (r) => formatHoursMinutes(r.onCallSec) },
    { column: 'wrapUpSec', label: t('reports.agentStats.column.wrapUp'), cell: (r) => formatHoursMinutes(r.wrapUpSec) },
    ...pauseReasons(agents).map(
      (reason): Column => ({
        column: pausedColumn(reason),
        label: t('reports.agentStats.column.paused', { reason: reason === '' ? t('reports.agentStats.noReason') : pauseReasonLabel(reason, lng) }),
        cell: (r) => formatHoursMinutes(r.pausedSec[reason] ?? 0),
      }),
    ),
    {
      column: 'occupancyPct',
      label: t('reports.agentStats.column.occupancy'),
      title: t('reports.agentStats.columnTitle.occupancy'),
      cell: (r) => formatPercent(r.occupancyPct, lng),
    },
  ];
  const rows = sortAgentStats(agents, sort);

  const header = (column: AgentColumn, label: string, title?: string, numeric = true) => {
    const active = sort.column === column;
    return (
      <th
        key={column}
        scope="col"
        className={numeric ? 'num' : undefined}
        title={title}
        aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
        data-column={column}
      >
        <button type="button" className="qs-sort" aria-label={t('reports.agentStats.sortBy', { column: label })} onClick={() => onSort(column)}>
          {label}
          <span aria-hidden="true" className="qs-sort-arrow">
            {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="reports-table-wrap qs-table-wrap">
      <table className="report-table qs-table" data-testid="agent-stats-table" data-sort={`${sort.column}:${sort.dir}`}>
        <thead>
          <tr>
            {header('name', t('reports.agentStats.column.name'), undefined, false)}
            {columns.map((c) => header(c.column, c.label, c.title))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length + 1} className="muted">
                {t('reports.agentStats.empty')}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.agent} data-testid="agent-stats-row" data-agent={row.agent}>
                <th scope="row" title={row.agent} data-testid="agent-stats-name">
                  {row.name}
                </th>
                {columns.map((c) => (
                  <td key={c.column} className="num" data-column={c.column}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
