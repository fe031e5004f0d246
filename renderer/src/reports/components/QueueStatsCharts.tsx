import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsInterval } from '../../../../core/queueStats.js';
import type { Language } from '../../shared/i18n/resources.js';
import { formatCount } from '../../shared/i18n/format.js';
import { formatPercent } from '../../wallboard/index.js';
import { chartBandLabel, type IntervalPoint } from '../queueStatsTable.js';
import { formatRatio } from '../reportTable.js';
import { bandChart, CHART_FRAME, labelledBands, percentLine, plotArea, runsOf, type AxisTick } from '../statsCharts.js';

// Colours as SVG attributes (not CSS): the charts read the same wherever they are drawn. Never
// colour alone: every chart has a legend and a text summary.
const COLOUR = { offered: '#9bb3cc', answered: '#0b4f8a', abandoned: '#b42318', missing: '#eceef1', line: '#0b4f8a', axis: '#5f6670', grid: '#d6d9de' };
const SERIES = ['offered', 'answered', 'abandoned'] as const;
const area = plotArea(CHART_FRAME);
const VIEW_BOX = `0 0 ${CHART_FRAME.width} ${CHART_FRAME.height}`;

export interface QueueStatsChartsProps {
  points: readonly IntervalPoint[];
  /** Abandoned calls per wait bucket (< 10 s … ≥ 120 s), over the queues shown. */
  byWait: readonly number[];
  interval: StatsInterval;
  severalDays: boolean;
  lng: Language;
}

/** Calls per interval (bars), the service level per interval (line), and how long the abandoned waited (bars). */
export function QueueStatsCharts({ points, byWait, interval, severalDays, lng }: QueueStatsChartsProps) {
  const { t } = useTranslation();
  const calls = bandChart(points.map((p) => (p.missing ? [] : [p.offered, p.answered, p.abandoned])));
  const sl = percentLine(points.map((p) => (p.missing ? null : p.serviceLevelPct)));
  const waits = bandChart(byWait.map((n) => [n]));
  const xLabels = labelledBands(points.length).map((band) => ({ x: calls.centers[band]!, text: chartBandLabel(points[band]!.at, interval, severalDays, lng) }));
  const missing = runsOf(points.map((p) => p.missing));
  const sum = (key: 'offered' | 'answered' | 'abandoned') => formatCount(points.reduce((n, p) => n + p[key], 0), lng);
  const slValues = sl.points.map((p) => p.value);
  const abandoned = byWait.reduce((n, v) => n + v, 0);

  const missingBands = missing.map(({ first, count }) => (
    <rect key={first} x={area.left + first * calls.bandWidth} y={area.top} width={count * calls.bandWidth} height={area.bottom - area.top} fill={COLOUR.missing} data-missing={count} />
  ));

  return (
    <div className="qs-charts">
      <ChartFigure
        caption={t('reports.queueStats.chart.calls')}
        testId="queue-stats-chart-calls"
        summary={t('reports.queueStats.chart.callsSummary', { intervals: points.length, offered: sum('offered'), answered: sum('answered'), abandoned: sum('abandoned') })}
        legend={SERIES.map((s) => ({ colour: COLOUR[s], text: t(`reports.queueStats.column.${s}`) }))}
        missing={missing.length > 0}
      >
        {missingBands}
        <YAxis ticks={calls.ticks} label={(v) => formatCount(v, lng)} />
        {calls.bars.map((b) =>
          b.height > 0 ? <rect key={`${b.band}:${b.series}`} x={b.x} y={b.y} width={b.width} height={b.height} fill={COLOUR[SERIES[b.series]!]} data-series={SERIES[b.series]} /> : null,
        )}
        <XLabels labels={xLabels} hugEdges />
      </ChartFigure>

      <ChartFigure
        caption={t('reports.queueStats.chart.sl')}
        testId="queue-stats-chart-sl"
        summary={
          slValues.length === 0
            ? t('reports.queueStats.chart.slNone')
            : t('reports.queueStats.chart.slSummary', { intervals: points.length, min: formatPercent(Math.min(...slValues), lng), max: formatPercent(Math.max(...slValues), lng) })
        }
        legend={[{ colour: COLOUR.line, text: t('reports.queueStats.column.sl') }]}
        missing={missing.length > 0}
      >
        {missingBands}
        <YAxis ticks={sl.ticks} label={(v) => formatRatio(v / 100, lng)} />
        {sl.path !== '' && <path d={sl.path} fill="none" stroke={COLOUR.line} strokeWidth={1.5} strokeLinejoin="round" data-testid="queue-stats-sl-line" />}
        {/* Dots only where the line is sparse enough to show them; a lone interval is a dot alone. */}
        {sl.points.length <= 100 && sl.points.map((p) => <circle key={p.band} cx={p.x} cy={p.y} r={1.8} fill={COLOUR.line} />)}
        <XLabels labels={xLabels} hugEdges />
      </ChartFigure>

      <ChartFigure
        caption={t('reports.queueStats.chart.abandonWait')}
        testId="queue-stats-chart-abandon-wait"
        summary={t('reports.queueStats.chart.abandonWaitSummary', { abandoned: formatCount(abandoned, lng) })}
        legend={[]}
        missing={false}
      >
        <YAxis ticks={waits.ticks} label={(v) => formatCount(v, lng)} />
        {waits.bars.map((b) =>
          b.height > 0 ? <rect key={b.band} x={b.x} y={b.y} width={b.width} height={b.height} fill={COLOUR.abandoned} data-bucket={b.band} data-value={b.value} /> : null,
        )}
        <XLabels labels={waits.centers.map((x, i) => ({ x, text: t(`reports.queueStats.chart.bucket.${i as 0 | 1 | 2 | 3 | 4}`) }))} />
      </ChartFigure>
    </div>
  );
}

