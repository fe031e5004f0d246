import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Incident } from '../../../core/incident.js';
import type { Surge } from '../../../core/incidentSurge.js';
import { anIncident, smallCatalogue } from '../shared/testing/fixtures.js';
import { IncidentsPanel } from './components/IncidentsPanel.js';
import { WallboardProvider } from './components/WallboardContext.js';
import { createWallboard } from './createWallboard.js';
import { registerWallboardLocales, wallboardT } from './i18n.js';
import {
  declarationFromSurge,
  defaultSurgeMessage,
  initialIncidentBoardState,
  startIncidentBoard,
  surgeKey,
  unitForSubject,
  type IncidentBoardState,
} from './incidentBoard.js';
import { fakeHost, tick } from './testing/fakeClient.js';

const INCIDENT: Incident = anIncident({ districts: ['Kadıköy', 'Üsküdar'], attachedCount: 1234, attachedRecently: 17 });
const SURGE: Surge = {
  subjectCode: smallCatalogue.subjects[0]!.code,
  subjectName: smallCatalogue.subjects[0]!.name,
  district: 'Kadıköy',
  caseNumbers: ['2026-0000001-1', '2026-0000002-9', '2026-0000003-7'],
  firstAt: '2026-12-04T08:00:00Z',
  lastAt: '2026-12-04T08:10:00Z',
  rule: { cases: 3, minutes: 30 },
};

function render(state: Partial<IncidentBoardState>, opts: { actions?: boolean; lng?: 'tr' | 'en' } = {}): string {
  const host = fakeHost({ status: 'disconnected', retryAt: 0 });
  const wallboard = createWallboard(host.client);
  const board = startIncidentBoard(host.client, Date.now, createStore<IncidentBoardState>(() => ({ ...initialIncidentBoardState, ...state })));
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ lng: opts.lng ?? 'tr', fallbackLng: 'tr', resources: {}, initAsync: false, interpolation: { escapeValue: false } });
  registerWallboardLocales(i18n);
  const t = wallboardT(i18n, opts.lng ?? 'tr');
  return renderToStaticMarkup(
    createElement(I18nextProvider, { i18n }, createElement(WallboardProvider, { wallboard: { ...wallboard, incidents: board }, children: createElement(IncidentsPanel, { t, lng: opts.lng ?? 'tr', actions: opts.actions ?? true }) })),
  );
}
const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('the mass incidents panel', () => {
  it('shows nothing until the host answered, then says when there is none', () => {
    expect(render({})).toBe('');
    expect(render({ loaded: true })).toContain('Etkin toplu olay yok.');
  });

  it('lists each incident with its calls of the last 15 minutes and in all, the message and the districts; a close action; the surges with a declare button', () => {
    const html = render({ loaded: true, incidents: [INCIDENT], surges: [SURGE], catalogue: smallCatalogue });
    expect(html).toContain('data-testid="wallboard-incidents"');
    expect(html).toContain('Toplu olaylar');
    expect(count(html, 'data-testid="wallboard-incident"')).toBe(1);
    expect(html).toContain(`data-incident-id="${INCIDENT.id}"`);
    expect(html).toMatch(/data-testid="wallboard-incident-recent"[^>]*>17</);
    expect(html).toMatch(/data-testid="wallboard-incident-total"[^>]*>1\.234</);
    expect(html).toContain('Kadıköy, Üsküdar');
    expect(html).toContain(INCIDENT.message);
    expect(html).toContain('data-testid="incident-close"');
    expect(html).toContain('>Kapat</button>');
    expect(count(html, 'data-testid="wallboard-surge"')).toBe(1);
    expect(html).toContain('data-testid="surge-declare"');
    expect(html).toContain('Olay bildir');
    expect(html).toContain('Kadıköy: 3 başvuru');
  });

  it('gives no commands on a board that only watches, and speaks English', () => {
    const html = render({ loaded: true, incidents: [INCIDENT], surges: [SURGE] }, { actions: false, lng: 'en' });
    expect(html).toContain('Mass incidents');
    expect(html).toContain('Last 15 min');
    expect(html).not.toContain('data-testid="incident-close"');
    expect(html).not.toContain('data-testid="surge-declare"');
  });
});

describe('declaring from a surge', () => {
  it('takes the subject, its unit, the district, the cases and now', () => {
    const unit = unitForSubject(smallCatalogue, SURGE.subjectCode) ?? 'x';
    const now = new Date('2026-12-04T09:00:00Z');
    expect(declarationFromSurge(SURGE, unit, '  ', now)).toEqual({
      subjectCode: SURGE.subjectCode,
      unitCode: unit,
      districts: ['Kadıköy'],
      neighbourhoods: [],
      message: defaultSurgeMessage(SURGE),
      startsAt: '2026-12-04T09:00:00.000Z',
      expectedEndAt: null,
      announceQueues: [],
      caseNumbers: SURGE.caseNumbers,
    });
    expect(unitForSubject(null, 'x')).toBeNull();
  });

  it('sends it, shows the incident and drops the surge; a refusal is kept for the row', async () => {
    const host = fakeHost();
    host.answer('incidents.list', () => ({ ok: true, value: { incidents: [] } }));
    host.answer('incidents.surges', () => ({ ok: true, value: { surges: [SURGE] } }));
    host.answer('catalogue.get', () => ({ ok: true, value: smallCatalogue }));
    host.answer('incidents.declare', () => ({ ok: true, value: INCIDENT }));
    const board = startIncidentBoard(host.client, () => Date.parse('2026-12-04T09:00:00Z'));
    await tick();
    expect(board.store.getState().surges).toHaveLength(1);
    expect(await board.declare(SURGE, 'Su kesintisi biliniyor.')).toBe(true);
    const sent = host.calls.find((c) => c.method === 'incidents.declare')!.params as { message: string; caseNumbers: string[]; unitCode: string };
    expect(sent.message).toBe('Su kesintisi biliniyor.');
    expect(sent.unitCode).toBe(unitForSubject(smallCatalogue, SURGE.subjectCode));
    expect(sent.caseNumbers).toEqual(SURGE.caseNumbers);
    expect(board.store.getState().incidents.map((i) => i.id)).toEqual([INCIDENT.id]);
    expect(board.store.getState().surges).toEqual([]);
    host.answer('incidents.close', () => ({ ok: false, error: { code: 'forbidden', message: 'no' } }));
    expect(await board.close(INCIDENT.id, 'Arıza giderildi.')).toBe(false);
    expect(board.store.getState().problem).toEqual({ key: `close:${INCIDENT.id}`, code: 'forbidden' });
    expect(surgeKey(SURGE)).toContain('Kadıköy');
    board.stop();
  });
});
