import { z } from 'zod';

/** What a team lead and an operator see of the queues (figures from telephony's reducer). */
export const AgentState = z.enum(['logged-out', 'available', 'ringing', 'on-call', 'paused', 'wrap-up']);
export type AgentState = z.infer<typeof AgentState>;

/**
 * Which of an agent's per-queue states is the agent's, most telling first. The device is one
 * (ringing, on a call and logged out are the person's, whatever queue they came from: a `Local/`
 * member ringing for one queue's caller reports "in use" to its other queues), after-call work
 * is the person's too, and an agent paused in one queue but ready in another can take calls.
 */
export const AGENT_STATE_PRECEDENCE: readonly AgentState[] = ['ringing', 'on-call', 'wrap-up', 'available', 'paused', 'logged-out'];
const PRECEDENCE_RANK = new Map(AGENT_STATE_PRECEDENCE.map((state, rank) => [state, rank]));

/**
 * One state per agent, everywhere: the agents table, the queue tiles' counts and the totals all
 * take an agent's state from this, over every queue the agent belongs to (never one queue's view
 * of it), so a tile cannot say "paused" while the table says "wrap-up". The first of the most
 * telling wins a tie. `perQueue` must not be empty.
 */
export function agentStateOver<T>(perQueue: readonly T[], stateOf: (entry: T) => AgentState): T {
  return perQueue.reduce((best, next) => (PRECEDENCE_RANK.get(stateOf(next))! < PRECEDENCE_RANK.get(stateOf(best))! ? next : best));
}

/** Figures over one window (since midnight Europe/Istanbul, last 15 or last 60 minutes). */
export const QueueWindowFigures = z.object({
  answered: z.number().int().nonnegative(),
  /** Callers who hung up while waiting (not queue timeouts). */
  abandoned: z.number().int().nonnegative(),
  /** Callers the queue let go on its timeout or leave-when-empty. */
  timedOut: z.number().int().nonnegative(),
  /** True mean wait of answered calls (not Asterisk's exponential Holdtime); null with no answers. */
  asaSec: z.number().nullable(),
  avgWaitAllSec: z.number().nullable(),
  avgTalkSec: z.number().nullable(),
  /** Answered within the queue's ServiceLevel ÷ answered. */
  serviceLevelPct: z.number().nullable(),
  /** Asterisk's ServiceLevelPerf2: (abandoned within + answered within) ÷ (abandoned + answered). */
  serviceLevel2Pct: z.number().nullable(),
  abandonRatePct: z.number().nullable(),
});
export type QueueWindowFigures = z.infer<typeof QueueWindowFigures>;

export const WaitingCaller = z.object({
  position: z.number().int().positive(),
  /** Epoch ms the caller joined; the UI counts the wait up from it. */
  joinedAt: z.number(),
  /** Masked unless the role needs it. */
  callerNumber: z.string().nullable(),
});
export type WaitingCaller = z.infer<typeof WaitingCaller>;

export const QueueTile = z.object({
  queue: z.string(),
  serviceLevelSec: z.number().int().nonnegative(),
  waiting: z.array(WaitingCaller),
  /** Epoch ms the longest-waiting caller joined, null when nobody waits. */
  longestWaitingSince: z.number().nullable(),
  day: QueueWindowFigures,
  last15: QueueWindowFigures,
  last60: QueueWindowFigures,
  agents: z.record(AgentState, z.number().int().nonnegative()),
});
export type QueueTile = z.infer<typeof QueueTile>;

export const AgentRow = z.object({
  interface: z.string(),
  name: z.string(),
  queues: z.array(z.string()),
  /** Of those, the queues the agent is a static member of: no log-out there (Asterisk: "Member not dynamic"). */
  staticQueues: z.array(z.string()),
  state: AgentState,
  pauseReason: z.string().nullable(),
  /** Epoch ms the agent entered the state. */
  stateSince: z.number(),
  callsAnswered: z.number().int().nonnegative(),
  ringNoAnswer: z.number().int().nonnegative(),
});
export type AgentRow = z.infer<typeof AgentRow>;

/** One point per minute over the last hour, per queue, for the wallboard's chart. */
export const QueueHistoryPoint = z.object({
  at: z.number(),
  queue: z.string(),
  waiting: z.number().int().nonnegative(),
  longestWaitSec: z.number().nonnegative(),
});
export type QueueHistoryPoint = z.infer<typeof QueueHistoryPoint>;

