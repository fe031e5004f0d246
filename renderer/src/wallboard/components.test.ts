import i18next from 'i18next';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { QueueSnapshot } from '../../../core/queue.js';
import type { CaseFigures } from '../../../core/queueStats.js';
import { createStore } from 'zustand/vanilla';
import type { CaseFiguresState } from './caseFigures.js';
import { HangupButton } from './components/HangupButton.js';
import { OperatorQueuePanel } from './components/OperatorQueuePanel.js';
import { WallboardProvider } from './components/WallboardContext.js';
import { WallboardScreen } from './components/WallboardScreen.js';
import type { Wallboard } from './createWallboard.js';
import { registerWallboardLocales } from './i18n.js';
import { createActionsStore, createQueueActions, initialActionsState, type ActionFailure } from './queueActions.js';
import { createQueueStore, initialQueueState, type QueueFeedStatus } from './queueStore.js';
import { fakeHost } from './testing/fakeClient.js';
import { T0, aQueueSnapshot, aTile, anAgent, someSettings } from './testing/queueFixtures.js';
import { createTicker } from './ticker.js';
import { createViewStore, initialViewState, type WallboardViewState } from './viewStore.js';

// Server rendering reads each store's initial state, so every test builds its stores with one.
function render(
  element: ReactElement,
  opts: {
    snapshot?: QueueSnapshot | null;
    status?: QueueFeedStatus;
    now?: number;
    lng?: 'tr' | 'en';
    failure?: ActionFailure;
    view?: Partial<WallboardViewState>;
    caseFigures?: CaseFigures | null;
  } = {},
): string {
  const snapshot = opts.snapshot === undefined ? aQueueSnapshot() : opts.snapshot;
  const host = fakeHost();
  const wallboard: Wallboard = {
    queue: createQueueStore({ ...initialQueueState, snapshot, status: opts.status ?? (snapshot ? 'live' : 'loading'), receivedAt: snapshot ? T0 : null }),
    caseFigures: createStore<CaseFiguresState>(() => ({ figures: opts.caseFigures ?? null })),
    ticker: createTicker(() => opts.now ?? T0),
    view: createViewStore({ ...initialViewState, ...opts.view }),
    actions: createQueueActions(host.client, createActionsStore({ ...initialActionsState, failure: opts.failure ?? null })),
    refresh: async () => undefined,
    stop: () => undefined,
  };
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ lng: opts.lng ?? 'tr', fallbackLng: 'tr', resources: {}, initAsync: false, interpolation: { escapeValue: false } });
  registerWallboardLocales(i18n);
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(WallboardProvider, { wallboard, children: element })));
}

/** The text inside the first element carrying this data-testid. */
function textOf(html: string, testId: string): string | null {
  const m = html.match(new RegExp(`data-testid="${testId}"[^>]*>(.*?)</(dd|td|span|time|button|p)>`));
  return m ? m[1]!.replace(/<[^>]+>/g, '') : null;
}
const count = (html: string, needle: string) => html.split(needle).length - 1;

const busyFloor = aQueueSnapshot({
  queues: [
    aTile({
      queue: 'alo153',
      waiting: [
        { position: 1, joinedAt: T0 - 65_000, callerNumber: null },
        { position: 2, joinedAt: T0 - 12_000, callerNumber: null },
      ],
      longestWaitingSince: T0 - 65_000,
    }),
    aTile({ queue: 'zabita', waiting: [{ position: 1, joinedAt: T0 - 40_000, callerNumber: null }], longestWaitingSince: T0 - 40_000 }),
    aTile({ queue: 'cimer' }),
  ],
  agents: [
    anAgent({ interface: 'PJSIP/1003', name: 'Şule Kaya', state: 'paused', pauseReason: 'yemek', stateSince: T0 - 125_000 }),
    anAgent({ interface: 'PJSIP/1001', name: 'Çağlar Tan', state: 'on-call', queues: ['alo153', 'zabita'], ringNoAnswer: 2 }),
    anAgent({ interface: 'PJSIP/1002', name: 'Işıl Er', state: 'available' }),
  ],
  history: [
    { at: T0 - 120_000, queue: 'alo153', waiting: 1, longestWaitSec: 20 },
    { at: T0 - 60_000, queue: 'alo153', waiting: 2, longestWaitSec: 65 },
  ],
});

