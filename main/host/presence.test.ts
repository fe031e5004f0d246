import { describe, expect, it } from 'vitest';
import type { AgentCall, ScreenPop } from '../../core/call.js';
import type { CaseRecord, SlaState } from '../../core/case.js';
import type { EventName, EventPayload, MethodName } from '../../core/contract.js';
import type { SettingsPatch, SettingsView, UserSettings } from '../../core/deskSettings.js';
import type { PageAttention, WindowReport } from '../../core/desktop.js';
import type { AgentRow, QueueDelta } from '../../core/queue.js';
import { startPresence, UPDATE_CHECK_MS, type PresenceTimers } from './presence.js';
import type { SettingsService } from './settings.js';
import { applyPatch, mergeSettings } from './settingsModel.js';
import { fakeDesktop, type FakeDesktop } from './testing/fakeDesktop.js';

const ME = 'PJSIP/1001';

const openCase = (applicationNo: string, subject: string, sla: SlaState) => ({ applicationNo, subject, sla }) as CaseRecord;

function ringing(linkedid = '1732550000.7', phase: AgentCall['phase'] = 'ringing', previousCases: CaseRecord[] = []): ScreenPop {
  return {
    call: { linkedid, queue: 'alo153', callerNumber: '905321112233', callerName: null, phase, ringingSince: 0, answeredAt: null, endedAt: null, queueWaitSec: null, talkSec: null },
    knownName: 'Ayşe Yılmaz',
    previousCases,
    repeatCandidates: [],
    incidents: [],
  };
}

const agentRow = (overrides: Partial<AgentRow> = {}): AgentRow => ({
  interface: ME,
  name: 'Ayşe',
  queues: ['alo153'],
  staticQueues: [],
  state: 'available',
  pauseReason: null,
  stateSince: 0,
  callsAnswered: 0,
  ringNoAnswer: 0,
  ...overrides,
});

let version = 0;
/** The queue figures' next delta with this operator's row changed (or gone). */
const metrics = (agent: AgentRow | null): QueueDelta => {
  version += 1;
  return {
    stream: 's1',
    baseVersion: version - 1,
    version,
    at: 0,
    agents: agent ? { changed: [agent], removed: [] } : { changed: [], removed: [ME] },
    settings: { pauseReasons: ['Mola', 'Yemek'], longestWaitAlertSec: 20, wrapUpSec: 0 },
  };
};

/** Settings in memory, changed as the panel would change them. */
function memorySettings(user: UserSettings = {}, admin: UserSettings = {}) {
  let view: SettingsView = mergeSettings(user, admin);
  const listeners = new Set<(v: SettingsView) => void>();
  const service: SettingsService = {
    view: () => view,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    handlers: {} as SettingsService['handlers'],
  };
  return {
    service,
    change(patch: SettingsPatch) {
      const outcome = applyPatch(user, patch, admin);
      if (!outcome.ok) throw new Error(outcome.code);
      user = outcome.user;
      view = mergeSettings(user, admin);
      for (const l of listeners) l(view);
    },
  };
}

function manualTimers() {
  const jobs: Array<() => void> = [];
  const timers: PresenceTimers = { setInterval: (fn) => jobs.push(fn), clearInterval: () => jobs.splice(0) };
  return { timers, tick: () => jobs.forEach((job) => job()) };
}

function setup(options: { shell?: FakeDesktop | null; user?: UserSettings; admin?: UserSettings; softphone?: boolean; draft?: boolean } = {}) {
  const shell = options.shell === undefined ? fakeDesktop() : options.shell;
  const settings = memorySettings(options.user, options.admin);
  const sent: Array<{ name: EventName; payload: unknown }> = [];
  const requests: Array<{ method: MethodName; params: unknown }> = [];
  const logLines: string[] = [];
  const { timers, tick } = manualTimers();
  const presence = startPresence({
    shell,
    settings: settings.service,
    agentInterface: ME,
    softphone: options.softphone ?? false,
    link: { status: 'connected', since: 0 },
    invoke: async (method, params) => {
      // The tray's first look at the queues; the tests give it theirs as deltas.
      if (method === 'queue.snapshot') return { ok: false, error: { code: 'unavailable', message: 'no PBX here' } };
      requests.push({ method, params });
      return { ok: true, value: { ok: true } };
    },
    hasDraft: () => options.draft ?? false,
    emit: (name, payload) => sent.push({ name, payload }),
    log: (line) => logLines.push(line),
    now: () => 1_000,
    timers,
  });
  const hostEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => presence.follow(name, payload);
  const page = () => sent.filter((e) => e.name === 'attention.ring').map((e) => e.payload as PageAttention);
  const report = (r: WindowReport) => presence.handlers['presence.window'](r);
  return { shell: shell!, presence, settings, sent, requests, logLines, tick, hostEvent, page, report };
}

