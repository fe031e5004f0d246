import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../../core/catalogue/defaultCatalogue.js';
import type { CaseHistoryEntry } from '../../../core/case.js';
import { createDesk } from '../app/desk.js';
import { resources } from '../app/texts.js';
import { catalogueLoaded, initialCatalogueState, type CatalogueState } from '../shared/catalogue/catalogueStore.js';
import { createStore } from 'zustand/vanilla';
import { DeskProvider } from '../shared/desk/deskContext.js';
import { createHostStore, initialHostState } from '../shared/state/hostStore.js';
import { createFakeTransport } from '../shared/testing/fakeTransport.js';
import { CaseTimeline } from './components/CaseTimeline.js';
import { historyActor } from './historyActor.js';
import { historyLine } from './history.js';

const self = { agentInterface: 'Local/1001@sim-agent/n', agentName: 'Ayşe Yılmaz' };

describe('who took a step of the case', () => {
  it("names this desk's agent, and any other operator by extension, never by AMI interface", () => {
    expect(historyActor({ actor: 'Local/1001@sim-agent/n', detail: null }, self)).toEqual({ kind: 'person', name: 'Ayşe Yılmaz' });
    expect(historyActor({ actor: 'Local/1001@sim-agent/n', detail: null }, { ...self, agentName: null })).toEqual({ kind: 'extension', extension: '1001' });
    expect(historyActor({ actor: 'Local/1002@sim-agent/n', detail: null }, self)).toEqual({ kind: 'extension', extension: '1002' });
    expect(historyActor({ actor: 'PJSIP/2004', detail: null }, null)).toEqual({ kind: 'extension', extension: '2004' });
    expect(historyActor({ actor: 'SIP/1003-0000002a', detail: null }, null)).toEqual({ kind: 'extension', extension: '1003' });
  });

  it("gives a server step to the unit that took it: the case's unit, the one a redirect leaves, the center for a reopen", () => {
    expect(historyActor({ actor: 'server', detail: { action: 'resolve', unitCode: 'fen-isleri' } }, self)).toEqual({ kind: 'unit', unitCode: 'fen-isleri' });
    expect(historyActor({ actor: 'server', detail: { action: 'redirect', from: 'fen-isleri', to: 'park-bahce', unitCode: 'park-bahce' } }, self)).toEqual({
      kind: 'unit',
      unitCode: 'fen-isleri',
    });
    expect(historyActor({ actor: 'server', detail: { action: 'reopen', unitCode: 'fen-isleri' } }, self)).toEqual({ kind: 'center' });
    expect(historyActor({ actor: 'server', detail: { text: 'not' } }, self)).toEqual({ kind: 'center' });
    expect(historyActor({ actor: 'demo', detail: null }, self)).toEqual({ kind: 'demo' });
    expect(historyActor({ actor: 'd3b07384-d9a0-4c1b', detail: null }, self)).toEqual({ kind: 'other-desk' });
  });

  it("reads a unit's workflow step: what it did, to which unit, and what it said", () => {
    expect(historyLine({ kind: 'workflow', detail: { action: 'resolve', resolution: 'Lamba değişti', unitCode: 'fen-isleri' } })).toEqual({
      kind: 'workflow',
      action: 'resolve',
      unitCode: 'fen-isleri',
      text: 'Lamba değişti',
    });
    expect(historyLine({ kind: 'workflow', detail: { action: 'redirect', from: 'fen-isleri', to: 'park-bahce', unitCode: 'park-bahce' } })).toMatchObject({
      action: 'redirect',
      unitCode: 'park-bahce',
      text: null,
    });
    expect(historyLine({ kind: 'workflow', detail: { action: 'reject', reason: 'Yetki alanı dışında' } })).toMatchObject({ text: 'Yetki alanı dışında' });
  });
});

describe('the case timeline', () => {
  it('shows people and units by name, the way the floor says them', () => {
    const desk = createDesk(createFakeTransport({ status: 'disconnected', retryAt: 0 }).transport);
    // Rendered on the "server", a store shows its initial state: these start where the test needs them.
    const withAgent = {
      ...desk,
      host: createHostStore({ ...initialHostState, agent: self }),
      catalogue: createStore<CatalogueState>()(() => catalogueLoaded(initialCatalogueState, defaultCatalogue)),
    };
    const history: CaseHistoryEntry[] = [
      { at: '2026-03-02T08:00:00Z', actor: 'Local/1001@sim-agent/n', kind: 'created', detail: { channel: 'phone', type: 'complaint' } },
      { at: '2026-03-02T08:00:01Z', actor: 'Local/1001@sim-agent/n', kind: 'forwarded', detail: { unitCode: 'fen-isleri' } },
      { at: '2026-03-02T09:00:00Z', actor: 'Local/1002@sim-agent/n', kind: 'note', detail: { text: 'Tekrar aradı.' } },
      { at: '2026-03-03T10:00:00Z', actor: 'server', kind: 'workflow', detail: { action: 'redirect', from: 'fen-isleri', to: 'park-bahce', unitCode: 'park-bahce' } },
      { at: '2026-03-04T10:00:00Z', actor: 'server', kind: 'workflow', detail: { action: 'resolve', resolution: 'Bank onarıldı', unitCode: 'park-bahce' } },
    ];
    const i18n = i18next.createInstance();
    void i18n.use(initReactI18next).init({ lng: 'tr', fallbackLng: 'tr', resources, initAsync: false, interpolation: { escapeValue: false } });
    const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(DeskProvider, { desk: withAgent, children: createElement(CaseTimeline, { history }) })));
    const actors = [...html.matchAll(/data-testid="case-history-actor"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(actors).toEqual(['Ayşe Yılmaz', 'Ayşe Yılmaz', 'Operatör 1002', 'Fen İşleri Müdürlüğü', 'Park ve Bahçeler Müdürlüğü']);
    expect(html).toContain('Başka birime yönlendirildi: Park ve Bahçeler Müdürlüğü');
    expect(html).toContain('Birim çözdü');
    expect(html).not.toMatch(/>(server|workflow|Local\/1001@sim-agent\/n)</);
  });
});
