/**
 * What the agent does to a call from the panel: answer, reject, hang up, dial, hold, mute, DTMF
 * and the blind and attended transfers. Each acts only when the call machine says the call is in
 * a state where it makes sense, so a late or repeated click does nothing.
 */
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import { dialTarget, type CallSessions } from './callSessions.js';
import type { DtmfTransport, Softphone } from './softphoneApi.js';
import type { PhoneContext } from './phoneContext.js';
import type { ReofferQueue } from './reofferQueue.js';
import { canDial } from './softphoneState.js';

export type CallControl = Pick<
  Softphone,
  'answer' | 'reject' | 'hangup' | 'call' | 'hold' | 'resume' | 'setMuted' | 'sendDtmf' | 'blindTransfer' | 'startConsult' | 'completeTransfer' | 'cancelConsult'
>;

const DTMF_TONES = /^[0-9A-D*#]+$/i;

export function createCallControl(ctx: PhoneContext, sessions: CallSessions, reoffers: ReofferQueue): CallControl {
  const { log } = ctx;
  const { terminate } = sessions;
  const { reoffer } = reoffers;
  const dtmfTransport: DtmfTransport = ctx.deps.dtmfTransport ?? 'INFO';

  function requireActive(): RTCSession | null {
    return ctx.primary && ctx.state.call.kind === 'active' ? ctx.primary : null;
  }

  return {
    answer: sessions.answerPrimary,
    reject() {
      if (ctx.primary && ctx.state.call.kind === 'ringing') terminate(ctx.primary, { status_code: 486, reason_phrase: 'Busy Here' });
    },
    hangup() {
      if (ctx.consult) {
        ctx.consultCanceled = true;
        terminate(ctx.consult);
      }
      if (ctx.primary) terminate(ctx.primary);
    },
    call(number, extraHeaders) {
      if (!canDial(ctx.state) || !ctx.ua) throw new Error(ctx.state.registration.kind === 'registered' ? 'softphone-busy' : 'softphone-not-registered');
      sessions.dialPrimary(number, extraHeaders);
    },
    hold() {
      const s = requireActive();
      if (s && !s.isOnHold().local) reoffer(s, 'hold');
    },
    resume() {
      const s = requireActive();
      if (!s || !s.isOnHold().local) return;
      if (ctx.consult) return; // the consult call is talking: finish or cancel it first
      reoffer(s, 'unhold');
    },
    setMuted(muted) {
      const s = requireActive();
      if (!s) return;
      if (muted) s.mute({ audio: true });
      else s.unmute({ audio: true });
    },
    sendDtmf(tones) {
      if (!DTMF_TONES.test(tones)) return;
      const call = ctx.state.call;
      const target = ctx.consult && call.kind === 'active' && call.transfer.kind === 'consulting' && call.transfer.phase === 'active' ? ctx.consult : requireActive();
      if (!target) return;
      try {
        target.sendDTMF(tones, { transportType: dtmfTransport as never, duration: 100, interToneGap: 70 });
      } catch (err) {
        log('warn', 'softphone: DTMF failed', { error: (err as Error).message });
      }
    },
    blindTransfer(target) {
      const s = requireActive();
      const t = dialTarget(target);
      if (!s || !t || ctx.consult || ctx.state.call.kind !== 'active' || ctx.state.call.transfer.kind === 'blind') return;
      ctx.callEv({ type: 'transfer', transfer: { kind: 'blind', target: t } });
      s.refer(t, {
        eventHandlers: {
          accepted: () => {
            ctx.transferred = true;
            terminate(s);
          },
          requestFailed: () => ctx.callEv({ type: 'transfer', transfer: { kind: 'failed', target: t } }),
          failed: () => ctx.callEv({ type: 'transfer', transfer: { kind: 'failed', target: t } }),
        },
      });
    },
    startConsult(target) {
      const s = requireActive();
      const t = dialTarget(target);
      const call = ctx.state.call;
      if (!s || !t || ctx.consult || call.kind !== 'active' || (call.transfer.kind !== 'none' && call.transfer.kind !== 'failed')) return;
      if (!s.isOnHold().local) reoffer(s, 'hold');
      ctx.consultCanceled = false;
      ctx.callEv({ type: 'transfer', transfer: { kind: 'consulting', target: t, phase: 'dialing' } });
      try {
        ctx.consult = sessions.dial(t, 'consult');
      } catch (err) {
        log('warn', 'softphone: consult call failed', { error: (err as Error).message });
        ctx.callEv({ type: 'transfer', transfer: { kind: 'failed', target: t } });
      }
    },
    completeTransfer() {
      const s = requireActive();
      const c = ctx.consult;
      const call = ctx.state.call;
      if (!s || !c || call.kind !== 'active' || call.transfer.kind !== 'consulting' || call.transfer.phase !== 'active') return;
      const target = call.transfer.target;
      ctx.callEv({ type: 'transfer', transfer: { kind: 'completing', target } });
      s.refer(c.remote_identity.uri, {
        replaces: c,
        eventHandlers: {
          accepted: () => {
            ctx.transferred = true;
            ctx.consultCanceled = true;
            terminate(c);
            terminate(s);
          },
          requestFailed: () => ctx.callEv({ type: 'transfer', transfer: { kind: 'consulting', target, phase: 'active' } }),
          failed: () => ctx.callEv({ type: 'transfer', transfer: { kind: 'consulting', target, phase: 'active' } }),
        },
      });
    },
    cancelConsult() {
      if (!ctx.consult) return;
      ctx.consultCanceled = true;
      terminate(ctx.consult);
    },
  };
}
