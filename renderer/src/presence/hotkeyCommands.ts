/**
 * What a hot key does at this moment, in this setup: a softphone answers, holds and mutes in the
 * page; a desk phone is answered on the phone itself, and hung up through the PBX (AMI). Pure: the
 * hook in useHotkeys.ts carries the command out.
 */
import type { CallPhase } from '../../../core/call.js';
import type { HotkeyAction } from '../../../core/hotkeys.js';
import type { CallKind } from '../../../telephony/softphone/softphoneState.js';

export type NoCommandReason = 'no-call' | 'desk-phone' | 'not-in-queue';

export type HotkeyCommand =
  | { kind: 'softphone'; op: 'answer' | 'reject' | 'hangup' | 'toggleHold' | 'toggleMute' }
  | { kind: 'ami-hangup'; linkedid: string }
  | { kind: 'ready' }
  | { kind: 'focus'; target: 'subject' | 'search' | 'pauseReason' }
  | { kind: 'none'; why: NoCommandReason };

export interface HotkeyContext {
  /** The softphone is configured and running; otherwise calls ring a desk phone. */
  softphone: boolean;
  phoneCall: CallKind;
  /** The call on the screen-pop (AMI, or the softphone's paired call). */
  deskCall: { linkedid: string; phase: CallPhase } | null;
  /** This operator in the queues: null when the PBX lists them in none. */
  agent: { paused: boolean } | null;
  pauseReasons: readonly string[];
}

const SOFTPHONE_LIVE: readonly CallKind[] = ['dialing', 'alerting', 'answering', 'active'];

const none = (why: NoCommandReason): HotkeyCommand => ({ kind: 'none', why });

/** hold and mute: the softphone's call in progress, nothing on a desk phone. */
const inSoftphoneCall = (ctx: HotkeyContext, op: 'toggleHold' | 'toggleMute'): HotkeyCommand => {
  if (!ctx.softphone) return none('desk-phone');
  return ctx.phoneCall === 'active' ? { kind: 'softphone', op } : none('no-call');
};

export function hotkeyCommand(action: HotkeyAction, ctx: HotkeyContext): HotkeyCommand {
  switch (action) {
    case 'answer':
      if (!ctx.softphone) return none('desk-phone');
      return ctx.phoneCall === 'ringing' ? { kind: 'softphone', op: 'answer' } : none('no-call');
    case 'hangup':
      if (ctx.softphone && ctx.phoneCall === 'ringing') return { kind: 'softphone', op: 'reject' };
      if (ctx.softphone && SOFTPHONE_LIVE.includes(ctx.phoneCall)) return { kind: 'softphone', op: 'hangup' };
      if (ctx.deskCall?.phase === 'connected') return { kind: 'ami-hangup', linkedid: ctx.deskCall.linkedid };
      // A desk phone that still rings is refused on the phone: the PBX would only ring the next agent.
      return none(!ctx.softphone && ctx.deskCall?.phase === 'ringing' ? 'desk-phone' : 'no-call');
    case 'hold':
      return inSoftphoneCall(ctx, 'toggleHold');
    case 'mute':
      return inSoftphoneCall(ctx, 'toggleMute');
    case 'readyPause':
      if (ctx.agent === null) return none('not-in-queue');
      if (ctx.agent.paused) return { kind: 'ready' };
      // The reason goes into the PBX's queue_log and the break reports: the operator picks it
      // (arrows, then Enter), the key never guesses one.
      return ctx.pauseReasons.length === 0 ? none('not-in-queue') : { kind: 'focus', target: 'pauseReason' };
    case 'focusSubject':
      return { kind: 'focus', target: 'subject' };
    case 'focusSearch':
      return { kind: 'focus', target: 'search' };
  }
}

/** Where an action works, for the help panel. */
export type HotkeyReach = 'everywhere' | 'softphone' | 'softphone-or-ami';

export const HOTKEY_REACH: Readonly<Record<HotkeyAction, HotkeyReach>> = {
  answer: 'softphone',
  hangup: 'softphone-or-ami',
  hold: 'softphone',
  mute: 'softphone',
  readyPause: 'everywhere',
  focusSubject: 'everywhere',
  focusSearch: 'everywhere',
};
