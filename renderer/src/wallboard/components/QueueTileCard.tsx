import type { QueueTile } from '../../../../core/queue.js';
import { formatAverageMmSs, formatCount, formatMmSs, formatPercent, type WallboardLanguage } from '../format.js';
import type { WallboardT } from '../i18n.js';
import { AGENT_STATES, alertLevel, loggedInCount, longestWaitSec, type FigureWindow } from '../queueFigures.js';
import { AlertMarker, StateBadge } from './StateBadge.js';

interface FigureProps {
  label: string;
  value: string;
  testId: string;
  hint?: string;
  big?: boolean;
  alert?: string;
}

function Figure({ label, value, testId, hint, big = false, alert }: FigureProps) {
  return (
    <div className={big ? 'wb-figure wb-figure--big' : 'wb-figure'} title={hint}>
      <dt>{label}</dt>
      <dd className="wb-num" data-testid={testId} data-alert={alert}>
        {value}
      </dd>
    </div>
  );
}

export interface QueueTileCardProps {
  tile: QueueTile;
  window: FigureWindow;
  alertSec: number;
  now: number;
  t: WallboardT;
  lng: WallboardLanguage;
}

/** One queue: callers waiting and the longest wait first (the headline), then the window's figures and the agents. */
export function QueueTileCard({ tile, window, alertSec, now, t, lng }: QueueTileCardProps) {
  const waitSec = longestWaitSec(tile, now);
  const level = alertLevel(waitSec, alertSec);
  const f = tile[window];
  const sl = { sec: tile.serviceLevelSec };
  return (
    <section className={`wb-tile wb-tile--${level}`} data-testid="queue-tile" data-queue={tile.queue} data-alert={level} aria-label={tile.queue}>
      <header className="wb-tile-head">
        <h3 className="wb-tile-name">{tile.queue}</h3>
        <AlertMarker level={level} t={t} />
      </header>
      <dl className="wb-tile-headline">
        <Figure big label={t('figures.waiting')} value={formatCount(tile.waiting.length, lng)} testId="queue-waiting" />
        <Figure
          big
          label={t('figures.longestWait')}
          value={formatMmSs(waitSec)}
          testId="queue-longest-wait"
          alert={level}
          hint={t('alert.threshold', { time: formatMmSs(alertSec) })}
        />
      </dl>
      <dl className="wb-figures">
        <Figure label={t('figures.asa')} value={formatAverageMmSs(f.asaSec)} testId="queue-asa" hint={t('figures.asaHint')} />
        {/* The threshold in the label: "95 %" means nothing without "within 20 s". */}
        <Figure label={t('figures.serviceLevelWithin', sl)} value={formatPercent(f.serviceLevelPct, lng)} testId="queue-service-level" hint={t('figures.serviceLevelHint', sl)} />
        <Figure label={t('figures.serviceLevel2Within', sl)} value={formatPercent(f.serviceLevel2Pct, lng)} testId="queue-service-level2" hint={t('figures.serviceLevel2Hint', sl)} />
        <Figure label={t('figures.answered')} value={formatCount(f.answered, lng)} testId="queue-answered" />
        <Figure label={t('figures.abandoned')} value={formatCount(f.abandoned, lng)} testId="queue-abandoned" />
        <Figure label={t('figures.abandonRate')} value={formatPercent(f.abandonRatePct, lng)} testId="queue-abandon-rate" />
        <Figure label={t('figures.timedOut')} value={formatCount(f.timedOut, lng)} testId="queue-timed-out" hint={t('figures.timedOutHint')} />
      </dl>
      <div className="wb-tile-agents" data-testid="queue-agents" aria-label={t('figures.agents')}>
        <span className="wb-muted">{t('figures.loggedIn', { count: loggedInCount(tile) })}</span>
        <ul>
          {AGENT_STATES.map((state) => (
            <li key={state} data-state={state} data-testid="queue-agents-state">
              <StateBadge state={state} t={t} /> <span className="wb-num">{formatCount(tile.agents[state] ?? 0, lng)}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
