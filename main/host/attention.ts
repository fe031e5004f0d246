/**
 * How a ringing call gets the operator's attention: one policy for both shells, pure so it is
 * tested under plain Node. The Electron shell carries out what it can natively (raise the
 * window, flash the taskbar entry, an OS notification); the page does the rest, and in browser
 * mode everything a page can (the Notification API, the title and favicon, a sound).
 */
import type { ScreenPop } from '../../core/call.js';
import type { CaseRecord, SlaState } from '../../core/case.js';
import type { AttentionPolicy } from '../../core/deskSettings.js';
import type { Notice, PageAttention, WindowReport } from '../../core/desktop.js';
import type { HostT } from './desktopTexts.js';
import { formatPhone } from '../../core/phone.js';

export type WindowState = 'focused' | 'unfocused' | 'minimised' | 'hidden';

export interface RingContext {
  window: WindowState;
  /** The caret is in a field outside the case form: the form must not take it. */
  typingElsewhere: boolean;
  policy: AttentionPolicy;
  /** A desktop shell (Electron) that can raise the window, flash it and notify natively. */
  native: boolean;
  /** The softphone rings in the page by itself; a desk phone rings on the desk, not in the headset. */
  softphone: boolean;
}

export interface AttentionPlan {
  raise: boolean;
  focusForm: boolean;
  notify: 'native' | 'page' | null;
  /** The taskbar entry (native) or the tab's title and favicon (page), until answered. */
  flash: 'native' | 'page' | null;
  /** The page's ring for a desk-phone call. */
  sound: boolean;
}

export const NO_ATTENTION: AttentionPlan = { raise: false, focusForm: false, notify: null, flash: null, sound: false };

export function planRing(ctx: RingContext): AttentionPlan {
  // In front already: the form takes the caret by itself (callDesk's CaseForm, same typing rule).
  if (ctx.window === 'focused') return NO_ATTENTION;
  const where = ctx.native ? 'native' : 'page';
  const sound = !ctx.softphone;
  // A page cannot bring itself to the front: browser mode notifies, and a click on the notification raises the tab.
  if (ctx.policy === 'front' && ctx.native) {
    return { raise: true, focusForm: !ctx.typingElsewhere, notify: null, flash: where, sound };
  }
  return { raise: false, focusForm: false, notify: where, flash: where, sound };
}

/** What the page said of its window; no report yet (no page open) counts as hidden. */
export function windowStateOf(report: WindowReport | null): WindowState {
  if (report === null || !report.visible) return 'hidden';
  return report.focused ? 'focused' : 'unfocused';
}

const SLA_ORDER: Record<SlaState, number> = { overdue: 0, 'due-soon': 1, 'on-time': 2, done: 3 };

/** The open case the operator most needs to know of: the most pressing by SLA, the newest among equals. */
export function topOpenCase(cases: readonly CaseRecord[]): CaseRecord | null {
  const open = cases.filter((c) => c.sla !== 'done');
  // previousCases come newest first and sort is stable: the newest wins a tie.
  return [...open].sort((a, b) => SLA_ORDER[a.sla] - SLA_ORDER[b.sla])[0] ?? null;
}

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

const numberOf = (pop: ScreenPop, t: HostT): string => formatPhone(pop.call.callerNumber.trim()) || t('ring.withheld');

/** The notification: the caller's number, their name, their most pressing open case. */
export function ringNotice(pop: ScreenPop, t: HostT): Notice {
  const name = pop.knownName ?? pop.call.callerName ?? t('ring.unknownName');
  const top = topOpenCase(pop.previousCases);
  const caseLine = top
    ? t('ring.openCase', { applicationNo: top.applicationNo, subject: top.subject, sla: t(`sla.${top.sla}`) })
    : t('ring.noOpenCase');
  return { title: clip(t('ring.title', { number: numberOf(pop, t) }), 200), body: clip(`${name}\n${caseLine}`, 600) };
}

/** What the page does of a plan (the native parts are the shell's). */
export function pageAttentionOf(pop: ScreenPop, plan: AttentionPlan, t: HostT): PageAttention {
  return {
    linkedid: pop.call.linkedid,
    notice: plan.notify === 'page' ? ringNotice(pop, t) : null,
    flashTitle: plan.flash === 'page' ? clip(t('ring.flashTitle', { number: numberOf(pop, t) }), 200) : null,
    sound: plan.sound,
    focusForm: plan.focusForm,
  };
}
