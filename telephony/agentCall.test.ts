import { describe, expect, it } from 'vitest';
import type { AgentCall } from '../core/call.js';
import { reduceAgentCall } from './agentCall.js';
import type { AmiFrame } from './ami/amiFrame.js';
import { header } from './ami/amiFrame.js';
import { parseFrameText } from './ami/amiFrameSplitter.js';
import { loadRecording, receivedFrames } from './testing/recordings.js';

interface Step {
  event: string;
  call: AgentCall | null;
}

/** Runs a recording through the reducer; `now` is the frame's index so timestamps are checkable. */
function replay(frames: AmiFrame[], agentInterface: string): { final: AgentCall | null; changes: Step[] } {
  let call: AgentCall | null = null;
  const changes: Step[] = [];
  frames.forEach((frame, index) => {
    const next = reduceAgentCall(call, frame, agentInterface, 1000 + index);
    if (next !== call) changes.push({ event: header(frame, 'Event') ?? '', call: next });
    call = next;
  });
  return { final: call, changes };
}

const AYSE = 'Local/1001@sim-agent/n';
const MEHMET = 'Local/1002@sim-agent/n';

describe('reduceAgentCall on b-single-call-answered', () => {
  const frames = receivedFrames(loadRecording('b-single-call-answered'));

  it('pops ringing, then connected, then ended for the agent who took the call', () => {
    const { changes } = replay(frames, AYSE);
    expect(changes.map((step) => [step.event, step.call?.phase])).toEqual([
      ['AgentCalled', 'ringing'],
      ['AgentConnect', 'connected'],
      ['AgentComplete', 'ended'],
    ]);
    const [ringing, connected, ended] = changes.map((step) => step.call!);
    expect(ringing).toEqual({
      linkedid: '1795423995.0',
      queue: 'alo153',
      callerNumber: '905321112233',
      callerName: 'Vatandaş Ali',
      phase: 'ringing',
      ringingSince: ringing!.ringingSince,
      answeredAt: null,
      endedAt: null,
      queueWaitSec: null,
      talkSec: null,
    });
    expect(connected!.answeredAt).toBeGreaterThan(ringing!.ringingSince);
    // The recording's own figures: 2 s in the queue (AgentConnect HoldTime), 3 s of talk (AgentComplete TalkTime).
    expect(connected!.queueWaitSec).toBe(2);
    expect(ended).toMatchObject({ queueWaitSec: 2, talkSec: 3 });
    expect(ended!.endedAt).toBeGreaterThan(connected!.answeredAt!);
    expect(ended!.ringingSince).toBe(ringing!.ringingSince);
  });

  it('never pops for another agent', () => {
    expect(replay(frames, MEHMET).changes).toEqual([]);
  });

  it('returns the same reference for every event that changes nothing', () => {
    let call: AgentCall | null = null;
    let unchanged = 0;
    for (const frame of frames) {
      const next = reduceAgentCall(call, frame, AYSE, 1);
      if (next === call) unchanged++;
      call = next;
    }
    expect(unchanged).toBe(frames.length - 3);
  });
});

describe('reduceAgentCall on e-ring-no-answer', () => {
  const frames = receivedFrames(loadRecording('e-ring-no-answer'));

  it('ends the pop of 1001 at each no-answer and pops again when rrmemory rings 1001 again', () => {
    const { changes, final } = replay(frames, AYSE);
    expect(changes.map((step) => [step.event, step.call?.phase])).toEqual([
      ['AgentCalled', 'ringing'],
      ['AgentRingNoAnswer', 'ended'],
      ['AgentCalled', 'ringing'],
      ['AgentRingNoAnswer', 'ended'],
    ]);
    expect(final?.answeredAt).toBeNull();
    expect(final?.callerName).toBe('Vatandaş Mert');
  });

  it('pops for 1002 when 1002 answers, and only then; ends when its device goes idle and keeps the PBX talk time', () => {
    const { changes, final } = replay(frames, MEHMET);
    // Here the member's status goes idle just before AgentComplete: the call ends there, and
    // AgentComplete then only adds its TalkTime.
    expect(changes.map((step) => [step.event, step.call?.phase, step.call?.talkSec])).toEqual([
      ['AgentCalled', 'ringing', null],
      ['AgentConnect', 'connected', null],
      ['QueueMemberStatus', 'ended', null],
      ['AgentComplete', 'ended', 3],
    ]);
    expect(changes[0]!.call).toMatchObject({ linkedid: '1795424017.6', callerNumber: '905059876543' });
    expect(final!.endedAt).toBe(changes[2]!.call!.endedAt);
  });
});

describe('reduceAgentCall on j-webrtc-agent', () => {
  it('correlates a PJSIP member the same way', () => {
    const { changes } = replay(receivedFrames(loadRecording('j-webrtc-agent')), 'PJSIP/1004');
    expect(changes.map((step) => [step.event, step.call?.phase])).toEqual([
      ['AgentCalled', 'ringing'],
      ['AgentConnect', 'connected'],
      ['AgentComplete', 'ended'],
    ]);
    expect(changes[0]!.call).toMatchObject({
      linkedid: '1795424339.5',
      queue: 'geri-bildirim',
      callerNumber: '905551234567',
      callerName: 'Vatandaş Elif',
    });
  });
});

