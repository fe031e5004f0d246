import i18next from 'i18next';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { DeskRole } from '../../../core/contract.js';
import { createDesk } from '../app/desk.js';
import { DeskProvider } from '../shared/desk/deskContext.js';
import { CallbackRequest } from './components/CallbackRequest.js';
import { CallbackWorklist } from './components/CallbackWorklist.js';
import { ViewTabs, defaultView, viewsFor } from '../app/components/ViewTabs.js';
import { createHostStore, initialHostState } from '../shared/state/hostStore.js';
import { createFakeTransport } from '../shared/testing/fakeTransport.js';
import { aCallback } from './fixtures.js';
import { createCallbackWorklist, initialWorklistState, type WorklistState } from './worklist.js';

// Friday 20 November 2026, 12:00 in Istanbul: the worklist's clock in every render.
const NOW = Date.parse('2026-11-20T09:00:00Z');

// Server rendering reads each store's initial state, so the stores start where the test needs them.
function render(element: ReactElement, opts: { state?: Partial<WorklistState>; role?: DeskRole; lng?: 'tr' | 'en' } = {}): string {
  const fake = createFakeTransport({ status: 'disconnected', retryAt: 0 });
  const base = createDesk(fake.transport);
  const desk = {
    ...base,
    host: createHostStore({ ...initialHostState, role: opts.role ?? 'feedback' }),
    callbacks: createCallbackWorklist(base.client, { dial: vi.fn(), me: () => 'ali.geri', now: () => NOW, initial: { ...initialWorklistState, ...opts.state } }),
  };
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ lng: opts.lng ?? 'tr', fallbackLng: 'tr', resources: {}, initAsync: false, interpolation: { escapeValue: false } });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(DeskProvider, { desk, children: element })));
}

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('call-backs tab', () => {
  it('is the feedback operator’s first view, and team leads have it too', () => {
    expect(viewsFor('feedback')[0]).toBe('callbacks');
    expect(defaultView('feedback')).toBe('callbacks');
    expect(viewsFor('team-lead')).toContain('callbacks');
    expect(viewsFor('operator')).not.toContain('callbacks');
    expect(defaultView('team-lead')).toBe('wallboard');
    const html = render(createElement(ViewTabs, { view: 'callbacks', views: viewsFor('feedback'), onChange: () => {} }));
    expect(html).toContain('data-testid="tab-callbacks"');
    expect(html).toContain('Geri aramalar');
  });
});

