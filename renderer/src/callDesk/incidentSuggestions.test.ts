import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Incident, IncidentSuggestion } from '../../../core/incident.js';
import { createDesk } from '../app/desk.js';
import { resources } from '../app/texts.js';
import { DeskProvider } from '../shared/desk/deskContext.js';
import { createFakeTransport } from '../shared/testing/fakeTransport.js';
import { aCase, anIncident as anIncidentBase, aScreenPop } from '../shared/testing/fixtures.js';
import { createCallStore } from './callStore.js';
import { ScreenPopPanel } from './components/ScreenPopPanel.js';
import {
  altDigitIndex,
  attachDone,
  attachKeyLabel,
  attachProblemOf,
  createIncidentListStore,
  initialAttachState,
  mergeSuggestions,
  startIncidentListSync,
  type IncidentListState,
} from './incidentSuggestions.js';

const NOW = new Date('2026-12-04T09:00:00Z');

const anIncident = (overrides: Partial<Incident> = {}): Incident =>
  anIncidentBase({ startsAt: '2020-01-01T08:00:00Z', expectedEndAt: '2026-12-04T15:00:00Z', attachedCount: 12, attachedRecently: 4, ...overrides });
const WATER = anIncident();
const POWER = anIncident({ id: '22222222-2222-4222-8222-222222222222', subjectCode: 'elektrik', districts: ['Üsküdar'], message: 'Elektrik 14.00’te gelecek.' });
const ROAD = anIncident({ id: '33333333-3333-4333-8333-333333333333', subjectCode: 'yol', districts: ['Beşiktaş'], message: 'Yol çalışması.' });
const listOf = (...incidents: Incident[]): IncidentListState => ({ incidents, loaded: true });
const suggested = (incident: Incident, reason: IncidentSuggestion['reason'] = 'district'): IncidentSuggestion => ({ incident, reason });

describe('incident suggestions of a pop', () => {
  it('keep the pop’s own first, then those the picked subject falls under, each incident once', () => {
    const pop = { incidents: [suggested(POWER)], previousCases: [] };
    const out = mergeSuggestions(pop, listOf(WATER, POWER, ROAD), 'elektrik.ariza', NOW);
    expect(out.map((s) => [s.incident.id, s.reason])).toEqual([[POWER.id, 'district']]);
    const withWater = mergeSuggestions(pop, listOf(WATER, POWER, ROAD), 'su.kesinti', NOW);
    expect(withWater.map((s) => [s.incident.id, s.reason])).toEqual([
      [POWER.id, 'district'],
      [WATER.id, 'subject'],
    ]);
  });

  it('show the list’s fresher copy, drop one closed since the pop, and take the pop as it came until the list is known', () => {
    const pop = { incidents: [suggested(WATER), suggested(POWER)], previousCases: [] };
    const fresher = { ...WATER, attachedCount: 40 };
    const out = mergeSuggestions(pop, listOf(fresher), null, NOW);
    expect(out).toHaveLength(1);
    expect(out[0]!.incident.attachedCount).toBe(40);
    expect(mergeSuggestions(pop, { incidents: [], loaded: false }, null, NOW)).toHaveLength(2);
  });

  it('match the subject against the caller’s earlier cases too (an attached caller stays attached), and offer at most nine', () => {
    const pop = { incidents: [], previousCases: [aCase({ incidentId: WATER.id })] };
    expect(mergeSuggestions(pop, listOf(WATER), 'su.kesinti', NOW).map((s) => s.reason)).toEqual(['attached']);
    const many = Array.from({ length: 12 }, (_, i) => anIncident({ id: `44444444-4444-4444-8444-4444444444${String(i).padStart(2, '0')}` }));
    expect(mergeSuggestions({ incidents: [], previousCases: [] }, listOf(...many), 'su', NOW)).toHaveLength(0);
    expect(mergeSuggestions({ incidents: [], previousCases: [] }, listOf(...many), 'su.kesinti', NOW)).toHaveLength(9);
  });
});

