import type { AmiFrame, AmiHeader } from '../ami/amiFrame.js';

// Asterisk prints a channel as the same fourteen headers in every event, under a prefix for the
// second channel (`Dest…`) or the two halves of a Local channel (`LocalOne…`, `LocalTwo…`).

export interface ChannelSnapshot {
  name: string;
  state: 0 | 4 | 5 | 6;
  callerIdNum: string;
  callerIdName: string;
  connectedNum: string;
  connectedName: string;
  context: string;
  exten: string;
  priority: number;
  uniqueid: string;
  linkedid: string;
}

const STATE_DESC = { 0: 'Down', 4: 'Ring', 5: 'Ringing', 6: 'Up' } as const;

export function channelHeaders(c: ChannelSnapshot, prefix = ''): AmiHeader[] {
  return [
    [`${prefix}Channel`, c.name],
    [`${prefix}ChannelState`, String(c.state)],
    [`${prefix}ChannelStateDesc`, STATE_DESC[c.state]],
    [`${prefix}CallerIDNum`, c.callerIdNum],
    [`${prefix}CallerIDName`, c.callerIdName],
    [`${prefix}ConnectedLineNum`, c.connectedNum],
    [`${prefix}ConnectedLineName`, c.connectedName],
    [`${prefix}Language`, 'en'],
    [`${prefix}AccountCode`, ''],
    [`${prefix}Context`, c.context],
    [`${prefix}Exten`, c.exten],
    [`${prefix}Priority`, String(c.priority)],
    [`${prefix}Uniqueid`, c.uniqueid],
    [`${prefix}Linkedid`, c.linkedid],
  ];
}

export function bridgeHeaders(bridgeId: string, numChannels: number): AmiHeader[] {
  return [
    ['BridgeUniqueid', bridgeId],
    ['BridgeType', 'basic'],
    ['BridgeTechnology', 'simple_bridge'],
    ['BridgeCreator', '<unknown>'],
    ['BridgeName', '<unknown>'],
    ['BridgeNumChannels', String(numChannels)],
    ['BridgeVideoSourceMode', 'none'],
  ];
}

export type Privilege = 'call' | 'dialplan' | 'agent' | 'cdr' | 'system' | 'security';

export function amiEvent(name: string, privilege: Privilege, ...parts: AmiHeader[][]): AmiFrame {
  return { headers: [['Event', name], ['Privilege', `${privilege},all`], ...parts.flat()] };
}
