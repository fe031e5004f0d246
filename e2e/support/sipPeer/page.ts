// The SIP peer page ("the citizen's phone"): a bare JsSIP user agent driven by Playwright through
// `window.sipPeer`. Built by vite at test time (see server.ts); audio comes from Chromium's fake
// devices (--use-fake-device-for-media-stream).
import { UA, WebSocketInterface } from 'jssip';
import type { IncomingDTMFEvent, IncomingInfoEvent, OutgoingDTMFEvent, OutgoingInfoEvent, RTCSession } from 'jssip/lib/RTCSession.js';
import type { RTCSessionEvent } from 'jssip/lib/UA.js';
import type { SipPeerApi, SipPeerState, SipPeerStats } from './api.js';

const mediaOptions = {
  mediaConstraints: { audio: true, video: false },
  pcConfig: { iceServers: [] as RTCIceServer[] },
};

let ua: UA | null = null;
let session: RTCSession | null = null;
const state: SipPeerState = {
  registered: false,
  call: 'idle',
  held: false,
  remoteHeld: false,
  dtmfReceived: '',
  incomingHeaders: {},
  lastEndCause: null,
};
const events: string[] = [];
const remoteAudio = document.createElement('audio');
remoteAudio.autoplay = true;
document.body.append(remoteAudio);

function log(line: string): void {
  events.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  if (events.length > 500) events.shift();
  const pre = document.getElementById('log');
  if (pre) pre.textContent = events.join('\n');
}

function current(): RTCSession {
  if (!session || session.isEnded()) throw new Error(`no call (state ${state.call})`);
  return session;
}

/** Handlers for every session of this page, incoming or outgoing (a REFER's call too). */
function adopt(s: RTCSession, incoming: boolean, headers: Record<string, string>): void {
  session = s;
  Object.assign(state, { call: incoming ? 'ringing' : 'calling', held: false, remoteHeld: false, dtmfReceived: '', incomingHeaders: headers });
  const mine = () => session === s;

  // Bounded ICE gathering: JsSIP waits for gathering to complete before it sends the SDP, which
  // can stall. The first UDP candidate is enough between two pages of one machine; without one,
  // take whatever came after 300 ms.
  let firstCandidateAt = 0;
  let fallback: ReturnType<typeof setTimeout> | undefined;
  s.on('icecandidate', ({ candidate, ready }) => {
    if (!firstCandidateAt) firstCandidateAt = Date.now();
    if (candidate.protocol === 'udp' || candidate.candidate.includes(' udp ')) {
      clearTimeout(fallback);
      ready();
    } else if (!fallback) {
      fallback = setTimeout(ready, Math.max(0, 300 - (Date.now() - firstCandidateAt)));
    }
  });
  s.on('peerconnection', ({ peerconnection }) => {
    peerconnection.addEventListener('track', (e) => {
      remoteAudio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
    });
  });
  s.on('progress', () => {
    if (mine() && !incoming) state.call = 'progress';
  });
  s.on('confirmed', () => {
    log('confirmed');
    if (mine()) state.call = 'confirmed';
  });
  const end = (kind: string) => (e: { cause: string }) => {
    clearTimeout(fallback);
    log(`${kind}: ${e.cause}`);
    if (!mine()) return;
    session = null;
    Object.assign(state, { call: 'idle', held: false, remoteHeld: false, lastEndCause: e.cause });
  };
  s.on('ended', end('ended'));
  s.on('failed', end('failed'));
  // Our own hold counts once the re-INVITE is answered (see reoffer()); JsSIP emits 'hold' local
  // before sending it.
  s.on('hold', ({ originator }) => {
    log(`hold (${originator})`);
    if (mine() && originator === 'remote') state.remoteHeld = true;
  });
  s.on('unhold', ({ originator }) => {
    log(`unhold (${originator})`);
    if (mine() && originator === 'remote') state.remoteHeld = false;
  });
  s.on('newDTMF', (e: IncomingDTMFEvent | OutgoingDTMFEvent) => {
    if (e.originator !== 'remote' || !mine()) return;
    log(`dtmf ${e.dtmf.tone}`);
    state.dtmfReceived += e.dtmf.tone;
  });
  s.on('newInfo', (e: IncomingInfoEvent | OutgoingInfoEvent) => {
    if (e.originator !== 'remote' || !mine()) return;
    log(`info ${e.info.contentType}`);
    // application/dtmf carries the bare tone; application/dtmf-relay arrives as newDTMF.
    if (/^application\/dtmf\b/i.test(e.info.contentType)) state.dtmfReceived += e.info.body.trim();
  });
  // Attended transfer seen from its target: an INVITE with Replaces takes this call over; the
  // new session is answered at once and this one ends when it is confirmed (JsSIP does that).
  s.on('replaces', ({ accept }) => {
    log('replaces');
    accept();
  });
  s.on('refer', ({ request, accept }) => {
    const referTo = (request as unknown as { refer_to?: { uri: { toString(): string } } }).refer_to;
    log(`refer to ${referTo?.uri.toString() ?? '?'}`);
    // The transferee: place the new call; JsSIP reports its progress back with NOTIFY.
    accept(undefined, mediaOptions);
  });
}

