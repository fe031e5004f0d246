import { describe, expect, it } from 'vitest';
import type { AmiFrame } from '../ami/amiFrame.js';
import { header } from '../ami/amiFrame.js';
import { agentDialplan, callFrames } from './callFrames.js';
import { configFromOptions } from './pbxSimulator.js';
import type { CallFact } from './queueFacts.js';
import { createQueueModel, memberBucket } from './queueModel.js';
import { manualScheduler } from './simScheduler.js';
import type { PbxSimulatorOptions, SimAgent, SimMemberConfig, SimQueueConfig, SimulatorConfig } from './simTypes.js';

const agent = (exten: string, name: string): SimAgent => ({ interface: `Local/${exten}@sim-agent/n`, name, stateInterface: `Custom:${exten}` });
const AYSE = agent('1001', 'Ayşe Yılmaz');
const MEHMET = agent('1002', 'Mehmet Demir');
const ZEYNEP = agent('1003', 'Zeynep Kaya');
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0, 250);
const Q = 'alo153';

function run(options: Partial<PbxSimulatorOptions>) {
  const config = configFromOptions({
    username: 'u',
    secret: 's',
    agents: [AYSE, MEHMET],
    callers: [
      { number: '905321112233', name: 'Vatandaş Ali' },
      { number: '902125550142', name: null },
      { number: '905427654321', name: 'Fatma Şahin' },
    ],
    callIntervalMs: 0,
    autoAnswerMs: 1_000,
    talkTimeMs: 5_000,
    ...options,
  });
  const scheduler = manualScheduler(T0);
  const facts: CallFact[] = [];
  const frames: AmiFrame[] = [];
  const dialplan = agentDialplan(config.autoAnswerMs, config.talkTimeMs);
  const model = createQueueModel(config, scheduler, (fact) => {
    facts.push(fact);
    frames.push(...callFrames(fact, dialplan));
  });
  const events = (name: string) => frames.filter((frame) => header(frame, 'Event') === name);
  const pick = (frame: AmiFrame, ...names: string[]) => names.map((name) => header(frame, name));
  return { model, scheduler, facts, frames, events, pick };
}

