import { describe, expect, it } from 'vitest';
import type { AmiFrame } from '../ami/amiFrame.js';
import { header } from '../ami/amiFrame.js';
import { loadRecording } from '../testing/recordings.js';
import { replayConnection } from '../testing/replay.js';
import type { QueueEvent, QueueMetricsState } from './index.js';
import { createQueueMetricsState, parseQueueEvent, reduceQueueMetrics, resync } from './index.js';
import { createQueueLedger, type LedgerFact, type QueueLedger } from './queueLedger.js';

// The ledger stepped with the desk's reducer over the real Asterisk recordings: each call's facts
// against what Asterisk said of it (HoldTime, TalkTime, Reason, AgentRingNoAnswer), and the
// agents' intervals against the events that moved them.

interface Run {
  facts: LedgerFact[];
  state: QueueMetricsState;
  ledger: QueueLedger;
  frames: AmiFrame[];
}

function replay(name: string): Run {
  const ledger = createQueueLedger();
  const facts: LedgerFact[] = [];
  const frames: AmiFrame[] = [];
  let state: QueueMetricsState | null = null;
  replayConnection(loadRecording(name), undefined, {
    onEvent(frame, now) {
      frames.push(frame);
      state ??= createQueueMetricsState(now);
      const event = parseQueueEvent(frame);
      const next = event === null ? state : reduceQueueMetrics(state, event, now);
      facts.push(...ledger.step(state, next, event, event === null ? frame : null, now));
      state = next;
    },
    onList(list, now) {
      state ??= createQueueMetricsState(now);
      const unfiltered = header(list.request, 'Action') === 'QueueStatus' && header(list.request, 'Queue') === undefined && header(list.request, 'Member') === undefined;
      if (!unfiltered) return;
      state = resync(state, list.items, now);
      facts.push(...ledger.resynced(state, now));
    },
  });
  return { facts, state: state!, ledger, frames };
}

const ofKind = <K extends LedgerFact['kind']>(facts: LedgerFact[], kind: K) => facts.filter((f): f is Extract<LedgerFact, { kind: K }> => f.kind === kind);

const agentEvents = (frames: AmiFrame[], name: string) => frames.filter((f) => header(f, 'Event') === name);

