import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../core/contract.js';
import { createDesk } from '../app/desk.js';
import { resources } from '../app/texts.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import { DeskProvider } from '../shared/desk/deskContext.js';
import { createFakeTransport, deferred } from '../shared/testing/fakeTransport.js';
import { QueueStatsView } from './components/QueueStatsView.js';
import { ReportsView } from './components/ReportsView.js';
import { createQueueStats, type QueueStats } from './queueStatsStore.js';
import { aQueueStatsReport, anAgentStatsReport } from './testing/statsFixtures.js';

// Thursday 3 December 2026, 12:00 in Istanbul.
const NOW = Date.parse('2026-12-03T09:00:00Z');

function setup() {
  const fake = createFakeTransport();
  const client = createDeskClient(fake.transport, { warn: vi.fn() });
  return { fake, stats: createQueueStats(client, NOW) };
}

function answerBoth(fake: ReturnType<typeof createFakeTransport>) {
  fake.answer('reports.queueStats', (p) => ({ ok: true, value: aQueueStatsReport({ ...(p as { from: string; to: string; interval: '60' }) }) }));
  fake.answer('reports.agentStats', (p) => ({ ok: true, value: anAgentStatsReport({ ...(p as { from: string; to: string }) }) }));
}

describe('queue statistics', () => {
  it('asks for today by hours, both reports at once', async () => {
    const { fake, stats } = setup();
    answerBoth(fake);
    await stats.load();
    expect(fake.calls).toEqual([
      { method: 'reports.queueStats', params: { from: '2026-12-03', to: '2026-12-03', interval: '60' } },
      { method: 'reports.agentStats', params: { from: '2026-12-03', to: '2026-12-03' } },
    ]);
    expect(stats.store.getState()).toMatchObject({ loading: false, error: null, queueReport: { from: '2026-12-03' }, agentReport: { from: '2026-12-03' } });
  });

  it('asks for the month by days, and steps to the month before', async () => {
    const { fake, stats } = setup();
    answerBoth(fake);
    await stats.chooseKind('month');
    expect(fake.calls[0]).toEqual({ method: 'reports.queueStats', params: { from: '2026-12-01', to: '2026-12-31', interval: 'day' } });
    await stats.step(-1);
    expect(fake.calls[2]).toEqual({ method: 'reports.queueStats', params: { from: '2026-11-01', to: '2026-11-30', interval: 'day' } });
    // A week around the month's first day, by hours.
    await stats.chooseKind('week');
    expect(fake.calls[4]).toEqual({ method: 'reports.queueStats', params: { from: '2026-10-26', to: '2026-11-01', interval: '60' } });
  });

  it('shows a translated-code error and drops the report that failed', async () => {
    const { fake, stats } = setup();
    answerBoth(fake);
    await stats.load();
    fake.answer('reports.queueStats', () => ({ ok: false, error: { code: 'forbidden', message: 'no' } }));
    await stats.load(undefined, '15');
    expect(stats.store.getState()).toMatchObject({ interval: '15', queueReport: null, agentReport: { from: '2026-12-03' }, error: 'forbidden' });
  });

  it('drops answers for a question nobody asks any more', async () => {
    const { fake, stats } = setup();
    const slow = deferred<Result<unknown>>();
    fake.answer('reports.queueStats', () => slow.promise);
    fake.answer('reports.agentStats', () => ({ ok: true, value: anAgentStatsReport() }));
    const first = stats.load(undefined, '15');
    answerBoth(fake);
    await stats.load(undefined, '30');
    slow.resolve({ ok: true, value: aQueueStatsReport({ interval: '15', rows: [] }) });
    await first;
    expect(stats.store.getState().queueReport).toMatchObject({ interval: '30' });
  });

  it('hands each CSV over for saving with the queue filter, or records why it could not', async () => {
    const { fake, stats } = setup();
    const save = vi.fn();
    fake.answer('reports.queueStatsCsv', () => ({ ok: true, value: { fileName: 'kuyruk.csv', csv: 'a;b\n' } }));
    fake.answer('reports.agentStatsCsv', () => ({ ok: false, error: { code: 'unavailable', message: 'down' } }));
    stats.chooseQueue('zabita');
    await stats.csv('queue', save);
    expect(fake.calls[0]).toEqual({ method: 'reports.queueStatsCsv', params: { from: '2026-12-03', to: '2026-12-03', interval: '60', queue: 'zabita' } });
    expect(save).toHaveBeenCalledWith('kuyruk.csv', 'a;b\n');
    await stats.csv('agents', save);
    expect(fake.calls[1]).toEqual({ method: 'reports.agentStatsCsv', params: { from: '2026-12-03', to: '2026-12-03' } });
    expect(save).toHaveBeenCalledTimes(1);
    expect(stats.store.getState()).toMatchObject({ csvBusy: null, csvError: 'unavailable' });
  });
});

