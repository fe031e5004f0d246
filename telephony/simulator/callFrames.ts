import type { AmiFrame, AmiHeader } from '../ami/amiFrame.js';
import type { Ids } from './channelSnapshots.js';
import { agentIn, agentOut, displayName, inQueue, phone, queued } from './channelSnapshots.js';
import {
  agentHangupHandler,
  availEvents,
  cdr,
  channelEvent,
  CID_PRES,
  deviceState,
  dialEvent,
  extensionStatus,
  hangup,
  localBridge,
  newexten,
  queueAgentEvent,
  queueCallerEvent,
  queueVarFrames,
  varSet,
} from './dialplanEvents.js';
import type { ChannelSnapshot } from './eventHeaders.js';
import { amiEvent, bridgeHeaders, channelHeaders } from './eventHeaders.js';
import { pjsipCallerHungUp, pjsipAnswered, pjsipOffered, pjsipRingEnded } from './pjsipLegFrames.js';
import type { CallFact, CallView, DeviceChange, LeftQueue } from './queueFacts.js';
import { queueMemberStatus } from './queueStatusFrames.js';
import { secondsArg, wholeSeconds } from './simTime.js';

// The events Asterisk 22 sent for one queue call with the recorded dialplan (callers and agents
// as Local channels, see b-single-call-answered and e-ring-no-answer), in the recorded order,
// including the dialplan's Newexten/VarSet chatter: a desk must cope with all of it. Each channel
// snapshot (channelSnapshots.ts) is what that channel looked like at that point of the recording.

/** The recorded agent dialplan: RING/TALK settings decide which branch the agent leg takes. */
export interface AgentDialplan {
  defaultRing: string;
  ring: string;
  defaultTalk: string;
  talk: string;
  /** Where the agent leg waits while ringing: `Wait(<ring>)` at 10, or `Wait(3600)` at 18 for RING=never. */
  ringWait: { priority: number; seconds: string };
}

export function agentDialplan(autoAnswerMs: number | null, talkTimeMs: number): AgentDialplan {
  const ring = autoAnswerMs === null ? 'never' : secondsArg(autoAnswerMs);
  return {
    defaultRing: ring,
    ring,
    defaultTalk: secondsArg(talkTimeMs),
    // The simulated caller hangs up, so the agent leg waits "forever" after answering.
    talk: 'forever',
    ringWait: autoAnswerMs === null ? { priority: 18, seconds: '3600' } : { priority: 10, seconds: ring },
  };
}

