import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { CollectorGap, QueueStatsRow, StatsInterval } from '../../../../core/queueStats.js';
import { useDeskPart, useSync } from '../../shared/desk/deskContext.js';
import { formatCount } from '../../shared/i18n/format.js';
import type { Language } from '../../shared/i18n/resources.js';
import { selectAccount } from '../../shared/state/syncStore.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import { formatMmSs, formatPercent } from '../../wallboard/index.js';
import { downloadCsv } from '../csvDownload.js';
import { abandonedByWait, distinctGaps, gapSpan, intervalSeries, intervalStartLabel, queuesOf, shownPart } from '../queueStatsTable.js';
import { createQueueStats, type QueueStats } from '../queueStatsStore.js';
import { holdsOrFollows, isStatsDate, istanbulToday, PERIOD_KINDS, periodLabel, periodRange, STATS_INTERVALS } from '../statsPeriod.js';
import { AgentStatsTable } from './AgentStatsTable.js';
import { Choices } from './Choices.js';
import { InlineSelect } from './InlineSelect.js';
import { QueueStatsCharts } from './QueueStatsCharts.js';
import { ReportError } from './ReportError.js';

/**
 * Team lead: the central server's queue statistics per interval (table, totals per queue, charts)
 * and agent statistics for a day, week or month, with the spans the PBX was not watched and CSVs.
 * `stats` is for tests; the view makes its own, one per mount (it opens on today again).
 */
