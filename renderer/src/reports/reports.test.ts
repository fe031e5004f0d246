import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../core/contract.js';
import { REPORT_COLUMN_NAMES_TR, REPORT_FIGURES, REPORT_ROW_NAMES_TR, reportColumns, type MonthlyReport } from '../../../core/report.js';
import { resources } from '../app/texts.js';
import { MonthlyReportTable } from './components/ReportsView.js';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import { createDeskClient } from '../shared/api/deskClient.js';
import { createFakeTransport, deferred } from '../shared/testing/fakeTransport.js';
import { aReportRow } from '../shared/testing/fixtures.js';
import { safeFileName } from './csvDownload.js';
import { isReportMonth, istanbulMonth } from './reportMonth.js';
import { createReports } from './reportStore.js';
import { citizenConfirmedRatio, figureText, formatHours, formatRatio, formatReportCount, onTimeRatio, reportTotals } from './reportTable.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('report month', () => {
  it('defaults to the month it is in Istanbul, not on the machine clock', () => {
    // 31 Oct 21:30 UTC is already 1 November 00:30 in Istanbul (UTC+3).
    expect(istanbulMonth(Date.parse('2026-10-31T21:30:00Z'))).toBe('2026-11');
    expect(istanbulMonth(Date.parse('2026-10-31T20:59:59Z'))).toBe('2026-10');
    expect(istanbulMonth(Date.parse('2026-12-31T21:00:00Z'))).toBe('2027-01');
  });

  it('accepts only a whole month', () => {
    expect(isReportMonth('2026-11')).toBe(true);
    expect(isReportMonth('')).toBe(false);
    expect(isReportMonth('2026-13')).toBe(false);
  });
});

describe('report table', () => {
  it('adds the counts up and weighs the mean resolution time by resolved cases', () => {
    const rows = [
      aReportRow({ created: 10, resolved: 8, resolvedOnTime: 6, meanResolutionHours: 10, firstContactResolutions: 2, reopened: 1 }),
      aReportRow({ key: 'su', created: 3, resolved: 2, resolvedOnTime: 2, meanResolutionHours: 20, firstContactResolutions: 0, reopened: 0, incidents: 1, incidentCases: 40 }),
      aReportRow({ key: '', label: '', created: 1, resolved: 0, resolvedOnTime: 0, meanResolutionHours: null, firstContactResolutions: 0, reopened: 0 }),
    ];
    expect(reportTotals(rows)).toEqual({
      created: 14,
      resolved: 10,
      resolvedOnTime: 8,
      meanResolutionHours: 12,
      firstContactResolutions: 2,
      reopened: 1,
      citizenConfirmed: 9,
      citizenDisputed: 3,
      citizenConfirmedRate: 0.75,
      incidents: 1,
      incidentCases: 40,
    });
    expect(reportTotals([]).meanResolutionHours).toBeNull();
    expect(reportTotals([aReportRow({ resolved: 3, meanResolutionHours: 1 }), aReportRow({ resolved: 1, meanResolutionHours: 2 })]).meanResolutionHours).toBe(1.3);
  });

  it('recomputes the citizen-confirmed rate from the summed counts, not as a mean of rates', () => {
    const rows = [
      aReportRow({ citizenConfirmed: 1, citizenDisputed: 1, citizenConfirmedRate: 0.5 }),
      aReportRow({ key: 'su', citizenConfirmed: 8, citizenDisputed: 0, citizenConfirmedRate: 1 }),
    ];
    expect(reportTotals(rows)).toMatchObject({ citizenConfirmed: 9, citizenDisputed: 1, citizenConfirmedRate: 0.9 });
    expect(reportTotals([aReportRow({ citizenConfirmed: 0, citizenDisputed: 0, citizenConfirmedRate: null })]).citizenConfirmedRate).toBeNull();
    expect(reportTotals([]).citizenConfirmedRate).toBeNull();
    expect(citizenConfirmedRatio({ citizenConfirmed: 0, citizenDisputed: 3 })).toBe(0);
    expect(formatRatio(reportTotals(rows).citizenConfirmedRate, 'tr')).toBe('%90');
  });

  it('formats the on-time share and hours the Turkish way', () => {
    expect(onTimeRatio({ resolved: 7, resolvedOnTime: 6 })).toBeCloseTo(0.857, 3);
    expect(onTimeRatio({ resolved: 0, resolvedOnTime: 0 })).toBeNull();
    expect(formatRatio(6 / 7, 'tr')).toBe('%85,7');
    expect(formatRatio(1, 'tr')).toBe('%100');
    expect(formatRatio(6 / 7, 'en')).toBe('85.7%');
    expect(formatRatio(null, 'tr')).toBe('—');
    expect(formatHours(12.5, 'tr')).toBe('12,5');
    expect(formatHours(3, 'tr')).toBe('3,0');
    expect(formatHours(null, 'tr')).toBe('—');
    expect(formatReportCount(12345, 'tr')).toBe('12.345');
  });
});

