import { memo, useCallback, useMemo } from 'react';
import type { AgentRow, WallboardSettings } from '../../../../core/queue.js';
import { VirtualList } from '../../shared/ui/VirtualList.js';
import { displayName, sortAgents, type AgentSort, type AgentSortKey } from '../agentSort.js';
import { formatCount, formatDurationSec, type WallboardLanguage } from '../format.js';
import { pauseReasonLabel, type WallboardKey, type WallboardT } from '../i18n.js';
import type { QueueActions } from '../queueActions.js';
import { isPaused, secondsSince } from '../queueFigures.js';
import { AgentActions } from './AgentActions.js';
import { useNow } from './hooks.js';
import { StateBadge } from './StateBadge.js';

// 500 agents are 500 rows of controls: only the rows in view exist (VirtualList), each row is
// memoised on its AgentRow object (a delta keeps an unchanged row's object), and the one thing
// that moves every second, the time in state, is a cell of its own that follows the clock.

/** Row heights in pixels: the same as `.wb-agent-row` in wallboard.css (normal and TV). */
const ROW_HEIGHT = 44;
const TV_ROW_HEIGHT = 64;
const LIST_ID = 'agent-table';

export interface AgentTableProps {
  agents: readonly AgentRow[];
  queues: readonly string[];
  settings: WallboardSettings;
  sort: AgentSort;
  onSort: (key: AgentSortKey) => void;
  /** null: no commands (TV view, or a desk that may not give them). */
  actions: QueueActions | null;
  tv: boolean;
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
    <div role="columnheader" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="wb-sort" data-testid={`sort-${column.key}`} title={t('agents.sortBy', { column: label })} onClick={() => onSort(column.key)}>
        {label}
        <span aria-hidden="true" className="wb-sort-arrow">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </div>
  );
}

function AgentHeader({ sort, onSort, withActions, t }: { sort: AgentSort; onSort: (k: AgentSortKey) => void; withActions: boolean; t: WallboardT }) {
  return (
    <div role="row" aria-rowindex={1} className="wb-agent-grid wb-agent-head">
      {SORTABLE.map((column) => (
        <SortHeader key={column.key} column={column} sort={sort} onSort={onSort} t={t} />
      ))}
      <div role="columnheader" className="wb-num-col">
        {t('agents.answered')}
      </div>
      <div role="columnheader" className="wb-num-col" title={t('agents.ringNoAnswerHint')}>
        {t('agents.ringNoAnswer')}
      </div>
      <div role="columnheader">{t('agents.queues')}</div>
      {withActions && <div role="columnheader">{t('agents.actions')}</div>}
    </div>
  );
}

/** Counts up on its own: the row around it does not re-render every second. */
function TimeInState({ since }: { since: number }) {
  const now = useNow();
  return <>{formatDurationSec(secondsSince(since, now))}</>;
}

interface AgentRowViewProps {
  row: AgentRow;
  index: number;
  active: boolean;
  rowId: string;
  queues: readonly string[];
  settings: WallboardSettings;
  actions: QueueActions | null;
  t: WallboardT;
  lng: WallboardLanguage;
}

const AgentRowView = memo(function AgentRowView({ row, index, active, rowId, queues, settings, actions, t, lng }: AgentRowViewProps) {
  const paused = isPaused(row);
  return (
    <div
      role="row"
      id={rowId}
      aria-rowindex={index + 2}
      aria-selected={active}
      data-testid="agent-row"
      data-interface={row.interface}
      data-state={row.state}
      className={`wb-agent-grid wb-agent-row wb-agent-row--${row.state}${active ? ' wb-agent-row--active' : ''}`}
    >
      <div role="rowheader" className="wb-agent-name">
        <span data-testid="agent-name">{displayName(row)}</span>
        <span className="wb-agent-interface">{row.interface}</span>
      </div>
      <div role="gridcell" data-testid="agent-state" data-state={row.state} data-paused={paused}>
        <StateBadge state={row.state} t={t} />
        {row.pauseReason !== null && (
          <span className="wb-pause-reason" data-testid="agent-pause-reason">
            {row.state === 'paused' || !paused ? pauseReasonLabel(row.pauseReason, lng) : t('agents.pausedWith', { reason: pauseReasonLabel(row.pauseReason, lng) })}
          </span>
        )}
      </div>
      <div role="gridcell" className="wb-num" data-testid="agent-time-in-state">
        <TimeInState since={row.stateSince} />
      </div>
      <div role="gridcell" className="wb-num wb-num-col" data-testid="agent-answered">
        {formatCount(row.callsAnswered, lng)}
      </div>
      <div role="gridcell" className="wb-num wb-num-col" data-testid="agent-ring-no-answer" data-nonzero={row.ringNoAnswer > 0}>
        {formatCount(row.ringNoAnswer, lng)}
      </div>
      <div role="gridcell" className="wb-agent-queues">
        {row.queues.join(', ')}
      </div>
      {actions && (
        <div role="gridcell">
          <AgentActions row={row} queues={queues} settings={settings} actions={actions} t={t} lng={lng} />
        </div>
      )}
    </div>
  );
});

/** Every agent: state with pause reason, time in state counting up, calls answered and rung unanswered. */
export const AgentTable = memo(function AgentTable({ agents, queues, settings, sort, onSort, actions, tv, t, lng }: AgentTableProps) {
  // Sorting by time depends on the clock, but every agent's time moves together: the order does not.
  const rows = useMemo(() => sortAgents(agents, sort), [agents, sort]);
  // Enter on a row takes the keyboard to its first command, so a lead need not tab through 500 rows.
  const enterRow = useCallback((index: number) => {
    document.getElementById(`${LIST_ID}-row-${index}`)?.querySelector<HTMLElement>('select:not(:disabled), button:not(:disabled), summary')?.focus();
  }, []);

  return (
    <section className="wb-agents" aria-label={t('agents.title')} data-sort={`${sort.key}-${sort.dir}`}>
      <header className="wb-section-head">
        <h2>{t('agents.title')}</h2>
        <span className="wb-muted" data-testid="agent-count">
          {t('agents.count', { count: agents.length })}
        </span>
      </header>
      {agents.length === 0 ? (
        <p className="wb-muted">{t('agents.empty')}</p>
      ) : (
        <div className={actions ? 'wb-table-scroll wb-table-scroll--actions' : 'wb-table-scroll'}>
          <VirtualList
            id={LIST_ID}
            testId="agent-table"
            label={t('agents.title')}
            total={rows.length}
            rowHeight={tv ? TV_ROW_HEIGHT : ROW_HEIGHT}
            overscan={6}
            header={<AgentHeader sort={sort} onSort={onSort} withActions={actions !== null} t={t} />}
            resetKey={`${sort.key}-${sort.dir}`}
            onActivate={enterRow}
            renderRow={(index, active, rowId) => (
              <AgentRowView key={rows[index]!.interface} row={rows[index]!} index={index} active={active} rowId={rowId} queues={queues} settings={settings} actions={actions} t={t} lng={lng} />
            )}
          />
        </div>
      )}
    </section>
  );
});