describe('queue model', () => {
  it('queues callers beyond the free agents and offers them to the next agent who frees up', () => {
    const { model, scheduler, events, pick } = run({});
    const ids = [model.placeCall(), model.placeCall(), model.placeCall()];
    expect(events('QueueCallerJoin').map((e) => pick(e, 'Position', 'Count'))).toEqual([
      ['1', '1'],
      ['2', '2'],
      ['3', '3'],
    ]);
    expect(events('AgentCalled').map((e) => pick(e, 'Interface', 'Linkedid'))).toEqual([
      [AYSE.interface, ids[0]],
      [MEHMET.interface, ids[1]],
    ]);
    // The third caller waits: QueueStatus shows it at position 3 (after both answer, position 1).
    scheduler.advance(1_000);
    expect(events('QueueCallerLeave').map((e) => pick(e, 'Position', 'Count'))).toEqual([
      ['1', '2'],
      ['1', '1'],
    ]);
    scheduler.advance(2_000);
    const [status] = model.status('alo153');
    expect(status!.entries).toEqual([
      expect.objectContaining({ position: 1, number: '905427654321', waitSeconds: 3, channel: 'Local/905427654321@sim-caller-00000004;2' }),
    ]);
    expect(status!.vars.calls).toBe(1);
    // Ayşe hangs up first (answered first) and gets the waiting caller.
    scheduler.advance(3_000);
    const calledThird = events('AgentCalled').at(-1)!;
    expect(pick(calledThird, 'Interface', 'Linkedid')).toEqual([AYSE.interface, ids[2]]);
    scheduler.advance(1_000);
    const connectThird = events('AgentConnect').at(-1)!;
    expect(pick(connectThird, 'HoldTime', 'RingTime')).toEqual(['7', '1']);
    expect(events('QueueCallerLeave').at(-1)).toSatisfy((e: AmiFrame) => pick(e, 'Position', 'Count').join() === '1,0');
  });

  it('reports the queue device busy on the first caller and idle when the last one leaves', () => {
    const { model, scheduler, frames } = run({});
    model.placeCall();
    model.placeCall();
    scheduler.advance(1_000);
    const queueDevice = frames.filter((f) => header(f, 'Event') === 'DeviceStateChange' && header(f, 'Device')?.startsWith('Queue:'));
    expect(queueDevice.map((f) => [header(f, 'Device'), header(f, 'State')])).toEqual([
      ['Queue:alo153', 'RINGING'],
      ['Queue:alo153_avail', 'INUSE'],
      ['Queue:alo153', 'NOT_INUSE'],
    ]);
    scheduler.advance(5_000);
    expect(frames.filter((f) => header(f, 'Device') === 'Queue:alo153_avail').map((f) => header(f, 'State'))).toEqual(['INUSE', 'NOT_INUSE']);
  });

  it('rotates round-robin with memory over the members', () => {
    const { model, scheduler, events } = run({ agents: [AYSE, MEHMET, ZEYNEP] });
    for (let i = 0; i < 4; i++) {
      model.placeCall();
      scheduler.advance(6_000);
    }
    expect(events('AgentConnect').map((e) => header(e, 'MemberName'))).toEqual(['Ayşe Yılmaz', 'Mehmet Demir', 'Zeynep Kaya', 'Ayşe Yılmaz']);
  });

  it('moves the member status 1 → 6 → 2 → 1 and counts the call with LastCall in epoch seconds', () => {
    const { model, scheduler, events, pick } = run({});
    model.placeCall();
    scheduler.advance(6_000);
    const ayse = events('QueueMemberStatus').filter((e) => header(e, 'Interface') === AYSE.interface);
    expect(ayse.map((e) => pick(e, 'Status', 'CallsTaken', 'LastCall'))).toEqual([
      ['6', '0', '0'],
      ['2', '0', '0'],
      ['1', '1', String(Math.floor((T0 + 6_000) / 1000))],
    ]);
    expect(pick(events('AgentComplete')[0]!, 'HoldTime', 'TalkTime', 'Reason')).toEqual(['1', '5', 'caller']);
    const [status] = model.status();
    expect([status!.vars.completed, status!.vars.holdtime, status!.vars.talktime, status!.vars.serviceLevelPerf]).toEqual([1, 1, 5, '100.0']);
  });

  it('names channels and ids the way Asterisk does', () => {
    const { model, events, facts } = run({});
    model.placeCall();
    model.placeCall();
    const epoch = Math.floor(T0 / 1000);
    expect(events('Newchannel').map((e) => [header(e, 'Channel'), header(e, 'Uniqueid'), header(e, 'Linkedid')])).toEqual([
      ['Local/905321112233@sim-caller-00000000;1', `${epoch}.0`, `${epoch}.0`],
      ['Local/905321112233@sim-caller-00000000;2', `${epoch}.1`, `${epoch}.0`],
      ['Local/1001@sim-agent-00000001;1', `${epoch}.2`, `${epoch}.0`],
      ['Local/1001@sim-agent-00000001;2', `${epoch}.3`, `${epoch}.0`],
      ['Local/902125550142@sim-caller-00000002;1', `${epoch}.4`, `${epoch}.4`],
      ['Local/902125550142@sim-caller-00000002;2', `${epoch}.5`, `${epoch}.4`],
      ['Local/1002@sim-agent-00000003;1', `${epoch}.6`, `${epoch}.4`],
      ['Local/1002@sim-agent-00000003;2', `${epoch}.7`, `${epoch}.4`],
    ]);
    // A caller without a name shows Asterisk's <unknown>.
    const nameless = events('AgentCalled')[1]!;
    expect([header(nameless, 'CallerIDNum'), header(nameless, 'CallerIDName')]).toEqual(['902125550142', '<unknown>']);
    expect(facts[0]).toMatchObject({ kind: 'callPlaced', originateActionId: 'sim-originate-1' });
  });

  it('formats Cdr times in UTC', () => {
    const { model, scheduler, events } = run({});
    model.placeCall();
    scheduler.advance(6_000);
    const agentCdr = events('Cdr').at(-1)!;
    expect([header(agentCdr, 'StartTime'), header(agentCdr, 'AnswerTime'), header(agentCdr, 'EndTime')]).toEqual([
      '2026-11-23 09:00:00',
      '2026-11-23 09:00:01',
      '2026-11-23 09:00:06',
    ]);
    expect([header(agentCdr, 'Duration'), header(agentCdr, 'BillableSeconds')]).toEqual(['6', '5']);
  });

  it('rings the only free agent again after a no-answer, waiting the retry time in between', () => {
    const { model, scheduler, events, pick } = run({ agents: [AYSE], autoAnswerMs: null });
    const id = model.placeCall();
    scheduler.advance(15_000);
    expect(events('AgentRingNoAnswer').map((e) => pick(e, 'Interface', 'RingTime', 'Linkedid'))).toEqual([[AYSE.interface, '15000', id]]);
    scheduler.advance(1_999);
    expect(events('AgentCalled')).toHaveLength(1);
    scheduler.advance(1);
    expect(events('AgentCalled')).toHaveLength(2);
    expect(model.status()[0]!.entries).toHaveLength(1);
  });

  it('lets the ring time out when the headset would answer later than the queue timeout', () => {
    const { model, scheduler, events } = run({ autoAnswerMs: 20_000 });
    model.placeCall();
    scheduler.advance(15_000);
    expect(events('AgentConnect')).toHaveLength(0);
    expect(events('AgentRingNoAnswer')).toHaveLength(1);
  });

  it('places automatic calls on the interval, cycling the callers, and stops cleanly', () => {
    const { model, scheduler, events } = run({ callIntervalMs: 10_000, agents: [AYSE, MEHMET, ZEYNEP] });
    scheduler.advance(30_000);
    expect(events('QueueCallerJoin').map((e) => header(e, 'CallerIDNum'))).toEqual(['905321112233', '902125550142', '905427654321']);
    model.stop();
    expect(scheduler.pendingTimers).toBe(0);
  });

  it('accepts Local and PJSIP members (j-webrtc-agent) and refuses other technologies', () => {
    expect(() => run({ agents: [{ interface: 'PJSIP/1004', name: 'Can', stateInterface: 'PJSIP/1004' }] })).not.toThrow();
    expect(() => run({ agents: [{ interface: 'SIP/1004', name: 'Can', stateInterface: 'SIP/1004' }] })).toThrow(/Local channel .* or a PJSIP endpoint/);
  });
});

