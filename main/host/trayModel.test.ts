import { describe, expect, it } from 'vitest';
import type { AgentRow } from '../../core/queue.js';
import { hostTexts } from './desktopTexts.js';
import { closeAction, quitQuestion, trayModel, trayState, type TrayFacts } from './trayModel.js';

const agent = (over: Partial<AgentRow> = {}) => ({ interface: 'PJSIP/1001', queues: ['alo153'], state: 'available', pauseReason: null, ...over }) as AgentRow;
const facts = (over: Partial<TrayFacts> = {}): TrayFacts => ({ link: { status: 'connected', since: 0 }, agent: agent(), call: null, pauseReasons: ['Mola', 'Yemek'], ...over });
const tr = hostTexts('tr');

describe('the tray', () => {
  it('shows one of five states: PBX down, on a call, offline, paused, ready', () => {
    expect(trayState(facts({ link: { status: 'auth-failed' } }))).toBe('pbx-down');
    expect(trayState(facts({ agent: agent({ state: 'on-call' }) }))).toBe('call');
    expect(trayState(facts({ agent: null }))).toBe('offline');
    expect(trayState(facts({ agent: agent({ queues: [], state: 'logged-out' }) }))).toBe('offline');
    expect(trayState(facts({ agent: agent({ state: 'paused', pauseReason: 'Yemek' }) }))).toBe('paused');
    expect(trayState(facts({ agent: agent({ state: 'wrap-up' }) }))).toBe('paused');
    expect(trayState(facts())).toBe('ready');
  });

  it('says the pause reason, in the operator’s language', () => {
    expect(trayModel(facts({ agent: agent({ state: 'paused', pauseReason: 'Yemek' }) }), tr).tooltip).toBe('ALO 153 — Molada: Yemek');
    expect(trayModel(facts({ agent: agent({ state: 'paused' }) }), tr).tooltip).toBe('ALO 153 — Molada');
    expect(trayModel(facts({ agent: agent({ state: 'wrap-up' }) }), hostTexts('en')).tooltip).toBe('ALO 153 — After-call work');
  });

  it('offers pause with a reason (the current one ticked), ready while paused, open and quit', () => {
    const menu = trayModel(facts({ agent: agent({ state: 'paused', pauseReason: 'Yemek' }) }), tr).menu;
    expect(menu.map((i) => (i.kind === 'separator' ? '—' : `${i.label}${i.enabled ? '' : ' (off)'}`))).toEqual(['Mola ver', 'Hazır', '—', 'Masayı aç', 'Çık']);
    const pause = menu[0];
    expect(pause?.kind === 'submenu' && pause.items.map((i) => i.kind === 'command' && [i.label, i.checked, i.command])).toEqual([
      ['Mola', false, { kind: 'pause', reason: 'Mola' }],
      ['Yemek', true, { kind: 'pause', reason: 'Yemek' }],
    ]);
    const ready = trayModel(facts(), tr).menu;
    expect(ready[1]).toMatchObject({ label: 'Hazır', enabled: false });
    expect(trayModel(facts({ agent: null }), tr).menu[0]).toMatchObject({ enabled: false });
  });

  it('closing the window hides it while the operator is in a queue, and quits otherwise', () => {
    expect(closeAction(agent())).toBe('hide');
    expect(closeAction(agent({ queues: [] }))).toBe('quit');
    expect(closeAction(null)).toBe('quit');
  });

  it('asks before quitting only when a call or a draft would be left', () => {
    expect(quitQuestion({ call: false, draft: false }, tr)).toBeNull();
    expect(quitQuestion({ call: false, draft: true }, tr)).toEqual({ title: 'ALO 153 kapatılsın mı?', detail: 'Kaydedilmemiş bir başvuru taslağı var.', confirm: 'Kapat', cancel: 'Vazgeç' });
  });
});