describe('reports', () => {
  function setup() {
    const fake = createFakeTransport();
    const client = createDeskClient(fake.transport, { warn: vi.fn() });
    return { fake, reports: createReports(client, Date.parse('2026-11-20T09:00:00Z')) };
  }

  it('loads the month and grouping asked for and shows a translated-code error', async () => {
    const { fake, reports } = setup();
    fake.answer('reports.monthly', (p) => ({ ok: true, value: { ...(p as object), rows: [aReportRow()] } }));
    await reports.load();
    expect(fake.calls[0]).toEqual({ method: 'reports.monthly', params: { month: '2026-11', by: 'subject' } });
    expect(reports.store.getState()).toMatchObject({ loading: false, error: null, report: { month: '2026-11', by: 'subject' } });

    fake.answer('reports.monthly', () => ({ ok: false, error: { code: 'unauthorized', message: 'signed out' } }));
    await reports.load('2026-10', 'unit');
    expect(reports.store.getState()).toMatchObject({ month: '2026-10', by: 'unit', report: null, error: 'unauthorized' });

    await reports.load('', 'unit');
    expect(fake.calls).toHaveLength(2);
  });

  it('drops an answer for a question nobody asks any more', async () => {
    const { fake, reports } = setup();
    const slow = deferred<Result<unknown>>();
    fake.answer('reports.monthly', () => slow.promise);
    const first = reports.load('2026-10', 'subject');
    fake.answer('reports.monthly', () => ({ ok: true, value: { month: '2026-11', by: 'unit', rows: [] } }));
    await reports.load('2026-11', 'unit');
    slow.resolve({ ok: true, value: { month: '2026-10', by: 'subject', rows: [aReportRow()] } });
    await first;
    expect(reports.store.getState().report).toEqual({ month: '2026-11', by: 'unit', rows: [] });
  });

  it('hands the CSV over for saving, or records why it could not', async () => {
    const { fake, reports } = setup();
    const save = vi.fn();
    fake.answer('reports.monthlyCsv', () => ({ ok: true, value: { fileName: 'rapor-2026-11.csv', csv: 'a;b\n1;2\n' } }));
    await reports.csv(save);
    expect(save).toHaveBeenCalledWith('rapor-2026-11.csv', 'a;b\n1;2\n');
    fake.answer('reports.monthlyCsv', () => ({ ok: false, error: { code: 'unavailable', message: 'down' } }));
    await reports.csv(save);
    expect(save).toHaveBeenCalledTimes(1);
    expect(reports.store.getState()).toMatchObject({ csvBusy: false, csvError: 'unavailable' });
    await tick();
  });

  it('keeps a server-given file name harmless', () => {
    expect(safeFileName('../../etc/rapor.csv')).toBe('.._.._etc_rapor.csv');
    expect(safeFileName('  ')).toBe('rapor.csv');
    expect(safeFileName('aylık-rapor 2026-11.csv')).toBe('aylık-rapor 2026-11.csv');
  });
});

describe('report columns', () => {
  it('are one set for the screen and the CSV: the screen\'s Turkish names are the CSV\'s, "Süresinde %" among them', () => {
    for (const by of ['subject', 'unit'] as const) {
      const screen = reportColumns(by).map((c) => tr.reports.column[c]);
      expect(screen).toEqual(reportColumns(by).map((c) => REPORT_COLUMN_NAMES_TR[c]));
    }
    expect(reportColumns('subject').map((c) => REPORT_COLUMN_NAMES_TR[c])).toContain('Süresinde %');
    // Every column has its English name too.
    for (const c of reportColumns('unit')) expect(en.reports.column[c], c).toMatch(/\S/);
    expect(tr.reports.resolvedOnCall).toBe(REPORT_ROW_NAMES_TR.resolvedOnCall);
    expect(tr.reports.noSubject).toBe(REPORT_ROW_NAMES_TR.noSubject);
  });

  it('shows each figure as the CSV writes it, the on-time share included', () => {
    const row = aReportRow({ resolved: 8, resolvedOnTime: 6, meanResolutionHours: 0, incidents: 1, incidentCases: 40 });
    expect(REPORT_FIGURES.map((f) => figureText(row, f, 'tr'))).toEqual(['10', '8', '6', '%75', '0,0', '2', '1', '3', '1', '%75', '1', '40']);
  });
});

describe('monthly report table', () => {
  function renderTable(report: MonthlyReport, lng: 'tr' | 'en' = 'tr'): string {
    const i18n = i18next.createInstance();
    void i18n.use(initReactI18next).init({ lng, fallbackLng: 'tr', resources, initAsync: false, interpolation: { escapeValue: false } });
    const table = createElement(MonthlyReportTable, { report, totals: reportTotals(report.rows), busy: false, lng });
    return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, table));
  }
  const headers = (html: string) => [...html.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);

  it('heads its columns with the CSV\'s names in the CSV\'s order', () => {
    const html = renderTable({ month: '2026-11', by: 'unit', rows: [aReportRow()] });
    expect(headers(html)).toEqual(reportColumns('unit').map((c) => REPORT_COLUMN_NAMES_TR[c]));
    expect(headers(renderTable({ month: '2026-11', by: 'subject', rows: [] }, 'en'))[4]).toBe('On time %');
  });

  it('names the unit-less row "Görüşmede çözülen" by unit, and shows 0,0 hours for it', () => {
    const onCall = aReportRow({ key: '', label: '', created: 3, resolved: 3, resolvedOnTime: 3, meanResolutionHours: 0, firstContactResolutions: 3 });
    const html = renderTable({ month: '2026-11', by: 'unit', rows: [onCall] });
    expect(html).toMatch(/data-key=""><th scope="row">Görüşmede çözülen<\/th>/);
    expect(html).toContain('data-column="meanResolutionHours">0,0<');
    expect(renderTable({ month: '2026-11', by: 'unit', rows: [onCall] }, 'en')).toContain('>Resolved on the call<');
    expect(renderTable({ month: '2026-11', by: 'subject', rows: [onCall] })).toContain('>(Konu yok)<');
  });
});
