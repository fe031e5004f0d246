import type { CallTally, CallWindow } from './callTally.js';
import type { CalendarDay } from './istanbulDay.js';
import type { PersistentMap } from './persistentMap.js';
import type { MemberSnapshot } from './queueEvents.js';

// The reducer's state. Everything is immutable: reduceQueueMetrics returns a new state that
// shares what did not change (members sit in a PersistentMap for that), so the host can keep
// the previous state, diff, or replay a recording into any number of states.

export interface QueueMetricsOptions {
  /** A queue's ServiceLevel (seconds) until a resync reports its own. Default 20, as alo153's. */
  defaultServiceLevelSec?: number;
  /**
   * queues.conf `wrapuptime` per queue name, in seconds. AMI does not report a queue's own
   * wrap-up time, only a member's (`Wrapuptime`), which wins when it is above 0.
   */
  wrapUpSec?: Readonly<Record<string, number>>;
  /** The zone whose midnight starts "today". Default Europe/Istanbul. */
  timeZone?: string;
  /**
   * The pause reason desks use for their own after-call work (Asterisk's wrap-up is a pause
   * with it): a member paused with it is in wrap-up, in the tiles' counts and the agents' table
   * alike. Default WRAP_UP_PAUSE_REASON.
   */
  wrapUpPauseReason?: string;
}

/** What a desk pauses its agent with during after-call work (DESK_WRAPUP_SEC). */
export const WRAP_UP_PAUSE_REASON = 'Çağrı sonrası işlem';

export interface ResolvedOptions {
  readonly defaultServiceLevelSec: number;
  readonly wrapUpSec: Readonly<Record<string, number>>;
  readonly timeZone: string;
  readonly wrapUpPauseReason: string;
}

export interface MemberState extends MemberSnapshot {
  /** Epoch ms when the member's status or pause last changed (or the resync, when unknown). */
  readonly since: number;
  /** Epoch ms the member's current answered call started; null when not on a queue call we know. */
  readonly callSince: number | null;
  /**
   * The queue caller ringing this member (its Uniqueid) and since when, from AgentCalled until
   * AgentConnect, AgentRingNoAnswer, AgentDump or the caller leaving. A ringing `Local/` member
   * reports Status 2 ("in use") with InCall 0, never 6: only these events tell it is ringing.
   */
  readonly ringing: { readonly uniqueid: string; readonly since: number } | null;
}

export interface WaitingCaller {
  readonly uniqueid: string;
  /** Unknown for callers learnt from a resync until CoreShowChannels names it. */
  readonly linkedid: string | null;
  readonly channel: string;
  readonly callerIdNum: string;
  readonly callerIdName: string;
  /** Epoch ms (our clock) the caller joined; from `Wait` after a resync, so ±1 s. */
  readonly joinedAt: number;
  /** A hang-up of the caller's channel was seen: the QueueCallerAbandon that follows is the caller's. */
  readonly hungUp: boolean;
  /** QueueCallerAbandon came; the QueueCallerLeave that follows is not an answer. */
  readonly abandoned: boolean;
}

/**
 * Asterisk's own counters for the queue, mirrored event by event from the last resync's
 * QueueParams so tests (and a curious team lead) can check the reducer against the PBX.
 * Hold and talk time here are Asterisk's exponential averages, (3·old + new) / 4.
 */
export interface PbxQueueMirror {
  /** false until a resync: the counts then start at 0 when the reducer started. */
  readonly fromResync: boolean;
  readonly completed: number;
  readonly completedInSl: number;
  readonly abandoned: number;
  readonly abandonedInSl: number;
  readonly holdTimeSec: number;
  readonly talkTimeSec: number;
}

export interface QueueState {
  readonly name: string;
  readonly strategy: string;
  readonly serviceLevelSec: number;
  readonly members: PersistentMap<MemberState>;
  /**
   * In queue order: a caller's position is its index + 1. Not stored, so a caller leaving from
   * the front does not renumber (copy) every caller behind it.
   */
  readonly callers: readonly WaitingCaller[];
  /**
   * Caller Uniqueid → the members AgentCalled rang for it, so the caller's leave stops their ring
   * without a look at every member. A member may have stopped ringing since (checked on use).
   */
  readonly ringingFor: PersistentMap<readonly string[]>;
  /** Since midnight (Europe/Istanbul); survives resyncs and, through serializeDayCounters, restarts. */
  readonly today: CallTally;
  /** Since the state was created (the desk or queue-top started). */
  readonly sinceStart: CallTally;
  /** Per-call records for the 15 and 60 minute windows. */
  readonly window: CallWindow;
  readonly pbx: PbxQueueMirror;
}

export interface AgentTally {
  readonly answered: number;
  readonly ringNoAnswer: number;
}

export interface QueueMetricsState {
  readonly options: ResolvedOptions;
  readonly startedAt: number;
  readonly day: CalendarDay;
  /**
   * Epoch ms from which today's counters count: what this desk saw (its start, or the day
   * counters it restored), never the whole day unless it ran since midnight. Null when restored
   * counters did not say (a file from an older release). Figures must say from when they count.
   */
  readonly countingSince: number | null;
  readonly queues: Readonly<Record<string, QueueState>>;
  /** Per member interface, over all its queues. */
  readonly agentsToday: PersistentMap<AgentTally>;
  readonly agentsSinceStart: PersistentMap<AgentTally>;
  /**
   * Uniqueids of callers recently counted as answered, so a late AgentConnect is not counted
   * twice: the newest up to RECENT_ANSWERS in `current`, the generation before in `previous`
   * (dropped whole when `current` fills: no copy of a list on every answer).
   */
  readonly recentlyAnswered: { readonly current: PersistentMap<true>; readonly previous: PersistentMap<true> };
  /**
   * Whether this event feed carries hang-ups at all. A session filtered to `Event: Queue*` gets
   * none, so every QueueCallerAbandon would look like a timeout: without hang-ups they count as
   * abandoned (a hang-up is far more common than a timeout).
   */
  readonly seesHangups: boolean;
  readonly lastResyncAt: number | null;
}