export const WallboardSettings = z.object({
  /** The longest wait turns amber at half of this and red past it (seconds). */
  longestWaitAlertSec: z.number().int().positive(),
  /** Pause reasons offered to operators and team leads (Turkish by default). */
  pauseReasons: z.array(z.string().min(1).max(60)).min(1),
  /** After-call work: the operator is paused this long after a call, then unpaused by itself. */
  wrapUpSec: z.number().int().nonnegative(),
  /**
   * Whether this desk can listen, whisper or barge in: only with the team lead's own phone for
   * ChanSpy to ring (DESK_SUPERVISOR_PHONE). Absent (the server's figures, older hosts): no.
   */
  spyPhone: z.boolean().optional(),
  /**
   * A break an operator asks for during a call: 'after-call' (also when absent) keeps it pending
   * and takes it when the call ends, instead of the wrap-up; 'at-once' pauses at the PBX right
   * away, as Asterisk itself does (the call goes on). DESK_PAUSE_DURING_CALL.
   */
  pauseDuringCall: z.enum(['after-call', 'at-once']).optional(),
});
export type WallboardSettings = z.infer<typeof WallboardSettings>;

const MemberRef = z.object({ queue: z.string(), interface: z.string(), name: z.string() });

export const QueueSnapshot = z.object({
  /**
   * The run of the host's queue service that numbered it (a new one after a restart): versions
   * count within one stream only.
   */
  stream: z.string().min(1).max(64),
  /** Counts up with every change the host publishes; a `queue.delta` says which version it builds on. */
  version: z.number().int().nonnegative(),
  at: z.number(),
  /**
   * The last change of queue members that the PBX made without an event and a QueueStatus
   * found (reload, periodic check, an unknown member's device): shown so no one wonders.
   */
  memberChange: z
    .object({ at: z.number(), reason: z.string(), added: z.array(MemberRef), removed: z.array(MemberRef) })
    .nullable(),
  /**
   * Epoch ms from which the day's figures count (this desk's start, or the counters it kept):
   * after midnight they cover the whole day; null when unknown. Shown beside "today".
   */
  countingSince: z.number().nullable(),
  /** Epoch ms of this Istanbul day's midnight, to tell a whole day from part of one. */
  dayStartsAt: z.number(),
  queues: z.array(QueueTile),
  agents: z.array(AgentRow),
  history: z.array(QueueHistoryPoint),
  settings: WallboardSettings,
  /**
   * This desk's operator's own break, as the host holds it: asked during a call and waiting for
   * the call's end (`pending`), or in effect. The agent rows give a reason only while paused: this
   * shows it during the call too. null: none; absent: a host that does not say (the server's figures).
   */
  ownPause: z.object({ reason: z.string(), pending: z.boolean() }).nullable().optional(),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

/** What changed in a list of rows keyed by a name (queues by queue, agents by interface). */
const rowChanges = <Row extends z.ZodType>(row: Row) =>
  z.object({
    /** New rows and rows that differ, whole; where a new one goes is `order`'s business. */
    changed: z.array(row),
    removed: z.array(z.string()),
    /** The keys in their new order, only when the order is not "as before, new rows last". */
    order: z.array(z.string()).optional(),
  });

/**
 * What changed between two snapshots of one stream: `version` applied to the snapshot with
 * `baseVersion` (and no other) gives the snapshot `version`. An absent field did not change.
 * core/queueDelta.ts computes and applies it.
 */
export const QueueDelta = z.object({
  stream: QueueSnapshot.shape.stream,
  baseVersion: z.number().int().nonnegative(),
  version: z.number().int().positive(),
  at: z.number(),
  memberChange: QueueSnapshot.shape.memberChange.optional(),
  countingSince: QueueSnapshot.shape.countingSince.optional(),
  dayStartsAt: z.number().optional(),
  settings: WallboardSettings.optional(),
  ownPause: QueueSnapshot.shape.ownPause,
  queues: rowChanges(QueueTile).optional(),
  agents: rowChanges(AgentRow).optional(),
  /** The history loses its `drop` oldest points and gains `added` at the end. */
  history: z.object({ drop: z.number().int().nonnegative(), added: z.array(QueueHistoryPoint) }).optional(),
});
export type QueueDelta = z.infer<typeof QueueDelta>;

/**
 * `event: queues` on the central server's live channel (sync/protocol.ts), to team leads and
 * admins only, when the server has a queue statistics collector (SERVER_AMI_URL): the queue
 * figures as a desk's wallboard shows them, from the server's one AMI session per PBX, so
 * team-lead desks and TVs (the server's `/wallboard/` page) need no session of their own.
 * A subscriber gets the whole `snapshot` when it connects (or fell behind), then a `delta` per
 * change (core/queueDelta.ts applies it to the snapshot with its `baseVersion`).
 */
export const QueueFiguresEvent = z.object({
  /** Each PBX the server watches, and whether its figures are live (link up and read since). */
  links: z.array(z.object({ pbx: z.string(), live: z.boolean() })),
  snapshot: QueueSnapshot.optional(),
  delta: QueueDelta.optional(),
});
export type QueueFiguresEvent = z.infer<typeof QueueFiguresEvent>;

export const SpyMode = z.enum(['listen', 'whisper', 'barge']);
export type SpyMode = z.infer<typeof SpyMode>;