describe('call-back worklist view', () => {
  const rows = [
    aCallback({ id: 'late', dueAt: '2020-01-01T08:00:00Z', attempts: 1, claimedBy: 'veli.geri' }),
    aCallback({ id: 'next', kind: 'requested', resolution: null, note: 'Akşam arayın', dueAt: '2099-01-01T08:00:00Z' }),
  ];

  it('lists the rows in the given order with due time, kind, attempts, holder and an overdue word', () => {
    const html = render(createElement(CallbackWorklist), { state: { items: rows, loaded: true } });
    expect(count(html, 'data-testid="callback-row"')).toBe(2);
    expect(html.indexOf('data-id="late"')).toBeLessThan(html.indexOf('data-id="next"'));
    expect(html).toContain('data-kind="requested"');
    expect(count(html, 'data-testid="callback-overdue"')).toBe(1);
    expect(html).toContain('Gecikmiş');
    expect(html).toContain('01.01.2020 11:00');
    expect(html).toContain('Çözüm bildirimi');
    expect(html).toContain('Geri arama talebi');
    expect(html).toContain('Lamba 19 Kasım’da değiştirildi.');
    expect(html).toContain('1/3');
    expect(html).toContain('veli.geri arıyor');
    // Stored 905321112233, shown as it is read out (issue 18).
    expect(html).toContain('0532 111 22 33');
    expect(count(html, 'data-testid="callback-dial"')).toBe(2);
    expect(html).not.toContain('data-testid="callback-outcome"');
  });

  it('shows the outcome form on the row this desk holds, with satisfaction once informed', () => {
    const html = render(createElement(CallbackWorklist), {
      state: { items: rows, loaded: true, activeId: 'next', form: { outcome: 'informed', satisfaction: null, comment: '' }, problem: 'satisfaction.required' },
    });
    expect(count(html, 'data-testid="callback-outcome"')).toBe(1);
    for (const o of ['informed', 'no-answer', 'wrong-number', 'not-solved']) expect(html).toContain(`data-testid="callback-outcome-${o}"`);
    for (const n of [1, 2, 3, 4, 5]) expect(html).toContain(`data-testid="callback-satisfaction-${n}"`);
    expect(html).toContain('Sorun çözülmemiş');
    expect(html).toContain('memnuniyet puanı');
    expect(html).toContain('data-testid="callback-save"');
    expect(html).toContain('data-testid="callback-release"');
    expect(html).toContain('Sizde');
  });

  it('tells the result of a save, a conflict, the dial route and translated errors', () => {
    expect(render(createElement(CallbackWorklist), { state: { notice: { kind: 'saved', id: 'a', result: { next: 'retry-scheduled', retryAt: '2026-11-20T11:00:00Z' } } } })).toContain(
      'vatandaş 14:00 saatinde yeniden aranacak',
    );
    expect(render(createElement(CallbackWorklist), { state: { notice: { kind: 'saved', id: 'a', result: { next: 'reopened', retryAt: null } } } })).toContain(
      'vaka yeniden açıldı ve birimine geri gönderildi',
    );
    expect(render(createElement(CallbackWorklist), { state: { notice: { kind: 'conflict', id: 'a' } } })).toContain('Bir çalışma arkadaşınız bu vatandaşı arıyor');
    expect(render(createElement(CallbackWorklist), { state: { notice: { kind: 'dialed', id: 'a', route: 'desk-phone' } } })).toContain('masa telefonunuzdan');
    const unauthorized = render(createElement(CallbackWorklist), { state: { error: { action: 'load', code: 'unauthorized' } }, lng: 'en' });
    expect(unauthorized).toContain('data-testid="callback-error"');
    expect(unauthorized).toContain('Log in to the central server');
    expect(render(createElement(CallbackWorklist), { state: { error: { action: 'dial', code: 'softphone-busy' } } })).toContain('Arama başlatılamadı (softphone-busy)');
  });

  it('does not call a resolution notice late the minute it is due, only past the center’s grace', () => {
    // Resolved at 11:30 today (due at once), the server's grace ends tomorrow 11:30: not late at 12:00.
    const fresh = aCallback({ id: 'fresh', dueAt: '2026-11-20T08:30:00Z', overdueAt: '2026-11-21T08:30:00Z' });
    // Due yesterday at 09:00, grace over this morning: late.
    const stale = aCallback({ id: 'stale', dueAt: '2026-11-19T06:00:00Z', overdueAt: '2026-11-20T06:00:00Z' });
    const html = render(createElement(CallbackWorklist), { state: { items: [fresh, stale], loaded: true } });
    expect(html).toMatch(/data-id="fresh"[^>]*data-overdue="false"/);
    expect(html).toMatch(/data-id="stale"[^>]*data-overdue="true"/);
    expect(count(html, 'data-testid="callback-overdue"')).toBe(1);
    expect(html).toContain('Bugün 11:30');
    // A server from before overdueAt: the default grace (a day for a resolution notice).
    const old = render(createElement(CallbackWorklist), { state: { items: [{ ...fresh, overdueAt: null }], loaded: true } });
    expect(count(old, 'data-testid="callback-overdue"')).toBe(0);
  });

  it('shows what the citizen said, the address and a call script for each outcome', () => {
    const html = render(createElement(CallbackWorklist), { state: { items: [aCallback()], loaded: true } });
    expect(html).toContain('data-testid="callback-description"');
    expect(html).toContain('Vatandaşın anlattığı:</strong> Çınar Sokak 14 önündeki direk üç gündür yanmıyor.');
    expect(html).toContain('Adres:</strong> Kadıköy, Caferağa, Çınar Sk., No 14');
    expect(html).toContain('data-testid="callback-script"');
    expect(html).toContain('Görüşme metni');
    expect(html).toContain('Ayşe Yılmaz ile mi görüşüyorum?');
    expect(html).toContain('2026-0000123-4 numaralı başvurunuz sonuçlandı');
    const steps = [...html.matchAll(/data-testid="callback-script-step" data-case="(\w+)" data-outcome="([\w-]+)"/g)].map((m) => [m[1], m[2]]);
    expect(steps).toEqual([
      ['satisfied', 'informed'],
      ['unsatisfied', 'informed'],
      ['notSolved', 'not-solved'],
      ['noAnswer', 'no-answer'],
      ['wrongNumber', 'wrong-number'],
    ]);
    expect(html).toContain('Ulaşıldı, memnun');
    expect(html).toContain('Kaydedin: Bilgilendirildi, puan 4–5');
    expect(html).toContain('Kaydedin: Sorun çözülmemiş');
    // Folded on a row nobody here is calling; open on the one this desk holds.
    expect(html).not.toMatch(/data-testid="callback-script" open/);
    const mine = render(createElement(CallbackWorklist), { state: { items: [aCallback()], loaded: true, activeId: 'cb-1' } });
    expect(mine).toMatch(/data-testid="callback-script" open/);
  });

  it('leaves out what the card does not know, and speaks English on an English desk', () => {
    const bare = aCallback({ kind: 'requested', resolution: null, citizenName: null, description: null, address: null });
    const html = render(createElement(CallbackWorklist), { state: { items: [bare], loaded: true } });
    expect(html).not.toContain('data-testid="callback-description"');
    expect(html).not.toContain('data-testid="callback-address"');
    expect(html).toContain('Başvuru sahibiyle mi görüşüyorum?');
    expect(html).toContain('bu saatte aranmak istemiştiniz');
    // A citizen who asked to be called has no resolution to dispute.
    expect(html).not.toContain('data-case="notSolved"');
    const en = render(createElement(CallbackWorklist), { state: { items: [aCallback()], loaded: true }, lng: 'en' });
    expect(en).toContain('Call script');
    expect(en).toContain('Am I speaking with Ayşe Yılmaz?');
    expect(en).toContain('What the citizen said:</strong>');
    expect(en).toContain('Reached, not satisfied');
  });

  it('offers a call-back request in the case detail', () => {
    const html = render(createElement(CallbackRequest, { caseId: 7 }), { role: 'operator' });
    expect(html).toContain('data-testid="callback-request"');
    expect(html).toContain('type="datetime-local"');
    expect(html).toContain('data-testid="callback-request-at"');
    expect(html).toContain('data-testid="callback-request-save"');
    expect(html).toContain('Geri arama iste');
  });
});
