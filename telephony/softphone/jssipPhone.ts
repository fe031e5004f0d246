/**
 * The WebRTC softphone: JsSIP behind the pure state machines of softphoneState.ts.
 *
 * Runs in the renderer (it needs WebRTC, getUserMedia and an <audio> element). Field problems it
 * handles: ICE gathering bounded (iceGate.ts), registering again after network loss (`online`,
 * JsSIP's WebSocket recovery), after sleep (a timer gap) and when the window comes back with an
 * expired registration; hold that follows the other side's re-INVITEs; a one-way-audio watchdog
 * over getStats. It never logs the password, SIP messages or SDP (JsSIP's own debug output is
 * switched off at start).
 */
import JsSIP from 'jssip';
import type { RTCSession, EndEvent, HoldEvent, IceCandidateEvent, PeerConnectionEvent, SDPEvent } from 'jssip/lib/RTCSession.js';
import type { RTCSessionEvent, UA, UAConfiguration } from 'jssip/lib/UA.js';
import type { SoftphoneIncoming, SoftphoneSettings } from '../../core/softphone.js';
import { candidateType, createIceGate, type GateTimers, type IceGate } from './iceGate.js';
import {
  AUDIO_WATCH_START,
  INITIAL_SOFTPHONE_STATE,
  callInProgress,
  callStep,
  canDial,
  endCause,
  isTimerGap,
  observeAudio,
  registrationFailureReason,
  registrationNeedsRefresh,
  registrationRetryDelayMs,
  registrationStep,
  sdpOffersHold,
  type AudioWatch,
  type CallEvent,
  type Illegal,
  type RegistrationEvent,
  type RtpSample,
  type SoftphoneState,
} from './softphoneState.js';

export type DtmfTransport = 'INFO' | 'RFC2833';

export interface AudioDevice {
  id: string;
  label: string;
}

export interface AudioDevices {
  inputs: AudioDevice[];
  outputs: AudioDevice[];
}

export interface SoftphoneEnded {
  callId: string;
  answered: boolean;
}

export interface Softphone {
  /** Registers with the settings (not enabled / incomplete: stays 'not-configured'). */
  start(settings: SoftphoneSettings): void;
  /** Ends any call, unregisters, closes the WebSocket and removes every listener. */
  stop(): void;
  getState(): SoftphoneState;
  subscribe(listener: (state: SoftphoneState, prev: SoftphoneState) => void): () => void;
  /** True while registered and without a call: what the dialer asks. */
  canDial(): boolean;
  answer(): void;
  reject(): void;
  /** Hangs up the call (and a consult call); cancels an outgoing call that has not been answered. */
  hangup(): void;
  call(number: string, extraHeaders?: string[]): void;
  hold(): void;
  resume(): void;
  setMuted(muted: boolean): void;
  /** DTMF to the call being talked to (the consult call while consulting): SIP INFO unless configured. */
  sendDtmf(tones: string): void;
  blindTransfer(target: string): void;
  /** Attended transfer, step 1: holds the call and dials the target. */
  startConsult(target: string): void;
  /** Step 2: REFER with Replaces: the caller is connected to the target, both our legs end. */
  completeTransfer(): void;
  /** Hangs up the consult call; the first call stays on hold until resume(). */
  cancelConsult(): void;
  setInputDevice(deviceId: string | null): Promise<void>;
  setOutputDevice(deviceId: string | null): Promise<void>;
  listDevices(): Promise<AudioDevices>;
  setAutoAnswer(on: boolean): void;
}

