import type { ChannelSnapshot } from './eventHeaders.js';
import type { CallView, LegView } from './queueFacts.js';

// What each channel of a simulated call looks like at a given point of the recorded dialplan:
// which caller ID it shows, its state, context, extension and priority.

export const UNKNOWN = '<unknown>';
/** none: nothing known yet; cid: own caller ID set; both: caller ID and connected line set. */
export type Ids = 'none' | 'cid' | 'both';
export type State = ChannelSnapshot['state'];

export const displayName = (call: CallView) => (call.name === null || call.name === '' ? UNKNOWN : call.name);

function snapshot(call: CallView, name: string, uniqueid: string, state: State, context: string, exten: string, priority: number, ids: Ids): ChannelSnapshot {
  const known = ids !== 'none';
  return {
    name,
    state,
    callerIdNum: known ? call.number : UNKNOWN,
    callerIdName: known ? displayName(call) : UNKNOWN,
    connectedNum: ids === 'both' ? call.number : UNKNOWN,
    connectedName: ids === 'both' ? displayName(call) : UNKNOWN,
    context,
    exten,
    priority,
    uniqueid,
    linkedid: call.linkedid,
  };
}

/** `;1` is the caller's phone; after answering it runs `sim-phone,s` (Wait 3600). */
export const phone = (call: CallView, state: State, ids: Ids, inPhoneContext = false, priority = 1) =>
  snapshot(call, `${call.channel};1`, call.uniqueids[0], state, inPhoneContext ? 'sim-phone' : 'sim-caller', inPhoneContext ? 's' : call.number, priority, ids);

/** `;2` runs the caller's dialplan and then sits in Queue() at priority 6. */
export const queued = (call: CallView, state: State, priority: number, ids: Ids) =>
  snapshot(call, `${call.channel};2`, call.uniqueids[1], state, 'sim-caller', call.number, priority, ids);
export const inQueue = (call: CallView) => queued(call, 6, 6, 'both');

/** The agent leg's `;1`, Queue()'s outgoing side; once ringing its Exten shows the caller's number. */
export const agentOut = (call: CallView, leg: LegView, state: State, ids: Ids, exten = leg.exten) =>
  snapshot(call, `${leg.channel};1`, leg.uniqueids[0], state, leg.context, exten, 1, ids);

/** The agent leg's `;2`, which runs the agent's dialplan (and its hang-up handler in `sim-agent-hh`). */
export const agentIn = (call: CallView, leg: LegView, state: State, priority: number, ids: Ids = 'both', handler = false) =>
  snapshot(call, `${leg.channel};2`, leg.uniqueids[1], state, handler ? 'sim-agent-hh' : leg.context, handler ? 's' : leg.exten, priority, ids);