describe('reduceAgentCall edge cases', () => {
  const agentCalled = (linkedid: string, name: string) =>
    parseFrameText(
      `Event: AgentCalled\r\nCallerIDNum: 902125550142\r\nCallerIDName: ${name}\r\nUniqueid: ${linkedid}1\r\nLinkedid: ${linkedid}\r\nQueue: alo153\r\nInterface: ${AYSE}`,
    )!;
  const event = (text: string) => parseFrameText(text)!;

  it('turns <unknown> and empty caller names into null', () => {
    expect(reduceAgentCall(null, agentCalled('5.0', '<unknown>'), AYSE, 1)?.callerName).toBeNull();
    expect(reduceAgentCall(null, agentCalled('5.0', ''), AYSE, 1)?.callerName).toBeNull();
  });

  it('ends a ringing pop when the caller abandons or the caller channel hangs up', () => {
    const ringing = reduceAgentCall(null, agentCalled('5.0', 'X'), AYSE, 1);
    const abandoned = reduceAgentCall(ringing, event('Event: QueueCallerAbandon\r\nUniqueid: 5.1\r\nLinkedid: 5.0\r\nQueue: alo153'), AYSE, 2);
    expect(abandoned).toMatchObject({ phase: 'ended', endedAt: 2 });
    const hungUp = reduceAgentCall(ringing, event('Event: Hangup\r\nUniqueid: 5.0\r\nLinkedid: 5.0'), AYSE, 3);
    expect(hungUp).toMatchObject({ phase: 'ended', endedAt: 3 });
    const agentLegHangup = event('Event: Hangup\r\nUniqueid: 5.3\r\nLinkedid: 5.0');
    expect(reduceAgentCall(ringing, agentLegHangup, AYSE, 4)).toBe(ringing);
  });

  it('ignores events of other calls and ends only on this agent', () => {
    const ringing = reduceAgentCall(null, agentCalled('5.0', 'X'), AYSE, 1);
    const otherCall = event(`Event: AgentRingNoAnswer\r\nLinkedid: 6.0\r\nInterface: ${AYSE}`);
    expect(reduceAgentCall(ringing, otherCall, AYSE, 2)).toBe(ringing);
    const otherAgent = event(`Event: AgentDump\r\nLinkedid: 5.0\r\nInterface: ${MEHMET}`);
    expect(reduceAgentCall(ringing, otherAgent, AYSE, 2)).toBe(ringing);
    const dumped = event(`Event: AgentDump\r\nLinkedid: 5.0\r\nInterface: ${AYSE}`);
    expect(reduceAgentCall(ringing, dumped, AYSE, 2)?.phase).toBe('ended');
    expect(reduceAgentCall(ringing, event('Response: Success\r\nActionID: 1'), AYSE, 2)).toBe(ringing);
  });
});

describe('reduceAgentCall on n-agent-hangup-short-calls', () => {
  const frames = receivedFrames(loadRecording('n-agent-hangup-short-calls'));
  const agent = 'Local/1001@agents/n';

  it('ends every call, the one whose AgentComplete lost the caller\'s headers too, with the PBX talk time', () => {
    const ended: AgentCall[] = [];
    let call: AgentCall | null = null;
    frames.forEach((frame, index) => {
      const next = reduceAgentCall(call, frame, agent, 1000 + index);
      // The call on screen when the next one rings must be over (else the next case binds to it).
      if (next !== call && next?.phase === 'ringing') expect(call === null || call.phase === 'ended', `call before ${next.callerNumber}`).toBe(true);
      if (call !== null && next !== null && next.linkedid !== call.linkedid) ended.push(call);
      call = next;
    });
    if (call !== null) ended.push(call);
    expect(ended.length).toBeGreaterThanOrEqual(55);
    expect(ended.every((c) => c.phase === 'ended')).toBe(true);
    const bare = ended.find((c) => c.callerNumber === '05321000056')!;
    expect(bare).toMatchObject({ phase: 'ended', talkSec: 3, queueWaitSec: 2 });
  });

  it('ends the call on an AgentComplete without Linkedid for this agent only', () => {
    const bare = parseFrameText('Event: AgentComplete\r\nQueue: alo153\r\nInterface: Local/1001@agents/n\r\nMemberName: Agent 1001\r\nHoldTime: 2\r\nTalkTime: 3\r\nReason: agent')!;
    const connected: AgentCall = {
      linkedid: '1.1', queue: 'alo153', callerNumber: '05321000056', callerName: null, phase: 'connected',
      ringingSince: 1, answeredAt: 2, endedAt: null, queueWaitSec: 2, talkSec: null,
    };
    expect(reduceAgentCall(connected, bare, 'Local/1002@agents/n', 5)).toBe(connected);
    expect(reduceAgentCall(connected, bare, agent, 5)).toMatchObject({ phase: 'ended', endedAt: 5, talkSec: 3 });
  });
});
