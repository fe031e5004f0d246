import type { AvailChange, CallFact, DeviceChange, MemberView } from './queueFacts.js';
import type { AgentState, Membership, QueueState } from './queueModelState.js';
import { memberView } from './queueModelViews.js';
import type { SimScheduler } from './simScheduler.js';
import { epochSeconds } from './simTime.js';
import type { QueueModelConfig, SimAgent } from './simTypes.js';

export type PauseOutcome = 'ok' | 'not-found';
export type AddOutcome = 'ok' | 'exists' | 'no-queue';
export type RemoveOutcome = 'ok' | 'not-there' | 'no-queue' | 'not-dynamic';

/** The queues, their members and the device states app_queue keeps for them. */
export interface QueueMembers {
  readonly queues: ReadonlyMap<string, QueueState>;
  isAvailable(m: Membership): boolean;
  availableCount(queue: QueueState): number;
  tracked(affected: Iterable<QueueState>, change: () => void): AvailChange[];
  queuesOf(agent: AgentState): QueueState[];
  setStatus(agent: AgentState, status: AgentState['status']): AvailChange[];
  memberViews(agent: AgentState): MemberView[];
  wrapUpSec(m: Membership): number;
  pauseMember(iface: string, paused: boolean, options?: { queue?: string; reason?: string }): PauseOutcome;
  addMember(queue: string, member: SimAgent & { penalty?: number; paused?: boolean; reason?: string }): AddOutcome;
  removeMember(queue: string, iface: string): RemoveOutcome;
  reloadMembers(queue: string, members: readonly SimAgent[]): 'ok' | 'no-queue';
  restart(): void;
}

const LOCAL_INTERFACE = /^Local\/([^@/]+)@([^/]+)(?:\/n)?$/;
const PJSIP_INTERFACE = /^PJSIP\/([^/]+)$/;
const MEMBER_BUCKETS = 37;

/** app_queue's member_hash_fn: up to five characters from the interface's `/`, six bits each. */
export function memberBucket(iface: string): number {
  const slash = iface.indexOf('/');
  const name = slash < 0 ? iface : iface.slice(slash);
  let hash = 0;
  for (let i = 0; i < 5 && i < name.length; i++) {
    const c = name.charCodeAt(i);
    const compressed = c < 32 ? 0 : c > 96 ? c - 64 : c - 32;
    hash += compressed << (i * 6);
  }
  return Math.abs(hash % MEMBER_BUCKETS);
}

function parseInterface(iface: string): { kind: 'local' | 'pjsip'; exten: string; context: string } {
  const local = LOCAL_INTERFACE.exec(iface);
  if (local !== null) return { kind: 'local', exten: local[1]!, context: local[2]! };
  const pjsip = PJSIP_INTERFACE.exec(iface);
  if (pjsip !== null) return { kind: 'pjsip', exten: pjsip[1]!, context: 'from-webrtc' };
  throw new Error(`simulated member ${iface} must be a Local channel such as Local/1001@sim-agent/n or a PJSIP endpoint such as PJSIP/1004`);
}

