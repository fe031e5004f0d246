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

/** The agent's channel(s) created for one ring attempt: a Local pair, or one PJSIP channel. */
export interface LegView {
  kind: 'local' | 'pjsip';
  interface: string;
  memberName: string;
  stateInterface: string;
  exten: string;
  context: string;
  /** `Local/1001@sim-agent-00000001` (without `;1`/`;2`) or `PJSIP/1004-00000003`. */
  channel: string;
  /** A PJSIP leg has one channel: both entries are its Uniqueid. */
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

/** A device state announced by DeviceStateChange (only when it differs from Asterisk's cache). */
export interface DeviceChange {
  device: string;
  state: string;
}

/** How the caller left the queue without an agent. */
export interface LeftQueue {
  position: number;
  originalPosition: number;
  holdSeconds: number;
  countAfter: number;
  queueBecameIdle: boolean;
  /** QUEUE* variables set before the abandon is counted, and after. */
  varsBefore: QueueVarsView;
  varsAfter: QueueVarsView;
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
      /** Who hung up: AgentComplete's Reason. */
      endedBy: 'caller' | 'agent';
      /**
       * app_queue published AgentComplete after the caller's channel was gone (an agent hang-up,
       * about 1 call in 60): no Channel, Uniqueid, Linkedid or Dest* headers, after the caller's
       * Hangup frames (n-agent-hangup-short-calls).
       */
      callerGone?: boolean;
    }
  | { kind: 'ringNoAnswer'; at: number; call: CallView; leg: LegView; ringMs: number; members: MemberView[]; availChanges: AvailChange[] }
  /** A ringing leg hung up without an answer: another member answered (ringall) or the caller left. */
  | { kind: 'ringCancelled'; at: number; call: CallView; leg: LegView; members: MemberView[]; availChanges: AvailChange[] }
  /** The caller hung up while waiting (after any ringing legs were cancelled). */
  | ({ kind: 'callerAbandoned'; at: number; call: CallView } & LeftQueue)
  /** Queue()'s timeout expired: QueueCallerAbandon too, but no hang-up before it. */
  | ({ kind: 'callerTimedOut'; at: number; call: CallView } & LeftQueue)
  /** QueuePause for one queue; `eventReason` is what the event shows (an unpause may carry one). */
  | { kind: 'memberPaused'; at: number; member: MemberView; eventReason: string; devicesBefore: DeviceChange[]; devicesAfter: DeviceChange[] }
  | { kind: 'memberAdded'; at: number; member: MemberView; devicesBefore: DeviceChange[]; devicesAfter: DeviceChange[] }
  | { kind: 'memberRemoved'; at: number; member: MemberView; devicesBefore: DeviceChange[]; devicesAfter: DeviceChange[] }
  /** `queue reload members`: no member event and no Reload, only the device states that changed (an added member's pause device). */
  | { kind: 'membersReloaded'; at: number; devices: DeviceChange[] }
  /** `core reload` / `module reload`: a Reload event (never FullyBooted). */
  | { kind: 'reloaded'; at: number; module: string };