describe('queue ledger over the recordings', () => {
  it('follows one answered call from the join to its end (b-single-call-answered)', () => {
    const { facts, frames } = replay('b-single-call-answered');
    const kinds = facts.filter((f) => f.kind !== 'agentState' && f.kind !== 'membership').map((f) => f.kind);
    expect(kinds).toEqual(['entered', 'left', 'connected', 'completed']);
    const [entered] = ofKind(facts, 'entered');
    expect(entered!.call).toMatchObject({ queue: 'alo153', callerNumber: '905321112233', callerName: 'Vatandaş Ali', position: 1, linkedid: '1795423995.0' });
    const [left] = ofKind(facts, 'left');
    const connect = agentEvents(frames, 'AgentConnect')[0]!;
    // Our clock's wait, within the second Asterisk rounds its HoldTime to.
    expect(left!.outcome).toBe('answered');
    expect(Math.abs(left!.waitSec - Number(header(connect, 'HoldTime')))).toBeLessThan(1);
    expect(left!.inServiceLevel).toBe(true);
    expect(ofKind(facts, 'connected')[0]).toMatchObject({ agent: 'Local/1001@sim-agent/n', agentName: 'Ayşe Yılmaz' });
    expect(ofKind(facts, 'completed')[0]).toMatchObject({ talkSec: 3, reason: 'caller', agent: 'Local/1001@sim-agent/n' });
    // Ayşe rang from AgentCalled to AgentConnect, then talked until the call ended.
    const states = ofKind(facts, 'agentState').filter((f) => f.agent === 'Local/1001@sim-agent/n').map((f) => f.state);
    expect(states).toEqual(['ringing', 'on-call']);
  });

  it('counts an abandon as the reducer does (c-caller-abandon)', () => {
    const { facts, frames } = replay('c-caller-abandon');
    const abandon = agentEvents(frames, 'QueueCallerAbandon')[0]!;
    const [left] = ofKind(facts, 'left');
    expect(left).toMatchObject({ outcome: 'abandoned', call: { callerNumber: '905441234567' } });
    expect(Math.abs(left!.waitSec - Number(header(abandon, 'HoldTime')))).toBeLessThan(1);
    expect(ofKind(facts, 'connected')).toHaveLength(0);
  });

  it('puts each ring-no-answer on the call and the agent who let it ring (e-ring-no-answer)', () => {
    const { facts, frames } = replay('e-ring-no-answer');
    const rna = ofKind(facts, 'ringNoAnswer');
    expect(rna.map((f) => f.agent)).toEqual(agentEvents(frames, 'AgentRingNoAnswer').map((f) => header(f, 'Interface')));
    expect(rna.every((f) => f.call?.callerNumber === '905059876543')).toBe(true);
    expect(ofKind(facts, 'connected')[0]).toMatchObject({ agent: 'Local/1002@sim-agent/n' });
    expect(ofKind(facts, 'left')[0]).toMatchObject({ outcome: 'answered', inServiceLevel: false });
  });

  it('ends every call of a busy minute, the one whose AgentComplete lost its caller headers too (n-agent-hangup-short-calls)', () => {
    const { facts, frames, ledger } = replay('n-agent-hangup-short-calls');
    const completes = agentEvents(frames, 'AgentComplete');
    expect(completes.some((f) => header(f, 'Uniqueid') === undefined)).toBe(true);
    const completed = ofKind(facts, 'completed');
    expect(completed).toHaveLength(60);
    expect(new Set(completed.map((f) => f.call.uniqueid)).size).toBe(60);
    expect(completed.map((f) => f.talkSec)).toEqual(completes.map((f) => Number(header(f, 'TalkTime'))));
    expect(completed.find((f) => f.call.callerNumber === '05321000056')).toMatchObject({ reason: 'agent' });
    expect(ledger.openCalls).toBe(0);
  });

  it('records the pause asked during a call after the call, with its reason (q-pause-reasons-and-wrapup)', () => {
    const { facts } = replay('q-pause-reasons-and-wrapup');
    const ayse = ofKind(facts, 'agentState').filter((f) => f.agent === 'Local/1001@agents/n');
    const states = ayse.map((f) => `${f.state}${f.reason ? `:${f.reason}` : ''}`);
    expect(states.slice(0, 5)).toEqual(['available', 'ringing', 'on-call', 'paused:Yemek', 'available']);
    // One state at a time: each interval starts where the one before it ended.
    for (let i = 1; i < ayse.length; i++) expect(ayse[i]!.from).toBe(ayse[i - 1]!.to);
  });
});

// Synthetic steps for what no recording holds (a unit test of pure logic).
const T0 = Date.UTC(2026, 11, 3, 7, 0, 0);
const join = (uniqueid: string, position = 1): QueueEvent => ({ kind: 'callerJoin', queue: 'alo153', uniqueid, linkedid: `L${uniqueid}`, channel: `Local/${uniqueid}`, callerIdNum: '905321112233', callerIdName: 'Ali', position, count: position });
const abandon = (uniqueid: string, holdTimeSec: number): QueueEvent => ({ kind: 'callerAbandon', queue: 'alo153', uniqueid, linkedid: `L${uniqueid}`, channel: `Local/${uniqueid}`, position: 1, originalPosition: 1, holdTimeSec });
const leave = (uniqueid: string): QueueEvent => ({ kind: 'callerLeave', queue: 'alo153', uniqueid, linkedid: `L${uniqueid}`, channel: `Local/${uniqueid}`, position: 1, count: 0 });
const hangup = (uniqueid: string): QueueEvent => ({ kind: 'hangup', uniqueid, linkedid: `L${uniqueid}`, channel: `Local/${uniqueid}` });
const varSet = (uniqueid: string, value: string): AmiFrame => ({ headers: [['Event', 'VarSet'], ['Channel', `Local/${uniqueid}`], ['Variable', 'QUEUESTATUS'], ['Value', value], ['Uniqueid', uniqueid]] });

