/**
 * The desk on the operator's desktop: a ringing call gets their attention (attention.ts), the
 * tray shows their state and pauses them (trayModel.ts), global keys, start at login and updates
 * follow the settings. Every decision is made here, under plain Node; the desktop shell, when
 * there is one, only carries it out (desktopShell.ts), and the page does what a page can.
 */
import type { ScreenPop } from '../../core/call.js';
import type { EventName, EventPayload, MethodName, Result } from '../../core/contract.js';
import type { DeskSettings } from '../../core/deskSettings.js';
import type { DesktopStatus, UpdateState, WindowReport } from '../../core/desktop.js';
import { GLOBAL_HOTKEY_ACTIONS } from '../../core/hotkeys.js';
import type { PbxLinkState } from '../../core/pbxLink.js';
import type { AgentRow, QueueDelta, QueueSnapshot } from '../../core/queue.js';
import { pageAttentionOf, planRing, ringNotice, windowStateOf, type WindowState } from './attention.js';
import type { DesktopShell, GlobalBinding } from './desktopShell.js';
import { hostTexts } from './desktopTexts.js';
import { RequestError, type Handlers } from './dispatch.js';
import type { SettingsService } from './settings.js';
import { closeAction, quitQuestion, trayModel, type TrayCommand } from './trayModel.js';
import { updateReduced } from './updates.js';

/** How often a running desk asks the update server (and once at start). */
export const UPDATE_CHECK_MS = 4 * 60 * 60 * 1000;

/** The host's event fan-out (host.ts), as presence both feeds and follows it. */
export type HostEmit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface PresenceTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface PresenceDeps {
  /** null: browser mode. */
  shell: DesktopShell | null;
  settings: SettingsService;
  agentInterface: string;
  /** The softphone is configured: it rings in the page by itself. */
  softphone: boolean;
  link: PbxLinkState;
  /** The host's own door: what the tray asks goes through the contract like any request. */
  invoke: (method: MethodName, params: unknown) => Promise<Result<unknown>>;
  /** An unsaved case draft is kept (quitting would leave it for the next start). */
  hasDraft: () => boolean;
  emit: HostEmit;
  log: (line: string) => void;
  now: () => number;
  timers?: PresenceTimers;
}

export interface Presence {
  /** Follows the host's own events: the call, the queue figures, the PBX link. */
  follow: HostEmit;
  handlers: Pick<Handlers, 'presence.window' | 'desktop.status' | 'desktop.installUpdate'>;
  stop(): void;
}

