/**
 * A queue member: a Local channel such as `Local/1001@sim-agent/n` (its device state is the
 * `Custom:1001` the recorded dialplan sets) or a PJSIP endpoint such as `PJSIP/1004` (j).
 */
export interface SimAgent {
  interface: string;
  name: string;
  stateInterface: string;
  /** This agent's headset answers after N ms; null never answers; default the simulator's autoAnswerMs. */
  answerAfterMs?: number | null;
}

export interface SimCaller {
  number: string;
  name: string | null;
}

/** How long answered calls last. */
export type TalkTime =
  | { distribution: 'fixed'; ms: number }
  | { distribution: 'exponential'; meanMs: number }
  /** Log-normal with the given mean and standard deviation: call-center talk times are skewed. */
  | { distribution: 'lognormal'; meanMs: number; sdMs: number };

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
  /** A new caller enters the queue every N ms; 0 = only placeCall() (and arrivalsPerSecond). */
  callIntervalMs: number;
  /** The ringing agent answers after N ms (auto-answer headset); null = never (15 s ring timeout, retry). */
  autoAnswerMs: number | null;
  /** Talk time, after which the caller hangs up (the mean, when `talkTime` is a distribution). */
  talkTimeMs: number;
  // Optional, for load and for app_queue's features; the defaults keep the behaviour above.
  /** Poisson arrivals: callers per second over all queues in `queues` (default none). */
  arrivalsPerSecond?: number;
  talkTime?: TalkTime;
  /** Several queues (alo153 and geri-bildirim as recorded); default one queue of all `agents`. */
  queues?: SimQueueConfig[];
  /** queues.conf timeout (ring time per try), default 15 s; retry between tries, default 2 s. */
  ringTimeoutMs?: number;
  retryMs?: number;
  /** Queue() timeout for automatic callers: they leave with a timeout after waiting this long. */
  maxWaitMs?: number | null;
  /** Automatic callers hang up after a patience drawn from an exponential with this mean. */
  patienceMeanMs?: number | null;
  /** Seed of the load's random numbers (arrivals, talk times, patience); same seed, same calls. */
  seed?: number;
  /** More manager.conf users besides username/secret (restricted ones, with eventfilters). */
  users?: SimManagerUser[];
}

export interface PbxSimulator {
  readonly port: number;
  /**
   * The PBX's AstDB, as DBPut/DBGet/DBDel/DBDelTree and the dialplan's DB() see it (e.g. the
   * mass-incident announcements: `astdb.get('alo153/incident', 'alo153')`); kept across restart().
   */
  readonly astdb: import('./astdb.js').SimAstDb;
  /** Puts a caller (the next of `callers` by default) into a queue; returns the call's Linkedid. */
  placeCall(caller?: SimCaller, options?: PlaceCallOptions): string;
  /** The caller of this call hangs up (an abandon while waiting or ringing, the end of a talk otherwise). */
  hangUpCaller(linkedid: string): boolean;
  /** The agent of this answered call hangs up (AgentComplete Reason: agent). */
  hangUpAgent(linkedid: string, options?: { callerGone?: boolean }): boolean;
  /** QueuePause as a control connection would: every queue of the interface without `queue`. */
  pauseMember(iface: string, paused: boolean, options?: { queue?: string; reason?: string }): boolean;
  addMember(queue: string, member: SimAgent & { penalty?: number; paused?: boolean }): boolean;
  removeMember(queue: string, iface: string): boolean;
  /** `queue reload members` with this member list: silent but for an added member's pause device state. */
  reloadMembers(queue: string, members: readonly SimAgent[]): boolean;
  /** `core reload` (module 'All') or `module reload app_queue.so`: a Reload event. */
  reload(module?: string): void;
  /** What QueueStatus would report, for tests and demos. */
  status(queue?: string): import('./queueFacts.js').QueueStatusView[];
  /** Stops the load (automatic and Poisson calls); calls in progress go on. */
  stopLoad(): void;
  /**
   * Kills the PBX as a crash would: every session is cut without Shutdown and the port is
   * freed; state is kept for restart() (as Asterisk keeps dynamic members, not its counters).
   */
  kill(): Promise<void>;
  /**
   * Starts the PBX again on the same port after kill() or stop(): calls are gone, queue counters
   * zeroed, members and pauses kept; logins during `bootMs` get FullyBooted only once booted.
   */
  restart(options?: { bootMs?: number }): Promise<void>;
  /** Shutdown to every session (Restart: False), ~0.5 s, then close, as Asterisk stops. */
  stop(): Promise<void>;
}