describe('the attach keys', () => {
  const key = (code: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; repeat: boolean }> = {}) =>
    altDigitIndex({ code, altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, repeat: false, ...mods });

  it('are Alt+1..Alt+9 by physical key, whatever the layout types', () => {
    expect(key('Digit1')).toBe(0);
    expect(key('Digit9')).toBe(8);
    expect(key('Digit0')).toBeNull();
    expect(key('Numpad1')).toBeNull();
    expect(key('KeyA')).toBeNull();
    expect(attachKeyLabel(0)).toBe('Alt+1');
  });

  it('leave AltGr (Ctrl+Alt), Meta, Shift, a bare digit and a held key alone', () => {
    expect(key('Digit1', { ctrlKey: true })).toBeNull();
    expect(key('Digit1', { metaKey: true })).toBeNull();
    expect(key('Digit1', { shiftKey: true })).toBeNull();
    expect(key('Digit1', { altKey: false })).toBeNull();
    expect(key('Digit1', { repeat: true })).toBeNull();
  });

  it('name a missing call apart from other refusals', () => {
    expect(attachProblemOf({ code: 'invalid-request', message: 'x', issues: [{ path: 'incidentId', message: 'incident.noCall' }] })).toBe('noCall');
    expect(attachProblemOf({ code: 'not-found', message: 'incident' })).toBe('not-found');
  });
});

describe('the incident list store', () => {
  it('asks on connect and follows the pushes', async () => {
    const fake = createFakeTransport({ status: 'connected' });
    fake.answer('incidents.list', () => ({ ok: true, value: { incidents: [WATER] } }));
    const desk = createDesk(fake.transport);
    await new Promise((r) => setTimeout(r, 0));
    expect(desk.incidents.getState()).toEqual({ incidents: [WATER], loaded: true });
    fake.push('incidents.changed', { incidents: [WATER, POWER] });
    expect(desk.incidents.getState().incidents.map((i) => i.id)).toEqual([WATER.id, POWER.id]);
    const own = startIncidentListSync(desk.client, createIncidentListStore());
    own.stop();
  });
});

function renderPop(pop: ReturnType<typeof aScreenPop>, list: IncidentListState, lng: 'tr' | 'en' = 'tr'): string {
  const fake = createFakeTransport({ status: 'disconnected', retryAt: 0 });
  const base = createDesk(fake.transport);
  const desk = { ...base, call: createCallStore({ screenPop: pop }), incidents: createIncidentListStore(list) };
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ lng, fallbackLng: 'tr', resources, initAsync: false, interpolation: { escapeValue: false } });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(DeskProvider, { desk, children: createElement(ScreenPopPanel) })));
}
const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('the incident box on the pop', () => {
  it('shows each suggestion with its key, place, message, expected end in Istanbul time and calls, under the caller line', () => {
    const html = renderPop(aScreenPop({}, { incidents: [suggested(WATER), suggested(POWER, 'attached')] }), listOf(WATER, POWER));
    expect(count(html, 'data-testid="incident-suggestion"')).toBe(2);
    expect(html).toContain(`data-incident-id="${WATER.id}"`);
    expect(html.indexOf('data-testid="screen-pop-caller"')).toBeLessThan(html.indexOf('data-testid="incident-suggestions"'));
    expect(html).toMatch(/<section[^>]*aria-labelledby="[^"]+"[^>]*data-testid="incident-suggestions"/);
    expect(html).toContain('Vatandaşa söyleyin:');
    expect(html).toContain('Ana isale arızası: su 18.00’de gelecek.');
    expect(html).toContain('Tahmini bitiş: 04.12.2026 18:00');
    expect(html).toContain('Bağlı çağrı: 12');
    expect(html).toContain('Kadıköy');
    expect(html).toContain('>Alt+1</kbd>');
    expect(html).toContain('Bu olaya bağla (Alt+1)');
    expect(html).toContain('Bu arayan bu olaya bağlı.');
    expect(html).toContain('Önceki başvurusuna not ekle (Alt+2)');
    expect(html).toContain('aria-keyshortcuts="Alt+2"');
    expect(html).toContain('data-testid="incident-note"');
  });

  it('speaks English when asked, and shows nothing without a matching incident', () => {
    const html = renderPop(aScreenPop({}, { incidents: [suggested(WATER)] }), listOf(WATER), 'en');
    expect(html).toContain('Attach to this incident (Alt+1)');
    expect(html).toContain('Tell the citizen:');
    expect(renderPop(aScreenPop(), listOf(WATER))).not.toContain('incident-suggestions');
  });

  it('remembers what an attach gave, per incident', () => {
    const created = attachDone(initialAttachState, WATER.id, { case: aCase({ applicationNo: 'ALO-2026-0000001-7' }), securityCode: 'K7M2P9RT', repeat: false });
    expect(created.last?.attachment.securityCode).toBe('K7M2P9RT');
    expect(Object.keys(created.attached)).toEqual([WATER.id]);
  });
});
