import { useCallback, useMemo, useRef } from 'react';
import type { AgentFilter, AgentSortKey } from '../agentSort.js';
import { formatClock } from '../format.js';
import { knownQueues, totalsOf } from '../queueFigures.js';
import { selectAgents, selectHistory, selectLoadError, selectMemberChange, selectPartialDaySince, selectSettings, selectStatus, selectTiles } from '../queueStore.js';
import { agentFilterChanged, chartQueueChosen, selectAgentFilter, selectChartQueue, selectSort, selectWindow, sortClicked, windowChosen } from '../viewStore.js';
import { ActionError } from './ActionError.js';
import { AgentTable } from './AgentTable.js';
import { CaseFiguresPanel } from './CaseFiguresPanel.js';
import { IncidentsPanel } from './IncidentsPanel.js';
import { useNow, useQueue, useView, useWallboardText } from './hooks.js';
import { QueueChart } from './QueueChart.js';
import { QueueTileCard } from './QueueTileCard.js';
import { TotalsBand } from './TotalsBand.js';
import { useTvMode } from './useTvMode.js';
import { useWallboard } from './WallboardContext.js';
import { WindowSwitch } from './WindowSwitch.js';

export interface WallboardScreenProps {
  /** No commands on agents (a desk that only watches). The TV view never shows them. */
  readOnly?: boolean;
  /**
   * The server's TV page (renderer/src/tv): always the TV view, with no button to leave it (full
   * screen is the browser's: F11, or kiosk mode), and never a command.
   */
  tvOnly?: boolean;
}

/** The team lead's wallboard: queue tiles, the last hour's chart, the agents and their commands. */
export function WallboardScreen({ readOnly = false, tvOnly = false }: WallboardScreenProps) {
  const wallboard = useWallboard();
  const { t, lng } = useWallboardText();
  const root = useRef<HTMLDivElement>(null);
  const { tv, enter, leave } = useTvMode(root, tvOnly);
  const now = useNow();

  const status = useQueue(selectStatus);
  const loadError = useQueue(selectLoadError);
  const receivedAt = useQueue((s) => s.receivedAt);
  const tiles = useQueue(selectTiles);
  const agents = useQueue(selectAgents);
  const history = useQueue(selectHistory);
  const settings = useQueue(selectSettings);
  const partialDaySince = useQueue(selectPartialDaySince);
  const memberChange = useQueue(selectMemberChange);
  const window = useView(selectWindow);
  const sort = useView(selectSort);
  const agentFilter = useView(selectAgentFilter);
  const chartQueue = useView(selectChartQueue);

  // A new array only when the names change: every agent row takes it, and a row re-renders on a new one.
  const queuesKey = knownQueues(tiles, agents).join('\n');
  const queues = useMemo(() => (queuesKey === '' ? [] : queuesKey.split('\n')), [queuesKey]);
  const totals = useMemo(() => totalsOf(tiles, window), [tiles, window]);
  const { view } = wallboard;
  const onSort = useCallback((key: AgentSortKey) => view.setState((s) => sortClicked(s, key), true), [view]);
  const onFilter = useCallback((change: Partial<AgentFilter>) => view.setState((s) => agentFilterChanged(s, change), true), [view]);

  const chart = settings && (
    <QueueChart
      history={history}
      queues={tiles.map((tile) => tile.queue)}
      queue={chartQueue}
      onQueueChange={(q) => view.setState((s) => chartQueueChosen(s, q), true)}
      alertSec={settings.longestWaitAlertSec}
      now={now}
      tv={tv}
      t={t}
      lng={lng}
    />
  );
  const agentTable = settings && (
    <AgentTable
      agents={agents}
      queues={queues}
      settings={settings}
      sort={sort}
      onSort={onSort}
      filter={agentFilter}
      onFilter={onFilter}
      actions={readOnly || tv ? null : wallboard.actions}
      tv={tv}
      t={t}
      lng={lng}
    />
  );

  return (
    <div ref={root} lang={lng} className={tv ? 'wb wb--tv' : 'wb'} data-testid="wallboard" data-tv={tv} data-status={status}>
      <header className="wb-head">
        <h1 className="wb-title">{t('title')}</h1>
        <WindowSwitch value={window} onChange={(w) => view.setState((s) => windowChosen(s, w), true)} t={t} />
        {window === 'day' && partialDaySince !== null && (
          <span className="wb-muted wb-counting-since" data-testid="counting-since" title={t('windows.partialDayHint')}>
            {partialDaySince === 'unknown' ? t('windows.sinceUnknown') : t('windows.since', { time: formatClock(partialDaySince, lng) })}
          </span>
        )}
        {receivedAt !== null && status === 'live' && (
          <span className="wb-muted wb-updated" data-testid="wallboard-updated">
            {t('status.updatedAt', { time: formatClock(receivedAt, lng) })}
          </span>
        )}
        {tvOnly ? null : tv ? (
          <button type="button" className="wb-tv-button" data-testid="tv-mode" aria-pressed="true" onClick={leave}>
            {t('tv.leave')}
          </button>
        ) : (
          <button type="button" className="wb-tv-button" data-testid="tv-mode" aria-pressed="false" title={t('tv.enterHint')} onClick={enter}>
            {t('tv.enter')}
          </button>
        )}
      </header>
      {memberChange !== null && (
        <p className="wb-muted wb-member-change" role="status" data-testid="member-change">
          {t('memberChange.text', {
            time: formatClock(memberChange.at, lng),
            changes: [
              ...memberChange.added.map((m) => t('memberChange.added', { name: m.name, queue: m.queue })),
              ...memberChange.removed.map((m) => t('memberChange.removed', { name: m.name, queue: m.queue })),
            ].join(', '),
          })}
        </p>
      )}

      {status !== 'live' && (
        <div className={`wb-feed wb-feed--${status}`} role={status === 'loading' ? 'status' : 'alert'} data-testid="wallboard-status" data-state={status}>
          <span>
            {status === 'loading' && t('status.loading')}
            {status === 'stale' && t('status.stale', { time: receivedAt === null ? '—' : formatClock(receivedAt, lng) })}
            {status === 'failed' && t('status.failed', { reason: t(`errors.${loadError ?? 'internal'}`) })}
          </span>
          {(status === 'failed' || (status === 'stale' && loadError !== null)) && (
            <button type="button" onClick={() => void wallboard.refresh()}>
              {t('status.retry')}
            </button>
          )}
        </div>
      )}

      {!readOnly && !tv && <ActionError scope="supervisor" />}

      {settings && (
        <>
          {tiles.length > 1 && <TotalsBand totals={totals} alertSec={settings.longestWaitAlertSec} now={now} t={t} lng={lng} />}
          <div className="wb-tiles">
            {tiles.map((tile) => (
              <QueueTileCard key={tile.queue} tile={tile} window={window} alertSec={settings.longestWaitAlertSec} now={now} t={t} lng={lng} />
            ))}
          </div>
          {tv ? (
            // The TV: one screen, nothing below its edge. The chart beside the figures of the calls,
            // the mass incidents and the agents (wallboard.css, "TV"): it fills the rest of the screen.
            <div className="wb-lower">
              {chart}
              <div className="wb-tv-side">
                <CaseFiguresPanel t={t} lng={lng} />
                <IncidentsPanel t={t} lng={lng} actions={false} />
                {agentTable}
              </div>
            </div>
          ) : (
            <>
              <CaseFiguresPanel t={t} lng={lng} />
              <IncidentsPanel t={t} lng={lng} actions={!readOnly} />
              <div className="wb-lower">
                {chart}
                {agentTable}
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