type LegendItem = { colour: string; text: string };

/** A chart with its caption, its figures in words for a screen reader, and its legend (intervals shaded as missing among them when there are). */
function ChartFigure({ caption, testId, summary, legend, missing, children }: { caption: string; testId: string; summary: string; legend: readonly LegendItem[]; missing: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const items = missing ? [...legend, { colour: COLOUR.missing, text: t('reports.queueStats.chart.missing') }] : legend;
  return (
    <figure className="qs-chart">
      <figcaption>{caption}</figcaption>
      {/* The size attributes hold without the stylesheet; reports.css lets the chart fill its column. */}
      <svg viewBox={VIEW_BOX} width={CHART_FRAME.width} height={CHART_FRAME.height} role="img" data-testid={testId} aria-label={summary}>
        {children}
      </svg>
      {items.length > 0 && (
        <ul className="qs-legend">
          {items.map((item) => (
            <li key={item.text}>
              <svg width="10" height="10" aria-hidden="true">
                <rect width="10" height="10" fill={item.colour} />
              </svg>
              {item.text}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

function YAxis({ ticks, label }: { ticks: readonly AxisTick[]; label: (value: number) => string }) {
  return (
    <g>
      {ticks.map((tick) => (
        <g key={tick.value}>
          <line x1={area.left} x2={area.right} y1={tick.y} y2={tick.y} stroke={COLOUR.grid} strokeWidth={0.5} />
          <text x={area.left - 3} y={tick.y + 3} textAnchor="end" fontSize={9} fill={COLOUR.axis}>
            {label(tick.value)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Labels under the bands; `hugEdges`: the first and the last align to the frame's edges (time axes). */
function XLabels({ labels, hugEdges = false }: { labels: ReadonlyArray<{ x: number; text: string }>; hugEdges?: boolean }) {
  const anchor = (i: number) => (!hugEdges || labels.length < 2 ? 'middle' : i === 0 ? 'start' : i === labels.length - 1 ? 'end' : 'middle');
  return (
    <g>
      {labels.map((l, i) => (
        <text
          key={i}
          x={l.x}
          y={CHART_FRAME.height - 8}
          textAnchor={anchor(i)}
          fontSize={9}
          fill={COLOUR.axis}
        >
          {l.text}
        </text>
      ))}
    </g>
  );
}