export function createQueueMembers(config: QueueModelConfig, scheduler: SimScheduler, emit: (fact: CallFact) => void): QueueMembers {
  const agents = new Map<string, AgentState>();
  const queues = new Map<string, QueueState>();
  const devices = new Map<string, string>(Object.entries(config.deviceStates ?? {}));
  let memberSeq = 0;
  const startedAt = epochSeconds(scheduler.now());

  function agentFor(member: SimAgent): AgentState {
    let agent = agents.get(member.interface);
    if (agent === undefined) {
      agent = { ...member, ...parseInterface(member.interface), answerAfterMs: member.answerAfterMs, status: 1, memberships: [] };
      agents.set(member.interface, agent);
    }
    return agent;
  }

  /** The member container's iteration order: hash bucket, then insertion. */
  function memberOrder(queue: QueueState): void {
    queue.members.sort((a, b) => memberBucket(a.agent.interface) - memberBucket(b.agent.interface) || a.seq - b.seq);
  }

  /** Every membership takes the next seq: memberOrder's tie-break within a bucket. */
  function newMembership(queue: QueueState, agent: AgentState, fields: Omit<Membership, 'queue' | 'agent' | 'seq'>): Membership {
    return { queue, agent, ...fields, seq: memberSeq++ };
  }

  for (const queueConfig of config.queues) {
    const initial = queueConfig.initial ?? {};
    const queue: QueueState = {
      config: queueConfig,
      members: [],
      callers: [],
      rrpos: initial.rrpos ?? 0,
      wrapped: false,
      completed: initial.completed ?? 0,
      completedInSl: initial.completedInSl ?? initial.completed ?? 0,
      abandoned: initial.abandoned ?? 0,
      abandonedInSl: initial.abandonedInSl ?? initial.abandoned ?? 0,
      holdtime: initial.holdtime ?? 0,
      talktime: initial.talktime ?? 0,
    };
    queues.set(queueConfig.name, queue);
    for (const member of queueConfig.members) {
      const agent = agentFor(member);
      const m = newMembership(queue, agent, {
        membership: member.membership,
        penalty: member.penalty,
        loginTime: member.loginTime ?? startedAt,
        callsTaken: member.callsTaken ?? 0,
        lastCall: member.lastCall ?? 0,
        lastPause: member.lastPause ?? 0,
        paused: member.paused ?? false,
        pausedReason: member.paused ? (member.pausedReason ?? '') : '',
      });
      agent.memberships.push(m);
      queue.members.push(m);
      if (!devices.has(pauseDevice(m))) devices.set(pauseDevice(m), m.paused ? 'INUSE' : 'NOT_INUSE');
    }
    memberOrder(queue);
    if (!devices.has(`Queue:${queueConfig.name}_avail`)) devices.set(`Queue:${queueConfig.name}_avail`, availableCount(queue) > 0 ? 'NOT_INUSE' : 'INUSE');
  }
  if (!queues.has(config.callQueue)) throw new Error(`simulated call queue ${config.callQueue} is not configured`);

  function pauseDevice(m: Membership): string {
    return `Queue:${m.queue.config.name}_pause_${m.agent.interface}`;
  }

  /** A DeviceStateChange, only when the state differs from what Asterisk has cached. */
  function deviceChange(device: string, state: string): DeviceChange[] {
    if (devices.get(device) === state) return [];
    devices.set(device, state);
    return [{ device, state }];
  }

  const memberViews = (agent: AgentState) => agent.memberships.map(memberView);

  function wrapUpSec(m: Membership): number {
    return m.queue.config.wrapUpSec ?? 0;
  }

  /** is_member_available: idle device (ringinuse=no), not paused, not in wrap-up. */
  function isAvailable(m: Membership): boolean {
    if (m.agent.status !== 1 || m.paused) return false;
    const wrap = wrapUpSec(m);
    return !(m.lastCall > 0 && wrap > 0 && epochSeconds(scheduler.now()) - wrap < m.lastCall);
  }

  function availableCount(queue: QueueState): number {
    let count = 0;
    for (const m of queue.members) if (isAvailable(m)) count++;
    return count;
  }

  /** Runs a change of members' availability and reports the queues whose `_avail` device flips. */
  function tracked(affected: Iterable<QueueState>, change: () => void): AvailChange[] {
    const list = [...new Set(affected)];
    change();
    const changes: AvailChange[] = [];
    for (const queue of list) {
      const state = availableCount(queue) > 0 ? 'NOT_INUSE' : 'INUSE';
      if (deviceChange(`Queue:${queue.config.name}_avail`, state).length > 0) changes.push({ queue: queue.config.name, state });
    }
    return changes;
  }

  const queuesOf = (agent: AgentState) => agent.memberships.map((m) => m.queue);

  function setStatus(agent: AgentState, status: AgentState['status']): AvailChange[] {
    return tracked(queuesOf(agent), () => {
      agent.status = status;
    });
  }

  const availDevices = (avail: AvailChange[]): DeviceChange[] => avail.map((a) => ({ device: `Queue:${a.queue}_avail`, state: a.state }));

  function pauseMember(iface: string, paused: boolean, options: { queue?: string; reason?: string } = {}): PauseOutcome {
    const agent = agents.get(iface);
    const targets = (agent?.memberships ?? []).filter((m) => options.queue === undefined || m.queue.config.name === options.queue);
    if (targets.length === 0) return 'not-found';
    const at = scheduler.now();
    const reason = options.reason ?? '';
    // Queues in the order app_queue iterates them, one QueueMemberPause per queue.
    const ordered = [...queues.values()].flatMap((queue) => targets.filter((m) => m.queue === queue));
    for (const m of ordered) {
      const devicesBefore: DeviceChange[] = [];
      const avail = tracked([m.queue], () => {
        if (paused) m.lastPause = epochSeconds(at);
        m.paused = paused;
        // Asterisk keeps a pause reason while paused; an unpause event shows its own reason, then it is gone.
        m.pausedReason = paused ? reason : '';
        devicesBefore.push(...deviceChange(pauseDevice(m), paused ? 'INUSE' : 'NOT_INUSE'));
      });
      devicesBefore.push(...availDevices(avail));
      emit({ kind: 'memberPaused', at, member: memberView(m), eventReason: reason, devicesBefore, devicesAfter: [] });
    }
    return 'ok';
  }

  function addMember(queueName: string, member: SimAgent & { penalty?: number; paused?: boolean; reason?: string }): AddOutcome {
    const queue = queues.get(queueName);
    if (queue === undefined) return 'no-queue';
    if (queue.members.some((m) => m.agent.interface === member.interface)) return 'exists';
    const at = scheduler.now();
    const agent = agentFor(member);
    const m = newMembership(queue, agent, {
      membership: 'dynamic',
      penalty: member.penalty ?? 0,
      loginTime: epochSeconds(at),
      callsTaken: 0,
      lastCall: 0,
      lastPause: 0,
      paused: member.paused ?? false,
      pausedReason: member.paused ? (member.reason ?? '') : '',
    });
    const devicesBefore = deviceChange(pauseDevice(m), m.paused ? 'INUSE' : 'NOT_INUSE');
    const avail = tracked([queue], () => {
      agent.memberships.push(m);
      queue.members.push(m);
      memberOrder(queue);
    });
    emit({ kind: 'memberAdded', at, member: memberView(m), devicesBefore, devicesAfter: availDevices(avail) });
    return 'ok';
  }

  function removeMember(queueName: string, iface: string): RemoveOutcome {
    const queue = queues.get(queueName);
    if (queue === undefined) return 'no-queue';
    const m = queue.members.find((x) => x.agent.interface === iface);
    if (m === undefined) return 'not-there';
    if (m.membership !== 'dynamic') return 'not-dynamic';
    const view = memberView(m);
    const avail = tracked([queue], () => {
      queue.members = queue.members.filter((x) => x !== m);
      m.agent.memberships.splice(m.agent.memberships.indexOf(m), 1);
    });
    if (m.agent.memberships.length === 0) agents.delete(iface);
    emit({ kind: 'memberRemoved', at: scheduler.now(), member: view, devicesBefore: [], devicesAfter: availDevices(avail) });
    return 'ok';
  }

  function reloadMembers(queueName: string, list: readonly SimAgent[]): 'ok' | 'no-queue' {
    const queue = queues.get(queueName);
    if (queue === undefined) return 'no-queue';
    const at = scheduler.now();
    const wanted = new Set(list.map((a) => a.interface));
    const devices: DeviceChange[] = [];
    const avail = tracked([queue], () => {
      for (const m of queue.members.filter((x) => !wanted.has(x.agent.interface))) {
        queue.members = queue.members.filter((x) => x !== m);
        m.agent.memberships.splice(m.agent.memberships.indexOf(m), 1);
        if (m.agent.memberships.length === 0) agents.delete(m.agent.interface);
      }
      for (const member of list) {
        if (queue.members.some((m) => m.agent.interface === member.interface)) continue;
        const agent = agentFor(member);
        const m = newMembership(queue, agent, {
          membership: 'static',
          penalty: 0,
          loginTime: epochSeconds(at),
          callsTaken: 0,
          lastCall: 0,
          lastPause: 0,
          paused: false,
          pausedReason: '',
        });
        agent.memberships.push(m);
        queue.members.push(m);
        // Asterisk caches device states: a member coming back finds its pause device as it was.
        devices.push(...deviceChange(pauseDevice(m), 'NOT_INUSE'));
      }
      memberOrder(queue);
      // Every member's LoginTime starts again (o-queue-reload-members).
      for (const m of queue.members) m.loginTime = epochSeconds(at);
    });
    emit({ kind: 'membersReloaded', at, devices: [...devices, ...availDevices(avail)] });
    return 'ok';
  }

  /** After a PBX restart: queue counters zeroed and every member idle, members and pauses kept. */
  function restart(): void {
    for (const queue of queues.values()) {
      queue.callers.length = 0;
      Object.assign(queue, { rrpos: 0, wrapped: false, completed: 0, completedInSl: 0, abandoned: 0, abandonedInSl: 0, holdtime: 0, talktime: 0 });
      for (const m of queue.members) {
        // Static members come back from queues.conf, dynamic ones from astdb with their pause.
        m.callsTaken = 0;
        m.lastCall = 0;
        m.lastPause = 0;
        m.loginTime = epochSeconds(scheduler.now());
        if (m.membership === 'static') {
          m.paused = false;
          m.pausedReason = '';
        }
        devices.set(pauseDevice(m), m.paused ? 'INUSE' : 'NOT_INUSE');
      }
    }
    for (const agent of agents.values()) agent.status = 1;
    for (const queue of queues.values()) devices.set(`Queue:${queue.config.name}_avail`, availableCount(queue) > 0 ? 'NOT_INUSE' : 'INUSE');
  }

  return { queues, isAvailable, availableCount, tracked, queuesOf, setStatus, memberViews, wrapUpSec, pauseMember, addMember, removeMember, reloadMembers, restart };
}
