import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { AgentRow, AgentState, WallboardSettings } from '../../../../core/queue.js';
import { VirtualList } from '../../shared/ui/VirtualList.js';
import { displayName, filterAgents, sortAgents, type AgentFilter, type AgentSort, type AgentSortKey } from '../agentSort.js';
import { formatCount, formatDurationSec, type WallboardLanguage } from '../format.js';
import { pauseReasonLabel, type WallboardKey, type WallboardT } from '../i18n.js';
import type { QueueActions } from '../queueActions.js';
import { AGENT_STATES, isPaused, secondsSince } from '../queueFigures.js';
import { AgentActions, AgentActionsMenu } from './AgentActions.js';
import { useNow } from './hooks.js';
import { StateBadge } from './StateBadge.js';

// 500 agents are 500 rows of controls: only the rows in view exist (VirtualList), each row is
// memoised on its AgentRow object (a delta keeps an unchanged row's object), and the one thing
// that moves every second, the time in state, is a cell of its own that follows the clock.

/** Row heights in pixels: the same as `.wb-agent-row` in wallboard.css (normal and TV). */
const ROW_HEIGHT = 40;
const TV_ROW_HEIGHT = 64;
/** The compact view's rows (`.wb-agents--compact .wb-agent-row`): 50 agents on a 1080p screen. */
const COMPACT_ROW_HEIGHT = 16;
/**
 * From this much room for the table on (a 1080p screen gives about 950 px, 1366×768 about 600),
 * the compact view is the default: thin rows, each row's commands behind its "⋯" button.
 */
const COMPACT_FROM_HEIGHT = 800;
const LIST_ID = 'agent-table';

export interface AgentTableProps {
  agents: readonly AgentRow[];
  queues: readonly string[];
  settings: WallboardSettings;
  sort: AgentSort;
  onSort: (key: AgentSortKey) => void;
  filter: AgentFilter;
  onFilter: (change: Partial<AgentFilter>) => void;
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
      {withActions ? <div role="columnheader">{t('agents.actions')}</div> : <div role="columnheader">{t('agents.queues')}</div>}
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
  compact: boolean;
  index: number;
  active: boolean;
  rowId: string;
  queues: readonly string[];
  settings: WallboardSettings;
  actions: QueueActions | null;
  t: WallboardT;
  lng: WallboardLanguage;
}

const AgentRowView = memo(function AgentRowView({ row, compact, index, active, rowId, queues, settings, actions, t, lng }: AgentRowViewProps) {
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
      <div role="rowheader" className="wb-agent-name" title={compact ? row.interface : undefined}>
        <span data-testid="agent-name">{displayName(row)}</span>
        {!compact && <span className="wb-agent-interface">{row.interface}</span>}
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
      {/* With commands, the queues are the "Kuyruklar" button's (its title names them): room for the commands at 1280 px. */}
      {actions && compact ? (
        <div role="gridcell">
          <AgentActionsMenu row={row} queues={queues} settings={settings} actions={actions} t={t} lng={lng} />
        </div>
      ) : actions ? (
        <div role="gridcell">
          <AgentActions row={row} queues={queues} settings={settings} actions={actions} t={t} lng={lng} />
        </div>
      ) : (
        <div role="gridcell" className="wb-agent-queues">
          {row.queues.join(', ')}
        </div>
      )}
    </div>
  );
});

/** The fewest pixels the table is given, whatever the window: a few rows and the header. */
const MIN_TABLE_HEIGHT = 320;

/** The element that scrolls the page around `el` (the app's content pane), or the document's. */
function scrollParentOf(el: HTMLElement): HTMLElement {
  for (let parent = el.parentElement; parent; parent = parent.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(parent).overflowY)) return parent;
  }
  return document.documentElement;
}

/**
 * The table's height: what the page's scroll pane shows, less the section's own head, so once
 * scrolled to, the table takes the screen (a fixed box in vh was either cut by the app's header or
 * two rows tall). Follows the window and the pane as they resize; null before the first layout.
 */
function useFillHeight(section: RefObject<HTMLElement | null>, box: RefObject<HTMLElement | null>, shown: boolean): number | null {
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const own = section.current;
    const table = box.current;
    if (!own || !table) return;
    const pane = scrollParentOf(own);
    const measure = () => {
      const visible = pane === document.documentElement ? window.innerHeight : pane.clientHeight;
      const chrome = own.offsetHeight - table.offsetHeight;
      setHeight(Math.max(MIN_TABLE_HEIGHT, Math.floor(visible - chrome - 8)));
    };
    measure();
    // The section's head changes too (a hint appears, filters wrap): the table's share is measured again.
    const observer = new ResizeObserver(measure);
    observer.observe(pane);
    observer.observe(own);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [section, box, shown]);
  return height;
}

