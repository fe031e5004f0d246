import { useEffect, useMemo, useState } from 'react';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { REPORT_FIGURES, reportColumns, type MonthlyReport as MonthlyReportData, type MonthlyReportRow, type ReportColumn, type ReportGrouping } from '../../../../core/report.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import type { Language } from '../../shared/i18n/resources.js';
import { downloadCsv } from '../csvDownload.js';
import { createReports } from '../reportStore.js';
import { figureText, reportTotals, type ReportTotals } from '../reportTable.js';
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

  // On opening, and again once someone signs in (a signed-out desk gets 'unauthorized').
  useEffect(() => {
    void reports.load();
  }, [reports, username]);

  const report = state.report;
  const totals = useMemo(() => (report ? reportTotals(report.rows) : null), [report]);

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
      {report && totals && <MonthlyReportTable report={report} totals={totals} busy={state.loading} lng={lng} />}
    </section>
  );
}

/** Columns whose header explains itself on hover. */
const COLUMN_TITLES: Partial<Record<ReportColumn, ParseKeys>> = {
  meanResolutionHours: 'reports.columnTitle.meanResolutionHours',
  citizenConfirmed: 'reports.columnTitle.citizenConfirmed',
  citizenDisputed: 'reports.columnTitle.citizenDisputed',
  incidents: 'reports.columnTitle.incidents',
  incidentCases: 'reports.columnTitle.incidentCases',
};

/**
 * The month's rows and their total, under the columns core/report.ts lists: the CSV has the same
 * columns in the same order under the same Turkish names.
 */
export function MonthlyReportTable({ report, totals, busy, lng }: { report: MonthlyReportData; totals: ReportTotals; busy: boolean; lng: Language }) {
  const { t } = useTranslation();
  const columns = reportColumns(report.by);
  return (
    // Scrolls sideways on a narrow window: focusable, so the keyboard can scroll it too (axe).
    <div className="reports-table-wrap" aria-busy={busy} tabIndex={0} role="region" aria-label={t('reports.title')}>
      <table className="report-table" data-testid="report-table" data-month={report.month} data-by={report.by}>
        <thead>
          <tr>
            {columns.map((c, i) => {
              const title = COLUMN_TITLES[c];
              return (
                <th key={c} scope="col" className={i === 0 ? undefined : 'num'} data-column={c} title={title ? t(title) : undefined}>
                  {t(`reports.column.${c}`)}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {report.rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                {t('reports.empty')}
              </td>
            </tr>
          ) : (
            report.rows.map((row) => (
              <tr key={row.key} data-testid="report-row" data-key={row.key}>
                <th scope="row">{rowLabel(row, report.by, t)}</th>
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
  );
}

/** By unit, the cases without a unit are the ones answered on the call (core/report.ts). */
function rowLabel(row: MonthlyReportRow, by: ReportGrouping, t: (key: 'reports.noSubject' | 'reports.resolvedOnCall') => string): string {
  if (row.label.trim() !== '') return row.label;
  if (row.key.trim() !== '') return row.key;
  return by === 'unit' ? t('reports.resolvedOnCall') : t('reports.noSubject');
}

function Figures({ figures, lng }: { figures: ReportTotals; lng: Language }) {
  return (
    <>
      {REPORT_FIGURES.map((figure) => (
        <td key={figure} className="num" data-column={figure}>
          {figureText(figures, figure, lng)}
        </td>
      ))}
    </>
  );
}