describe('a ringing call gets the attention of an operator who is elsewhere', () => {
  it('notifies natively with the number, the name and the most pressing open case, flashes until answered, and rings in the page', () => {
    const { shell, hostEvent, page } = setup();
    hostEvent('call.screenPop', ringing('1.1', 'ringing', [openCase('2026-0000001-1', 'Çöp toplanmadı', 'on-time'), openCase('2026-0000002-2', 'Kaldırım çöktü', 'overdue')]));

    expect(shell.log).toEqual(['flash:on', 'notify']);
    expect(shell.notices[0]!.title).toBe('Gelen çağrı: 0532 111 22 33');
    expect(shell.notices[0]!.body).toBe('Ayşe Yılmaz\nAçık başvuru 2026-0000002-2: Kaldırım çöktü (süresi geçti)');
    // Natively notified: the page only rings (a desk phone does not ring in the headset).
    expect(page()).toEqual([{ linkedid: '1.1', notice: null, flashTitle: null, sound: true, focusForm: false }]);

    hostEvent('call.screenPop', ringing('1.1', 'connected'));
    expect(shell.log.slice(2)).toEqual(['flash:off', 'closeNotice']);
    expect(page().at(-1)).toBeNull();
  });

  it('brings the window to the front and puts the caret in the form when the operator chose so, unless they type in another field', () => {
    const front = setup({ shell: fakeDesktop({ window: 'minimised' }), user: { attention: 'front' } });
    front.hostEvent('call.screenPop', ringing());
    expect(front.shell.log).toEqual(['raise', 'flash:on']);
    expect(front.page()[0]).toMatchObject({ focusForm: true, notice: null });

    const typing = setup({ shell: fakeDesktop({ window: 'unfocused' }), user: { attention: 'front' } });
    typing.report({ visible: true, focused: false, typingElsewhere: true });
    typing.hostEvent('call.screenPop', ringing());
    expect(typing.shell.log[0]).toBe('raise');
    expect(typing.page()[0]).toMatchObject({ focusForm: false });
  });

  it('does nothing extra when the desk is already in front, and rings once however often the pop is refreshed', () => {
    const { shell, hostEvent, page } = setup({ shell: fakeDesktop({ window: 'focused' }) });
    hostEvent('call.screenPop', ringing('2.1'));
    hostEvent('call.screenPop', ringing('2.1'));
    expect(shell.log).toEqual([]);
    expect(page()).toEqual([{ linkedid: '2.1', notice: null, flashTitle: null, sound: false, focusForm: false }]);
  });

  it('a click on the notification raises the desk and puts the caret in the form', () => {
    const { shell, hostEvent, page } = setup();
    hostEvent('call.screenPop', ringing('3.1'));
    shell.clickNotice();
    expect(shell.log).toContain('raise');
    expect(page()[1]).toEqual({ linkedid: '3.1', notice: null, flashTitle: null, sound: false, focusForm: true });
  });

  it('stops flashing once the operator looks at the desk, while the call still rings', () => {
    const { shell, hostEvent, page } = setup({ shell: fakeDesktop({ window: 'unfocused' }) });
    hostEvent('call.screenPop', ringing('4.1'));
    shell.window = 'focused';
    shell.events.windowChanged();
    expect(shell.log).toEqual(['flash:on', 'notify', 'flash:off', 'closeNotice']);
    expect(page().at(-1)).toBeNull();
  });

  it('in browser mode the page notifies, flashes its title and rings; a softphone rings by itself', () => {
    const browser = setup({ shell: null });
    browser.report({ visible: false, focused: false, typingElsewhere: false });
    browser.hostEvent('call.screenPop', ringing('5.1'));
    expect(browser.page()[0]).toEqual({
      linkedid: '5.1',
      notice: { title: 'Gelen çağrı: 0532 111 22 33', body: 'Ayşe Yılmaz\nAçık başvurusu yok' },
      flashTitle: '☎ 0532 111 22 33 arıyor',
      sound: true,
      focusForm: false,
    });
    // The tab comes to the front: the flashing stops.
    browser.report({ visible: true, focused: true, typingElsewhere: false });
    expect(browser.page().at(-1)).toBeNull();

    const sip = setup({ shell: null, softphone: true, user: { language: 'en', attention: 'front' } });
    sip.report({ visible: true, focused: false, typingElsewhere: false });
    sip.hostEvent('call.screenPop', ringing('5.2'));
    expect(sip.page()[0]).toMatchObject({ notice: { title: 'Incoming call: 0532 111 22 33' }, sound: false });
  });
});