/**
 * Hold or resume: JsSIP refuses (returns false, silently) while another INVITE transaction of the
 * dialog is open, e.g. the ACK of the previous re-INVITE not yet through. Wait for it, then
 * resolve once the re-INVITE got its 2xx.
 */
async function reoffer(kind: 'hold' | 'unhold'): Promise<void> {
  const s = current();
  const deadline = Date.now() + 3000;
  while (!s.isReadyToReOffer()) {
    if (s.isEnded() || Date.now() > deadline) throw new Error(`${kind}: the call is not ready for a re-INVITE`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise<void>((resolve, reject) => {
    const started = kind === 'hold' ? s.hold({}, resolve) : s.unhold({}, resolve);
    if (!started) reject(new Error(`${kind}: refused by JsSIP (already ${kind === 'hold' ? 'held' : 'resumed'}?)`));
  });
  log(`${kind} done`);
  if (session === s) state.held = kind === 'hold';
}

function onNewSession(e: RTCSessionEvent): void {
  const incoming = e.originator === 'remote';
  log(`${incoming ? 'incoming' : 'outgoing'} ${e.session.remote_identity.uri.toString()}`);
  const replacing = incoming && (e.request as unknown as { hasHeader(name: string): boolean }).hasHeader('replaces');
  if (incoming && !replacing && session && !session.isEnded()) {
    e.session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
    return;
  }
  const headers: Record<string, string> = {};
  if (incoming) {
    const all = (e.request as unknown as { headers: Record<string, { raw: string }[]> }).headers;
    for (const [name, values] of Object.entries(all)) {
      if (values[0]) headers[name] = values[0].raw;
    }
  }
  adopt(e.session, incoming, headers);
  if (replacing) {
    log('answering the replacing call');
    e.session.answer(mediaOptions);
  }
}

const api: SipPeerApi = {
  register(user, wsUrl) {
    ua?.stop();
    const socket = new WebSocketInterface(wsUrl);
    const agent = new UA({
      sockets: [socket],
      uri: `sip:${user}@127.0.0.1`,
      register: true,
      session_timers: false,
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 2,
    });
    ua = agent;
    agent.on('newRTCSession', onNewSession);
    return new Promise<void>((resolve, reject) => {
      agent.on('registered', () => {
        log(`registered ${user}`);
        state.registered = true;
        resolve();
      });
      agent.on('unregistered', () => (state.registered = false));
      agent.on('registrationFailed', (e) => {
        state.registered = false;
        reject(new Error(`registration of ${user} failed: ${e.cause ?? 'unknown'}`));
      });
      agent.start();
    });
  },
  call(target, extraHeaders = []) {
    if (!ua) throw new Error('register first');
    if (session && !session.isEnded()) throw new Error(`already in a call (${state.call})`);
    state.lastEndCause = null;
    ua.call(target, { ...mediaOptions, extraHeaders });
  },
  answer() {
    current().answer(mediaOptions);
  },
  hangup() {
    current().terminate();
  },
  hold: () => reoffer('hold'),
  unhold: () => reoffer('unhold'),
  sendDtmf(tones) {
    current().sendDTMF(tones, { duration: 100, interToneGap: 70 });
  },
  refer(target) {
    const s = current();
    s.refer(target, {
      eventHandlers: {
        requestSucceeded: () => {
          log('refer accepted (202): hanging up');
          if (!s.isEnded()) s.terminate();
        },
        requestFailed: (e: { cause?: string }) => log(`refer failed: ${e.cause ?? '?'}`),
      },
    });
  },
  state: () => structuredClone(state),
  async stats() {
    const totals: SipPeerStats = { packetsSent: 0, packetsReceived: 0, bytesReceived: 0 };
    const pc = session?.connection;
    if (!pc) return totals;
    const report = await pc.getStats();
    report.forEach((r: { type: string; kind?: string; packetsSent?: number; packetsReceived?: number; bytesReceived?: number }) => {
      if (r.kind !== 'audio') return;
      if (r.type === 'outbound-rtp') totals.packetsSent += r.packetsSent ?? 0;
      if (r.type === 'inbound-rtp') {
        totals.packetsReceived += r.packetsReceived ?? 0;
        totals.bytesReceived += r.bytesReceived ?? 0;
      }
    });
    return totals;
  },
  log: () => [...events],
};

window.sipPeer = api;
log('ready');
