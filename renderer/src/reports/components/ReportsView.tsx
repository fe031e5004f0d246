import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { MonthlyReportRow, ReportGrouping } from '../../../../core/report.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import type { Language } from '../../shared/i18n/resources.js';
import { useCallbackText } from '../../callbacks/index.js';
import { downloadCsv } from '../csvDownload.js';
import { createReports } from '../reportStore.js';
import { formatHours, formatRatio, formatReportCount, onTimeRatio, reportTotals, type ReportTotals } from '../reportTable.js';
import { selectAccount } from '../../shared/state/syncStore.js';
import { useDeskPart, useSync } from '../../shared/desk/deskContext.js';
import { Choices } from './Choices.js';
import { InlineSelect } from './InlineSelect.js';
import { ReportError } from './ReportError.js';
import { QueueStatsView } from './QueueStatsView.js';

type ReportsTab = 'monthly' | 'queueStats';
const TABS: readonly ReportsTab[] = ['monthly', 'queueStats'];

/** Team lead: the monthly case report, and the queue and agent statistics beside it. */
export function ReportsView() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<ReportsTab>('monthly');
  return (
    <div className="reports-view">
      <Choices
        kind="tabs"
        className="view-tabs reports-tabs"
        label={t('reports.tabs.label')}
        options={TABS.map((name) => ({ value: name, text: t(`reports.tabs.${name}`) }))}
        value={tab}
        onChange={setTab}
        testIdPrefix="reports-tab-"
      />
      {tab === 'monthly' ? <MonthlyReport /> : <QueueStatsView />}
    </div>
  );
}

/** Team lead: the central server's monthly report, by subject or by unit, with a CSV export. */
export function MonthlyReport() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const desk = useDeskPart();
  // One per mount: the tab opens on the current month again.
  const reports = useMemo(() => createReports(desk.client), [desk.client]);
  const state = useStore(reports.store);
  const username = useSync((s) => selectAccount(s)?.username ?? null);
  const { t: cb } = useCallbackText();

  // On opening, and again once someone signs in (a signed-out desk gets 'unauthorized').
  useEffect(() => {
    void reports.load();
  }, [reports, username]);

  const report = state.report;
  const totals = useMemo(() => (report ? reportTotals(report.rows) : null), [report]);
  const by = report?.by ?? state.by;

  return (
    <section className="panel reports" aria-labelledby="reports-title" data-testid="reports">
      <div className="reports-head">
        <h2 id="reports-title">{t('reports.title')}</h2>
        <div className="field field--inline">
          <label htmlFor="report-month">{t('reports.month')}</label>
          <input
            id="report-month"
            type="month"
            data-testid="report-month"
            value={state.month}
            min="2000-01"
            onChange={(e) => void reports.load(e.target.value, state.by)}
          />
        </div>
        <InlineSelect<ReportGrouping>
          id="report-by"
          label={t('reports.by')}
          value={state.by}
          options={[
            { value: 'subject', text: t('reports.bySubject') },
            { value: 'unit', text: t('reports.byUnit') },
          ]}
          onChange={(by) => void reports.load(state.month, by)}
        />
        <button type="button" data-testid="report-refresh" disabled={state.loading} onClick={() => void reports.load()}>
          {t('reports.refresh')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="report-csv"
          disabled={state.csvBusy}
          onClick={() => void reports.csv((fileName, csv) => downloadCsv(fileName, csv))}
        >
          {state.csvBusy ? t('reports.csvBusy') : t('reports.csv')}
        </button>
      </div>
      <p className="muted reports-note">{t('reports.note')}</p>

      <ReportError code={state.error ?? state.csvError} testId="report-error" />

      {state.loading && !report && <p className="muted">{t('reports.loading')}</p>}
      {report && totals && (
        <div className="reports-table-wrap" aria-busy={state.loading}>
          <table className="report-table" data-testid="report-table" data-month={report.month} data-by={report.by}>
            <thead>
              <tr>
                <th scope="col">{by === 'unit' ? t('reports.column.unit') : t('reports.column.subject')}</th>
                <th scope="col" className="num">{t('reports.column.created')}</th>
                <th scope="col" className="num">{t('reports.column.resolved')}</th>
                <th scope="col" className="num">{t('reports.column.onTime')}</th>
                <th scope="col" className="num">{t('reports.column.onTimePercent')}</th>
                <th scope="col" className="num">{t('reports.column.meanHours')}</th>
                <th scope="col" className="num">{t('reports.column.firstContact')}</th>
                <th scope="col" className="num">{t('reports.column.reopened')}</th>
                <th scope="col" className="num" title={cb('report.confirmedTitle')}>{cb('report.confirmed')}</th>
                <th scope="col" className="num" title={cb('report.disputedTitle')}>{cb('report.disputed')}</th>
                <th scope="col" className="num">{cb('report.confirmedPercent')}</th>
                <th scope="col" className="num" title={t('reports.column.incidentsTitle')}>{t('reports.column.incidents')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.length === 0 ? (
                <tr>
                  <td colSpan={12} className="muted">
                    {t('reports.empty')}
                  </td>
                </tr>
              ) : (
                report.rows.map((row) => (
                  <tr key={row.key} data-testid="report-row" data-key={row.key}>
                    <th scope="row">{rowLabel(row, by, t)}</th>
                    <Figures figures={row} lng={lng} />
                  </tr>
                ))
              )}
            </tbody>
            <tfoot>
              <tr className="report-total" data-testid="report-total">
                <th scope="row">{t('reports.total')}</th>
                <Figures figures={totals} lng={lng} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

function rowLabel(row: MonthlyReportRow, by: ReportGrouping, t: (key: 'reports.noSubject' | 'reports.noUnit') => string): string {
  if (row.label.trim() !== '') return row.label;
  if (row.key.trim() !== '') return row.key;
  return by === 'unit' ? t('reports.noUnit') : t('reports.noSubject');
}

function Figures({ figures: f, lng }: { figures: ReportTotals; lng: Language }) {
  return (
    <>
      <td className="num">{formatReportCount(f.created, lng)}</td>
      <td className="num">{formatReportCount(f.resolved, lng)}</td>
      <td className="num">{formatReportCount(f.resolvedOnTime, lng)}</td>
      <td className="num">{formatRatio(onTimeRatio(f), lng)}</td>
      <td className="num">{formatHours(f.meanResolutionHours, lng)}</td>
      <td className="num">{formatReportCount(f.firstContactResolutions, lng)}</td>
      <td className="num">{formatReportCount(f.reopened, lng)}</td>
      <td className="num" data-testid="report-citizen-confirmed">{formatReportCount(f.citizenConfirmed, lng)}</td>
      <td className="num" data-testid="report-citizen-disputed">{formatReportCount(f.citizenDisputed, lng)}</td>
      <td className="num" data-testid="report-citizen-rate">{formatRatio(f.citizenConfirmedRate, lng)}</td>
      <td className="num" data-testid="report-incidents">
        {f.incidents === 0 ? '' : `${formatReportCount(f.incidents, lng)} (${formatReportCount(f.incidentCases, lng)})`}
      </td>
    </>
  );
}
