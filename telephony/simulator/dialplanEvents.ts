import type { AmiFrame, AmiHeader } from '../ami/amiFrame.js';
import type { ChannelSnapshot } from './eventHeaders.js';
import { amiEvent, channelHeaders } from './eventHeaders.js';
import type { AvailChange, CallView, LegView, QueueVarsView } from './queueFacts.js';
import type { State } from './channelSnapshots.js';
import { agentIn, inQueue } from './channelSnapshots.js';
import { cdrTime, wholeSeconds } from './simTime.js';

// The event shapes the recorded dialplan and app_queue emit, one helper per shape.

export const CID_PRES = '0 (Presentation Allowed, Not Screened)';

export const newexten = (c: ChannelSnapshot, application: string, appData: string) =>
  amiEvent('Newexten', 'dialplan', channelHeaders(c), [
    ['Extension', c.exten],
    ['Application', application],
    ['AppData', appData],
  ]);
export const varSet = (c: ChannelSnapshot, variable: string, value: string) =>
  amiEvent('VarSet', 'dialplan', channelHeaders(c), [
    ['Variable', variable],
    ['Value', value],
  ]);
export const channelEvent = (name: string, c: ChannelSnapshot, ...extra: AmiHeader[]) => amiEvent(name, 'call', channelHeaders(c), extra);
export const queueCallerEvent = (name: string, c: ChannelSnapshot, queue: string, position: number, count: number) =>
  amiEvent(name, 'agent', channelHeaders(c), [
    ['Queue', queue],
    ['Position', String(position)],
    ['Count', String(count)],
  ]);
export const deviceState = (device: string, state: string) =>
  amiEvent('DeviceStateChange', 'call', [
    ['Device', device],
    ['State', state],
  ]);
export const extensionStatus = (leg: LegView, status: number, text: string) =>
  amiEvent('ExtensionStatus', 'call', [
    ['Exten', leg.exten],
    ['Context', 'agent-hints'],
    ['Hint', leg.stateInterface],
    ['Status', String(status)],
    ['StatusText', text],
  ]);
export const queueAgentEvent = (name: string, call: CallView, leg: LegView, agentLeg: ChannelSnapshot, ...extra: AmiHeader[]) =>
  amiEvent(name, 'agent', channelHeaders(inQueue(call)), channelHeaders(agentLeg, 'Dest'), [
    ['Queue', call.queue],
    ['Interface', leg.interface],
    ['MemberName', leg.memberName],
    ...extra,
  ]);
export const dialEvent = (name: string, call: CallView, agentLeg: ChannelSnapshot, ...extra: AmiHeader[]) =>
  amiEvent(name, 'call', channelHeaders(inQueue(call)), channelHeaders(agentLeg, 'Dest'), extra);
export const hangup = (c: ChannelSnapshot, cause: number) =>
  channelEvent('Hangup', c, ['Cause', String(cause)], ['Cause-txt', cause === 16 ? 'Normal Clearing' : 'Unknown']);
export const availEvents = (changes: AvailChange[]) => changes.map((change) => deviceState(`Queue:${change.queue}_avail`, change.state));
export const localBridge = (one: ChannelSnapshot, two: ChannelSnapshot, context: string, exten: string) =>
  amiEvent('LocalBridge', 'call', channelHeaders(one, 'LocalOne'), channelHeaders(two, 'LocalTwo'), [
    ['Context', context],
    ['Exten', exten],
    ['LocalOptimization', 'No'],
  ]);

export function queueVarFrames(c: ChannelSnapshot, v: QueueVarsView): AmiFrame[] {
  return [
    varSet(c, 'QUEUENAME', v.name),
    varSet(c, 'QUEUEMAX', '0'),
    varSet(c, 'QUEUESTRATEGY', v.strategy),
    varSet(c, 'QUEUECALLS', String(v.calls)),
    varSet(c, 'QUEUEHOLDTIME', String(v.holdtime)),
    varSet(c, 'QUEUETALKTIME', String(v.talktime)),
    varSet(c, 'QUEUECOMPLETED', String(v.completed)),
    varSet(c, 'QUEUEABANDONED', String(v.abandoned)),
    varSet(c, 'QUEUESRVLEVEL', String(v.serviceLevel)),
    varSet(c, 'QUEUESRVLEVELPERF', v.serviceLevelPerf),
  ];
}

export interface CdrFields {
  destination: string;
  destinationContext: string;
  channel: string;
  destinationChannel: string;
  lastApplication: string;
  lastData: string;
  start: number;
  answer: number | null;
  end: number;
  disposition: string;
  uniqueid: string;
}

export function cdr(call: CallView, f: CdrFields): AmiFrame {
  const callerId = call.name ? `"${call.name}" <${call.number}>` : call.number;
  return amiEvent('Cdr', 'cdr', [
    ['AccountCode', ''],
    ['Source', call.number],
    ['Destination', f.destination],
    ['DestinationContext', f.destinationContext],
    ['CallerID', callerId],
    ['Channel', f.channel],
    ['DestinationChannel', f.destinationChannel],
    ['LastApplication', f.lastApplication],
    ['LastData', f.lastData],
    ['StartTime', cdrTime(f.start)],
    ['AnswerTime', f.answer === null ? '' : cdrTime(f.answer)],
    ['EndTime', cdrTime(f.end)],
    ['Duration', String(wholeSeconds(f.end - f.start))],
    ['BillableSeconds', String(f.answer === null ? 0 : wholeSeconds(f.end - f.answer))],
    ['Disposition', f.disposition],
    ['AMAFlags', 'DOCUMENTATION'],
    ['UniqueID', f.uniqueid],
    ['UserField', ''],
  ]);
}

/** The hang-up handler `sim-agent-hh` the agent leg runs, from its start to its Return. */
export function agentHangupHandler(call: CallView, leg: LegView, state: State, priority: number): { start: AmiFrame[]; setIdle: AmiFrame; finish: AmiFrame[] } {
  const at = agentIn(call, leg, state, priority);
  const handler = `sim-agent-hh,s,1(${leg.exten})`;
  const returning = agentIn(call, leg, state, 2, 'both', true);
  return {
    start: [
      channelEvent('SoftHangupRequest', at, ['Cause', '16']),
      amiEvent('HangupHandlerRun', 'dialplan', channelHeaders(at), [['Handler', handler]]),
      varSet(at, 'LOCAL(ARG1)', leg.exten),
      varSet(at, 'LOCAL(ARGC)', '1'),
    ],
    setIdle: newexten(agentIn(call, leg, state, 1, 'both', true), 'Set', `DEVICE_STATE(${leg.stateInterface})=NOT_INUSE`),
    finish: [newexten(returning, 'Return', ''), varSet(returning, 'ARGC', ''), varSet(returning, 'ARG1', ''), varSet(returning, 'GOSUB_RETVAL', '')],
  };
}
