/**
 * The JsSIP sessions behind the call panel: an incoming INVITE or a dialed call (and the consult
 * call of an attended transfer), their events turned into call-machine events, until the session
 * ends and the panel is cleared.
 */
import type { RTCSession, EndEvent, HoldEvent, IceCandidateEvent, PeerConnectionEvent, SDPEvent } from 'jssip/lib/RTCSession.js';
import type { RTCSessionEvent, UA } from 'jssip/lib/UA.js';
import type { SoftphoneIncoming } from '../../core/softphone.js';
import type { AudioWatchdog } from './audioWatchdog.js';
import { candidateType, createIceGate, type IceGate } from './iceGate.js';
import type { PhoneContext } from './phoneContext.js';
import type { PhoneMedia } from './phoneMedia.js';
import type { ReofferQueue } from './reofferQueue.js';
import { callInProgress, endCause, sdpOffersHold } from './softphoneState.js';

export type Leg = 'primary' | 'consult';

const LINKEDID = /^[0-9]+\.[0-9]+$/;

/** Reads what the host needs for the screen-pop from an incoming INVITE. */
export interface InviteLike {
  /** Present on JsSIP's IncomingRequest at run time (its typings leave it out). */
  call_id?: string;
  from?: { display_name?: string; uri?: { user?: string } } | null;
  getHeader(name: string): string | undefined;
}

export function incomingInfo(request: InviteLike, correlationHeader: string): SoftphoneIncoming {
  const header = correlationHeader.trim() ? (request.getHeader(correlationHeader.trim()) ?? '').trim() : '';
  const user = request.from?.uri?.user ?? '';
  const name = (request.from?.display_name ?? '').trim();
  return {
    callId: String(request.call_id ?? '').slice(0, 200) || 'unknown',
    callerNumber: String(user).slice(0, 64),
    callerName: name ? name.slice(0, 120) : null,
    linkedid: LINKEDID.test(header) ? header : null,
  };
}

/** A number typed or clicked, as a dial target: separators dropped, a SIP URI kept as it is. */
export function dialTarget(input: string): string {
  const s = input.trim();
  if (/^sips?:/i.test(s)) return s;
  return s.replace(/[\s\-().]/g, '');
}

export interface CallSessions {
  /** The UA's newRTCSession; `owner` is the UA that saw it (a replaced UA is ignored). */
  onNewSession(e: RTCSessionEvent, owner: UA): void;
  answerPrimary(): void;
  /** Dials the call the panel shows. */
  dialPrimary(number: string, extraHeaders?: string[]): void;
  dial(number: string, leg: Leg, extraHeaders?: string[]): RTCSession;
  terminate(session: RTCSession, options?: { status_code?: number; reason_phrase?: string }): void;
  disposeGates(): void;
}

