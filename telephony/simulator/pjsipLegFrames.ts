import type { AmiFrame } from '../ami/amiFrame.js';
import { displayName, inQueue, phone } from './channelSnapshots.js';
import { availEvents, cdr, channelEvent, deviceState, dialEvent, hangup, newexten, queueCallerEvent, queueVarFrames, varSet } from './dialplanEvents.js';
import type { ChannelSnapshot } from './eventHeaders.js';
import { amiEvent, bridgeHeaders, channelHeaders } from './eventHeaders.js';
import type { CallFact, CallView, LegView } from './queueFacts.js';
import { queueMemberStatus } from './queueStatusFrames.js';

// A PJSIP member (a WebRTC agent, j-webrtc-agent) is rung on one channel, `PJSIP/1004-00000003`,
// whose device state is the endpoint's own: no Local pair, no agent dialplan. These builders
// follow j's queue and agent events and the channel events around them; j's media chatter
// (RTCPSent/RTCPReceived) and the endpoint's registration events are not produced.

const UNKNOWN = '<unknown>';

/** The endpoint shows its own caller ID (`1004`, the member name without its ` (WebRTC)` suffix). */
function endpointId(leg: LegView): { num: string; name: string } {
  return { num: leg.exten, name: leg.memberName.replace(/\s*\([^)]*\)$/, '') };
}

function pjsipChannel(call: CallView, leg: LegView, state: ChannelSnapshot['state'], connected: boolean): ChannelSnapshot {
  const id = endpointId(leg);
  return {
    name: leg.channel,
    state,
    callerIdNum: id.num,
    callerIdName: id.name,
    connectedNum: connected ? call.number : UNKNOWN,
    connectedName: connected ? displayName(call) : UNKNOWN,
    context: leg.context,
    exten: connected ? call.number : 's',
    priority: 1,
    uniqueid: leg.uniqueids[0],
    linkedid: call.linkedid,
  };
}

/** Once a PJSIP agent answers, the caller's connected line is the agent (j). */
function callerConnectedToAgent(call: CallView, leg: LegView): ChannelSnapshot {
  const id = endpointId(leg);
  return { ...inQueue(call), connectedNum: id.num, connectedName: id.name };
}

const agentEvent = (name: string, call: CallView, caller: ChannelSnapshot, leg: LegView, agentLeg: ChannelSnapshot, ...extra: Array<[string, string]>) =>
  amiEvent(name, 'agent', channelHeaders(caller), channelHeaders(agentLeg, 'Dest'), [
    ['Queue', call.queue],
    ['Interface', leg.interface],
    ['MemberName', leg.memberName],
    ...extra,
  ]);

