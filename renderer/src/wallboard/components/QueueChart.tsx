import { useId, useMemo } from 'react';
import type { QueueHistoryPoint } from '../../../../core/queue.js';
import { buildChartModel, seriesOf, type ChartFrame } from '../chartScale.js';
import { formatClock, formatMmSs, type WallboardLanguage } from '../format.js';
import type { WallboardT } from '../i18n.js';

const FRAME: ChartFrame = { width: 720, height: 200, padding: { top: 12, right: 52, bottom: 26, left: 40 } };
/**
 * On a TV the chart is drawn on a smaller frame, so the same box scales it up more: its labels
 * (wallboard.css: 16 units) come out at about 30 px, readable across the room.
 */
const TV_FRAME: ChartFrame = { width: 480, height: 250, padding: { top: 18, right: 80, bottom: 34, left: 46 } };

export interface QueueChartProps {
  history: readonly QueueHistoryPoint[];
  queues: readonly string[];
  /** null: every queue added up. */
  queue: string | null;
  onQueueChange: (queue: string | null) => void;
  alertSec: number;
  now: number;
  /** The TV view: a frame for large labels. */
  tv?: boolean;
  t: WallboardT;
  lng: WallboardLanguage;
}

/** Callers waiting (left axis) and the longest wait (right axis) over the last hour, from the snapshot's history. */
export function QueueChart({ history, queues, queue, onQueueChange, alertSec, now, tv = false, t, lng }: QueueChartProps) {
  const frame = tv ? TV_FRAME : FRAME;
  const selectId = useId();
  // The chart moves a minute at a time; re-deriving it every second would redraw the same picture.
  const end = Math.ceil(now / 60_000) * 60_000;
  const model = useMemo(() => buildChartModel(seriesOf(history, queue), end, alertSec, frame), [history, queue, end, alertSec, frame]);
  const summary = t('chart.summary', { waiting: model.peakWaiting, longest: formatMmSs(model.peakLongestSec) });
  const { plot } = model;

  return (
    <section className="wb-chart" data-testid="queue-chart" aria-label={t('chart.title')}>
      <header className="wb-section-head">
        <h2>{t('chart.title')}</h2>
        {queues.length > 1 && (
          <label className="wb-inline-field" htmlFor={selectId}>
            {t('chart.queue')}
            <select id={selectId} data-testid="chart-queue" value={queue ?? ''} onChange={(e) => onQueueChange(e.target.value === '' ? null : e.target.value)}>
              <option value="">{t('chart.allQueues')}</option>
              {queues.map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {model.pointCount === 0 ? (
        <p className="wb-muted wb-chart-empty">{t('chart.empty')}</p>
      ) : (
        <svg className="wb-chart-svg" viewBox={`0 0 ${frame.width} ${frame.height}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
          <g className="wb-chart-grid">
            {model.waitingTicks.map((tick) => (
              <line key={`g${tick.value}`} x1={plot.x0} x2={plot.x1} y1={tick.pos} y2={tick.pos} />
            ))}
          </g>
          <g className="wb-chart-axis wb-chart-axis--left">
            {model.waitingTicks.map((tick) => (
              <text key={`l${tick.value}`} x={plot.x0 - 6} y={tick.pos} dominantBaseline="middle" textAnchor="end">
                {tick.value}
              </text>
            ))}
          </g>
          <g className="wb-chart-axis wb-chart-axis--right">
            {model.longestTicks.map((tick) => (
              <text key={`r${tick.value}`} x={plot.x1 + 6} y={tick.pos} dominantBaseline="middle" textAnchor="start">
                {formatMmSs(tick.value)}
              </text>
            ))}
          </g>
          <g className="wb-chart-axis wb-chart-axis--time">
            {model.timeTicks.map((tick, i) => (
              <text key={`t${tick.value}`} x={tick.pos} y={frame.height - (tv ? 8 : 6)} textAnchor={i === 0 ? 'start' : i === model.timeTicks.length - 1 ? 'end' : 'middle'}>
                {formatClock(tick.value, lng)}
              </text>
            ))}
          </g>
          <line className="wb-chart-threshold" x1={plot.x0} x2={plot.x1} y1={model.thresholdY} y2={model.thresholdY} />
          <path className="wb-chart-line wb-chart-line--waiting" d={model.waitingPath} data-testid="chart-waiting" />
          <path className="wb-chart-line wb-chart-line--longest" d={model.longestPath} data-testid="chart-longest" />
        </svg>
      )}
      <ul className="wb-chart-legend">
        <li>
          <span className="wb-swatch wb-swatch--waiting" aria-hidden="true" />
          {t('chart.waiting')}
        </li>
        <li>
          <span className="wb-swatch wb-swatch--longest" aria-hidden="true" />
          {t('chart.longestWait')}
        </li>
        <li>
          <span className="wb-swatch wb-swatch--threshold" aria-hidden="true" />
          {t('chart.threshold')} ({formatMmSs(alertSec)})
        </li>
      </ul>
    </section>
  );
}
