import type { AgentCall } from '../core/call.js';
import type { AmiFrame } from './ami/amiFrame.js';
import { header } from './ami/amiFrame.js';
import { channelDevice } from './queueMetrics/reduceQueueMetrics.js';

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

  if (current === null) return current;
  const forThisAgent = header(event, 'Interface') === agentInterface;
  const linkedid = header(event, 'Linkedid');
  // When the agent's side hangs up, app_queue may publish AgentComplete after the caller's
  // channel is gone: no Channel, Uniqueid, Linkedid or Dest* headers (n-agent-hangup-short-calls).
  // The member's Interface still names it, and an agent has one queue call at a time.
  const completesThisAgent = name === 'agentcomplete' && forThisAgent && (linkedid === undefined || linkedid === current.linkedid);
  if (current.phase === 'ended') {
    // The call may already have ended by the member going idle, which comes just before
    // AgentComplete on an agent's hang-up: the PBX's own talk time still belongs to it.
    return completesThisAgent && current.talkSec === null ? { ...current, talkSec: seconds(event, 'TalkTime') } : current;
  }
  if (completesThisAgent) return { ...end(current, now), talkSec: seconds(event, 'TalkTime') };
  // The member's device back to idle (Status 1) while on the call: the call is over, whatever
  // else was lost (an AgentComplete filtered out by a session's `Filter: Event: Queue*`, say).
  // A ringing Local member reports Status 2, so only a connected call is ended this way.
  if (name === 'queuememberstatus' && forThisAgent && current.phase === 'connected' && header(event, 'Status') === '1') return end(current, now);
  if (linkedid !== current.linkedid) return current;

  switch (name) {
    case 'agentconnect':
      return forThisAgent && current.phase === 'ringing'
        ? { ...current, phase: 'connected', answeredAt: now, queueWaitSec: seconds(event, 'HoldTime') }
        : current;
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

/** Whole seconds of a CoreShowChannel `Duration` (HH:MM:SS). */
function durationSeconds(value: string | undefined): number {
  const match = /^(\d+):(\d{2}):(\d{2})$/.exec(value ?? '');
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : 0;
}

/**
 * The agent's call as CoreShowChannels shows it after a (re)connect: the desk (or the PBX link)
 * restarted in the middle of a call, when its AgentCalled is long gone. The agent's leg is the
 * channel of its device; the caller is the call's first channel (Uniqueid = Linkedid), and the
 * channel of the call running the Queue application names the queue. Null when the agent has no channel.
 */
export function agentCallFromChannels(channels: readonly AmiFrame[], agentInterface: string, now: number): AgentCall | null {
  const device = channelDevice(agentInterface.replace(/\/n$/, ''));
  const leg = channels.find((c) => channelDevice(header(c, 'Channel') ?? '') === device && header(c, 'Linkedid') !== undefined);
  if (leg === undefined) return null;
  const linkedid = header(leg, 'Linkedid')!;
  const caller = channels.find((c) => header(c, 'Uniqueid') === linkedid);
  const inQueue = channels.find((c) => header(c, 'Linkedid') === linkedid && header(c, 'Application') === 'Queue');
  const up = header(leg, 'ChannelState') === '6';
  const since = now - durationSeconds(header(leg, 'Duration')) * 1000;
  const name = header(caller ?? leg, caller ? 'CallerIDName' : 'ConnectedLineName');
  return {
    linkedid,
    queue: inQueue === undefined ? '' : (header(inQueue, 'ApplicationData') ?? '').split(',')[0]!,
    callerNumber: header(caller ?? leg, caller ? 'CallerIDNum' : 'ConnectedLineNum') ?? '',
    callerName: name === undefined || name === '' || name === '<unknown>' ? null : name,
    phase: up ? 'connected' : 'ringing',
    ringingSince: since,
    answeredAt: up ? since : null,
    endedAt: null,
    queueWaitSec: null,
    talkSec: null,
  };
}

/**
 * What a resync means for the call on screen: the same call goes on (kept as it is, so its
 * times stay exact), a call the desk missed appears, and a call that ended while the link was
 * down ends.
 */
export function resyncAgentCall(current: AgentCall | null, channels: readonly AmiFrame[], agentInterface: string, now: number): AgentCall | null {
  const seen = agentCallFromChannels(channels, agentInterface, now);
  if (seen === null) return current !== null && current.phase !== 'ended' ? end(current, now) : current;
  if (current !== null && current.linkedid === seen.linkedid) {
    return current.phase === 'ringing' && seen.phase === 'connected' ? { ...current, phase: 'connected', answeredAt: now } : current;
  }
  return seen;
}