function callPlaced(call: CallView, originateActionId: string): AmiFrame[] {
  const device = `Local/${call.number}@sim-caller`;
  const phoneDown = (ids: Ids) => phone(call, 0, ids);
  const queuedRing = (priority: number, ids: Ids) => queued(call, 4, priority, ids);
  return [
    channelEvent('Newchannel', phoneDown('none')),
    channelEvent('Newchannel', queuedRing(1, 'none')),
    newexten(phoneDown('none'), 'AppDial2', '(Outgoing Line)'),
    varSet(phoneDown('none'), 'CALLERNAME', call.name ?? ''),
    channelEvent('NewCallerid', phoneDown('cid'), ['CID-CallingPres', CID_PRES]),
    channelEvent('NewConnectedLine', phoneDown('both')),
    varSet(queuedRing(1, 'none'), 'CALLERNAME', call.name ?? ''),
    channelEvent('NewCallerid', queuedRing(1, 'both'), ['CID-CallingPres', CID_PRES]),
    channelEvent('NewConnectedLine', queuedRing(1, 'both')),
    localBridge(phoneDown('both'), queuedRing(1, 'both'), 'sim-caller', call.number),
    amiEvent('DialBegin', 'call', channelHeaders(phoneDown('both'), 'Dest'), [['DialString', `${call.number}@sim-caller/n`]]),
    newexten(queuedRing(1, 'both'), 'NoOp', `Simulated caller ${call.number} name=${call.name ?? ''} maxwait=`),
    newexten(queuedRing(2, 'both'), 'Set', `CALLERID(num)=${call.number}`),
    newexten(queuedRing(3, 'both'), 'Set', `CALLERID(name)=${call.name ?? ''}`),
    newexten(queuedRing(4, 'both'), 'Set', `Q=${call.queue}`),
    varSet(queuedRing(4, 'both'), 'Q', call.queue),
    newexten(queuedRing(5, 'both'), 'Answer', ''),
    channelEvent('Newstate', queued(call, 6, 5, 'both')),
    channelEvent('Newstate', phone(call, 6, 'both')),
    amiEvent('DialEnd', 'call', channelHeaders(phone(call, 6, 'both'), 'Dest'), [['DialStatus', 'ANSWER']]),
    newexten(phone(call, 6, 'both', true, 1), 'NoOp', 'Caller phone leg'),
    newexten(phone(call, 6, 'both', true, 2), 'Wait', '3600'),
    deviceState(device, 'INUSE'),
    deviceState(device, 'INUSE'),
    amiEvent('OriginateResponse', 'call', [
      ['ActionID', originateActionId],
      ['Response', 'Success'],
      ['Channel', `${call.channel};1`],
      ['Context', 'sim-phone'],
      ['Exten', 's'],
      ['Reason', '4'],
      ['Uniqueid', call.uniqueids[0]],
      ['CallerIDNum', call.number],
      ['CallerIDName', displayName(call)],
    ]),
  ];
}

function callerJoined(call: CallView, position: number, count: number, queueBecameBusy: boolean): AmiFrame[] {
  const c = inQueue(call);
  return [
    newexten(c, 'Queue', `${call.queue},,,,`),
    ...['ANSWEREDTIME', 'ANSWEREDTIME_MS', 'DIALEDTIME', 'DIALEDTIME_MS', 'QUEUEWAIT', 'QUEUEWAIT_MS'].map((name) => varSet(c, name, '')),
    ...(queueBecameBusy ? [deviceState(`Queue:${call.queue}`, 'RINGING')] : []),
    queueCallerEvent('QueueCallerJoin', c, call.queue, position, count),
    channelEvent('MusicOnHoldStart', c, ['Class', 'default']),
  ];
}

