import { formatAverageMmSs, formatCount, formatMmSs, type WallboardLanguage } from '../format.js';
import type { WallboardT } from '../i18n.js';
import { alertLevel, secondsSince, type Totals } from '../queueFigures.js';
import { AlertMarker } from './StateBadge.js';

/** Every queue added up, shown above the tiles when there is more than one queue. */
export function TotalsBand({ totals, alertSec, now, t, lng }: { totals: Totals; alertSec: number; now: number; t: WallboardT; lng: WallboardLanguage }) {
  const wait = totals.longestWaitingSince === null ? 0 : secondsSince(totals.longestWaitingSince, now);
  const level = alertLevel(wait, alertSec);
  return (
    <section className={`wb-totals wb-tile--${level}`} data-testid="queue-totals" data-alert={level} aria-label={t('totals.label')}>
      <h2>{t('totals.label')}</h2>
      <dl>
        <div className="wb-figure wb-figure--big">
          <dt>{t('figures.waiting')}</dt>
          <dd className="wb-num" data-testid="total-waiting">
            {formatCount(totals.waiting, lng)}
          </dd>
        </div>
        <div className="wb-figure wb-figure--big">
          <dt>{t('figures.longestWait')}</dt>
          <dd className="wb-num" data-testid="total-longest-wait" data-alert={level}>
            {formatMmSs(wait)}
          </dd>
        </div>
        <div className="wb-figure">
          <dt>{t('figures.asa')}</dt>
          <dd className="wb-num" data-testid="total-asa">
            {formatAverageMmSs(totals.asaSec)}
          </dd>
        </div>
        <div className="wb-figure">
          <dt>{t('figures.answered')}</dt>
          <dd className="wb-num">{formatCount(totals.answered, lng)}</dd>
        </div>
        <div className="wb-figure">
          <dt>{t('figures.abandoned')}</dt>
          <dd className="wb-num">{formatCount(totals.abandoned, lng)}</dd>
        </div>
      </dl>
      <AlertMarker level={level} t={t} />
    </section>
  );
}
