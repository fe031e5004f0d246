import type { CallView, LegView } from './queueFacts.js';
import type { SimTimer } from './simScheduler.js';
import type { SimQueueConfig } from './simTypes.js';

// The queue model's mutable state, shared by its parts (members, ringing, callers) and never
// handed out: what leaves the model are the snapshots of queueFacts.ts.

export interface Membership {
  readonly queue: QueueState;
  readonly agent: AgentState;
  membership: 'static' | 'dynamic';
  penalty: number;
  loginTime: number;
  callsTaken: number;
  lastCall: number;
  lastPause: number;
  paused: boolean;
  pausedReason: string;
  /** Insertion order within its hash bucket. */
  readonly seq: number;
}

export interface AgentState {
  readonly interface: string;
  readonly name: string;
  readonly stateInterface: string;
  readonly kind: 'local' | 'pjsip';
  readonly exten: string;
  readonly context: string;
  readonly answerAfterMs: number | null | undefined;
  /** 1 idle, 2 in use, 6 ringing (app_queue's member status = the state interface's device state). */
  status: 1 | 2 | 6;
  readonly memberships: Membership[];
}

export interface QueueState {
  readonly config: SimQueueConfig;
  /** In the member container's order (see memberOrder). */
  members: Membership[];
  readonly callers: CallState[];
  rrpos: number;
  wrapped: boolean;
  completed: number;
  completedInSl: number;
  abandoned: number;
  abandonedInSl: number;
  holdtime: number;
  talktime: number;
}

/** One member in a try_calling outgoing list. */
export interface Attempt {
  readonly member: Membership;
  readonly metric: number;
  stillgoing: boolean;
  leg: LegView | null;
  answerTimer: SimTimer | null;
}

export interface CallState {
  readonly view: CallView;
  readonly queue: QueueState;
  readonly joinedAt: number;
  readonly originalPosition: number;
  readonly expireAt: number | null;
  readonly talkTimeMs: number;
  phase: 'waiting' | 'ringing' | 'retry-wait' | 'talking' | 'done';
  /** In try_calling (Asterisk's qe->pending): not counted ahead of others by is_our_turn. */
  pending: boolean;
  outgoing: Attempt[];
  answered: Attempt | null;
  timer: SimTimer | null;
  patienceTimer: SimTimer | null;
  answeredAt: number;
  holdSeconds: number;
  bridgeId: string;
}