export function QueueStatsView({ stats: given }: { stats?: QueueStats }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const desk = useDeskPart();
  const stats = useMemo(() => given ?? createQueueStats(desk.client), [given, desk.client]);
  const state = useStore(stats.store);
  const username = useSync((s) => selectAccount(s)?.username ?? null);

  // On opening, and again once someone signs in (a signed-out desk gets 'unauthorized').
  useEffect(() => {
    void stats.load();
  }, [stats, username]);

  const { period, interval, queueReport, agentReport } = state;
  const range = periodRange(period);
  const queues = queueReport ? queuesOf(queueReport) : [];
  const shown = useMemo(() => (queueReport ? shownPart(queueReport, state.queue) : null), [queueReport, state.queue]);
  const gaps = distinctGaps(queueReport?.gaps ?? [], agentReport?.gaps ?? []);
  const severalDays = queueReport !== null && queueReport.from !== queueReport.to;
  const points = useMemo(
    () => (queueReport && shown ? intervalSeries(shown.rows, queueReport, queueReport.gaps, stats.now()) : []),
    [queueReport, shown, stats],
  );
  const queueColumn = shown !== null && shown.totals.length > 1;

  return (
    <section className="panel reports qs" aria-labelledby="queue-stats-title" data-testid="queue-stats">
      <div className="reports-head">
        <h2 id="queue-stats-title">{t('reports.queueStats.title')}</h2>
        <Choices
          kind="toggle"
          className="qs-kinds"
          label={t('reports.queueStats.periodKind')}
          options={PERIOD_KINDS.map((kind) => ({ value: kind, text: t(`reports.queueStats.kind.${kind}`) }))}
          value={period.kind}
          onChange={(kind) => void stats.chooseKind(kind)}
          testIdPrefix="queue-stats-kind-"
        />
        <div className="qs-period">
          <button type="button" aria-label={t('reports.queueStats.previous')} title={t('reports.queueStats.previous')} data-testid="queue-stats-previous" onClick={() => void stats.step(-1)}>
            ‹
          </button>
          <input
            type="date"
            aria-label={t('reports.queueStats.date')}
            data-testid="queue-stats-date"
            value={period.anchor}
            min="2000-01-01"
            onChange={(e) => isStatsDate(e.target.value) && void stats.load({ ...period, anchor: e.target.value })}
          />
          <button
            type="button"
            aria-label={t('reports.queueStats.next')}
            title={t('reports.queueStats.next')}
            data-testid="queue-stats-next"
            disabled={holdsOrFollows(period, istanbulToday(stats.now()))}
            onClick={() => void stats.step(1)}
          >
            ›
          </button>
          <span className="qs-period-label" data-testid="queue-stats-period" data-from={range.from} data-to={range.to}>
            {periodLabel(period, lng)}
          </span>
        </div>
        <InlineSelect<StatsInterval>
          id="queue-stats-interval"
          label={t('reports.queueStats.interval')}
          value={interval}
          options={STATS_INTERVALS.map((i) => ({ value: i, text: t(`reports.queueStats.intervals.${i}`) }))}
          onChange={(next) => void stats.load(period, next)}
        />
        {queues.length > 1 && (
          <InlineSelect
            id="queue-stats-queue"
            label={t('reports.queueStats.queue')}
            value={state.queue ?? ''}
            options={[{ value: '', text: t('reports.queueStats.allQueues') }, ...queues.map((q) => ({ value: q, text: q }))]}
            onChange={(q) => stats.chooseQueue(q === '' ? null : q)}
          />
        )}
        <button type="button" data-testid="queue-stats-refresh" disabled={state.loading} onClick={() => void stats.load()}>
          {t('reports.refresh')}
        </button>
      </div>
      <p className="muted reports-note">{t('reports.queueStats.note')}</p>

      <ReportError code={state.error ?? state.csvError} testId="queue-stats-error" />
      {gaps.length > 0 && <GapWarning gaps={gaps} lng={lng} />}
      {state.loading && !queueReport && !agentReport && <p className="muted">{t('reports.loading')}</p>}

      {queueReport && shown && (
        <>
          <QueueStatsCharts points={points} byWait={abandonedByWait(shown.totals)} interval={queueReport.interval} severalDays={severalDays} lng={lng} />
          <div className="qs-section-head">
            <h3>{t('reports.queueStats.byInterval')}</h3>
            <CsvButton which="queue" label={t('reports.queueStats.csv')} stats={stats} busy={state.csvBusy} />
          </div>
          <div className="reports-table-wrap qs-table-wrap" aria-busy={state.loading}>
            <table className="report-table qs-table" data-testid="queue-stats-table" data-from={queueReport.from} data-to={queueReport.to} data-interval={queueReport.interval}>
              <thead>
                <tr>
                  <th scope="col">{t('reports.queueStats.column.start')}</th>
                  {queueColumn && <th scope="col">{t('reports.queueStats.column.queue')}</th>}
                  <th scope="col" className="num">{t('reports.queueStats.column.offered')}</th>
                  <th scope="col" className="num">{t('reports.queueStats.column.answered')}</th>
                  <th scope="col" className="num">{t('reports.queueStats.column.abandoned')}</th>
                  <th scope="col" className="num" title={t('reports.queueStats.columnTitle.timedOut')}>{t('reports.queueStats.column.timedOut')}</th>
                  <th scope="col" className="num">{t('reports.queueStats.column.asa')}</th>
                  <th scope="col" className="num">{t('reports.queueStats.column.avgWait')}</th>
                  <th scope="col" className="num">{t('reports.queueStats.column.maxWait')}</th>
                  <th scope="col" className="num">{t('reports.queueStats.column.avgTalk')}</th>
                  <th scope="col" className="num" title={t('reports.queueStats.columnTitle.sl')}>{t('reports.queueStats.column.sl')}</th>
                  <th scope="col" className="num" title={t('reports.queueStats.columnTitle.sl2')} data-testid="queue-stats-sl2-heading">{t('reports.queueStats.column.sl2')}</th>
                  <th scope="col" className="num" title={t('reports.queueStats.columnTitle.abandonRate')}>{t('reports.queueStats.column.abandonRate')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.rows.length === 0 ? (
                  <tr>
                    <td colSpan={queueColumn ? 13 : 12} className="muted">
                      {t('reports.queueStats.empty')}
                    </td>
                  </tr>
                ) : (
                  shown.rows.map((row) => (
                    <tr key={`${row.start}|${row.queue}`} data-testid="queue-stats-row" data-queue={row.queue} data-start={row.start}>
                      <th scope="row">{intervalStartLabel(row.start, queueReport.interval, severalDays, lng)}</th>
                      {queueColumn && <td>{row.queue}</td>}
                      <QueueFigures row={row} lng={lng} />
                    </tr>
                  ))
                )}
              </tbody>
              <tfoot data-testid="queue-stats-totals">
                {shown.totals.map((total) => (
                  <tr key={total.queue} className="report-total" data-testid="queue-stats-total" data-queue={total.queue}>
                    <th scope="row">{queueColumn ? t('reports.queueStats.total') : `${t('reports.queueStats.total')} · ${total.queue}`}</th>
                    {queueColumn && <td>{total.queue}</td>}
                    <QueueFigures row={total} lng={lng} />
                  </tr>
                ))}
              </tfoot>
            </table>
          </div>
        </>
      )}

      {agentReport && (
        <>
          <div className="qs-section-head">
            <h3>{t('reports.agentStats.title')}</h3>
            <span className="muted reports-note">{t('reports.agentStats.note')}</span>
            <CsvButton which="agents" label={t('reports.agentStats.csv')} stats={stats} busy={state.csvBusy} />
          </div>
          <AgentStatsTable agents={agentReport.agents} sort={state.agentSort} onSort={stats.sortAgents} lng={lng} />
        </>
      )}
    </section>
  );
}

