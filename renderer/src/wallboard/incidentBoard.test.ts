import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Incident } from '../../../core/incident.js';
import type { Surge } from '../../../core/incidentSurge.js';
import { anIncident, smallCatalogue } from '../shared/testing/fixtures.js';
import { IncidentForm, IncidentsPanel } from './components/IncidentsPanel.js';
import { WallboardProvider } from './components/WallboardContext.js';
import { createWallboard } from './createWallboard.js';
import { registerWallboardLocales, wallboardT } from './i18n.js';
import {
  declarationFromSurge,
  defaultSurgeMessage,
  fieldErrorsOfIssues,
  fieldOfIssuePath,
  incidentInputFromDraft,
  initialIncidentBoardState,
  istanbulLocalToIso,
  NEW_INCIDENT_KEY,
  startIncidentBoard,
  surgeKey,
  unitForSubject,
  type IncidentBoardState,
  type IncidentDraft,
} from './incidentBoard.js';
import { fakeHost, tick } from './testing/fakeClient.js';

/** The board's clock: a morning of the fixtures' day, whatever day the suite runs. */
const CLOCK = () => Date.parse('2026-12-04T09:00:00Z');
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
  const board = startIncidentBoard(host.client, CLOCK, createStore<IncidentBoardState>(() => ({ ...initialIncidentBoardState, ...state })));
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

const DRAFT: IncidentDraft = {
  subjectCode: smallCatalogue.subjects[0]!.code,
  unitCode: smallCatalogue.units[0]!.code,
  districts: ['Kadıköy'],
  neighbourhoods: ['Caferağa'],
  message: '  Kadıköy’de ana isale hattı arızası; ekipler çalışıyor.  ',
  expectedEnd: '2026-12-04T18:30',
  announceQueues: ' istanbul-su, genel.1 ,, ',
};

