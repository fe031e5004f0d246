// The contract of the SIP peer page ("the citizen's phone"): what `window.sipPeer` offers to a
// Playwright test. Shared by the page (page.ts) and the Node side (peerPage.ts).

export type SipPeerCallState = 'idle' | 'ringing' | 'calling' | 'progress' | 'confirmed' | 'ended';

export interface SipPeerState {
  registered: boolean;
  /**
   * The current call: 'ringing' (incoming, not answered), 'calling' (INVITE sent), 'progress'
   * (1xx received), 'confirmed', then 'idle' again once it ended (lastEndCause says why).
   * 'ended' is only seen if a session ends without a successor being set up, which the page
   * turns into 'idle' right away; it stays in the union for callers matching on it.
   */
  call: SipPeerCallState;
  /** We put the call on hold (re-INVITE sendonly sent and answered). */
  held: boolean;
  /** The other side put us on hold. */
  remoteHeld: boolean;
  /** Tones received in this call (SIP INFO application/dtmf-relay or application/dtmf). */
  dtmfReceived: string;
  /** Headers of the incoming INVITE, keyed as JsSIP canonicalises them (`X-Linkedid`). */
  incomingHeaders: Record<string, string>;
  /** JsSIP's cause of the last call's end ('Terminated', 'Canceled', 'Busy', …), else null. */
  lastEndCause: string | null;
}

export interface SipPeerStats {
  packetsSent: number;
  packetsReceived: number;
  bytesReceived: number;
}

export interface SipPeerApi {
  /** Registers sip:USER@127.0.0.1 over `wsUrl` (no auth); resolves on 200 OK. */
  register(user: string, wsUrl: string): Promise<void>;
  /** INVITE `target` ('2002' or 'sip:2002@127.0.0.1'), audio only, with extra header lines. */
  call(target: string, extraHeaders?: string[]): void;
  answer(): void;
  /** Cancels, rejects or ends the current call, whichever applies. */
  hangup(): void;
  /** Re-INVITE sendonly; resolves once it is answered (waits for an open INVITE transaction first). */
  hold(): Promise<void>;
  /** Re-INVITE sendrecv; resolves once it is answered. */
  unhold(): Promise<void>;
  /** DTMF over SIP INFO (application/dtmf-relay), JsSIP's default. */
  sendDtmf(tones: string): void;
  /** Blind transfer: REFER the other party to `target`, then hang up once the REFER gets 202. */
  refer(target: string): void;
  state(): SipPeerState;
  /** Audio RTP counters of the current call's RTCPeerConnection (zeros without a call). */
  stats(): Promise<SipPeerStats>;
  /** What happened on this page, oldest first (for failure messages). */
  log(): string[];
}

declare global {
  interface Window {
    sipPeer: SipPeerApi;
  }
}