function QueueFigures({ row: r, lng }: { row: QueueStatsRow; lng: Language }) {
  const time = (sec: number | null) => (sec === null ? '—' : formatMmSs(Math.round(sec)));
  return (
    <>
      <td className="num" data-column="offered">{formatCount(r.offered, lng)}</td>
      <td className="num" data-column="answered">{formatCount(r.answered, lng)}</td>
      <td className="num" data-column="abandoned">{formatCount(r.abandoned, lng)}</td>
      <td className="num" data-column="timedOut">{formatCount(r.timedOut, lng)}</td>
      <td className="num" data-column="asa">{time(r.asaSec)}</td>
      <td className="num" data-column="avgWait">{time(r.avgWaitAllSec)}</td>
      <td className="num" data-column="maxWait">{time(r.maxWaitSec)}</td>
      <td className="num" data-column="avgTalk">{time(r.avgTalkSec)}</td>
      <td className="num" data-column="sl">{formatPercent(r.serviceLevelPct, lng)}</td>
      <td className="num" data-column="sl2">{formatPercent(r.serviceLevel2Pct, lng)}</td>
      <td className="num" data-column="abandonRate">{formatPercent(r.abandonRatePct, lng)}</td>
    </>
  );
}

/** Figures inside these spans are missing, not zero: said in words above the figures. */
function GapWarning({ gaps, lng }: { gaps: readonly CollectorGap[]; lng: Language }) {
  const { t } = useTranslation();
  const severalPbx = new Set(gaps.map((g) => g.pbx)).size > 1;
  return (
    <p className="warning qs-gaps" role="status" data-testid="queue-stats-gaps">
      {t('reports.queueStats.gaps')}{' '}
      {gaps.map((gap, i) => {
        const span = gapSpan(gap, lng);
        const when = span.to === null ? t('reports.queueStats.gapOpen', { from: span.from }) : t('reports.queueStats.gapSpan', { from: span.from, to: span.to });
        return (
          <span key={`${gap.pbx} ${gap.from}`} className="qs-gap" data-testid="queue-stats-gap" data-from={gap.from}>
            {i > 0 && '; '}
            {when} ({t(`reports.queueStats.gapReason.${gap.reason}`)}
            {severalPbx ? `, ${gap.pbx}` : ''})
          </span>
        );
      })}
    </p>
  );
}

function CsvButton({ which, label, stats, busy }: { which: 'queue' | 'agents'; label: string; stats: QueueStats; busy: 'queue' | 'agents' | null }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="primary"
      data-testid={which === 'queue' ? 'queue-stats-csv' : 'agent-stats-csv'}
      disabled={busy !== null}
      onClick={() => void stats.csv(which, (fileName, csv) => downloadCsv(fileName, csv))}
    >
      {busy === which ? t('reports.csvBusy') : label}
    </button>
  );
}