describe('declaring by hand', () => {
  it('reads the expected end as Istanbul time, whatever the machine’s zone', () => {
    expect(istanbulLocalToIso('2026-12-04T18:30')).toBe('2026-12-04T15:30:00.000Z');
    expect(istanbulLocalToIso('2026-12-04T18:30:15')).toBe('2026-12-04T15:30:15.000Z');
    // Past midnight in Istanbul is still the day before in UTC.
    expect(istanbulLocalToIso('2027-01-01T01:00')).toBe('2026-12-31T22:00:00.000Z');
    expect(istanbulLocalToIso('2026-02-31T10:00')).toBeNull();
    expect(istanbulLocalToIso('2026-12-04T24:00')).toBeNull();
    expect(istanbulLocalToIso('2026-12-04')).toBeNull();
    expect(istanbulLocalToIso('')).toBeNull();
  });

  it('checks the form: subject, unit, a district and the message are required; the end and the queues must be well formed', () => {
    expect(incidentInputFromDraft({ subjectCode: '', unitCode: '', districts: [], neighbourhoods: [], message: '  ', expectedEnd: '', announceQueues: '' })).toEqual({
      ok: false,
      errors: { subject: 'required', unit: 'required', districts: 'districts', message: 'required' },
    });
    expect(incidentInputFromDraft({ ...DRAFT, message: 'x'.repeat(1001), expectedEnd: '2026-13-01T10:00', announceQueues: 'genel, kötü kuyruk' })).toEqual({
      ok: false,
      errors: { message: 'tooLong', expectedEnd: 'time', queues: 'queue' },
    });
    expect(incidentInputFromDraft(DRAFT)).toEqual({
      ok: true,
      input: {
        subjectCode: DRAFT.subjectCode,
        unitCode: DRAFT.unitCode,
        districts: ['Kadıköy'],
        neighbourhoods: ['Caferağa'],
        message: 'Kadıköy’de ana isale hattı arızası; ekipler çalışıyor.',
        expectedEndAt: '2026-12-04T15:30:00.000Z',
        announceQueues: ['istanbul-su', 'genel.1'],
      },
    });
    const noEnd = incidentInputFromDraft({ ...DRAFT, expectedEnd: '', announceQueues: '' });
    expect(noEnd.ok && noEnd.input.expectedEndAt).toBeNull();
    expect(noEnd.ok && noEnd.input.announceQueues).toEqual([]);
  });

  it('maps the host’s issues to the fields by path', () => {
    expect(fieldOfIssuePath('districts.2')).toBe('districts');
    expect(fieldOfIssuePath('announceQueues.0')).toBe('queues');
    expect(fieldOfIssuePath('caseNumbers')).toBeNull();
    expect(
      fieldErrorsOfIssues([
        { path: 'expectedEndAt', message: 'expectedEnd.beforeStart' },
        { path: 'message', message: 'text.tooLong' },
        { path: 'unitCode', message: 'unit.invalid' },
        { path: 'unitCode', message: 'second' },
        { path: '', message: 'whole' },
      ]),
    ).toEqual({ expectedEnd: 'endBeforeStart', message: 'tooLong', unit: 'invalid' });
    expect(fieldErrorsOfIssues(undefined)).toEqual({});
  });

  it('sends the declaration starting at the board’s clock with no cases, and shows the incident; a refusal keeps the host’s issues', async () => {
    const host = fakeHost();
    host.answer('incidents.list', () => ({ ok: true, value: { incidents: [] } }));
    host.answer('incidents.surges', () => ({ ok: true, value: { surges: [] } }));
    host.answer('catalogue.get', () => ({ ok: true, value: smallCatalogue }));
    host.answer('incidents.declare', () => ({ ok: true, value: INCIDENT }));
    const board = startIncidentBoard(host.client, () => Date.parse('2026-12-04T09:00:00Z'));
    await tick();
    const checked = incidentInputFromDraft(DRAFT);
    if (!checked.ok) throw new Error('draft refused');
    expect(await board.declareIncident(checked.input)).toBe(true);
    expect(host.calls.find((c) => c.method === 'incidents.declare')!.params).toEqual({
      ...checked.input,
      startsAt: '2026-12-04T09:00:00.000Z',
      caseNumbers: [],
    });
    expect(board.store.getState().incidents.map((i) => i.id)).toEqual([INCIDENT.id]);
    expect(board.store.getState().busy).toBeNull();

    host.answer('incidents.declare', () => ({ ok: false, error: { code: 'invalid-request', message: 'no', issues: [{ path: 'districts.0', message: 'too big' }] } }));
    expect(await board.declareIncident(checked.input)).toBe(false);
    expect(board.store.getState().problem).toEqual({ key: NEW_INCIDENT_KEY, code: 'invalid-request', issues: [{ path: 'districts.0', message: 'too big' }] });

    // An end that is not after now is refused without a request.
    const sentBefore = host.calls.filter((c) => c.method === 'incidents.declare').length;
    expect(await board.declareIncident({ ...checked.input, expectedEndAt: '2026-12-04T08:00:00.000Z' })).toBe(false);
    expect(host.calls.filter((c) => c.method === 'incidents.declare')).toHaveLength(sentBefore);
    expect(fieldErrorsOfIssues(board.store.getState().problem?.issues)).toEqual({ expectedEnd: 'endBeforeStart' });
    board.stop();
  });

  it('offers "Yeni toplu olay" to a team lead only, and its form labels every field', () => {
    expect(render({ loaded: true, catalogue: smallCatalogue })).toContain('data-testid="incident-new"');
    expect(render({ loaded: true, catalogue: smallCatalogue })).toContain('Yeni toplu olay');
    expect(render({ loaded: true, catalogue: smallCatalogue }, { actions: false })).not.toContain('data-testid="incident-new"');

    const host = fakeHost({ status: 'disconnected', retryAt: 0 });
    const board = startIncidentBoard(host.client, CLOCK, createStore<IncidentBoardState>(() => ({ ...initialIncidentBoardState, loaded: true, catalogue: smallCatalogue })));
    const i18n = i18next.createInstance();
    void i18n.use(initReactI18next).init({ lng: 'tr', fallbackLng: 'tr', resources: {}, initAsync: false, interpolation: { escapeValue: false } });
    registerWallboardLocales(i18n);
    const html = renderToStaticMarkup(
      createElement(IncidentForm, { board, state: board.store.getState(), catalogue: smallCatalogue, t: wallboardT(i18n, 'tr'), onDone: () => {}, onCancel: () => {} }),
    );
    for (const testId of ['incident-form', 'incident-form-subject', 'incident-form-unit', 'incident-form-message', 'incident-form-submit']) expect(html, testId).toContain(`data-testid="${testId}"`);
    expect(count(html, 'data-testid="incident-form-district"')).toBe(smallCatalogue.districts.length);
    expect(html).toContain('data-district="Kadıköy"');
    expect(html).toContain('Vatandaşa söylenecek');
    for (const unit of smallCatalogue.units) expect(html).toContain(`value="${unit.code}"`);
    // Every label names an element that exists; neighbourhoods wait for a district.
    const targets = [...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThanOrEqual(5);
    for (const target of targets) expect(html).toContain(`id="${target}"`);
    expect(html).not.toContain('data-testid="incident-form-neighbourhood"');
    board.stop();
  });
});