/** The part of JsSIP the adapter uses (tests pass a fake). */
export interface JsSipApi {
  UA: new (configuration: UAConfiguration) => UA;
  WebSocketInterface: new (url: string) => unknown;
  debug?: { disable(): unknown };
}

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface SoftphoneDeps {
  /** An INVITE rang: the renderer passes it to the host (`softphone.incoming`) for the screen-pop. */
  onIncoming?: (incoming: SoftphoneIncoming) => void;
  /** An incoming call ended (`softphone.ended`). */
  onEnded?: (ended: SoftphoneEnded) => void;
  /** An event that was not legal in the state (left unchanged). */
  onIllegal?: (illegal: Illegal) => void;
  log?: (level: 'info' | 'warn', message: string, data?: Record<string, string | number | boolean | null>) => void;
  jssip?: JsSipApi;
  timers?: GateTimers & { setInterval(fn: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
  /** `online` events (window); null: none. */
  network?: EventTargetLike | null;
  /** `visibilitychange` events and visibilityState (document); null: none. */
  visibility?: (EventTargetLike & { readonly visibilityState: string }) | null;
  mediaDevices?: Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices'> | null;
  /** The element the remote audio plays in. */
  createAudioElement?: () => HTMLAudioElement | null;
  dtmfTransport?: DtmfTransport;
  /** After the first host candidate, wait this long for more before sending (default 250 ms). */
  iceHostGraceMs?: number;
  /** Poll getStats this often during a call (default 1 s). */
  statsIntervalMs?: number;
  /** No packets for this long → one-way-audio warning (default 4 s). */
  audioStallMs?: number;
  /** The sleep detector's tick (default 5 s; a gap over twice this means the machine slept). */
  wakeCheckIntervalMs?: number;
  registerExpiresSec?: number;
  /** An ended call stays on the panel this long (default 5 s). */
  endedLingerMs?: number;
}

type Leg = 'primary' | 'consult';

const browserTimers = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
  clearInterval: (h: unknown) => clearInterval(h as ReturnType<typeof setInterval>),
};

const LINKEDID = /^[0-9]+\.[0-9]+$/;
const DTMF_TONES = /^[0-9A-D*#]+$/i;

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

export function createSoftphone(deps: SoftphoneDeps = {}): Softphone {
  const jssip: JsSipApi = deps.jssip ?? (JsSIP as unknown as JsSipApi);
  const timers = deps.timers ?? browserTimers;
  const log = deps.log ?? (() => {});
  const network = deps.network === undefined ? (typeof window !== 'undefined' ? window : null) : deps.network;
  const visibility = deps.visibility === undefined ? (typeof document !== 'undefined' ? document : null) : deps.visibility;
  const mediaDevices = deps.mediaDevices === undefined ? (typeof navigator !== 'undefined' ? (navigator.mediaDevices ?? null) : null) : deps.mediaDevices;
  const dtmfTransport = deps.dtmfTransport ?? 'INFO';
  const statsIntervalMs = deps.statsIntervalMs ?? 1000;
  const audioStallMs = deps.audioStallMs ?? 4000;
  const wakeIntervalMs = deps.wakeCheckIntervalMs ?? 5000;
  const expiresSec = deps.registerExpiresSec ?? 300;
  const lingerMs = deps.endedLingerMs ?? 5000;

  let state: SoftphoneState = INITIAL_SOFTPHONE_STATE;
  const listeners = new Set<(s: SoftphoneState, prev: SoftphoneState) => void>();
  let settings: SoftphoneSettings | null = null;
  let ua: UA | null = null;
  let primary: RTCSession | null = null;
  let consult: RTCSession | null = null;
  let consultCanceled = false;
  let primaryIncoming = false;
  let transferred = false;
  let retryTimer: unknown = null;
  let retryAttempt = 0;
  let wakeTimer: unknown = null;
  let lastWakeTick = 0;
  let statsTimer: unknown = null;
  let audioWatch: AudioWatch = AUDIO_WATCH_START;
  let lingerTimer: unknown = null;
  let audioEl: HTMLAudioElement | null = null;
  const gates = new Map<RTCSession, IceGate>();
  const extraTracks: MediaStreamTrack[] = [];
  let lastOutgoingCallId: string | null = null;
  /** A hold/unhold re-INVITE is in flight; pendingHold: what was asked meanwhile. */
  let reoffering = false;
  let pendingHold: boolean | null = null;

  // ── state ──
  function set(next: SoftphoneState): void {
    if (next === state) return;
    const prev = state;
    state = next;
    for (const l of listeners) l(state, prev);
  }
  function reportIllegal(illegal: Illegal): void {
    set({ ...state, lastIllegal: illegal });
    if (deps.onIllegal) deps.onIllegal(illegal);
    else log('warn', 'softphone: illegal event ignored', { machine: illegal.machine, from: illegal.from, event: illegal.event });
  }
  function reg(event: RegistrationEvent): void {
    const step = registrationStep(state.registration, event);
    if (step.illegal) return reportIllegal(step.illegal);
    if (step.state !== state.registration) set({ ...state, registration: step.state });
  }
  function callEv(event: CallEvent): void {
    const step = callStep(state.call, event);
    if (step.illegal) return reportIllegal(step.illegal);
    if (step.state !== state.call) set({ ...state, call: step.state });
  }
  const now = (): number => timers.now();

  // ── media ──
  const audioConstraints = (): MediaStreamConstraints => ({
    audio: state.devices.inputId ? { deviceId: { exact: state.devices.inputId } } : true,
    video: false,
  });
  const pcConfig = (): RTCConfiguration => ({ iceServers: settings?.iceServers ?? [] });

  function remoteAudio(): HTMLAudioElement | null {
    if (audioEl) return audioEl;
    const make = deps.createAudioElement ?? (() => (typeof document !== 'undefined' ? document.createElement('audio') : null));
    audioEl = make();
    if (audioEl) {
      audioEl.autoplay = true;
      const sink = state.devices.outputId;
      if (sink && typeof audioEl.setSinkId === 'function') void audioEl.setSinkId(sink).catch(() => {});
    }
    return audioEl;
  }

  function attachPeerConnection(session: RTCSession, pc: RTCPeerConnection): void {
    pc.addEventListener('track', (ev: RTCTrackEvent) => {
      if (ev.track.kind !== 'audio') return;
      // The consult call plays in the same element: only one leg is ever off hold.
      const el = remoteAudio();
      if (!el) return;
      el.srcObject = ev.streams[0] ?? new MediaStream([ev.track]);
      void el.play?.()?.catch?.(() => {});
    });
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'gathering') gates.get(session)?.begin();
    });
  }

  // ── sessions ──
  function wire(session: RTCSession, leg: Leg): void {
    const gate = createIceGate({ timeoutMs: settings?.iceGatheringTimeoutMs ?? 2000, hostGraceMs: deps.iceHostGraceMs ?? 250, timers });
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
        if (state.call.kind === 'dialing' || state.call.kind === 'alerting') callEv({ type: 'progress' });
      } else setConsultPhase('alerting');
    });
    session.on('accepted', () => {
      if (leg === 'primary' && session.direction === 'outgoing') callEv({ type: 'accepted' });
    });
    session.on('confirmed', () => {
      if (leg === 'primary') {
        callEv({ type: 'confirmed', at: now() });
        startWatchdog();
      } else setConsultPhase('active');
    });
    session.on('hold', (e: HoldEvent) => holdChanged(session, e, true));
    session.on('unhold', (e: HoldEvent) => holdChanged(session, e, false));
    session.on('sdp', (e: SDPEvent) => {
      // A remote re-INVITE's offer: sendonly/inactive means the other side holds (JsSIP says so
      // too, through 'hold'; the SDP check also catches an offer it judged otherwise).
      if (leg !== 'primary' || e.originator !== 'remote' || e.type !== 'offer' || state.call.kind !== 'active') return;
      const held = sdpOffersHold(e.sdp);
      if (held !== state.call.hold.remote) callEv({ type: 'hold', originator: 'remote', on: held });
    });
    session.on('muted', () => {
      if (leg === 'primary' && state.call.kind === 'active') callEv({ type: 'mute', on: true });
    });
    session.on('unmuted', () => {
      if (leg === 'primary' && state.call.kind === 'active') callEv({ type: 'mute', on: false });
    });
    session.on('ended', (e: EndEvent) => sessionOver(session, leg, 'ended', e));
    session.on('failed', (e: EndEvent) => sessionOver(session, leg, 'failed', e));
    session.on('getusermediafailed', () => log('warn', 'softphone: microphone refused or missing'));
  }

  function holdChanged(session: RTCSession, e: HoldEvent, on: boolean): void {
    if (session !== primary || state.call.kind !== 'active') return;
    const originator = e.originator === 'remote' ? 'remote' : 'local';
    if (state.call.hold[originator] !== on) callEv({ type: 'hold', originator, on });
    audioWatch = AUDIO_WATCH_START;
  }

  function setConsultPhase(phase: 'alerting' | 'active'): void {
    const call = state.call;
    if (call.kind !== 'active' || call.transfer.kind !== 'consulting') return;
    callEv({ type: 'transfer', transfer: { ...call.transfer, phase } });
  }

  function sessionOver(session: RTCSession, leg: Leg, how: 'ended' | 'failed', e: EndEvent): void {
    gates.get(session)?.dispose();
    gates.delete(session);
    if (leg === 'consult') {
      if (session !== consult) return;
      consult = null;
      const call = state.call;
      if (call.kind === 'active' && call.transfer.kind === 'consulting') {
        callEv({ type: 'transfer', transfer: consultCanceled || how === 'ended' ? { kind: 'none' } : { kind: 'failed', target: call.transfer.target } });
      }
      consultCanceled = false;
      return;
    }
    if (session !== primary) return;
    primary = null;
    reoffering = false;
    pendingHold = null;
    stopWatchdog();
    for (const t of extraTracks.splice(0)) t.stop();
    if (audioEl) audioEl.srcObject = null;
    const call = state.call;
    if (!callInProgress(call) || call.kind === 'idle') return;
    const answered = call.kind === 'active';
    const originator = e.originator === 'local' || e.originator === 'remote' ? e.originator : 'system';
    callEv({ type: 'end', cause: endCause({ how, originator, cause: e.cause, transferred }), at: now() });
    log('info', 'softphone: call ended', { how, cause: e.cause, answered });
    transferred = false;
    if (primaryIncoming) deps.onEnded?.({ callId: call.callId, answered });
    primaryIncoming = false;
    if (consult) {
      consultCanceled = true;
      terminate(consult);
    }
    scheduleClear();
  }

  function scheduleClear(): void {
    if (lingerTimer !== null) timers.clearTimeout(lingerTimer);
    const ended = state.call;
    lingerTimer = timers.setTimeout(() => {
      lingerTimer = null;
      if (state.call === ended && ended.kind === 'ended') callEv({ type: 'clear' });
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
    if (owner !== ua) return;
    if (e.originator === 'local') {
      lastOutgoingCallId = e.request.call_id;
      return;
    }
    // User Timing: when the INVITE reached the page, for the INVITE → ringing UI benchmark.
    globalThis.performance?.mark?.('softphone:invite');
    const session = e.session;
    if (!settings || callInProgress(state.call) || primary) {
      // One call at a time: the queue tries the next agent.
      terminate(session, { status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    const info = incomingInfo(e.request as InviteLike, settings.correlationHeader);
    primary = session;
    primaryIncoming = true;
    transferred = false;
    wire(session, 'primary');
    callEv({ type: 'incoming', callId: info.callId, number: info.callerNumber, name: info.callerName, linkedid: info.linkedid, at: now() });
    log('info', 'softphone: incoming call', { hasLinkedid: info.linkedid !== null });
    deps.onIncoming?.(info);
    if (state.autoAnswer) timers.setTimeout(() => answerPrimary(), 0);
  }

  function answerPrimary(): void {
    if (!primary || state.call.kind !== 'ringing') return;
    callEv({ type: 'answer' });
    try {
      primary.answer({ mediaConstraints: audioConstraints(), pcConfig: pcConfig() });
    } catch (err) {
      log('warn', 'softphone: answer failed', { error: (err as Error).message });
      terminate(primary, { status_code: 500 });
    }
  }

  function dial(number: string, leg: Leg, extraHeaders: string[] = []): RTCSession {
    if (!ua) throw new Error('softphone-not-started');
    lastOutgoingCallId = null;
    const session = ua.call(dialTarget(number), {
      mediaConstraints: audioConstraints(),
      pcConfig: pcConfig(),
      extraHeaders,
      rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
    });
    wire(session, leg);
    return session;
  }

  // ── one-way audio watchdog ──
  function startWatchdog(): void {
    stopWatchdog();
    audioWatch = AUDIO_WATCH_START;
    statsTimer = timers.setInterval(() => void pollStats(), statsIntervalMs);
  }
  function stopWatchdog(): void {
    if (statsTimer !== null) timers.clearInterval(statsTimer);
    statsTimer = null;
    audioWatch = AUDIO_WATCH_START;
  }
  async function pollStats(): Promise<void> {
    const session = primary;
    const call = state.call;
    if (!session?.connection || call.kind !== 'active') return;
    if (call.hold.local || call.hold.remote) {
      audioWatch = AUDIO_WATCH_START;
      if (call.audio !== 'unknown') callEv({ type: 'audio', health: 'unknown' });
      return;
    }
    let sample: RtpSample;
    try {
      sample = rtpSampleOf(await session.connection.getStats(), now());
    } catch {
      return;
    }
    if (session !== primary || state.call.kind !== 'active') return;
    const result = observeAudio(audioWatch, sample, audioStallMs);
    audioWatch = result.watch;
    if (result.health !== state.call.audio) callEv({ type: 'audio', health: result.health });
  }

  // ── registration upkeep ──
  function clearRetry(): void {
    if (retryTimer !== null) timers.clearTimeout(retryTimer);
    retryTimer = null;
  }

  function createUa(): void {
    if (!settings?.wsUrl || !settings.sipUri) return;
    const socket = new jssip.WebSocketInterface(settings.wsUrl);
    const config: UAConfiguration = {
      sockets: [socket as never],
      uri: settings.sipUri,
      register: true,
      register_expires: expiresSec,
      session_timers: false,
      user_agent: 'ALO153-Desk',
      connection_recovery_min_interval: 2,
      connection_recovery_max_interval: 30,
    };
    if (settings.authorizationUser) config.authorization_user = settings.authorizationUser;
    if (settings.password) config.password = settings.password;
    if (settings.displayName) config.display_name = settings.displayName;
    const instance = new jssip.UA(config);
    ua = instance;
    const mine = (f: () => void) => () => {
      if (ua === instance) f();
    };
    instance.on('connecting', mine(() => reg({ type: 'ws-connecting' })));
    instance.on('connected', mine(() => reg({ type: 'ws-connected' })));
    instance.on('disconnected', mine(() => reg({ type: 'ws-disconnected', retryAt: null })));
    instance.on('registered', mine(() => {
      retryAttempt = 0;
      clearRetry();
      reg({ type: 'registered', expiresAt: now() + expiresSec * 1000 });
    }));
    // JsSIP also says 'unregistered' when the WebSocket drops: the state stays failed(transport) then.
    instance.on('unregistered', mine(() => instance.isConnected() && reg({ type: 'unregistered' })));
    instance.on('registrationFailed', (e) => {
      if (ua !== instance) return;
      const reason = registrationFailureReason(e.cause);
      if (reason === 'transport') {
        // JsSIP reconnects the WebSocket by itself and registers once connected.
        reg({ type: 'registration-failed', reason, retryAt: null });
        return;
      }
      const delay = registrationRetryDelayMs(reason, retryAttempt++);
      reg({ type: 'registration-failed', reason, retryAt: now() + delay });
      log('warn', 'softphone: registration failed', { reason, retryInMs: delay });
      clearRetry();
      retryTimer = timers.setTimeout(() => {
        retryTimer = null;
        refreshRegistration('retry');
      }, delay);
    });
    instance.on('newRTCSession', (e: RTCSessionEvent) => onNewSession(e, instance));
    reg({ type: 'ws-connecting' });
    instance.start();
  }

  function restartUa(): void {
    const old = ua;
    ua = null;
    if (old) {
      try {
        old.stop();
      } catch {
        // already closed
      }
    }
    createUa();
  }

  /** Registers again now: over the open WebSocket, or with a new one when it is gone and no call would be cut. */
  function refreshRegistration(why: string): void {
    if (!ua || !settings) return;
    log('info', 'softphone: registering again', { why });
    if (ua.isConnected()) {
      reg({ type: 'reregister' });
      ua.register();
    } else if (!primary && !consult) {
      restartUa();
    }
  }

  const onOnline = (): void => refreshRegistration('online');
  const onVisibility = (): void => {
    if (visibility?.visibilityState !== 'visible') return;
    const r = state.registration;
    if (r.kind === 'failed' && r.reason === 'auth' && r.retryAt !== null && r.retryAt > now()) return;
    if (registrationNeedsRefresh(r, now())) refreshRegistration('visible');
  };
  const onWakeTick = (): void => {
    const t = now();
    const slept = isTimerGap(lastWakeTick, t, wakeIntervalMs);
    lastWakeTick = t;
    if (slept) refreshRegistration('wake');
    else if (state.registration.kind === 'registered' && registrationNeedsRefresh(state.registration, t)) refreshRegistration('expired');
  };

  function teardown(): void {
    clearRetry();
    if (wakeTimer !== null) timers.clearInterval(wakeTimer);
    wakeTimer = null;
    network?.removeEventListener('online', onOnline);
    visibility?.removeEventListener('visibilitychange', onVisibility);
    stopWatchdog();
    for (const g of gates.values()) g.dispose();
    gates.clear();
  }

  /**
   * hold()/unhold() send a re-INVITE; JsSIP refuses (returns false) while the previous
   * offer/answer is still open, e.g. a resume clicked right after hold: try again shortly.
   */
  function reoffer(session: RTCSession, what: 'hold' | 'unhold', attempt = 0): void {
    if (session !== primary || session.isEnded()) return;
    const wanted = what === 'hold';
    if (reoffering) {
      // JsSIP would start a second re-INVITE at once (glare, and it hangs up on the failed
      // hold): the wish waits for the one in flight.
      pendingHold = wanted;
      return;
    }
    if (session.isOnHold().local === wanted) return;
    reoffering = true;
    pendingHold = null;
    const done = (): void => {
      reoffering = false;
      const next = pendingHold;
      pendingHold = null;
      if (next !== null) reoffer(session, next ? 'hold' : 'unhold');
    };
    const sent = wanted ? session.hold({}, done) : session.unhold({}, done);
    if (!sent) {
      reoffering = false;
      if (attempt < 10) timers.setTimeout(() => reoffer(session, what, attempt + 1), 200);
    }
  }

  // ── the API ──
  function requireActive(): RTCSession | null {
    return primary && state.call.kind === 'active' ? primary : null;
  }

  return {
    start(next) {
      if (ua) this.stop();
      settings = next;
      set({ ...state, autoAnswer: next.autoAnswer });
      if (!next.enabled || !next.wsUrl || !next.sipUri) {
        reg({ type: 'disable' });
        return;
      }
      try {
        jssip.debug?.disable();
      } catch {
        // no debug module
      }
      reg({ type: 'start' });
      network?.addEventListener('online', onOnline);
      visibility?.addEventListener('visibilitychange', onVisibility);
      lastWakeTick = now();
      wakeTimer = timers.setInterval(onWakeTick, wakeIntervalMs);
      try {
        createUa();
      } catch (err) {
        // A malformed URI in the settings: JsSIP refuses the configuration.
        log('warn', 'softphone: configuration refused', { error: (err as Error).message });
        reg({ type: 'registration-failed', reason: 'rejected', retryAt: null });
      }
    },
    stop() {
      teardown();
      if (consult) terminate(consult);
      if (primary) terminate(primary);
      const old = ua;
      ua = null;
      if (old) {
        try {
          old.stop();
        } catch {
          // already closed
        }
      }
      if (state.registration.kind !== 'not-configured') reg({ type: 'stop' });
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    canDial: () => canDial(state) && ua !== null,
    answer: answerPrimary,
    reject() {
      if (primary && state.call.kind === 'ringing') terminate(primary, { status_code: 486, reason_phrase: 'Busy Here' });
    },
    hangup() {
      if (consult) {
        consultCanceled = true;
        terminate(consult);
      }
      if (primary) terminate(primary);
    },
    call(number, extraHeaders) {
      if (!canDial(state) || !ua) throw new Error(state.registration.kind === 'registered' ? 'softphone-busy' : 'softphone-not-registered');
      const session = dial(number, 'primary', extraHeaders);
      primary = session;
      primaryIncoming = false;
      transferred = false;
      callEv({ type: 'dial', callId: lastOutgoingCallId ?? session.id, number: dialTarget(number), at: now() });
    },
    hold() {
      const s = requireActive();
      if (s && !s.isOnHold().local) reoffer(s, 'hold');
    },
    resume() {
      const s = requireActive();
      if (!s || !s.isOnHold().local) return;
      if (consult) return; // the consult call is talking: finish or cancel it first
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
      const call = state.call;
      const target = consult && call.kind === 'active' && call.transfer.kind === 'consulting' && call.transfer.phase === 'active' ? consult : requireActive();
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
      if (!s || !t || consult || state.call.kind !== 'active' || state.call.transfer.kind === 'blind') return;
      callEv({ type: 'transfer', transfer: { kind: 'blind', target: t } });
      s.refer(t, {
        eventHandlers: {
          accepted: () => {
            transferred = true;
            terminate(s);
          },
          requestFailed: () => callEv({ type: 'transfer', transfer: { kind: 'failed', target: t } }),
          failed: () => callEv({ type: 'transfer', transfer: { kind: 'failed', target: t } }),
        },
      });
    },
    startConsult(target) {
      const s = requireActive();
      const t = dialTarget(target);
      const call = state.call;
      if (!s || !t || consult || call.kind !== 'active' || (call.transfer.kind !== 'none' && call.transfer.kind !== 'failed')) return;
      if (!s.isOnHold().local) reoffer(s, 'hold');
      consultCanceled = false;
      callEv({ type: 'transfer', transfer: { kind: 'consulting', target: t, phase: 'dialing' } });
      try {
        consult = dial(t, 'consult');
      } catch (err) {
        log('warn', 'softphone: consult call failed', { error: (err as Error).message });
        callEv({ type: 'transfer', transfer: { kind: 'failed', target: t } });
      }
    },
    completeTransfer() {
      const s = requireActive();
      const c = consult;
      const call = state.call;
      if (!s || !c || call.kind !== 'active' || call.transfer.kind !== 'consulting' || call.transfer.phase !== 'active') return;
      const target = call.transfer.target;
      callEv({ type: 'transfer', transfer: { kind: 'completing', target } });
      s.refer(c.remote_identity.uri, {
        replaces: c,
        eventHandlers: {
          accepted: () => {
            transferred = true;
            consultCanceled = true;
            terminate(c);
            terminate(s);
          },
          requestFailed: () => callEv({ type: 'transfer', transfer: { kind: 'consulting', target, phase: 'active' } }),
          failed: () => callEv({ type: 'transfer', transfer: { kind: 'consulting', target, phase: 'active' } }),
        },
      });
    },
    cancelConsult() {
      if (!consult) return;
      consultCanceled = true;
      terminate(consult);
    },
    async setInputDevice(deviceId) {
      set({ ...state, devices: { ...state.devices, inputId: deviceId } });
      const pc = primary?.connection;
      if (!pc || !mediaDevices || state.call.kind !== 'active') return;
      const stream = await mediaDevices.getUserMedia(audioConstraints());
      const track = stream.getAudioTracks()[0];
      if (!track) return;
      if (state.call.muted) track.enabled = false;
      const sender = pc.getSenders().find((x) => x.track?.kind === 'audio' || x.track === null);
      if (!sender) {
        track.stop();
        return;
      }
      const old = sender.track;
      await sender.replaceTrack(track);
      extraTracks.push(track);
      old?.stop();
    },
    async setOutputDevice(deviceId) {
      set({ ...state, devices: { ...state.devices, outputId: deviceId } });
      const el = remoteAudio();
      if (el && typeof el.setSinkId === 'function') await el.setSinkId(deviceId ?? '');
    },
    async listDevices() {
      if (!mediaDevices) return { inputs: [], outputs: [] };
      const all = await mediaDevices.enumerateDevices();
      const pick = (kind: MediaDeviceKind): AudioDevice[] =>
        all.filter((d) => d.kind === kind && d.deviceId).map((d, i) => ({ id: d.deviceId, label: d.label || `${kind === 'audioinput' ? 'mic' : 'out'} ${i + 1}` }));
      return { inputs: pick('audioinput'), outputs: pick('audiooutput') };
    },
    setAutoAnswer(on) {
      if (state.autoAnswer !== on) set({ ...state, autoAnswer: on });
    },
  };
}

/** The audio RTP counters of one getStats report. */
export function rtpSampleOf(report: RTCStatsReport | Map<string, Record<string, unknown>>, at: number): RtpSample {
  let packetsReceived = 0;
  let packetsSent = 0;
  report.forEach((s: Record<string, unknown>) => {
    const kind = s.kind ?? s.mediaType;
    if (kind !== 'audio') return;
    if (s.type === 'inbound-rtp' && typeof s.packetsReceived === 'number') packetsReceived += s.packetsReceived;
    if (s.type === 'outbound-rtp' && typeof s.packetsSent === 'number') packetsSent += s.packetsSent;
  });
  return { at, packetsReceived, packetsSent };
}
