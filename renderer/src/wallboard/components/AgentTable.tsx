import { useMemo } from 'react';
import type { AgentRow, WallboardSettings } from '../../../../core/queue.js';
import { displayName, sortAgents, type AgentSort, type AgentSortKey } from '../agentSort.js';
import { formatCount, formatDurationSec, type WallboardLanguage } from '../format.js';
import { pauseReasonLabel, type WallboardKey, type WallboardT } from '../i18n.js';
import type { QueueActions } from '../queueActions.js';
import { isPaused, secondsSince } from '../queueFigures.js';
import { AgentActions } from './AgentActions.js';
import { StateBadge } from './StateBadge.js';

export interface AgentTableProps {
  agents: readonly AgentRow[];
  queues: readonly string[];
  settings: WallboardSettings;
  sort: AgentSort;
  onSort: (key: AgentSortKey) => void;
  now: number;
  /** null: no commands (TV view, or a desk that may not give them). */
  actions: QueueActions | null;
  t: WallboardT;
  lng: WallboardLanguage;
}

const SORTABLE: { key: AgentSortKey; label: WallboardKey }[] = [
  { key: 'name', label: 'agents.name' },
  { key: 'state', label: 'agents.state' },
  { key: 'time', label: 'agents.timeInState' },
];

function SortHeader({ column, sort, onSort, t }: { column: (typeof SORTABLE)[number]; sort: AgentSort; onSort: (k: AgentSortKey) => void; t: WallboardT }) {
  const active = sort.key === column.key;
  const label = t(column.label);
  return (
    <th scope="col" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="wb-sort" data-testid={`sort-${column.key}`} title={t('agents.sortBy', { column: label })} onClick={() => onSort(column.key)}>
        {label}
        <span aria-hidden="true" className="wb-sort-arrow">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** Every agent: state with pause reason, time in state counting up, calls answered and rung unanswered. */
export function AgentTable({ agents, queues, settings, sort, onSort, now, actions, t, lng }: AgentTableProps) {
  // Sorting by time depends on the clock, but every agent's time moves together: the order does not.
  const rows = useMemo(() => sortAgents(agents, sort), [agents, sort]);
  const [nameCol, stateCol, timeCol] = SORTABLE as [(typeof SORTABLE)[number], (typeof SORTABLE)[number], (typeof SORTABLE)[number]];

  return (
    <section className="wb-agents" aria-label={t('agents.title')}>
      <header className="wb-section-head">
        <h2>{t('agents.title')}</h2>
        <span className="wb-muted" data-testid="agent-count">
          {t('agents.count', { count: agents.length })}
        </span>
      </header>
      {agents.length === 0 ? (
        <p className="wb-muted">{t('agents.empty')}</p>
      ) : (
        <div className="wb-table-scroll">
          <table className="wb-agent-table" data-testid="agent-table" data-sort={`${sort.key}-${sort.dir}`}>
            <thead>
              <tr>
                <SortHeader column={nameCol} sort={sort} onSort={onSort} t={t} />
                <SortHeader column={stateCol} sort={sort} onSort={onSort} t={t} />
                <SortHeader column={timeCol} sort={sort} onSort={onSort} t={t} />
                <th scope="col" className="wb-num-col">
                  {t('agents.answered')}
                </th>
                <th scope="col" className="wb-num-col" title={t('agents.ringNoAnswerHint')}>
                  {t('agents.ringNoAnswer')}
                </th>
                <th scope="col">{t('agents.queues')}</th>
                {actions && <th scope="col">{t('agents.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const paused = isPaused(row);
                return (
                  <tr key={row.interface} data-testid="agent-row" data-interface={row.interface} data-state={row.state} className={`wb-agent-row wb-agent-row--${row.state}`}>
                    <th scope="row" className="wb-agent-name">
                      <span data-testid="agent-name">{displayName(row)}</span>
                      <span className="wb-agent-interface">{row.interface}</span>
                    </th>
                    <td data-testid="agent-state" data-state={row.state} data-paused={paused}>
                      <StateBadge state={row.state} t={t} />
                      {row.pauseReason !== null && (
                        <span className="wb-pause-reason" data-testid="agent-pause-reason">
                          {row.state === 'paused' || !paused
                            ? pauseReasonLabel(row.pauseReason, lng)
                            : t('agents.pausedWith', { reason: pauseReasonLabel(row.pauseReason, lng) })}
                        </span>
                      )}
                    </td>
                    <td className="wb-num" data-testid="agent-time-in-state">
                      {formatDurationSec(secondsSince(row.stateSince, now))}
                    </td>
                    <td className="wb-num wb-num-col" data-testid="agent-answered">
                      {formatCount(row.callsAnswered, lng)}
                    </td>
                    <td className="wb-num wb-num-col" data-testid="agent-ring-no-answer" data-nonzero={row.ringNoAnswer > 0}>
                      {formatCount(row.ringNoAnswer, lng)}
                    </td>
                    <td className="wb-agent-queues">{row.queues.join(', ')}</td>
                    {actions && (
                      <td>
                        <AgentActions row={row} queues={queues} settings={settings} actions={actions} t={t} lng={lng} />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
