import { describe, expect, it } from 'vitest';
import type { AmiFrame } from '../ami/amiFrame.js';
import { header } from '../ami/amiFrame.js';
import { agentDialplan, callFrames } from './callFrames.js';
import { configFromOptions } from './pbxSimulator.js';
import type { CallFact } from './queueFacts.js';
import { createQueueModel } from './queueModel.js';
import { manualScheduler } from './simScheduler.js';
import type { PbxSimulatorOptions, SimAgent } from './simTypes.js';

const agent = (exten: string, name: string): SimAgent => ({ interface: `Local/${exten}@sim-agent/n`, name, stateInterface: `Custom:${exten}` });
const AYSE = agent('1001', 'Ayşe Yılmaz');
const MEHMET = agent('1002', 'Mehmet Demir');
const ZEYNEP = agent('1003', 'Zeynep Kaya');
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0, 250);

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