describe('queue statistics view', () => {
  // Server rendering reads a store's initial state: each test loads the reports through the fake
  // host, does what the lead does, and draws a store that starts where that one ended.
  async function render(prepare: (stats: QueueStats) => Promise<void> | void = () => {}, lng: 'tr' | 'en' = 'tr'): Promise<string> {
    const fake = createFakeTransport();
    answerBoth(fake);
    const desk = createDesk(fake.transport);
    const loaded = createQueueStats(desk.client, NOW);
    await loaded.load();
    await prepare(loaded);
    const stats = createQueueStats(desk.client, NOW, loaded.store.getState());
    const i18n = i18next.createInstance();
    void i18n.use(initReactI18next).init({ lng, fallbackLng: 'tr', resources, initAsync: false, interpolation: { escapeValue: false } });
    return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(DeskProvider, { desk, children: createElement(QueueStatsView, { stats }) })));
  }
  const count = (html: string, needle: string) => html.split(needle).length - 1;
  const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>([^<]*)</g)].map((m) => m[1]);
  const part = (html: string, testId: string, end: string) => html.slice(html.indexOf(`data-testid="${testId}"`), html.indexOf(end, html.indexOf(`data-testid="${testId}"`)));

  it('lists every interval with its figures in Istanbul time, a queue column and a totals row per queue', async () => {
    const html = await render();
    const table = part(html, 'queue-stats-table', '</table>');
    expect(count(table, 'data-testid="queue-stats-row"')).toBe(3);
    const first = part(table, 'queue-stats-row', '</tr>');
    expect(cells(first)).toEqual(['09:00', 'alo153', '10', '8', '2', '0', '00:13', '00:15', '01:10', '03:05', '%75,0', '%70,0', '%20,0']);
    const totals = part(html, 'queue-stats-totals', '</tfoot>');
    expect(count(totals, 'data-testid="queue-stats-total"')).toBe(2);
    expect(totals).toContain('data-queue="alo153"');
    expect(cells(part(totals, 'queue-stats-total', '</tr>')).slice(0, 4)).toEqual(['Toplam', 'alo153', '14', '12']);
    // SL2 is explained where it is named.
    expect(html).toMatch(/title="Hizmet düzeyi 2: hizmet düzeyi süresi içinde cevaplanan ve terk edilen aramalar ÷ cevaplanan ve terk edilen aramalar[^"]*"[^>]*>HD2 %/);
    expect(html).toContain('data-testid="queue-stats-queue"');
  });

  it('filters on one queue: no queue column, the total names the queue', async () => {
    const html = await render((stats) => stats.chooseQueue('zabita'));
    expect(count(html, 'data-testid="queue-stats-row"')).toBe(1);
    const totals = part(html, 'queue-stats-totals', '</tfoot>');
    expect(cells(part(totals, 'queue-stats-total', '</tr>')).slice(0, 3)).toEqual(['Toplam · zabita', '3', '2']);
  });

  it('warns in words that the figures of a gap are missing, not zero', async () => {
    const html = await render();
    const gaps = part(html, 'queue-stats-gaps', '</p>').replace(/<[^>]+>/g, '');
    expect(gaps).toContain('eksik (sıfır değil)');
    // Named once though both reports carry it.
    expect(gaps).toContain('03.12.2026 10:00 – 10:20 (PBX bağlantısı koptu)');
    expect(count(html, 'data-testid="queue-stats-gap"')).toBe(1);
    const none = await render(async (stats) => {
      stats.store.setState((s) => ({ ...s, queueReport: { ...s.queueReport!, gaps: [] }, agentReport: { ...s.agentReport!, gaps: [] } }));
    });
    expect(none).not.toContain('queue-stats-gaps');
  });

  it('draws the three charts as SVG', async () => {
    const html = await render();
    for (const id of ['queue-stats-chart-calls', 'queue-stats-chart-sl', 'queue-stats-chart-abandon-wait']) expect(html).toMatch(new RegExp(`<svg[^>]*data-testid="${id}"`));
    // 24 hourly bands, three series; only non-zero bars are drawn.
    expect(count(part(html, 'queue-stats-chart-calls', '</svg>'), 'data-series="offered"')).toBe(2);
    expect(part(html, 'queue-stats-chart-sl', '</svg>')).toMatch(/data-testid="queue-stats-sl-line" d="M[\d. ]+L[\d. ]+"|d="M[\d. ]+L[\d. ]+"[^>]*data-testid="queue-stats-sl-line"/);
    const waits = part(html, 'queue-stats-chart-abandon-wait', '</svg>');
    expect([...waits.matchAll(/data-bucket="(\d)" data-value="(\d+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['0', '1'],
      ['2', '2'],
    ]);
    expect(waits).toContain('≥120 sn');
    // The 10:00 interval lies in the gap but has figures: it is not shaded as missing.
    expect(html).not.toContain('Eksik (PBX izlenemedi)');
    // 15:00 and 16:00 in a gap without figures: shaded as one block in both time charts, and named in the legend.
    const gap = { pbx: 'pbx-1', from: '2026-12-03T12:00:00.000Z', to: '2026-12-03T14:00:00.000Z', reason: 'collector-down' as const };
    const shaded = await render((stats) => stats.store.setState((s) => ({ ...s, queueReport: { ...s.queueReport!, gaps: [gap] } })));
    expect(count(shaded, 'data-missing="2"')).toBe(2);
    expect(shaded).toContain('Eksik (PBX izlenemedi)');
  });

  it('lists the agents in Turkish name order, re-sorts on a header, one column per pause reason', async () => {
    const agentNames = (html: string) => [...html.matchAll(/data-testid="agent-stats-name">([^<]+)</g)].map((m) => m[1]);
    const html = await render();
    expect(agentNames(html)).toEqual(['Çağlar Tan', 'Işıl Er', 'İsmail Cem', 'Şule Kaya']);
    const head = part(html, 'agent-stats-table', '</thead>');
    expect(head).toContain('Mola: Mola');
    expect(head).toContain('Mola: Yemek');
    expect(head).toContain('Mola: nedensiz');
    expect(head).toMatch(/aria-sort="ascending" data-column="name"/);
    const row = part(html, 'agent-stats-row" data-agent="PJSIP/1001', '</tr>');
    expect(cells(row)).toEqual(['Şule Kaya', '5', '02:00', '1', '1:50', '0:30', '0:05', '0:00', '0:15', '0:00', '%40,7']);

    const byAnswered = await render((stats) => stats.sortAgents('answered'));
    expect(agentNames(byAnswered)).toEqual(['Çağlar Tan', 'İsmail Cem', 'Şule Kaya', 'Işıl Er']);
    expect(byAnswered).toMatch(/aria-sort="descending" data-column="answered"/);
    const reversed = await render((stats) => stats.sortAgents('name'));
    expect(agentNames(reversed)).toEqual(['Şule Kaya', 'İsmail Cem', 'Işıl Er', 'Çağlar Tan']);
  });

  it('has the period picker, the interval choice and both CSV buttons; "next" stops at today', async () => {
    const html = await render();
    expect(html).toMatch(/aria-pressed="true" data-testid="queue-stats-kind-day"/);
    expect(html).toContain('3 Aralık 2026 Perşembe');
    expect(html).toMatch(/disabled=""[^>]*data-testid="queue-stats-next"|data-testid="queue-stats-next"[^>]*disabled=""/);
    expect(html).toContain('<option value="60" selected="">60 dakika</option>');
    expect(html).toContain('data-testid="queue-stats-csv"');
    expect(html).toContain('data-testid="agent-stats-csv"');
    const english = await render(undefined, 'en');
    expect(english).toContain('Queue statistics');
    expect(english).toContain('Thursday, 3 December 2026');
  });

  it('sits beside the monthly report under a tab of its own; the reports open on the monthly one', async () => {
    const fake = createFakeTransport();
    const desk = createDesk(fake.transport);
    const i18n = i18next.createInstance();
    void i18n.use(initReactI18next).init({ lng: 'tr', fallbackLng: 'tr', resources, initAsync: false, interpolation: { escapeValue: false } });
    const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(DeskProvider, { desk, children: createElement(ReportsView) })));
    expect(html).toMatch(/aria-selected="true"[^>]*data-testid="reports-tab-monthly"/);
    expect(html).toMatch(/aria-selected="false"[^>]*data-testid="reports-tab-queueStats"[^>]*>Kuyruk istatistikleri</);
    expect(html).toContain('data-testid="reports"');
    expect(html).not.toContain('data-testid="queue-stats"');
  });
});