describe('queue model: app_queue behaviours beyond one queue and one strategy', () => {
  const member = (agent: SimAgent, extra: Partial<SimMemberConfig> = {}): SimMemberConfig => ({ ...agent, membership: 'static', penalty: 0, ...extra });

  function runQueues(queues: SimQueueConfig[], options: Partial<SimulatorConfig> = {}) {
    const config: SimulatorConfig = {
      port: 0,
      username: 'u',
      secret: 's',
      queues,
      callQueue: queues[0]!.name,
      callers: [{ number: '905321112233', name: 'Vatandaş Ali' }],
      callIntervalMs: 0,
      autoAnswerMs: 1_000,
      talkTimeMs: 5_000,
      ringTimeoutMs: 15_000,
      retryMs: 2_000,
      authFailDelayMs: 0,
      ...options,
    };
    const scheduler = manualScheduler(T0);
    const frames: AmiFrame[] = [];
    const dialplan = agentDialplan(config.autoAnswerMs, config.talkTimeMs);
    const model = createQueueModel(config, scheduler, (fact) => frames.push(...callFrames(fact, dialplan)));
    const events = (name: string) => frames.filter((frame) => header(frame, 'Event') === name);
    return { model, scheduler, frames, events };
  }

  it('ringall rings every available member at once; the first to answer wins, the others are cancelled', () => {
    const { model, scheduler, events } = runQueues(
      [{ name: 'geri-bildirim', strategy: 'ringall', serviceLevel: 30, members: [member({ ...AYSE, answerAfterMs: 3_000 }), member({ ...MEHMET, answerAfterMs: 1_000 }), member(ZEYNEP)] }],
      { autoAnswerMs: null },
    );
    model.placeCall();
    expect(events('AgentCalled').map((e) => header(e, 'MemberName'))).toEqual(['Ayşe Yılmaz', 'Mehmet Demir', 'Zeynep Kaya']);
    scheduler.advance(1_000);
    expect(events('AgentConnect').map((e) => header(e, 'MemberName'))).toEqual(['Mehmet Demir']);
    expect(events('AgentRingNoAnswer')).toHaveLength(0);
    const cancelled = events('DialEnd').filter((e) => header(e, 'DialStatus') === 'CANCEL').map((e) => header(e, 'DestChannel'));
    expect(cancelled).toHaveLength(2);
    expect(model.status()[0]!.members.map((m) => [m.memberName, m.status])).toEqual([
      ['Ayşe Yılmaz', 1],
      ['Mehmet Demir', 2],
      ['Zeynep Kaya', 1],
    ]);
  });

  it('lists members in app_queue hash order (1004 before 1001), which is the order rrmemory counts', () => {
    const { model } = runQueues([{ name: 'geri-bildirim', strategy: 'ringall', serviceLevel: 30, members: [member(AYSE), member({ interface: 'Local/1004@sim-agent/n', name: 'Can Öztürk', stateInterface: 'Custom:1004' })] }]);
    expect(model.status()[0]!.members.map((m) => m.interface)).toEqual(['Local/1004@sim-agent/n', AYSE.interface]);
    expect([memberBucket('Local/1004@sim-agent/n'), memberBucket(AYSE.interface), memberBucket(MEHMET.interface), memberBucket(ZEYNEP.interface)]).toEqual([1, 8, 18, 28]);
  });

  it('keeps a member out of the queue during wrapuptime after a call', () => {
    const { model, scheduler, events } = runQueues([{ name: Q, strategy: 'rrmemory', serviceLevel: 20, wrapUpSec: 10, members: [member(AYSE)] }]);
    model.placeCall();
    scheduler.advance(6_000); // answered at 1 s, hung up at 6 s
    model.placeCall();
    scheduler.advance(9_000);
    expect(events('AgentCalled')).toHaveLength(1);
    expect(model.status()[0]!.entries).toHaveLength(1);
    scheduler.advance(1_500); // wrap-up over at 16 s; the caller notices on its next second
    expect(events('AgentCalled')).toHaveLength(2);
  });

  it('skips paused members, and only notices a freed agent on its next look (app_queue polls every second)', () => {
    const { model, scheduler, events } = runQueues([{ name: Q, strategy: 'rrmemory', serviceLevel: 20, members: [member(AYSE), member(MEHMET, { paused: true, pausedReason: 'Mola' })] }]);
    model.placeCall();
    model.placeCall();
    expect(events('AgentCalled').map((e) => header(e, 'MemberName'))).toEqual(['Ayşe Yılmaz']);
    scheduler.advance(2_500);
    expect(model.pauseMember(MEHMET.interface, false)).toBe('ok');
    expect(events('AgentCalled')).toHaveLength(1); // nothing pushes the waiting caller…
    scheduler.advance(500);
    expect(events('AgentCalled').map((e) => header(e, 'MemberName'))).toEqual(['Ayşe Yılmaz', 'Mehmet Demir']); // …its next look does
  });

  it('a caller hanging up while waiting is an abandon; while ringing, the ring is cancelled first', () => {
    const { model, scheduler, events, frames } = runQueues([{ name: Q, strategy: 'rrmemory', serviceLevel: 20, members: [member(AYSE)] }], { autoAnswerMs: null });
    const ringing = model.placeCall();
    const waiting = model.placeCall();
    scheduler.advance(3_000);
    expect(model.hangUpCaller(waiting)).toBe(true);
    expect(events('QueueCallerAbandon').map((e) => [header(e, 'Position'), header(e, 'OriginalPosition'), header(e, 'HoldTime')])).toEqual([['2', '2', '3']]);
    scheduler.advance(30_000); // 25 s: Ayşe's ring timed out once, she is ringing again
    expect(model.hangUpCaller(ringing)).toBe(true);
    const tail = frames.slice(frames.findLastIndex((f) => header(f, 'Event') === 'SoftHangupRequest' && header(f, 'Cause') === '16' && header(f, 'Channel')?.endsWith(';1')));
    expect(tail.map((f) => header(f, 'Event')).filter((n) => ['DialEnd', 'QueueCallerAbandon', 'QueueCallerLeave'].includes(n!))).toEqual(['QueueCallerAbandon', 'QueueCallerLeave']);
    expect(events('DialEnd').filter((e) => header(e, 'DialStatus') === 'CANCEL')).toHaveLength(3);
    expect(model.status()[0]!.vars).toMatchObject({ abandoned: 2, calls: 0 });
  });

  it('Queue() timeout: QueueCallerAbandon with no hang-up before it, counted as abandoned by Asterisk', () => {
    const { model, scheduler, events, frames } = runQueues([{ name: Q, strategy: 'rrmemory', serviceLevel: 20, members: [member(AYSE, { paused: true })] }]);
    model.placeCall(undefined, { maxWaitMs: 30_000 });
    scheduler.advance(30_000);
    const abandon = frames.findIndex((f) => header(f, 'Event') === 'QueueCallerAbandon');
    expect(abandon).toBeGreaterThan(0);
    expect(frames.slice(0, abandon).some((f) => ['HangupRequest', 'SoftHangupRequest', 'Hangup'].includes(header(f, 'Event')!))).toBe(false);
    expect(header(events('QueueCallerAbandon')[0]!, 'HoldTime')).toBe('30');
    expect(events('VarSet').some((f) => header(f, 'Variable') === 'QUEUESTATUS' && header(f, 'Value') === 'TIMEOUT')).toBe(true);
    expect(model.status()[0]!.vars).toMatchObject({ abandoned: 1, calls: 0 });
  });

  it('QueueAdd/QueueRemove: dynamic members only, a new pause device announced once', () => {
    const { model, events, frames } = runQueues([{ name: Q, strategy: 'rrmemory', serviceLevel: 20, members: [member(AYSE)] }]);
    expect(model.addMember(Q, { ...ZEYNEP, penalty: 0 })).toBe('ok');
    expect(model.addMember(Q, { ...ZEYNEP })).toBe('exists');
    expect(model.addMember('nope', { ...ZEYNEP })).toBe('no-queue');
    expect(model.removeMember(Q, AYSE.interface)).toBe('not-dynamic');
    expect(model.removeMember(Q, ZEYNEP.interface)).toBe('ok');
    expect(model.removeMember(Q, ZEYNEP.interface)).toBe('not-there');
    expect(model.addMember(Q, { ...ZEYNEP })).toBe('ok');
    expect(events('QueueMemberAdded')).toHaveLength(2);
    expect(events('QueueMemberRemoved')).toHaveLength(1);
    expect(frames.filter((f) => header(f, 'Device') === `Queue:${Q}_pause_${ZEYNEP.interface}`)).toHaveLength(1);
  });

  it('carries 500 agents and Poisson arrivals at 20 calls a second with log-normal talk times', () => {
    const agents = Array.from({ length: 500 }, (_, i) => member({ interface: `Local/${2000 + i}@sim-agent/n`, name: `Agent ${i}`, stateInterface: `Custom:${2000 + i}` }));
    const { model, scheduler, events } = runQueues([{ name: Q, strategy: 'rrmemory', serviceLevel: 20, members: agents }], {
      arrivalsPerSecond: 20,
      talkTime: { distribution: 'lognormal', meanMs: 20_000, sdMs: 10_000 },
      autoAnswerMs: 1_000,
      seed: 7,
    });
    scheduler.advance(60_000);
    const joined = events('QueueCallerJoin').length;
    expect(joined).toBeGreaterThan(1_050); // 1 200 expected; Poisson within ~4 standard deviations
    expect(joined).toBeLessThan(1_350);
    const talk = events('AgentComplete').map((e) => Number(header(e, 'TalkTime')));
    const mean = talk.reduce((s, t) => s + t, 0) / talk.length;
    expect(mean).toBeGreaterThan(12);
    expect(mean).toBeLessThan(24);
    expect(new Set(talk).size).toBeGreaterThan(10);
    model.stop();
  });
});