export interface PlaceCallOptions {
  queue?: string;
  /** Queue()'s timeout: the caller leaves after waiting this long (QueueCallerAbandon without a hang-up). */
  maxWaitMs?: number | null;
  /** The caller hangs up after waiting this long (an abandon), unless answered before. */
  patienceMs?: number | null;
  /** Talk time of this call once answered. */
  talkTimeMs?: number;
}

// The public options describe one queue; the model underneath takes several queues with
// per-member details, which is what the golden tests (and later issues) need.

export interface SimMemberConfig extends SimAgent {
  membership: 'static' | 'dynamic';
  penalty: number;
  // Initial figures, to start from the state a recording started in.
  paused?: boolean;
  pausedReason?: string;
  /** Epoch seconds. */
  lastPause?: number;
  callsTaken?: number;
  /** Epoch seconds. */
  lastCall?: number;
  /** Epoch seconds; default the simulator's start. */
  loginTime?: number;
}

export interface SimQueueConfig {
  name: string;
  /** rrmemory (round robin with memory) or ringall, as app_queue runs them. */
  strategy: 'rrmemory' | 'ringall' | string;
  serviceLevel: number;
  members: SimMemberConfig[];
  /** queues.conf wrapuptime, seconds (default 0). */
  wrapUpSec?: number;
  /** queues.conf timeout/retry for this queue; default the simulator's. */
  ringTimeoutMs?: number;
  retryMs?: number;
  /** Asterisk's counters at start (a recording taken mid-run). */
  initial?: Partial<{ completed: number; completedInSl: number; abandoned: number; abandonedInSl: number; holdtime: number; talktime: number; rrpos: number }>;
}

export interface SimManagerUser {
  username: string;
  secret: string;
  /** manager.conf `eventfilter` lines (legacy regular expressions, `!` to exclude). */
  eventFilters?: string[];
  /**
   * manager.conf `write` classes; unset: all. Asterisk 22 refuses an action whose class the
   * user lacks with `Permission denied` (CoreShowChannels needs `system` or `reporting`).
   */
  write?: string[];
}

/** What the queue model runs on (calls, queues, load, app_queue's timers). */
export interface QueueModelConfig {
  queues: SimQueueConfig[];
  /** The queue that automatic and placed calls join. */
  callQueue: string;
  callers: SimCaller[];
  callIntervalMs: number;
  autoAnswerMs: number | null;
  talkTimeMs: number;
  talkTime?: TalkTime;
  arrivalsPerSecond?: number;
  maxWaitMs?: number | null;
  patienceMeanMs?: number | null;
  seed?: number;
  /** queues.conf `timeout`. */
  ringTimeoutMs: number;
  /** queues.conf `retry`. */
  retryMs: number;
  /** Counters naming channels (`…-0000002e`) and ids, for a recording taken mid-run. */
  firstLocalSequence?: number;
  firstChannelCounter?: number;
  /** Counter naming PJSIP channels (`PJSIP/1004-00000003`). */
  firstPjsipSequence?: number;
  /** Device states Asterisk had cached at start: a change to the same state is not announced. */
  deviceStates?: Record<string, string>;
}

/** The queue model's settings plus the AMI server's own. */
export interface SimulatorConfig extends QueueModelConfig {
  port: number;
  username: string;
  secret: string;
  /** Further manager users, e.g. one with eventfilter lines (h-filter-and-errors). */
  users?: SimManagerUser[];
  /** Asterisk answers a wrong secret after about a second. */
  authFailDelayMs: number;
  /** Seconds the PBX had been up at start (FullyBooted's Uptime). */
  uptimeSec?: number;
}