/** Which agents the table shows: one queue's members, agents in one state. */
/** "Sık görünüm": on by default when the table has room for it (COMPACT_FROM_HEIGHT), a lead's choice after. */
function CompactSwitch({ compact, onChange, t }: { compact: boolean; onChange: (compact: boolean) => void; t: WallboardT }) {
  return (
    <button type="button" className="wb-compact-button" data-testid="agent-compact" aria-pressed={compact} title={t('agents.compactHint')} onClick={() => onChange(!compact)}>
      {t('agents.compact')}
    </button>
  );
}

function AgentFilters({ queues, filter, onFilter, t }: { queues: readonly string[]; filter: AgentFilter; onFilter: (change: Partial<AgentFilter>) => void; t: WallboardT }) {
  return (
    <div className="wb-agent-filters" role="group" aria-label={t('agents.filters')}>
      <label className="wb-inline-field">
        {t('agents.filterQueue')}
        <select data-testid="agent-filter-queue" value={filter.queue ?? ''} onChange={(e) => onFilter({ queue: e.target.value === '' ? null : e.target.value })}>
          <option value="">{t('agents.allQueues')}</option>
          {queues.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
      </label>
      <label className="wb-inline-field">
        {t('agents.filterState')}
        <select
          data-testid="agent-filter-state"
          value={filter.state ?? ''}
          onChange={(e) => onFilter({ state: e.target.value === '' ? null : (e.target.value as AgentState) })}
        >
          <option value="">{t('agents.allStates')}</option>
          {AGENT_STATES.map((state) => (
            <option key={state} value={state}>
              {t(`states.${state}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** Every agent: state with pause reason, time in state counting up, calls answered and rung unanswered. */
export const AgentTable = memo(function AgentTable({ agents, queues, settings, sort, onSort, filter, onFilter, actions, tv, t, lng }: AgentTableProps) {
  // A queue that went away (or a filter from before a restart) filters nothing rather than everything.
  const shown = useMemo(() => filterAgents(agents, { ...filter, queue: filter.queue !== null && queues.includes(filter.queue) ? filter.queue : null }), [agents, filter, queues]);
  // Sorting by time depends on the clock, but every agent's time moves together: the order does not.
  const rows = useMemo(() => sortAgents(shown, sort), [shown, sort]);
  const filtered = shown !== agents;
  const section = useRef<HTMLElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // The table's box exists once there are agents (before, a line says there are none).
  const height = useFillHeight(section, box, agents.length > 0);
  // null: as the room says; a lead's click on "Sık görünüm" decides after. Never on a TV (its rows are large).
  const [compactChoice, setCompactChoice] = useState<boolean | null>(null);
  const compact = !tv && (compactChoice ?? (height !== null && height >= COMPACT_FROM_HEIGHT));
  // Enter on a row takes the keyboard to its first command, so a lead need not tab through 500 rows.
  const enterRow = useCallback((index: number) => {
    document.getElementById(`${LIST_ID}-row-${index}`)?.querySelector<HTMLElement>('select:not(:disabled), button:not(:disabled), summary')?.focus();
  }, []);

  return (
    <section ref={section} className={compact ? 'wb-agents wb-agents--compact' : 'wb-agents'} data-compact={compact} aria-label={t('agents.title')} data-sort={`${sort.key}-${sort.dir}`}>
      <header className="wb-section-head">
        <h2>{t('agents.title')}</h2>
        <AgentFilters queues={queues} filter={filter} onFilter={onFilter} t={t} />
        {!tv && <CompactSwitch compact={compact} onChange={setCompactChoice} t={t} />}
        <span className="wb-muted" data-testid="agent-count">
          {filtered ? t('agents.countFiltered', { shown: rows.length, count: agents.length }) : t('agents.count', { count: agents.length })}
        </span>
      </header>
      {actions && settings.spyPhone !== true && (
        <p className="wb-muted wb-spy-unavailable" data-testid="spy-unavailable">
          {t('spy.noPhone')}
        </p>
      )}
      {agents.length === 0 ? (
        <p className="wb-muted">{t('agents.empty')}</p>
      ) : (
        // On a 1080p TV the box is what the screen leaves it (wallboard.css overrides this height): the board is one screen.
        <div ref={box} className={actions && !compact ? 'wb-table-scroll wb-table-scroll--actions' : 'wb-table-scroll'} style={height === null ? undefined : { height }}>
          <VirtualList
            id={LIST_ID}
            testId="agent-table"
            label={t('agents.title')}
            total={rows.length}
            rowHeight={tv ? TV_ROW_HEIGHT : compact ? COMPACT_ROW_HEIGHT : ROW_HEIGHT}
            overscan={6}
            header={<AgentHeader sort={sort} onSort={onSort} withActions={actions !== null} t={t} />}
            resetKey={`${sort.key}-${sort.dir}-${filter.queue ?? ''}-${filter.state ?? ''}`}
            onActivate={enterRow}
            renderRow={(index, active, rowId) => (
              <AgentRowView key={rows[index]!.interface} row={rows[index]!} compact={compact} index={index} active={active} rowId={rowId} queues={queues} settings={settings} actions={actions} t={t} lng={lng} />
            )}
          />
        </div>
      )}
    </section>
  );
});