function stepper() {
  const ledger = createQueueLedger();
  let state = createQueueMetricsState(T0);
  const facts: LedgerFact[] = [];
  return {
    ledger,
    facts,
    get state() {
      return state;
    },
    event(event: QueueEvent, at: number) {
      const next = reduceQueueMetrics(state, event, at);
      facts.push(...ledger.step(state, next, event, null, at));
      state = next;
    },
    frame(frame: AmiFrame, at: number) {
      facts.push(...ledger.step(state, state, null, frame, at));
    },
    resync(items: QueueEvent[], at: number) {
      state = resync(state, items, at);
      facts.push(...ledger.resynced(state, at));
    },
  };
}

describe('queue ledger, what the recordings do not show', () => {
  it('tells a timeout from a hang-up, and a queue left empty from a timeout', () => {
    const s = stepper();
    s.event(hangup('other'), T0); // the session sees hang-ups
    s.event(join('1'), T0);
    s.event(join('2', 2), T0);
    s.event(abandon('1', 30), T0 + 30_000); // no hang-up before it: Queue()'s timeout
    s.event(leave('1'), T0 + 30_000);
    s.frame(varSet('1', 'TIMEOUT'), T0 + 30_001);
    s.event(abandon('2', 40), T0 + 40_000);
    s.event(leave('2'), T0 + 40_000);
    s.frame(varSet('2', 'LEAVEEMPTY'), T0 + 40_001);
    expect(ofKind(s.facts, 'left').map((f) => [f.call.uniqueid, f.outcome])).toEqual([
      ['1', 'timedOut'],
      ['2', 'timedOut'],
    ]);
    expect(ofKind(s.facts, 'leftEmpty').map((f) => f.call.uniqueid)).toEqual(['2']);
  });

  it('ends as unknown a call that left while the PBX was out of sight, and takes in one that joined meanwhile', () => {
    const s = stepper();
    s.event(join('1'), T0);
    s.ledger.linkLost(T0 + 5_000);
    s.resync(
      [
        { kind: 'queueParams', queue: 'alo153', strategy: 'rrmemory', calls: 1, holdTimeSec: 0, talkTimeSec: 0, completed: 0, abandoned: 0, serviceLevelSec: 20, serviceLevelPerf: 0, serviceLevelPerf2: 0 },
        { kind: 'queueEntry', queue: 'alo153', position: 1, channel: 'Local/9', uniqueid: '9', callerIdNum: '905551234567', callerIdName: 'Elif', waitSec: 4 },
      ],
      T0 + 20_000,
    );
    expect(ofKind(s.facts, 'left')).toEqual([expect.objectContaining({ outcome: 'unknown', call: expect.objectContaining({ uniqueid: '1' }) })]);
    const late = ofKind(s.facts, 'entered').find((f) => f.call.uniqueid === '9');
    expect(late?.call).toMatchObject({ callerNumber: '905551234567', enteredAt: T0 + 16_000, position: 0 });
  });

  it('closes every open agent state when the link is lost, and opens them again at the resync', () => {
    const s = stepper();
    const member = { queue: 'alo153', interface: 'PJSIP/1004', name: 'Zeynep', stateInterface: 'PJSIP/1004', membership: 'dynamic', penalty: 0, callsTaken: 0, lastCall: 0, lastPause: 0, loginTime: 0, inCall: false, status: 1, paused: true, pausedReason: 'Yemek', wrapUpSec: 0 };
    s.event({ kind: 'memberAdded', member }, T0);
    const lost = s.ledger.linkLost(T0 + 60_000);
    expect(lost).toEqual([
      { kind: 'agentState', agent: 'PJSIP/1004', agentName: 'Zeynep', state: 'paused', reason: 'Yemek', from: T0, to: T0 + 60_000 },
      { kind: 'membership', agent: 'PJSIP/1004', agentName: 'Zeynep', queue: 'alo153', from: T0, to: T0 + 60_000 },
    ]);
    expect(s.ledger.openAgentStates()).toEqual([]);
    s.resync([{ kind: 'queueMember', member: { ...member, paused: false, pausedReason: '' } }], T0 + 90_000);
    expect(s.ledger.openAgentStates()).toEqual([{ agent: 'PJSIP/1004', agentName: 'Zeynep', state: 'available', reason: '', from: T0 + 90_000 }]);
  });
});