function agentOffered(fact: Extract<CallFact, { kind: 'agentOffered' }>, dialplan: AgentDialplan): AmiFrame[] {
  const { call, leg } = fact;
  const outDown = (ids: Ids) => agentOut(call, leg, 0, ids);
  const outRinging = agentOut(call, leg, 5, 'both', call.number);
  const ringing = (priority: number, ids: Ids = 'both') => agentIn(call, leg, 4, priority, ids);
  const dialedPeer = leg.interface.replace(/^Local\//, '');
  const handler = `sim-agent-hh,s,1(${leg.exten})`;
  const answers = dialplan.ring !== 'never';
  return [
    channelEvent('Newchannel', outDown('none')),
    channelEvent('Newchannel', ringing(1, 'none')),
    newexten(outDown('cid'), 'AppQueue', '(Outgoing Line)'),
    channelEvent('NewCallerid', outDown('cid'), ['CID-CallingPres', CID_PRES]),
    varSet(outDown('cid'), 'DIALEDPEERNUMBER', dialedPeer),
    varSet(ringing(1, 'none'), 'DIALEDPEERNUMBER', dialedPeer),
    channelEvent('NewCallerid', ringing(1), ['CID-CallingPres', CID_PRES]),
    channelEvent('NewConnectedLine', ringing(1)),
    localBridge(outDown('cid'), ringing(1), leg.context, leg.exten),
    queueAgentEvent('AgentCalled', call, leg, agentOut(call, leg, 0, 'both', call.number)),
    dialEvent('DialBegin', call, outDown('cid'), ['DialString', leg.interface]),
    newexten(ringing(1), 'NoOp', `Agent ${leg.exten} offered a call from ${call.number} queue=`),
    newexten(ringing(2), 'Set', `CHANNEL(hangup_handler_push)=${handler}`),
    amiEvent('HangupHandlerPush', 'dialplan', channelHeaders(ringing(2)), [['Handler', handler]]),
    newexten(ringing(3), 'Set', `RING=${dialplan.defaultRing}`),
    varSet(ringing(3), 'RING', dialplan.defaultRing),
    newexten(ringing(4), 'Set', `RING=${dialplan.ring}`),
    varSet(ringing(4), 'RING', dialplan.ring),
    newexten(ringing(5), 'Set', `TALK=${dialplan.defaultTalk}`),
    varSet(ringing(5), 'TALK', dialplan.defaultTalk),
    newexten(ringing(6), 'Set', `TALK=${dialplan.talk}`),
    varSet(ringing(6), 'TALK', dialplan.talk),
    newexten(ringing(7), 'Set', `DEVICE_STATE(${leg.stateInterface})=RINGING`),
    extensionStatus(leg, 8, 'Ringing'),
    ...fact.members.map((m) => queueMemberStatus(m)),
    ...availEvents(fact.availChanges),
    deviceState(leg.stateInterface, 'RINGING'),
    newexten(ringing(8), 'Ringing', ''),
    channelEvent('Newstate', outRinging),
    newexten(outRinging, 'AppQueue', '(Outgoing Line)'),
    channelEvent('NewConnectedLine', outRinging),
    deviceState(`Local/${leg.exten}@${leg.context}`, 'INUSE'),
    newexten(ringing(9), 'GotoIf', `${answers ? 0 : 1}?noanswer`),
    dialEvent('DialState', call, outRinging, ['DialStatus', 'RINGING']),
    newexten(ringing(dialplan.ringWait.priority), 'Wait', dialplan.ringWait.seconds),
  ];
}

function agentAnswered(fact: Extract<CallFact, { kind: 'agentAnswered' }>): AmiFrame[] {
  const { call, leg } = fact;
  const caller = inQueue(call);
  const out = agentOut(call, leg, 6, 'both', call.number);
  const device = `Local/${leg.exten}@${leg.context}`;
  const memberVars = (c: ChannelSnapshot) => [
    varSet(c, 'MEMBERINTERFACE', leg.interface),
    varSet(c, 'MEMBERNAME', leg.memberName),
    varSet(c, 'MEMBERCALLS', String(fact.memberCalls)),
    varSet(c, 'MEMBERLASTCALL', String(fact.memberLastCall)),
    varSet(c, 'MEMBERPENALTY', String(fact.memberPenalty)),
    varSet(c, 'MEMBERDYNAMIC', fact.memberDynamic ? '1' : '0'),
    varSet(c, 'MEMBERREALTIME', '0'),
  ];
  const entryVars = (c: ChannelSnapshot) => [varSet(c, 'QEHOLDTIME', String(fact.holdSeconds)), varSet(c, 'QEORIGINALPOS', String(fact.originalPosition))];
  return [
    extensionStatus(leg, 1, 'InUse'),
    newexten(agentIn(call, leg, 4, 11), 'Set', `DEVICE_STATE(${leg.stateInterface})=INUSE`),
    ...fact.members.map((m) => queueMemberStatus(m)),
    deviceState(leg.stateInterface, 'INUSE'),
    newexten(agentIn(call, leg, 4, 12), 'Answer', ''),
    channelEvent('Newstate', out),
    channelEvent('Newstate', agentIn(call, leg, 6, 12)),
    deviceState(device, 'INUSE'),
    deviceState(device, 'INUSE'),
    dialEvent('DialEnd', call, out, ['DialStatus', 'ANSWER']),
    channelEvent('MusicOnHoldStop', caller),
    ...memberVars(caller),
    ...memberVars(out),
    ...entryVars(caller),
    ...entryVars(out),
    ...queueVarFrames(caller, fact.queueVars),
    ...queueVarFrames(out, fact.queueVars),
    ...(fact.queueBecameIdle ? [deviceState(`Queue:${call.queue}`, 'NOT_INUSE')] : []),
    queueCallerEvent('QueueCallerLeave', caller, call.queue, fact.position, fact.countAfter),
    varSet(caller, 'QUEUEPOSITION', String(fact.position)),
    varSet(caller, 'QUEUEWAIT', String(fact.holdSeconds)),
    varSet(caller, 'QUEUEWAIT_MS', String(fact.holdSeconds * 1000)),
    queueAgentEvent('AgentConnect', call, leg, out, ['HoldTime', String(fact.holdSeconds)], ['RingTime', String(fact.ringSeconds)]),
    amiEvent('BridgeCreate', 'call', bridgeHeaders(fact.bridgeId, 0)),
    amiEvent('BridgeEnter', 'call', bridgeHeaders(fact.bridgeId, 1), channelHeaders(out)),
    amiEvent('BridgeEnter', 'call', bridgeHeaders(fact.bridgeId, 2), channelHeaders(caller)),
    varSet(out, 'BRIDGEPEER', caller.name),
    varSet(caller, 'BRIDGEPEER', out.name),
    newexten(agentIn(call, leg, 6, 13), 'GotoIf', '1?forever'),
    newexten(agentIn(call, leg, 6, 16), 'Wait', '86400'),
  ];
}

function callerHungUp(fact: Extract<CallFact, { kind: 'callerHungUp' }>): AmiFrame[] {
  const { call, leg } = fact;
  const caller = inQueue(call);
  const phoneUp = phone(call, 6, 'both', true, 2);
  const out = agentOut(call, leg, 6, 'both', call.number);
  const agentWaiting = agentIn(call, leg, 6, 16);
  const answeredMs = fact.at - fact.answeredAt;
  const dialedMs = fact.at - call.placedAt;
  const handler = agentHangupHandler(call, leg, 6, 16);
  const callerDevice = `Local/${call.number}@sim-caller`;
  const agentDevice = `Local/${leg.exten}@${leg.context}`;
  const figures: AmiHeader[] = [['HoldTime', String(fact.holdSeconds)], ['TalkTime', String(fact.talkSeconds)], ['Reason', fact.endedBy]];
  const agentComplete = queueAgentEvent('AgentComplete', call, leg, out, ...figures);
  const bareAgentComplete = amiEvent('AgentComplete', 'agent', [['Queue', call.queue], ['Interface', leg.interface], ['MemberName', leg.memberName], ...figures]);
  return [
    channelEvent('SoftHangupRequest', phoneUp, ['Cause', '16']),
    channelEvent('HangupRequest', caller, ['Cause', '16']),
    cdr(call, {
      destination: 's',
      destinationContext: 'sim-phone',
      channel: phoneUp.name,
      destinationChannel: '',
      lastApplication: 'Wait',
      lastData: '3600',
      start: call.placedAt,
      answer: call.placedAt,
      end: fact.at,
      disposition: 'ANSWERED',
      uniqueid: call.uniqueids[0],
    }),
    ...(fact.callerGone ? [] : [agentComplete]),
    varSet(caller, 'BRIDGEPEER', ''),
    varSet(out, 'BRIDGEPEER', ''),
    amiEvent('BridgeLeave', 'call', bridgeHeaders(fact.bridgeId, 1), channelHeaders(caller)),
    ...queueVarFrames(caller, fact.queueVars),
    varSet(caller, 'ANSWEREDTIME', String(wholeSeconds(answeredMs))),
    varSet(caller, 'ANSWEREDTIME_MS', String(answeredMs)),
    varSet(caller, 'DIALEDTIME', String(wholeSeconds(dialedMs))),
    varSet(caller, 'DIALEDTIME_MS', String(dialedMs)),
    ...queueVarFrames(caller, fact.queueVars),
    channelEvent('SoftHangupRequest', caller, ['Cause', '16']),
    hangup(phoneUp, 16),
    // The caller's channel is gone: app_queue's AgentComplete keeps only the member's headers.
    ...(fact.callerGone ? [bareAgentComplete] : []),
    cdr(call, {
      destination: call.number,
      destinationContext: 'sim-caller',
      channel: caller.name,
      destinationChannel: out.name,
      lastApplication: 'Queue',
      lastData: `${call.queue},,,,`,
      start: call.placedAt,
      answer: call.placedAt,
      end: fact.at,
      disposition: 'ANSWERED',
      uniqueid: call.uniqueids[1],
    }),
    amiEvent('BridgeLeave', 'call', bridgeHeaders(fact.bridgeId, 0), channelHeaders(out)),
    channelEvent('HangupRequest', agentWaiting, ['Cause', '16']),
    hangup(out, 16),
    amiEvent('BridgeDestroy', 'call', bridgeHeaders(fact.bridgeId, 0)),
    hangup(caller, 16),
    ...handler.start,
    deviceState(callerDevice, 'NOT_INUSE'),
    deviceState(callerDevice, 'NOT_INUSE'),
    extensionStatus(leg, 0, 'Idle'),
    handler.setIdle,
    deviceState(agentDevice, 'NOT_INUSE'),
    ...fact.members.map((m) => queueMemberStatus(m)),
    ...availEvents(fact.availChanges),
    deviceState(leg.stateInterface, 'NOT_INUSE'),
    ...handler.finish,
    cdr(call, {
      destination: leg.exten,
      destinationContext: leg.context,
      channel: agentWaiting.name,
      destinationChannel: '',
      lastApplication: 'Wait',
      lastData: '86400',
      start: leg.offeredAt,
      answer: fact.answeredAt,
      end: fact.at,
      disposition: 'ANSWERED',
      uniqueid: leg.uniqueids[1],
    }),
    hangup(agentWaiting, 16),
    deviceState(agentDevice, 'NOT_INUSE'),
  ];
}

function ringNoAnswer(fact: Extract<CallFact, { kind: 'ringNoAnswer' }>, dialplan: AgentDialplan): AmiFrame[] {
  const { call, leg } = fact;
  const outRinging = agentOut(call, leg, 5, 'both', call.number);
  const agentWaiting = agentIn(call, leg, 4, dialplan.ringWait.priority);
  const handler = agentHangupHandler(call, leg, 4, dialplan.ringWait.priority);
  const agentDevice = `Local/${leg.exten}@${leg.context}`;
  return [
    queueAgentEvent('AgentRingNoAnswer', call, leg, outRinging, ['RingTime', String(fact.ringMs)]),
    dialEvent('DialEnd', call, outRinging, ['DialStatus', 'NOANSWER']),
    dialEvent('DialEnd', call, outRinging, ['DialStatus', 'CANCEL']),
    channelEvent('HangupRequest', agentWaiting, ['Cause', '0']),
    hangup(outRinging, 0),
    ...handler.start,
    handler.setIdle,
    deviceState(agentDevice, 'NOT_INUSE'),
    extensionStatus(leg, 0, 'Idle'),
    cdr(call, {
      destination: leg.exten,
      destinationContext: leg.context,
      channel: agentWaiting.name,
      destinationChannel: '',
      lastApplication: 'Wait',
      lastData: dialplan.ringWait.seconds,
      start: leg.offeredAt,
      answer: null,
      end: fact.at,
      // What Asterisk 22 recorded for a queue ring that timed out.
      disposition: 'FAILED',
      uniqueid: leg.uniqueids[1],
    }),
    deviceState(leg.stateInterface, 'NOT_INUSE'),
    ...handler.finish,
    hangup(agentWaiting, 0),
    deviceState(agentDevice, 'NOT_INUSE'),
    ...fact.members.map((m) => queueMemberStatus(m)),
    ...availEvents(fact.availChanges),
  ];
}

/** A ringing Local leg hung up without AgentRingNoAnswer: answered elsewhere, or the caller left. */
function ringCancelled(fact: Extract<CallFact, { kind: 'ringCancelled' }>, dialplan: AgentDialplan): AmiFrame[] {
  const frames = ringNoAnswer({ ...fact, kind: 'ringNoAnswer', ringMs: fact.at - fact.leg.offeredAt }, dialplan);
  // No AgentRingNoAnswer and no NOANSWER: only the CANCEL the dial ends with.
  return frames.slice(2);
}

/** The VarSets app_queue sets on a caller who leaves without an agent (c-caller-abandon). */
function leftVars(call: CallView, fact: LeftQueue, at: number): AmiFrame[] {
  const c = inQueue(call);
  const dialedMs = at - call.placedAt;
  return [
    varSet(c, 'QUEUEWAIT', String(fact.holdSeconds)),
    varSet(c, 'QUEUEWAIT_MS', String(fact.holdSeconds * 1000)),
    varSet(c, 'DIALEDTIME', String(wholeSeconds(dialedMs))),
    varSet(c, 'DIALEDTIME_MS', String(dialedMs)),
    varSet(c, 'ANSWEREDTIME', '0'),
    varSet(c, 'ANSWEREDTIME_MS', '0'),
    varSet(c, 'ABANDONED', 'TRUE'),
  ];
}

function abandonAndLeave(call: CallView, fact: LeftQueue, beforeVarsTail: AmiFrame[]): AmiFrame[] {
  const c = inQueue(call);
  const before = queueVarFrames(c, fact.varsBefore);
  return [
    // The caller's phone side goes idle while app_queue is still setting the variables.
    ...before.slice(0, 7),
    ...beforeVarsTail,
    ...before.slice(7),
    amiEvent('QueueCallerAbandon', 'agent', channelHeaders(c), [
      ['Queue', call.queue],
      ['Position', String(fact.position)],
      ['OriginalPosition', String(fact.originalPosition)],
      ['HoldTime', String(fact.holdSeconds)],
    ]),
    ...queueVarFrames(c, fact.varsAfter),
    ...(fact.queueBecameIdle ? [deviceState(`Queue:${call.queue}`, 'NOT_INUSE')] : []),
    queueCallerEvent('QueueCallerLeave', c, call.queue, fact.position, fact.countAfter),
    varSet(c, 'QUEUEPOSITION', String(fact.position)),
  ];
}

const callerCdr = (call: CallView, at: number): AmiFrame =>
  cdr(call, {
    destination: call.number,
    destinationContext: 'sim-caller',
    channel: `${call.channel};2`,
    destinationChannel: '',
    lastApplication: 'Queue',
    lastData: `${call.queue},,,,`,
    start: call.placedAt,
    answer: call.placedAt,
    end: at,
    disposition: 'ANSWERED',
    uniqueid: call.uniqueids[1],
  });

const phoneCdr = (call: CallView, at: number): AmiFrame =>
  cdr(call, {
    destination: 's',
    destinationContext: 'sim-phone',
    channel: `${call.channel};1`,
    destinationChannel: '',
    lastApplication: 'Wait',
    lastData: '3600',
    start: call.placedAt,
    answer: call.placedAt,
    end: at,
    disposition: 'ANSWERED',
    uniqueid: call.uniqueids[0],
  });

/** The caller hung up while waiting, as c-caller-abandon recorded it. */
function callerAbandoned(fact: Extract<CallFact, { kind: 'callerAbandoned' }>): AmiFrame[] {
  const { call, at } = fact;
  const c = inQueue(call);
  const phoneUp = phone(call, 6, 'both', true, 2);
  const callerDevice = `Local/${call.number}@sim-caller`;
  return [
    channelEvent('SoftHangupRequest', phoneUp, ['Cause', '16']),
    phoneCdr(call, at),
    channelEvent('HangupRequest', c, ['Cause', '16']),
    hangup(phoneUp, 16),
    channelEvent('MusicOnHoldStop', c),
    ...leftVars(call, fact, at),
    ...abandonAndLeave(call, fact, [deviceState(callerDevice, 'NOT_INUSE')]),
    channelEvent('SoftHangupRequest', c, ['Cause', '16']),
    hangup(c, 16),
    deviceState(callerDevice, 'NOT_INUSE'),
    callerCdr(call, at),
  ];
}

/**
 * Queue()'s timeout: no recording has one, so this follows app_queue's code: the same
 * QueueCallerAbandon and QueueCallerLeave, no hang-up before them, QUEUESTATUS=TIMEOUT, and the
 * recorded caller dialplan ending after Queue().
 */
function callerTimedOut(fact: Extract<CallFact, { kind: 'callerTimedOut' }>): AmiFrame[] {
  const { call, at } = fact;
  const c = inQueue(call);
  const after = queued(call, 6, 7, 'both');
  const phoneUp = phone(call, 6, 'both', true, 2);
  const callerDevice = `Local/${call.number}@sim-caller`;
  return [
    channelEvent('MusicOnHoldStop', c),
    ...leftVars(call, fact, at),
    ...abandonAndLeave(call, fact, []),
    varSet(c, 'QUEUESTATUS', 'TIMEOUT'),
    newexten(after, 'Hangup', ''),
    channelEvent('SoftHangupRequest', after, ['Cause', '16']),
    hangup(after, 16),
    channelEvent('HangupRequest', phoneUp, ['Cause', '16']),
    hangup(phoneUp, 16),
    deviceState(callerDevice, 'NOT_INUSE'),
    deviceState(callerDevice, 'NOT_INUSE'),
    callerCdr(call, at),
    phoneCdr(call, at),
  ];
}

const deviceFrames = (changes: DeviceChange[]) => changes.map((change) => deviceState(change.device, change.state));

/** The AMI events one fact of the queue model produces, in Asterisk's order. */
export function callFrames(fact: CallFact, dialplan: AgentDialplan): AmiFrame[] {
  switch (fact.kind) {
    case 'callPlaced':
      return callPlaced(fact.call, fact.originateActionId);
    case 'callerJoined':
      return callerJoined(fact.call, fact.position, fact.count, fact.queueBecameBusy);
    case 'agentOffered':
      return fact.leg.kind === 'pjsip' ? pjsipOffered(fact) : agentOffered(fact, dialplan);
    case 'agentAnswered':
      return fact.leg.kind === 'pjsip' ? pjsipAnswered(fact) : agentAnswered(fact);
    case 'callerHungUp':
      return fact.leg.kind === 'pjsip' ? pjsipCallerHungUp(fact) : callerHungUp(fact);
    case 'ringNoAnswer':
      return fact.leg.kind === 'pjsip' ? pjsipRingEnded(fact, true) : ringNoAnswer(fact, dialplan);
    case 'ringCancelled':
      return fact.leg.kind === 'pjsip' ? pjsipRingEnded(fact, false) : ringCancelled(fact, dialplan);
    case 'callerAbandoned':
      return callerAbandoned(fact);
    case 'callerTimedOut':
      return callerTimedOut(fact);
    case 'memberPaused':
      return [...deviceFrames(fact.devicesBefore), queueMemberStatus(fact.member, 'QueueMemberPause', fact.eventReason), ...deviceFrames(fact.devicesAfter)];
    case 'memberAdded':
      return [...deviceFrames(fact.devicesBefore), queueMemberStatus(fact.member, 'QueueMemberAdded'), ...deviceFrames(fact.devicesAfter)];
    case 'memberRemoved':
      return [...deviceFrames(fact.devicesBefore), queueMemberStatus(fact.member, 'QueueMemberRemoved'), ...deviceFrames(fact.devicesAfter)];
    case 'membersReloaded':
      return deviceFrames(fact.devices);
    case 'reloaded':
      return [amiEvent('Reload', 'system', [['Module', fact.module], ['Status', '0']])];
  }
}