const systemTimers: PresenceTimers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export function startPresence(deps: PresenceDeps): Presence {
  const { shell } = deps;
  const timers = deps.timers ?? systemTimers;
  const settings = (): DeskSettings => deps.settings.view().settings;
  const t = () => hostTexts(settings().language);

  let report: WindowReport | null = null;
  let pop: ScreenPop | null = null;
  /** The call whose ring was handled (once per call, however often its screen-pop is refreshed). */
  let rangFor: string | null = null;
  /** Attention is on (flashing, notification, sound) for this call. */
  let attending: string | null = null;
  let link = deps.link;
  let agent: AgentRow | null = null;
  let pauseReasons: readonly string[] = [];
  /** The queue figures' stream and version this operator's row was last read from. */
  let queueSeen: { stream: string; version: number } | null = null;
  let tray = '';
  let bindings = '';
  let globalHotkeys: DesktopStatus['globalHotkeys'] = [];
  let startAtLogin: boolean | null = null;
  let updateUrl: string | null | undefined;
  let update: UpdateState = shell?.updater ? { state: 'idle', checkedAt: null } : { state: 'off' };
  let toldStillRunning = false;
  let asking = false;

  const windowState = (): WindowState => (shell ? shell.windowState() : windowStateOf(report));
  const status = (): DesktopStatus => ({ shell: shell ? 'electron' : 'browser', globalHotkeys, update });
  const pushStatus = () => deps.emit('desktop.status', status());

  function ring(current: ScreenPop): void {
    rangFor = current.call.linkedid;
    const plan = planRing({
      window: windowState(),
      typingElsewhere: report?.typingElsewhere ?? false,
      policy: settings().attention,
      native: shell !== null,
      softphone: deps.softphone,
    });
    if (plan.raise || plan.notify !== null || plan.flash !== null || plan.sound || plan.focusForm) attending = current.call.linkedid;
    if (shell) {
      if (plan.raise) shell.raise();
      if (plan.flash === 'native') shell.flash(true);
      if (plan.notify === 'native') {
        const linkedid = current.call.linkedid;
        shell.notify(ringNotice(current, t()), () => {
          shell.raise();
          deps.emit('attention.ring', { linkedid, notice: null, flashTitle: null, sound: false, focusForm: !(report?.typingElsewhere ?? false) });
        });
      }
    }
    deps.emit('attention.ring', pageAttentionOf(current, plan, t()));
  }

  function endAttention(): void {
    if (attending === null) return;
    attending = null;
    shell?.flash(false);
    shell?.closeNotice();
    deps.emit('attention.ring', null);
  }

  const lookedAt = () => {
    if (attending !== null && windowState() === 'focused') endAttention();
  };

  function showTray(): void {
    if (!shell) return;
    const view = trayModel({ link, agent, call: pop?.call ?? null, pauseReasons }, t());
    const key = JSON.stringify(view);
    if (key === tray) return;
    tray = key;
    shell.setTray(view);
  }

  function quit(): void {
    if (!shell || asking) return;
    const question = quitQuestion({ call: pop !== null && pop.call.phase !== 'ended', draft: deps.hasDraft() }, t());
    if (question === null) return shell.quit();
    asking = true;
    shell
      .confirm(question)
      .then((yes) => yes && shell.quit())
      .catch(() => deps.log('the quit question could not be shown'))
      .finally(() => {
        asking = false;
      });
  }

  async function pause(paused: boolean, reason: string | null): Promise<void> {
    const result = await deps.invoke('agent.pause', { paused, reason, queue: null });
    if (!result.ok) deps.log(`tray: ${paused ? 'pause' : 'ready'} refused (${result.error.code})`);
  }

  function trayCommand(command: TrayCommand): void {
    if (command.kind === 'pause') void pause(true, command.reason);
    else if (command.kind === 'ready') void pause(false, null);
    else if (command.kind === 'open') shell?.raise();
    else quit();
  }

  function closeRequested(): void {
    if (!shell) return;
    if (closeAction(agent) === 'quit') return quit();
    shell.hide();
    if (!toldStillRunning) {
      toldStillRunning = true;
      shell.notify({ title: t()('tray.stillRunningTitle'), body: t()('tray.stillRunningBody') }, () => shell.raise());
    }
  }

  const checkForUpdate = () => shell?.updater?.check(settings().updateUrl);

  /** What the settings decide for the shell, applied when it changed. */
  function applySettings(): void {
    showTray();
    if (!shell) return;
    const current = settings();
    const wanted: GlobalBinding[] = GLOBAL_HOTKEY_ACTIONS.flatMap((action) => (current.hotkeys[action] ? [{ action, combo: current.hotkeys[action] }] : []));
    if (JSON.stringify(wanted) !== bindings) {
      bindings = JSON.stringify(wanted);
      globalHotkeys = shell.setGlobalShortcuts(wanted);
      for (const held of globalHotkeys.filter((b) => !b.registered)) deps.log(`global key ${held.combo} (${held.action}) is held by another program`);
      pushStatus();
    }
    if (current.startAtLogin !== startAtLogin) {
      startAtLogin = current.startAtLogin;
      try {
        shell.setStartAtLogin(current.startAtLogin);
      } catch (error) {
        deps.log(`start at login could not be ${current.startAtLogin ? 'set' : 'removed'} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
    if (current.updateUrl !== updateUrl) {
      updateUrl = current.updateUrl;
      checkForUpdate();
    }
  }

  shell?.attach({
    trayCommand,
    closeRequested,
    globalHotkey: (action) => deps.emit('hotkey.pressed', { action }),
    windowChanged: lookedAt,
    update(event) {
      update = updateReduced(update, event, deps.now());
      if (event.kind === 'error') deps.log('update check failed');
      pushStatus();
    },
  });
  /** This operator's row and the pause reasons, from a snapshot or a delta newer than what was read. */
  function queueFigures(figures: QueueSnapshot | QueueDelta): void {
    const newer = queueSeen === null || queueSeen.stream !== figures.stream || figures.version > queueSeen.version;
    if (!newer) return;
    queueSeen = { stream: figures.stream, version: figures.version };
    if ('baseVersion' in figures) {
      const rows = figures.agents;
      if (rows?.removed.includes(deps.agentInterface)) agent = null;
      agent = rows?.changed.find((a) => a.interface === deps.agentInterface) ?? agent;
    } else {
      agent = figures.agents.find((a) => a.interface === deps.agentInterface) ?? null;
    }
    if (figures.settings) pauseReasons = figures.settings.pauseReasons;
    showTray();
  }

  const offSettings = deps.settings.onChange(applySettings);
  applySettings();
  const updateTimer = shell?.updater ? timers.setInterval(checkForUpdate, UPDATE_CHECK_MS) : null;
  // The queue figures come as deltas once someone asked for a snapshot: the tray asks its own,
  // once the host has its handlers (right after this returns).
  if (shell) {
    queueMicrotask(() => {
      void deps.invoke('queue.snapshot', {}).then((result) => result.ok && queueFigures(result.value as QueueSnapshot));
    });
  }

  return {
    follow(name, payload) {
      if (name === 'call.screenPop') {
        pop = payload as EventPayload<'call.screenPop'>;
        if (pop?.call.phase === 'ringing') {
          if (pop.call.linkedid !== rangFor) ring(pop);
        } else {
          endAttention();
        }
      } else if (name === 'queue.delta') {
        return queueFigures(payload as EventPayload<'queue.delta'>);
      } else if (name === 'pbx.link') {
        link = payload as EventPayload<'pbx.link'>;
      } else {
        return;
      }
      showTray();
    },
    handlers: {
      'presence.window': (next) => {
        report = next;
        lookedAt();
        return { ok: true as const };
      },
      'desktop.status': () => status(),
      'desktop.installUpdate': () => {
        if (update.state !== 'ready' || !shell?.updater) throw new RequestError({ code: 'unavailable', message: 'No update is ready to install' });
        shell.updater.install();
        return { ok: true as const };
      },
    },
    stop() {
      offSettings();
      if (updateTimer !== null) timers.clearInterval(updateTimer);
    },
  };
}
