import type { UA, UAConfiguration } from 'jssip/lib/UA.js';
import type { SoftphoneIncoming, SoftphoneSettings } from '../../core/softphone.js';
import type { GateTimers } from './iceGate.js';
import type { Illegal, SoftphoneState } from './softphoneState.js';

// The softphone's public shape, apart from jssipPhone.ts so that the parts it wires (callControl,
// phoneMedia, …) can name it without importing the module that imports them. Types only: the
// renderer may import this without pulling JsSIP into its main chunk.

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

