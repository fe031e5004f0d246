/** A queue member; `interface` must be a Local channel such as `Local/1001@sim-agent/n`. */
export interface SimAgent {
  interface: string;
  name: string;
  stateInterface: string;
}

export interface SimCaller {
  number: string;
  name: string | null;
}

export interface PbxSimulatorOptions {
  /** 0 = ephemeral (default); the simulator always binds 127.0.0.1. */
  port?: number;
  username: string;
  secret: string;
  /** Default 'alo153'. */
  queue?: string;
  agents: SimAgent[];
  /** Cycled for automatic calls. */
  callers: SimCaller[];
  /** A new caller enters the queue every N ms; 0 = only placeCall(). */
  callIntervalMs: number;
  /** The ringing agent answers after N ms (auto-answer headset); null = never (15 s ring timeout, retry). */
  autoAnswerMs: number | null;
  /** Talk time, after which the caller hangs up. */
  talkTimeMs: number;
}

export interface PbxSimulator {
  readonly port: number;
  /** Puts a caller (the next of `callers` by default) into the queue; returns the call's Linkedid. */
  placeCall(caller?: SimCaller): string;
  stop(): Promise<void>;
}

// The public options describe one queue; the model underneath takes several queues with
// per-member details, which is what the golden tests (and later issues) need.

export interface SimMemberConfig extends SimAgent {
  membership: 'static' | 'dynamic';
  penalty: number;
}

export interface SimQueueConfig {
  name: string;
  /** Reported as is; distribution is always round-robin with memory (rrmemory). */
  strategy: string;
  serviceLevel: number;
  members: SimMemberConfig[];
}

export interface SimulatorConfig {
  port: number;
  username: string;
  secret: string;
  queues: SimQueueConfig[];
  /** The queue that automatic and placed calls join. */
  callQueue: string;
  callers: SimCaller[];
  callIntervalMs: number;
  autoAnswerMs: number | null;
  talkTimeMs: number;
  /** queues.conf `timeout`. */
  ringTimeoutMs: number;
  /** queues.conf `retry`. */
  retryMs: number;
  /** Asterisk answers a wrong secret after about a second. */
  authFailDelayMs: number;
}