export function pjsipOffered(fact: Extract<CallFact, { kind: 'agentOffered' }>): AmiFrame[] {
  const { call, leg } = fact;
  const down = pjsipChannel(call, leg, 0, false);
  const ringing = pjsipChannel(call, leg, 5, true);
  return [
    channelEvent('Newchannel', down),
    // AgentCalled is published once the dial has set the endpoint's connected line and extension.
    agentEvent('AgentCalled', call, inQueue(call), leg, { ...down, connectedNum: call.number, connectedName: displayName(call), exten: call.number }),
    dialEvent('DialBegin', call, down, ['DialString', leg.interface.replace(/^PJSIP\//, '')]),
    channelEvent('Newstate', ringing),
    newexten(ringing, 'AppQueue', '(Outgoing Line)'),
    channelEvent('NewConnectedLine', ringing),
    deviceState(leg.stateInterface, 'RINGING'),
    ...fact.members.map((m) => queueMemberStatus(m)),
    dialEvent('DialState', call, ringing, ['DialStatus', 'RINGING']),
    ...availEvents(fact.availChanges),
  ];
}

export function pjsipAnswered(fact: Extract<CallFact, { kind: 'agentAnswered' }>): AmiFrame[] {
  const { call, leg } = fact;
  const up = pjsipChannel(call, leg, 6, true);
  const caller = callerConnectedToAgent(call, leg);
  return [
    channelEvent('Newstate', up),
    deviceState(leg.stateInterface, 'INUSE'),
    ...fact.members.map((m) => queueMemberStatus(m)),
    dialEvent('DialEnd', call, up, ['DialStatus', 'ANSWER']),
    channelEvent('NewConnectedLine', caller),
    channelEvent('MusicOnHoldStop', caller),
    ...queueVarFrames(caller, fact.queueVars),
    ...(fact.queueBecameIdle ? [deviceState(`Queue:${call.queue}`, 'NOT_INUSE')] : []),
    queueCallerEvent('QueueCallerLeave', caller, call.queue, fact.position, fact.countAfter),
    varSet(caller, 'QUEUEPOSITION', String(fact.position)),
    varSet(caller, 'QUEUEWAIT', String(fact.holdSeconds)),
    varSet(caller, 'QUEUEWAIT_MS', String(fact.holdSeconds * 1000)),
    agentEvent('AgentConnect', call, caller, leg, up, ['HoldTime', String(fact.holdSeconds)], ['RingTime', String(fact.ringSeconds)]),
    amiEvent('BridgeCreate', 'call', bridgeHeaders(fact.bridgeId, 0)),
    amiEvent('BridgeEnter', 'call', bridgeHeaders(fact.bridgeId, 1), channelHeaders(up)),
    amiEvent('BridgeEnter', 'call', bridgeHeaders(fact.bridgeId, 2), channelHeaders(caller)),
    varSet(up, 'BRIDGEPEER', caller.name),
    varSet(caller, 'BRIDGEPEER', up.name),
  ];
}

export function pjsipCallerHungUp(fact: Extract<CallFact, { kind: 'callerHungUp' }>): AmiFrame[] {
  const { call, leg } = fact;
  const up = pjsipChannel(call, leg, 6, true);
  const caller = callerConnectedToAgent(call, leg);
  const phoneUp = phone(call, 6, 'both', true, 2);
  const callerDevice = `Local/${call.number}@sim-caller`;
  return [
    channelEvent('SoftHangupRequest', phoneUp, ['Cause', '16']),
    channelEvent('HangupRequest', caller, ['Cause', '16']),
    hangup(phoneUp, 16),
    amiEvent('BridgeLeave', 'call', bridgeHeaders(fact.bridgeId, 1), channelHeaders(caller)),
    cdr(call, {
      destination: call.number,
      destinationContext: 'sim-caller',
      channel: caller.name,
      destinationChannel: leg.channel,
      lastApplication: 'Queue',
      lastData: `${call.queue},,,,`,
      start: call.placedAt,
      answer: call.placedAt,
      end: fact.at,
      disposition: 'ANSWERED',
      uniqueid: call.uniqueids[1],
    }),
    ...queueVarFrames(caller, fact.queueVars),
    channelEvent('SoftHangupRequest', caller, ['Cause', '16']),
    agentEvent('AgentComplete', call, caller, leg, up, ['HoldTime', String(fact.holdSeconds)], ['TalkTime', String(fact.talkSeconds)], ['Reason', fact.endedBy]),
    hangup(caller, 16),
    deviceState(callerDevice, 'NOT_INUSE'),
    deviceState(callerDevice, 'NOT_INUSE'),
    amiEvent('BridgeLeave', 'call', bridgeHeaders(fact.bridgeId, 0), channelHeaders(up)),
    amiEvent('BridgeDestroy', 'call', bridgeHeaders(fact.bridgeId, 0)),
    hangup(up, 16),
    ...fact.members.map((m) => queueMemberStatus(m)),
    deviceState(leg.stateInterface, 'NOT_INUSE'),
    ...availEvents(fact.availChanges),
  ];
}

/** The ring ended without an answer: timed out (AgentRingNoAnswer) or cancelled. */
export function pjsipRingEnded(fact: Extract<CallFact, { kind: 'ringNoAnswer' | 'ringCancelled' }>, timedOut: boolean): AmiFrame[] {
  const { call, leg } = fact;
  const ringing = pjsipChannel(call, leg, 5, true);
  return [
    ...(timedOut ? [agentEvent('AgentRingNoAnswer', call, inQueue(call), leg, ringing, ['RingTime', String(fact.at - leg.offeredAt)])] : []),
    ...(timedOut ? [dialEvent('DialEnd', call, ringing, ['DialStatus', 'NOANSWER'])] : []),
    dialEvent('DialEnd', call, ringing, ['DialStatus', 'CANCEL']),
    hangup(ringing, 0),
    deviceState(leg.stateInterface, 'NOT_INUSE'),
    ...fact.members.map((m) => queueMemberStatus(m)),
    ...availEvents(fact.availChanges),
  ];
}
