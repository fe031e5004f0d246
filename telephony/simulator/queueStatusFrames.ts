import type { AmiFrame, AmiHeader } from '../ami/amiFrame.js';
import { amiEvent } from './eventHeaders.js';
import type { EntryView, MemberView, QueueStatusView } from './queueFacts.js';

// Member and queue figures appear under different header names depending on the event
// (QueueMember: Name/Location; QueueMemberStatus: MemberName/Interface; QueueParams: Holdtime;
// QueueSummary: HoldTime), exactly as app_queue prints them.

/** QueueMemberStatus, or the same fields under another member event's name (QueueMemberPause/Added/Removed). */
export function queueMemberStatus(m: MemberView, name = 'QueueMemberStatus', pausedReason = m.pausedReason): AmiFrame {
  return amiEvent(name, 'agent', [
    ['Queue', m.queue],
    ['MemberName', m.memberName],
    ['Interface', m.interface],
    ['StateInterface', m.stateInterface],
    ['Membership', m.membership],
    ['Penalty', String(m.penalty)],
    ['CallsTaken', String(m.callsTaken)],
    ['LastCall', String(m.lastCall)],
    ['LastPause', String(m.lastPause)],
    ['LoginTime', String(m.loginTime)],
    ['InCall', '0'],
    ['Status', String(m.status)],
    ['Paused', m.paused ? '1' : '0'],
    ['PausedReason', pausedReason],
    ['Ringinuse', '0'],
    ['Wrapuptime', '0'],
  ]);
}

/** List items carry no Privilege header and end with the ActionID (when the request had one). */
function listItem(name: string, headers: AmiHeader[], actionId: string | undefined): AmiFrame {
  return { headers: [['Event', name], ...headers, ...(actionId === undefined ? [] : [['ActionID', actionId] as AmiHeader])] };
}

export function listComplete(name: string, actionId: string | undefined, count: number): AmiFrame {
  return {
    headers: [
      ['Event', name],
      ...(actionId === undefined ? [] : [['ActionID', actionId] as AmiHeader]),
      ['EventList', 'Complete'],
      ['ListItems', String(count)],
    ],
  };
}

function queueParams(q: QueueStatusView, actionId: string | undefined): AmiFrame {
  const v = q.vars;
  return listItem(
    'QueueParams',
    [
      ['Queue', v.name],
      ['Max', '0'],
      ['Strategy', v.strategy],
      ['Calls', String(v.calls)],
      ['Holdtime', String(v.holdtime)],
      ['TalkTime', String(v.talktime)],
      ['Completed', String(v.completed)],
      ['Abandoned', String(v.abandoned)],
      ['ServiceLevel', String(v.serviceLevel)],
      ['ServicelevelPerf', v.serviceLevelPerf],
      ['ServicelevelPerf2', v.serviceLevelPerf2],
      ['Weight', '0'],
    ],
    actionId,
  );
}

function queueMember(m: MemberView, actionId: string | undefined): AmiFrame {
  return listItem(
    'QueueMember',
    [
      ['Queue', m.queue],
      ['Name', m.memberName],
      ['Location', m.interface],
      ['StateInterface', m.stateInterface],
      ['Membership', m.membership],
      ['Penalty', String(m.penalty)],
      ['CallsTaken', String(m.callsTaken)],
      ['LastCall', String(m.lastCall)],
      ['LastPause', String(m.lastPause)],
      ['LoginTime', String(m.loginTime)],
      ['InCall', '0'],
      ['Status', String(m.status)],
      ['Paused', m.paused ? '1' : '0'],
      ['PausedReason', m.pausedReason],
      ['Wrapuptime', '0'],
    ],
    actionId,
  );
}

function queueEntry(e: EntryView, actionId: string | undefined): AmiFrame {
  const name = e.name === null || e.name === '' ? '<unknown>' : e.name;
  return listItem(
    'QueueEntry',
    [
      ['Queue', e.queue],
      ['Position', String(e.position)],
      ['Channel', e.channel],
      ['Uniqueid', e.uniqueid],
      ['CallerIDNum', e.number],
      ['CallerIDName', name],
      ['ConnectedLineNum', e.number],
      ['ConnectedLineName', name],
      ['Wait', String(e.waitSeconds)],
      ['Priority', '0'],
    ],
    actionId,
  );
}

/** QueueStatus items; `memberFilter` is the action's optional `Member:` header. */
export function queueStatusItems(queues: QueueStatusView[], actionId: string | undefined, memberFilter?: string): AmiFrame[] {
  return queues.flatMap((q) => [
    queueParams(q, actionId),
    ...q.members.filter((m) => memberFilter === undefined || m.interface === memberFilter).map((m) => queueMember(m, actionId)),
    ...q.entries.map((e) => queueEntry(e, actionId)),
  ]);
}

export function queueSummaryItems(queues: QueueStatusView[], actionId: string | undefined): AmiFrame[] {
  return queues.map((q) =>
    listItem(
      'QueueSummary',
      [
        ['Queue', q.vars.name],
        ['LoggedIn', String(q.members.length)],
        ['Available', String(q.members.filter((m) => m.status === 1 && !m.paused).length)],
        ['Callers', String(q.entries.length)],
        ['HoldTime', String(q.vars.holdtime)],
        ['TalkTime', String(q.vars.talktime)],
        ['LongestHoldTime', String(q.longestHoldSeconds)],
      ],
      actionId,
    ),
  );
}
