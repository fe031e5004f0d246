/**
 * The tray (Electron): the operator's state as an icon and a tooltip, and a menu to pause, get
 * ready, open the desk or quit; and what closing the window or quitting does. Pure: the shell
 * draws what this returns.
 */
import type { AgentCall } from '../../core/call.js';
import type { PbxLinkState } from '../../core/pbxLink.js';
import type { AgentRow } from '../../core/queue.js';
import type { HostT } from './desktopTexts.js';

export type TrayState = 'ready' | 'call' | 'paused' | 'offline' | 'pbx-down';

export type TrayCommand = { kind: 'pause'; reason: string } | { kind: 'ready' } | { kind: 'open' } | { kind: 'quit' };

export type TrayItem =
  | { kind: 'command'; label: string; command: TrayCommand; enabled: boolean; checked: boolean }
  | { kind: 'submenu'; label: string; enabled: boolean; items: TrayItem[] }
  | { kind: 'separator' };

export interface TrayView {
  state: TrayState;
  tooltip: string;
  menu: TrayItem[];
}

export interface TrayFacts {
  link: PbxLinkState;
  /** This operator's row in the queue figures (null: not a member of any queue the PBX reports). */
  agent: AgentRow | null;
  call: AgentCall | null;
  pauseReasons: readonly string[];
}

const inCall = (facts: TrayFacts): boolean =>
  (facts.call !== null && facts.call.phase !== 'ended') || facts.agent?.state === 'ringing' || facts.agent?.state === 'on-call';

export function trayState(facts: TrayFacts): TrayState {
  if (facts.link.status !== 'connected') return 'pbx-down';
  if (inCall(facts)) return 'call';
  const agent = facts.agent;
  if (agent === null || agent.state === 'logged-out' || agent.queues.length === 0) return 'offline';
  if (agent.state === 'paused' || agent.state === 'wrap-up') return 'paused';
  return 'ready';
}

function stateText(state: TrayState, agent: AgentRow | null, t: HostT): string {
  switch (state) {
    case 'pbx-down':
      return t('tray.pbxDown');
    case 'call':
      return t('tray.call');
    case 'offline':
      return t('tray.offline');
    case 'ready':
      return t('tray.ready');
    case 'paused':
      if (agent?.state === 'wrap-up') return t('tray.wrapUp');
      return agent?.pauseReason ? t('tray.paused', { reason: agent.pauseReason }) : t('tray.pausedNoReason');
  }
}

const command = (label: string, cmd: TrayCommand, enabled = true, checked = false): TrayItem => ({ kind: 'command', label, command: cmd, enabled, checked });

export function trayModel(facts: TrayFacts, t: HostT): TrayView {
  const state = trayState(facts);
  const canPause = state !== 'offline' && state !== 'pbx-down';
  const current = facts.agent?.state === 'paused' ? facts.agent.pauseReason : null;
  return {
    state,
    tooltip: t('tray.tooltip', { state: stateText(state, facts.agent, t) }),
    menu: [
      {
        kind: 'submenu',
        label: t('tray.pause'),
        enabled: canPause && facts.pauseReasons.length > 0,
        items: facts.pauseReasons.map((reason) => command(reason, { kind: 'pause', reason }, canPause, reason === current)),
      },
      // Wrap-up ends early on "ready", as on the operator's queue panel.
      command(t('tray.setReady'), { kind: 'ready' }, state === 'paused' || facts.agent?.state === 'wrap-up'),
      { kind: 'separator' },
      command(t('tray.open'), { kind: 'open' }),
      command(t('tray.quit'), { kind: 'quit' }),
    ],
  };
}

/** Closing the window while logged in to a queue keeps the desk in the tray: calls still reach the operator. */
export const closeAction = (agent: AgentRow | null): 'hide' | 'quit' => (agent !== null && agent.queues.length > 0 ? 'hide' : 'quit');

export interface Confirmation {
  title: string;
  detail: string;
  confirm: string;
  cancel: string;
}

/** Quitting asks first when it would drop a call or leave a case unsaved; null: nothing to lose. */
export function quitQuestion(open: { call: boolean; draft: boolean }, t: HostT): Confirmation | null {
  if (!open.call && !open.draft) return null;
  const detail = [open.call ? t('quit.call') : null, open.draft ? t('quit.draft') : null].filter(Boolean).join('\n');
  return { title: t('quit.title'), detail, confirm: t('quit.confirm'), cancel: t('quit.cancel') };
}