describe('the tray', () => {
  it('shows the state and pauses with a reason or makes the operator ready again through the contract', async () => {
    const { shell, hostEvent, requests } = setup();
    hostEvent('queue.delta', metrics(agentRow()));
    expect(shell.tray).toMatchObject({ state: 'ready', tooltip: 'ALO 153 — Hazır' });
    hostEvent('queue.delta', metrics(agentRow({ state: 'paused', pauseReason: 'Yemek' })));
    expect(shell.tray).toMatchObject({ state: 'paused', tooltip: 'ALO 153 — Molada: Yemek' });
    hostEvent('pbx.link', { status: 'reconnecting', retryAt: 0, reason: 'ECONNREFUSED' });
    expect(shell.tray?.state).toBe('pbx-down');

    shell.events.trayCommand({ kind: 'pause', reason: 'Mola' });
    shell.events.trayCommand({ kind: 'ready' });
    await Promise.resolve();
    expect(requests).toEqual([
      { method: 'agent.pause', params: { paused: true, reason: 'Mola', queue: null } },
      { method: 'agent.pause', params: { paused: false, reason: null, queue: null } },
    ]);
  });

  it('closing the window keeps the desk in the tray while the operator is in a queue, and says so once', () => {
    const { shell, hostEvent } = setup({ shell: fakeDesktop({ window: 'focused' }) });
    hostEvent('queue.delta', metrics(agentRow()));
    shell.events.closeRequested();
    shell.events.closeRequested();
    expect(shell.log).toEqual(['hide', 'notify', 'hide']);
    expect(shell.notices[0]!.title).toBe('ALO 153 çalışmaya devam ediyor');

    hostEvent('queue.delta', metrics(agentRow({ queues: [], state: 'logged-out' })));
    shell.events.closeRequested();
    expect(shell.log.at(-1)).toBe('quit');
  });

  it('quit asks first when a call or an unsaved draft is open, and stays when the operator says no', async () => {
    const { shell, hostEvent } = setup({ draft: true });
    hostEvent('call.screenPop', ringing('6.1', 'connected'));
    shell.answer = false;
    shell.events.trayCommand({ kind: 'quit' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(shell.questions[0]).toMatchObject({ title: 'ALO 153 kapatılsın mı?', detail: 'Süren bir çağrı var.\nKaydedilmemiş bir başvuru taslağı var.' });
    expect(shell.log).not.toContain('quit');

    shell.answer = true;
    shell.events.trayCommand({ kind: 'quit' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(shell.log.at(-1)).toBe('quit');

    const idle = setup();
    idle.shell.events.trayCommand({ kind: 'quit' });
    expect(idle.shell.questions).toEqual([]);
    expect(idle.shell.log).toEqual(['quit']);
  });
});

describe('global keys, start at login and updates follow the settings', () => {
  it('registers answer and hang-up with the OS, says which key another program holds, and passes presses to the page', () => {
    const shell = fakeDesktop();
    shell.taken.add('F10');
    const { sent, settings, presence } = setup({ shell });
    expect(shell.registered).toEqual([{ action: 'answer', combo: 'F9' }]);
    expect(presence.handlers['desktop.status']({})).toMatchObject({
      shell: 'electron',
      globalHotkeys: [
        { action: 'answer', combo: 'F9', registered: true },
        { action: 'hangup', combo: 'F10', registered: false },
      ],
    });
    shell.events.globalHotkey('answer');
    expect(sent.at(-1)).toEqual({ name: 'hotkey.pressed', payload: { action: 'answer' } });

    settings.change({ hotkeys: { hangup: 'Ctrl+Alt+H' } });
    expect(shell.registered).toEqual([
      { action: 'answer', combo: 'F9' },
      { action: 'hangup', combo: 'Ctrl+Alt+H' },
    ]);
  });

  it('sets start at login as the setting says', () => {
    const { shell, settings } = setup();
    expect(shell.startAtLogin).toBe(false);
    settings.change({ startAtLogin: true });
    expect(shell.startAtLogin).toBe(true);
  });

  it('checks the update server at start, every few hours and when its address changes; a downloaded update installs on request', async () => {
    const { shell, settings, tick, presence, sent } = setup({ user: { updateUrl: 'https://guncelleme.belediye.local/alo153' } });
    expect(shell.checks).toEqual(['https://guncelleme.belediye.local/alo153']);
    tick();
    settings.change({ updateUrl: 'http://127.0.0.1:8999/updates' });
    expect(shell.checks).toEqual(['https://guncelleme.belediye.local/alo153', 'https://guncelleme.belediye.local/alo153', 'http://127.0.0.1:8999/updates']);
    expect(UPDATE_CHECK_MS).toBe(4 * 60 * 60 * 1000);

    expect(() => presence.handlers['desktop.installUpdate']({})).toThrow();
    shell.updaterEvent({ kind: 'downloaded', version: '0.2.0', notes: '<p>Çağrı gelince <b>bildirim</b></p>' });
    expect(sent.at(-1)).toEqual({ name: 'desktop.status', payload: expect.objectContaining({ update: { state: 'ready', version: '0.2.0', notes: 'Çağrı gelince bildirim' } }) });
    presence.handlers['desktop.installUpdate']({});
    expect(shell.installs).toBe(1);
  });

  it('browser mode has no desktop: no tray, no global keys, no updates', () => {
    const { presence } = setup({ shell: null });
    expect(presence.handlers['desktop.status']({})).toEqual({ shell: 'browser', globalHotkeys: [], update: { state: 'off' } });
  });
});