export function createCallSessions(ctx: PhoneContext, parts: { media: PhoneMedia; watchdog: AudioWatchdog; reoffers: ReofferQueue }): CallSessions {
  const { deps, timers, log, now } = ctx;
  const { media, watchdog, reoffers } = parts;
  const lingerMs = deps.endedLingerMs ?? 5000;
  const gates = new Map<RTCSession, IceGate>();
  let lingerTimer: unknown = null;
  let lastOutgoingCallId: string | null = null;

  function attachPeerConnection(session: RTCSession, pc: RTCPeerConnection): void {
    media.playRemoteAudio(pc);
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'gathering') gates.get(session)?.begin();
    });
  }

  function wire(session: RTCSession, leg: Leg): void {
    const gate = createIceGate({ timeoutMs: ctx.settings?.iceGatheringTimeoutMs ?? 2000, hostGraceMs: deps.iceHostGraceMs ?? 250, timers });
    gates.set(session, gate);
    if (session.connection) {
      attachPeerConnection(session, session.connection);
      gate.begin();
    }
    session.on('peerconnection', (e: PeerConnectionEvent) => {
      attachPeerConnection(session, e.peerconnection);
      gate.begin();
    });
    session.on('icecandidate', (e: IceCandidateEvent) => gate.candidate(candidateType(e.candidate), e.ready));
    session.on('progress', () => {
      if (leg === 'primary') {
        if (ctx.state.call.kind === 'dialing' || ctx.state.call.kind === 'alerting') ctx.callEv({ type: 'progress' });
      } else setConsultPhase('alerting');
    });
    session.on('accepted', () => {
      if (leg === 'primary' && session.direction === 'outgoing') ctx.callEv({ type: 'accepted' });
    });
    session.on('confirmed', () => {
      if (leg === 'primary') {
        ctx.callEv({ type: 'confirmed', at: now() });
        watchdog.start();
      } else setConsultPhase('active');
    });
    session.on('hold', (e: HoldEvent) => holdChanged(session, e, true));
    session.on('unhold', (e: HoldEvent) => holdChanged(session, e, false));
    session.on('sdp', (e: SDPEvent) => {
      // A remote re-INVITE's offer: sendonly/inactive means the other side holds (JsSIP says so
      // too, through 'hold'; the SDP check also catches an offer it judged otherwise).
      if (leg !== 'primary' || e.originator !== 'remote' || e.type !== 'offer' || ctx.state.call.kind !== 'active') return;
      const held = sdpOffersHold(e.sdp);
      if (held !== ctx.state.call.hold.remote) ctx.callEv({ type: 'hold', originator: 'remote', on: held });
    });
    session.on('muted', () => {
      if (leg === 'primary' && ctx.state.call.kind === 'active') ctx.callEv({ type: 'mute', on: true });
    });
    session.on('unmuted', () => {
      if (leg === 'primary' && ctx.state.call.kind === 'active') ctx.callEv({ type: 'mute', on: false });
    });
    session.on('ended', (e: EndEvent) => sessionOver(session, leg, 'ended', e));
    session.on('failed', (e: EndEvent) => sessionOver(session, leg, 'failed', e));
    session.on('getusermediafailed', () => log('warn', 'softphone: microphone refused or missing'));
  }

  function holdChanged(session: RTCSession, e: HoldEvent, on: boolean): void {
    if (session !== ctx.primary || ctx.state.call.kind !== 'active') return;
    const originator = e.originator === 'remote' ? 'remote' : 'local';
    if (ctx.state.call.hold[originator] !== on) ctx.callEv({ type: 'hold', originator, on });
    watchdog.reset();
  }

  function setConsultPhase(phase: 'alerting' | 'active'): void {
    const call = ctx.state.call;
    if (call.kind !== 'active' || call.transfer.kind !== 'consulting') return;
    ctx.callEv({ type: 'transfer', transfer: { ...call.transfer, phase } });
  }

  function sessionOver(session: RTCSession, leg: Leg, how: 'ended' | 'failed', e: EndEvent): void {
    gates.get(session)?.dispose();
    gates.delete(session);
    if (leg === 'consult') {
      if (session !== ctx.consult) return;
      ctx.consult = null;
      const call = ctx.state.call;
      if (call.kind === 'active' && call.transfer.kind === 'consulting') {
        ctx.callEv({ type: 'transfer', transfer: ctx.consultCanceled || how === 'ended' ? { kind: 'none' } : { kind: 'failed', target: call.transfer.target } });
      }
      ctx.consultCanceled = false;
      return;
    }
    if (session !== ctx.primary) return;
    ctx.primary = null;
    reoffers.reset();
    watchdog.stop();
    media.releaseCallMedia();
    const call = ctx.state.call;
    if (!callInProgress(call) || call.kind === 'idle') return;
    const answered = call.kind === 'active';
    const originator = e.originator === 'local' || e.originator === 'remote' ? e.originator : 'system';
    ctx.callEv({ type: 'end', cause: endCause({ how, originator, cause: e.cause, transferred: ctx.transferred }), at: now() });
    log('info', 'softphone: call ended', { how, cause: e.cause, answered });
    ctx.transferred = false;
    if (ctx.primaryIncoming) deps.onEnded?.({ callId: call.callId, answered });
    ctx.primaryIncoming = false;
    if (ctx.consult) {
      ctx.consultCanceled = true;
      terminate(ctx.consult);
    }
    scheduleClear();
  }

  function scheduleClear(): void {
    if (lingerTimer !== null) timers.clearTimeout(lingerTimer);
    const ended = ctx.state.call;
    lingerTimer = timers.setTimeout(() => {
      lingerTimer = null;
      if (ctx.state.call === ended && ended.kind === 'ended') ctx.callEv({ type: 'clear' });
    }, lingerMs);
  }

  function terminate(session: RTCSession, options?: { status_code?: number; reason_phrase?: string }): void {
    try {
      if (!session.isEnded()) session.terminate(options);
    } catch (err) {
      log('warn', 'softphone: terminate failed', { error: (err as Error).message });
    }
  }

  function onNewSession(e: RTCSessionEvent, owner: UA): void {
    if (owner !== ctx.ua) return;
    if (e.originator === 'local') {
      lastOutgoingCallId = e.request.call_id;
      return;
    }
    // User Timing: when the INVITE reached the page, for the INVITE → ringing UI benchmark.
    globalThis.performance?.mark?.('softphone:invite');
    const session = e.session;
    if (!ctx.settings || callInProgress(ctx.state.call) || ctx.primary) {
      // One call at a time: the queue tries the next agent.
      terminate(session, { status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    const info = incomingInfo(e.request as InviteLike, ctx.settings.correlationHeader);
    ctx.primary = session;
    ctx.primaryIncoming = true;
    ctx.transferred = false;
    wire(session, 'primary');
    ctx.callEv({ type: 'incoming', callId: info.callId, number: info.callerNumber, name: info.callerName, linkedid: info.linkedid, at: now() });
    log('info', 'softphone: incoming call', { hasLinkedid: info.linkedid !== null });
    deps.onIncoming?.(info);
    if (ctx.state.autoAnswer) timers.setTimeout(() => answerPrimary(), 0);
  }

  function answerPrimary(): void {
    if (!ctx.primary || ctx.state.call.kind !== 'ringing') return;
    ctx.callEv({ type: 'answer' });
    try {
      ctx.primary.answer({ mediaConstraints: media.audioConstraints(), pcConfig: media.pcConfig() });
    } catch (err) {
      log('warn', 'softphone: answer failed', { error: (err as Error).message });
      terminate(ctx.primary, { status_code: 500 });
    }
  }

  function dial(number: string, leg: Leg, extraHeaders: string[] = []): RTCSession {
    if (!ctx.ua) throw new Error('softphone-not-started');
    lastOutgoingCallId = null;
    const session = ctx.ua.call(dialTarget(number), {
      mediaConstraints: media.audioConstraints(),
      pcConfig: media.pcConfig(),
      extraHeaders,
      rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
    });
    wire(session, leg);
    return session;
  }

  return {
    onNewSession,
    answerPrimary,
    dialPrimary(number, extraHeaders) {
      const session = dial(number, 'primary', extraHeaders);
      ctx.primary = session;
      ctx.primaryIncoming = false;
      ctx.transferred = false;
      ctx.callEv({ type: 'dial', callId: lastOutgoingCallId ?? session.id, number: dialTarget(number), at: now() });
    },
    dial,
    terminate,
    disposeGates() {
      for (const g of gates.values()) g.dispose();
      gates.clear();
    },
  };
}
