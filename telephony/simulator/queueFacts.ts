// What the queue model reports, as plain snapshots: the frame builder turns each fact into the
// AMI events Asterisk would send, without reaching back into the model's mutable state.

/** The caller's Local channel pair (`;1` is the phone side, `;2` sits in Queue()). */
export interface CallView {
  linkedid: string;
  number: string;
  name: string | null;
  queue: string;
  /** `Local/905321112233@sim-caller-00000000`, without the `;1`/`;2` suffix. */
  channel: string;
  uniqueids: readonly [string, string];
  placedAt: number;
}

/** The agent's Local channel pair created for one ring attempt. */
export interface LegView {
  interface: string;
  memberName: string;
  stateInterface: string;
  exten: string;
  context: string;
  channel: string;
  uniqueids: readonly [string, string];
  offeredAt: number;
}

/** One membership, with the fields of QueueMemberStatus / QueueMember. */
export interface MemberView {
  queue: string;
  memberName: string;
  interface: string;
  stateInterface: string;
  membership: 'static' | 'dynamic';
  penalty: number;
  callsTaken: number;
  lastCall: number;
  lastPause: number;
  loginTime: number;
  /** 1 idle, 2 in use, 6 ringing. */
  status: number;
  paused: boolean;
  pausedReason: string;
}

/** The queue's figures as Queue() exports them in QUEUE* variables and QueueParams. */
export interface QueueVarsView {
  name: string;
  strategy: string;
  calls: number;
  holdtime: number;
  talktime: number;
  completed: number;
  abandoned: number;
  serviceLevel: number;
  serviceLevelPerf: string;
  serviceLevelPerf2: string;
}

export interface EntryView {
  queue: string;
  position: number;
  channel: string;
  uniqueid: string;
  number: string;
  name: string | null;
  waitSeconds: number;
}

export interface QueueStatusView {
  vars: QueueVarsView;
  members: MemberView[];
  entries: EntryView[];
  longestHoldSeconds: number;
}

/** `Queue:<name>_avail` flips when a queue's last available member goes busy, and back. */
export interface AvailChange {
  queue: string;
  state: 'INUSE' | 'NOT_INUSE';
}

export type CallFact =
  | { kind: 'callPlaced'; at: number; call: CallView; originateActionId: string }
  | { kind: 'callerJoined'; at: number; call: CallView; position: number; count: number; queueBecameBusy: boolean }
  | { kind: 'agentOffered'; at: number; call: CallView; leg: LegView; members: MemberView[]; availChanges: AvailChange[] }
  | {
      kind: 'agentAnswered';
      at: number;
      call: CallView;
      leg: LegView;
      members: MemberView[];
      /** MEMBER* variables: the member's figures in the call's queue before this call. */
      memberCalls: number;
      memberLastCall: number;
      memberPenalty: number;
      memberDynamic: boolean;
      holdSeconds: number;
      ringSeconds: number;
      originalPosition: number;
      position: number;
      countAfter: number;
      queueBecameIdle: boolean;
      queueVars: QueueVarsView;
      bridgeId: string;
    }
  | {
      kind: 'callerHungUp';
      at: number;
      call: CallView;
      leg: LegView;
      answeredAt: number;
      holdSeconds: number;
      talkSeconds: number;
      queueVars: QueueVarsView;
      members: MemberView[];
      availChanges: AvailChange[];
      bridgeId: string;
    }
  | { kind: 'ringNoAnswer'; at: number; call: CallView; leg: LegView; ringMs: number; members: MemberView[]; availChanges: AvailChange[] };
