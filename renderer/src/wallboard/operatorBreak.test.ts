import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { QueueSnapshot } from '../../../core/queue.js';
import type { CaseFiguresState } from './caseFigures.js';
import { OperatorQueuePanel } from './components/OperatorQueuePanel.js';
import { WallboardProvider } from './components/WallboardContext.js';
import type { Wallboard } from './createWallboard.js';
import { registerWallboardLocales } from './i18n.js';
import { createQueueActions } from './queueActions.js';
import { createQueueStore, initialQueueState } from './queueStore.js';
import { fakeHost } from './testing/fakeClient.js';
import { T0, aQueueSnapshot, anAgent, someSettings } from './testing/queueFixtures.js';
import { createTicker } from './ticker.js';
import { createViewStore } from './viewStore.js';

// Issue 18: the operator's panel says what happens to a break asked during a call, and the
// reason list shows the break as it is (pending, taken, or none).

function panel(snapshot: QueueSnapshot, lng: 'tr' | 'en' = 'tr'): string {
  const wallboard: Wallboard = {
    queue: createQueueStore({ ...initialQueueState, snapshot, status: 'live', receivedAt: T0 }),
    caseFigures: createStore<CaseFiguresState>(() => ({ figures: null })),
    ticker: createTicker(() => T0),
    view: createViewStore(),
    actions: createQueueActions(fakeHost().client),
    refresh: async () => undefined,
    stop: () => undefined,
  };
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ lng, fallbackLng: 'tr', resources: {}, initAsync: false, interpolation: { escapeValue: false } });
  registerWallboardLocales(i18n);
  const element = createElement(OperatorQueuePanel, { agentInterface: 'PJSIP/1001' });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(WallboardProvider, { wallboard, children: element })));
}

const textOf = (html: string, testId: string): string | null => {
  const m = html.match(new RegExp(`data-testid="${testId}"[^>]*>(.*?)</(span|button|div)>`));
  return m ? m[1]!.replace(/<[^>]+>/g, '') : null;
};
const checked = (html: string) => html.match(/<option value="([^"]*)" selected="">/)?.[1] ?? null;
const onCall = (overrides: Partial<QueueSnapshot> = {}) => aQueueSnapshot({ agents: [anAgent({ state: 'on-call', stateSince: T0 - 40_000 })], ...overrides });

describe('a break asked during a call', () => {
  it('is offered as one taken when the call ends', () => {
    const html = panel(onCall());
    expect(textOf(html, 'pause-button')).toBe('Çağrı bitince mola ver');
    expect(html).not.toContain('pause-pending');
  });

  it('is shown pending with its reason, cancellable, and the reason list shows it', () => {
    const html = panel(onCall({ ownPause: { reason: 'yemek', pending: true } }));
    expect(html).toMatch(/data-testid="pause-pending" data-reason="yemek" role="status"/);
    expect(html).toContain('Çağrı bitince molaya geçilecek: Yemek');
    expect(textOf(html, 'pause-pending-cancel')).toBe('Vazgeç');
    expect(checked(html)).toBe('yemek');
    // Asking the same break again does nothing; another reason replaces it.
    expect(html).toMatch(/data-testid="pause-button"[^>]*disabled=""/);
    expect(html).toMatch(/data-state="on-call" data-testid="operator-state"/);
    expect(html).not.toContain('unpause-button');
  });

  it('says so in English too', () => {
    expect(panel(onCall({ ownPause: { reason: 'yemek', pending: true } }), 'en')).toContain('On a break when this call ends: Lunch');
  });

  it("taken at once (Asterisk's way, DESK_PAUSE_DURING_CALL=at-once): the reason shows on the call, with the way back", () => {
    const html = panel(onCall({ settings: someSettings({ pauseDuringCall: 'at-once' }), ownPause: { reason: 'yemek', pending: false } }));
    expect(textOf(html, 'operator-pause-reason')).toBe('Yemek');
    expect(textOf(html, 'unpause-button')).toBe('Moladan dön');
    expect(checked(html)).toBe('yemek');
    expect(html).not.toContain('pause-pending');
  });

  it('at-once: offered as a plain break', () => {
    expect(textOf(panel(onCall({ settings: someSettings({ pauseDuringCall: 'at-once' }) })), 'pause-button')).toBe('Mola ver');
  });
});

describe('the reason list', () => {
  it('shows the break taken, never a pick of before', () => {
    const html = panel(aQueueSnapshot({ agents: [anAgent({ state: 'paused', pauseReason: 'eğitim' })], ownPause: { reason: 'eğitim', pending: false } }));
    expect(checked(html)).toBe('eğitim');
    expect(textOf(html, 'pause-button')).toBe('Nedeni değiştir');
  });

  it('shows the first reason when there is no break', () => {
    expect(checked(panel(aQueueSnapshot({ agents: [anAgent({ state: 'wrap-up', stateSince: T0 - 3_000 })], ownPause: null })))).toBe('mola');
  });
});
