import type { AgentCall } from '../core/call.js';
import type { AmiFrame } from './ami/amiFrame.js';
import { header } from './ami/amiFrame.js';

// Screen-pop correlation keyed by Linkedid, which is the same on every leg of one call.
// Agents are matched by the member Interface only: an agent leg's DestExten shows the caller's
// number, not the agent's, and channel names differ between Local and PJSIP members.

function callerNameOf(event: AmiFrame): string | null {
  const name = header(event, 'CallerIDName');
  return name === undefined || name === '' || name === '<unknown>' ? null : name;
}

/** HoldTime and TalkTime are whole seconds in AgentConnect/AgentComplete. */
function seconds(event: AmiFrame, name: string): number | null {
  const value = Number(header(event, name));
  return Number.isFinite(value) && value >= 0 ? value : null;
}

function end(current: AgentCall, now: number): AgentCall {
  return { ...current, phase: 'ended', endedAt: now };
}

/** Returns `current` itself when the event changes nothing, so the caller can skip a push. */
export function reduceAgentCall(current: AgentCall | null, event: AmiFrame, agentInterface: string, now: number): AgentCall | null {
  const name = header(event, 'Event')?.toLowerCase();
  if (name === undefined) return current;

  if (name === 'agentcalled') {
    const linkedid = header(event, 'Linkedid');
    if (header(event, 'Interface') !== agentInterface || linkedid === undefined) return current;
    return {
      linkedid,
      queue: header(event, 'Queue') ?? '',
      callerNumber: header(event, 'CallerIDNum') ?? '',
      callerName: callerNameOf(event),
      phase: 'ringing',
      ringingSince: now,
      answeredAt: null,
      endedAt: null,
      queueWaitSec: null,
      talkSec: null,
    };
  }

  if (current === null || current.phase === 'ended' || header(event, 'Linkedid') !== current.linkedid) return current;
  const forThisAgent = header(event, 'Interface') === agentInterface;

  switch (name) {
    case 'agentconnect':
      return forThisAgent && current.phase === 'ringing'
        ? { ...current, phase: 'connected', answeredAt: now, queueWaitSec: seconds(event, 'HoldTime') }
        : current;
    case 'agentcomplete':
      return forThisAgent ? { ...end(current, now), talkSec: seconds(event, 'TalkTime') } : current;
    case 'agentringnoanswer':
    case 'agentdump':
      return forThisAgent ? end(current, now) : current;
    case 'queuecallerabandon':
      return current.phase === 'ringing' ? end(current, now) : current;
    case 'hangup':
      // The caller's first channel has Uniqueid == Linkedid; agent legs hanging up after a
      // no-answer share the Linkedid but must not end the pop (AgentRingNoAnswer does that).
      return current.phase === 'ringing' && header(event, 'Uniqueid') === current.linkedid ? end(current, now) : current;
    default:
      return current;
  }
}