describe('WallboardScreen', () => {
  const html = render(createElement(WallboardScreen), { snapshot: busyFloor });

  it('shows a tile per queue with the headline figures', () => {
    expect(count(html, 'data-testid="queue-tile"')).toBe(3);
    expect(textOf(html, 'queue-waiting')).toBe('2');
    expect(textOf(html, 'queue-longest-wait')).toBe('01:05');
    expect(textOf(html, 'queue-asa')).toBe('00:06');
    expect(textOf(html, 'queue-service-level')).toBe('%95,3');
    expect(textOf(html, 'queue-abandoned')).toBe('3');
    for (const id of ['queue-timed-out', 'queue-answered', 'queue-service-level2', 'queue-abandon-rate', 'queue-agents']) expect(html).toContain(`data-testid="${id}"`);
  });

  it('marks the longest wait with a level and a word, not colour alone', () => {
    // 65 s past a 60 s limit: red; 40 s: amber; nobody waiting: ok.
    expect(html).toMatch(/data-testid="queue-tile" data-queue="alo153" data-alert="alert"/);
    expect(html).toMatch(/data-testid="queue-tile" data-queue="zabita" data-alert="warn"/);
    expect(html).toMatch(/data-testid="queue-tile" data-queue="cimer" data-alert="ok"/);
    expect(html).toContain('Sınır aşıldı');
    expect(html).toContain('Sınıra yaklaşıyor');
  });

  it('adds every queue up above the tiles', () => {
    expect(textOf(html, 'total-waiting')).toBe('3');
    expect(textOf(html, 'total-longest-wait')).toBe('01:05');
  });

  it('lists the agents in Turkish name order with their state, reason and time in state', () => {
    const names = [...html.matchAll(/data-testid="agent-name">([^<]+)</g)].map((m) => m[1]);
    expect(names).toEqual(['Çağlar Tan', 'Işıl Er', 'Şule Kaya']);
    expect(html).toMatch(/data-testid="agent-state" data-state="paused"/);
    expect(textOf(html, 'agent-pause-reason')).toBe('Yemek');
    expect(html).toContain('02:05');
    expect(count(html, 'data-testid="pause-button"')).toBe(3);
    expect(count(html, 'data-testid="unpause-button"')).toBe(1);
    expect(html).toContain('<option value="geri arama">Geri arama</option>');
  });

  it('puts only the rows in view in the page at 500 agents, in the order the lead chose', () => {
    const first = ['Zeynep', 'Çağlar', 'Ömer', 'İsmail', 'Işıl', 'Ayşe', 'Şule', 'Cem', 'Ugur', 'Ümit'];
    const floor = aQueueSnapshot({
      agents: Array.from({ length: 500 }, (_, i) =>
        anAgent({ interface: `PJSIP/${2000 + i}`, name: `${first[i % first.length]} ${String(i).padStart(3, '0')}`, state: i % 7 === 0 ? 'ringing' : 'on-call' }),
      ),
    });
    const html = render(createElement(WallboardScreen), { snapshot: floor });
    expect(textOf(html, 'agent-count')).toBe('500 temsilci');
    expect(html).toContain('aria-rowcount="501"');
    const names = [...html.matchAll(/data-testid="agent-name">([^<]+)</g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(5);
    expect(names.length).toBeLessThan(40);
    expect(names.slice(0, 3)).toEqual(['Ayşe 005', 'Ayşe 015', 'Ayşe 025']);
    const byState = render(createElement(WallboardScreen), { snapshot: floor, view: { sort: { key: 'state', dir: 'asc' } } });
    expect([...byState.matchAll(/data-testid="agent-state" data-state="([^"]+)"/g)].slice(0, 3).map((m) => m[1])).toEqual(['ringing', 'ringing', 'ringing']);
  });

  it('offers listen / whisper / barge only on a call', () => {
    const rows = html.split('data-testid="agent-row"').slice(1);
    const onCall = rows.find((r) => r.includes('Çağlar'))!;
    const idle = rows.find((r) => r.includes('Işıl'))!;
    expect(onCall).toMatch(/data-testid="spy-barge"(?![^>]*disabled)/);
    expect(idle).toMatch(/disabled=""[^>]*data-testid="spy-listen"|data-testid="spy-listen"[^>]*disabled=""/);
    expect(html).not.toContain('data-testid="spy-unavailable"');
  });

  it('disables listen / whisper / barge on a call too when the desk has no supervisor phone, and says why', () => {
    const noPhone = render(createElement(WallboardScreen), { snapshot: { ...busyFloor, settings: someSettings({ spyPhone: false }) } });
    const onCall = noPhone.split('data-testid="agent-row"').slice(1).find((r) => r.includes('Çağlar'))!;
    for (const mode of ['listen', 'whisper', 'barge']) {
      const button = onCall.match(new RegExp(`<button[^>]*data-testid="spy-${mode}"[^>]*>`))![0];
      expect(button).toContain('disabled=""');
      expect(button).toMatch(/title="[^"]*DESK_SUPERVISOR_PHONE/);
    }
    expect(textOf(noPhone, 'spy-unavailable')).toContain('takım lideri telefonu tanımlanmamış');
  });

  it('filters the agents by queue and by state, and says how many of all it shows', () => {
    const agentsIn = (view: Partial<WallboardViewState>) => {
      const page = render(createElement(WallboardScreen), { snapshot: busyFloor, view });
      return { names: [...page.matchAll(/data-testid="agent-name">([^<]+)</g)].map((m) => m[1]), count: textOf(page, 'agent-count'), page };
    };
    const all = agentsIn({});
    const onCall = busyFloor.agents.filter((a) => a.state === 'on-call');
    expect(onCall.length).toBeGreaterThan(0);
    expect(onCall.length).toBeLessThan(busyFloor.agents.length);
    const byState = agentsIn({ agentFilter: { queue: null, state: 'on-call' } });
    expect(byState.names.sort()).toEqual(onCall.map((a) => a.name).sort());
    expect(byState.count).toBe(`${onCall.length} / ${busyFloor.agents.length} temsilci`);
    expect(byState.page).toMatch(/<option value="on-call" selected="">Görüşmede<\/option>/);
    const inZabita = busyFloor.agents.filter((a) => a.queues.includes('zabita'));
    const byQueue = agentsIn({ agentFilter: { queue: 'zabita', state: null } });
    expect(byQueue.names.sort()).toEqual(inZabita.map((a) => a.name).sort());
    expect(all.names.length).toBe(busyFloor.agents.length);
  });

  it('draws the last hour as SVG paths', () => {
    expect(html).toContain('data-testid="queue-chart"');
    expect(html).toMatch(/data-testid="chart-waiting" d="M[\d. ]+L[\d. ]+"|d="M[\d. ]+L[\d. ]+"[^>]*data-testid="chart-waiting"/);
  });

  it('has the window switch and a TV button', () => {
    expect(html).toMatch(/data-window="day" data-testid="window-day"|aria-pressed="true" data-window="day"/);
    expect(html).toContain('data-testid="tv-mode"');
  });

  it('shows the other window’s figures when switched', () => {
    const last15 = render(createElement(WallboardScreen), { snapshot: busyFloor, view: { window: 'last15' } });
    expect(textOf(last15, 'queue-service-level')).toBe('%100,0');
    expect(textOf(last15, 'queue-asa')).toBe('00:04');
  });

  it('drops the commands when read-only, and in the TV view', () => {
    expect(render(createElement(WallboardScreen, { readOnly: true }), { snapshot: busyFloor })).not.toContain('pause-button');
    const tv = render(createElement(WallboardScreen), { snapshot: busyFloor, view: { tv: true } });
    expect(tv).not.toContain('pause-button');
    expect(tv).toContain('wb--tv');
  });

  it('speaks English when asked', () => {
    const english = render(createElement(WallboardScreen), { snapshot: busyFloor, lng: 'en' });
    expect(textOf(english, 'queue-service-level')).toBe('95.3%');
    expect(english).toContain('Limit exceeded');
    expect(english).toContain('Lunch');
  });

  it('says plainly when the figures are stale or the host refused a command', () => {
    const stale = render(createElement(WallboardScreen), {
      snapshot: busyFloor,
      status: 'stale',
      failure: { scope: 'supervisor', kind: 'spy-barge', agentInterface: 'PJSIP/1001', queue: null, code: 'pbx-refused', message: 'Originate failed' },
    });
    expect(stale).toMatch(/data-testid="wallboard-status" data-state="stale"/);
    expect(stale).toContain('data-code="pbx-refused"');
    expect(stale).toContain('Görüşmeye katılınamadı — Çağlar Tan: Santral (PBX) isteği reddetti: “Originate failed”');
  });

  it('says from when today counts when the desk started during the day, and nothing once it covers the whole day', () => {
    expect(textOf(render(createElement(WallboardScreen)), 'counting-since')).toBe('08:00 itibarıyla');
    expect(render(createElement(WallboardScreen), { snapshot: aQueueSnapshot({ countingSince: T0 - 13 * 3_600_000 }) })).not.toContain('counting-since');
    expect(textOf(render(createElement(WallboardScreen), { snapshot: aQueueSnapshot({ countingSince: null }) }), 'counting-since')).toBe('Başlangıcı bilinmiyor');
    expect(render(createElement(WallboardScreen), { view: { window: 'last15' } })).not.toContain('counting-since');
  });

  it('says which members the PBX changed without an event', () => {
    const change = { at: T0, reason: 'periodic', added: [{ queue: 'alo153', interface: 'Local/1004@agents/n', name: 'Zeynep Kaya' }], removed: [{ queue: 'alo153', interface: 'Local/1002@agents/n', name: 'Mehmet Demir' }] };
    const html = render(createElement(WallboardScreen), { snapshot: aQueueSnapshot({ memberChange: change }) });
    expect(textOf(html, 'member-change')).toBe('Santral kuyruk üyelerini 13:00 sularında olay göndermeden değiştirdi: Zeynep Kaya alo153 kuyruğuna eklendi, Mehmet Demir alo153 kuyruğundan çıkarıldı.');
    expect(render(createElement(WallboardScreen))).not.toContain('member-change');
  });

  it('says it is loading before the first snapshot', () => {
    expect(render(createElement(WallboardScreen), { snapshot: null })).toContain('Kuyruk bilgileri yükleniyor');
  });
});

describe('OperatorQueuePanel', () => {
  const wrapUp = aQueueSnapshot({
    queues: [aTile({ queue: 'alo153', waiting: [{ position: 1, joinedAt: T0 - 35_000, callerNumber: null }], longestWaitingSince: T0 - 35_000 }), aTile({ queue: 'zabita' })],
    agents: [anAgent({ interface: 'PJSIP/1001', state: 'wrap-up', stateSince: T0 - 12_000 })],
  });

  it('shows the own state, the wrap-up countdown and each queue with a log in / out', () => {
    const html = render(createElement(OperatorQueuePanel, { agentInterface: 'PJSIP/1001' }), { snapshot: wrapUp });
    expect(html).toMatch(/data-state="wrap-up" data-testid="operator-state"/);
    expect(html).toMatch(/data-testid="wrap-up-countdown" data-seconds="18"/);
    expect(html).toContain('Çağrı sonrası işlem: 18 sn kaldı');
    expect(textOf(html, 'operator-time-in-state')).toBe('00:12');
    expect(html).toContain('data-testid="pause-reason"');
    expect(textOf(html, 'unpause-button')).toBe('Hazırım');
    expect(html).toMatch(/data-testid="operator-queue" data-queue="alo153" data-member="true" data-alert="warn"/);
    expect(html).toMatch(/data-testid="operator-queue" data-queue="zabita" data-member="false"/);
    expect(textOf(html, 'operator-queue-waiting')).toBe('1 bekleyen');
    expect(count(html, 'data-testid="membership-toggle"')).toBe(2);
  });

  it('offers the host’s reasons, Turkish by default, and an unpause while paused', () => {
    const paused = aQueueSnapshot({ agents: [anAgent({ state: 'paused', pauseReason: 'toplantı' })] });
    const html = render(createElement(OperatorQueuePanel, { agentInterface: 'PJSIP/1001' }), { snapshot: paused });
    for (const label of ['Mola', 'Yemek', 'Eğitim', 'Toplantı', 'Evrak', 'Geri arama']) expect(html).toContain(`>${label}</option>`);
    expect(textOf(html, 'unpause-button')).toBe('Moladan dön');
    expect(html).not.toContain('wrap-up-countdown');
  });

  it('offers no log-out from a queue the operator is a static member of, and shows Asterisk\'s own refusal', () => {
    const fixed = aQueueSnapshot({
      queues: [aTile({ queue: 'alo153' }), aTile({ queue: 'zabita' })],
      agents: [anAgent({ queues: ['alo153', 'zabita'], staticQueues: ['alo153'] })],
    });
    const html = render(createElement(OperatorQueuePanel, { agentInterface: 'PJSIP/1001' }), {
      snapshot: fixed,
      failure: { scope: 'self', kind: 'logout', agentInterface: null, queue: 'alo153', code: 'pbx-refused', message: 'Member not dynamic' },
    });
    expect(html).toMatch(/data-testid="membership-static" data-queue="alo153"/);
    expect(html).not.toMatch(/data-testid="membership-toggle" data-queue="alo153"/);
    expect(html).toMatch(/data-testid="membership-toggle" data-queue="zabita"/);
    expect(html).toContain('“Member not dynamic”');
  });

  it('says so when the operator is in no queue, and still offers to log in', () => {
    const html = render(createElement(OperatorQueuePanel, { agentInterface: 'PJSIP/1099' }));
    expect(html).toContain('Hiçbir kuyrukta değilsiniz.');
    expect(html).toContain('data-testid="membership-toggle"');
    expect(html).not.toContain('pause-button');
  });
});

describe('HangupButton', () => {
  it('is disabled without a call and shows the host’s refusal', () => {
    expect(render(createElement(HangupButton, { linkedid: null }))).toMatch(/disabled=""[^>]*data-testid="hangup-button"|data-testid="hangup-button"[^>]*disabled=""/);
    const refused = render(createElement(HangupButton, { linkedid: '1.1' }), {
      failure: { scope: 'call', kind: 'hangup', agentInterface: null, queue: null, code: 'pbx-refused', message: 'No such channel' },
    });
    expect(refused).toContain('Çağrı kapatılamadı: Santral (PBX) isteği reddetti: “No such channel”');
  });
});

describe('what the calls became (case-aware wallboard)', () => {
  const figures: CaseFigures = {
    at: '2026-12-03T11:00:00.000Z',
    createdToday: 42,
    firstContactPct: 38.1,
    subjects: [
      { subject: 'Çöp toplanmadı', today: 9, lastWeek: 8 },
      { subject: 'Su kesintisi', today: 7, lastWeek: 1 },
      { subject: '', today: 2, lastWeek: 0 },
    ],
    repeatCalls: null,
    units: [{ unitCode: 'fen-isleri', name: 'Fen İşleri', open: 31, overdue: 4 }],
  };

  it('puts the subject that spiked against last week first and marks it; units by overdue; a dash without a collector', () => {
    const html = render(createElement(WallboardScreen), { caseFigures: figures });
    expect(textOf(html, 'cases-created-today')).toBe('42');
    expect(textOf(html, 'cases-first-contact')).toBe('%38,1');
    expect(textOf(html, 'cases-repeat-calls')).toBe('—');
    const rows = [...html.matchAll(/data-testid="case-subject" data-subject="([^"]*)" data-spike="(true|false)"/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([
      ['Su kesintisi', 'true'],
      ['Çöp toplanmadı', 'false'],
      ['', 'false'],
    ]);
    expect(html).toContain('(konusuz)');
    expect(html).toContain('data-unit="fen-isleri" data-overdue="4"');
  });

  it('shows nothing of it until the server has answered', () => {
    expect(render(createElement(WallboardScreen))).not.toContain('data-testid="case-figures"');
  });
});

