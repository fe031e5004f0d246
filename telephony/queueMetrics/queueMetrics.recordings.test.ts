import { describe, expect, it } from 'vitest';
import type { AmiFrame } from '../ami/amiFrame.js';
import { header } from '../ami/amiFrame.js';
import { connections, loadRecording, recordingNames } from '../testing/recordings.js';
import { replayConnection } from '../testing/replay.js';
import type { QueueMetricsState } from './index.js';
import {
  createQueueMetricsState,
  parseQueueEvent,
  reduceQueueMetrics,
  reduceQueueMetricsFrame,
  resync,
  selectAgents,
  selectPbxFigures,
  selectQueue,
} from './index.js';

// Every recording replayed into the reducer, checked against what Asterisk itself reports in the
// same recording: QueueStatus and QueueSummary answers, and the QUEUE* variables app_queue sets
// on the caller's channel. A figure is compared wherever the reducer can know it: members and
// waiting callers once a QueueStatus covered the queue (the desk always asks one after login;
// some recorded sessions did not), counters as deltas until a QueueStatus gave their baseline.

interface Mismatch {
  at: string;
  figure: string;
  asterisk: string | number;
  reducer: string | number;
}

interface ReplayResult {
  state: QueueMetricsState;
  now: number;
  mismatches: Mismatch[];
  comparisons: number;
}

const num = (frame: AmiFrame, name: string) => Number(header(frame, name));

/**
 * Member changes that no event reveals: `queue reload members` putting 1002 back sends nothing at
 * all (o-queue-reload-members). Only the desk's periodic QueueStatus finds them (queueService);
 * each is named here so that any other miss still fails.
 */
const SILENT_MEMBER_CHANGES = new Set(['o-queue-reload-members desk-5 alo153 member Local/1002@agents/n']);

function replay(name: string, conn: string | undefined): ReplayResult {
  const lines = loadRecording(name);
  let state: QueueMetricsState | null = null;
  let now = 0;
  /** Queues whose members a QueueStatus listed. */
  const known = new Set<string>();
  /** Queues whose waiting callers are all known: after a resync, or once a join/leave's Count matched ours. */
  const callersKnown = new Set<string>();
  const mismatches: Mismatch[] = [];
  let comparisons = 0;
  const offsets = new Map<string, number>();
  let varQueue = '';

  const check = (at: string, figure: string, asterisk: string | number, reducer: string | number) => {
    comparisons++;
    if (String(asterisk) !== String(reducer)) mismatches.push({ at, figure, asterisk, reducer });
  };
  /** A PBX counter compared as a delta until a resync gave the mirror its baseline. */
  const checkCounter = (at: string, queue: string, figure: 'completed' | 'abandoned', asterisk: number, ours: number, fromResync: boolean) => {
    if (fromResync) return check(at, figure, asterisk, ours);
    const key = `${queue}/${figure}`;
    if (!offsets.has(key)) offsets.set(key, asterisk - ours);
    check(at, `${figure} (delta)`, asterisk - offsets.get(key)!, ours);
  };

  replayConnection(lines, conn, {
    onEvent(event, t) {
      now = t;
      state ??= createQueueMetricsState(t);
      state = reduceQueueMetricsFrame(state, event, t);
      const parsed = parseQueueEvent(event);
      if (parsed?.kind === 'callerJoin' || parsed?.kind === 'callerLeave') {
        // Count is Asterisk's number of waiting callers after the join or leave.
        const ours = state.queues[parsed.queue]?.callers.length ?? 0;
        if (callersKnown.has(parsed.queue)) check(`${name}/${conn ?? ''} ${parsed.kind} @${t}`, `${parsed.queue} Count`, parsed.count, ours);
        else if (ours === parsed.count) callersKnown.add(parsed.queue);
      }
      if (header(event, 'Event') !== 'VarSet') return;
      const variable = header(event, 'Variable');
      const value = header(event, 'Value') ?? '';
      if (variable === 'QUEUENAME') varQueue = value;
      const queue = state.queues[varQueue];
      if (queue === undefined || value === '') return;
      const at = `${name}${conn ? `/${conn}` : ''} VarSet ${variable} @${t}`;
      if (variable === 'QUEUECALLS' && callersKnown.has(varQueue)) check(at, 'callers', Number(value), queue.callers.length);
      if (variable === 'QUEUECOMPLETED') checkCounter(at, varQueue, 'completed', Number(value), queue.pbx.completed, queue.pbx.fromResync);
      if (variable === 'QUEUEABANDONED') checkCounter(at, varQueue, 'abandoned', Number(value), queue.pbx.abandoned, queue.pbx.fromResync);
    },
    onList(list, t) {
      now = t;
      state ??= createQueueMetricsState(t);
      const action = header(list.request, 'Action')?.toLowerCase();
      const at = `${name}${conn ? `/${conn}` : ''} ${header(list.request, 'ActionID')} @${t}`;
      if (action === 'queuesummary') {
        for (const item of list.items) {
          const queue = header(item, 'Queue')!;
          const ours = selectPbxFigures(state, queue, t);
          if (ours === null) continue;
          if (callersKnown.has(queue)) {
            check(at, `${queue} Callers`, num(item, 'Callers'), ours.callers);
            check(at, `${queue} LongestHoldTime`, num(item, 'LongestHoldTime'), ours.longestHoldSec);
          }
          if (!known.has(queue)) continue;
          check(at, `${queue} LoggedIn`, num(item, 'LoggedIn'), ours.loggedIn);
          check(at, `${queue} Available`, num(item, 'Available'), ours.available);
          if (state.queues[queue]!.pbx.fromResync) {
            check(at, `${queue} HoldTime`, num(item, 'HoldTime'), ours.holdTimeSec);
            check(at, `${queue} TalkTime`, num(item, 'TalkTime'), ours.talkTimeSec);
          }
        }
        return;
      }
      if (action !== 'queuestatus') return;
      const memberFiltered = header(list.request, 'Member') !== undefined;
      for (const item of list.items) {
        const event = parseQueueEvent(item);
        if (event?.kind === 'queueParams' && state.queues[event.queue] !== undefined) {
          const ours = selectPbxFigures(state, event.queue, t)!;
          if (callersKnown.has(event.queue)) check(at, `${event.queue} Calls`, event.calls, ours.callers);
          const mirror = state.queues[event.queue]!.pbx;
          checkCounter(at, event.queue, 'completed', event.completed, mirror.completed, mirror.fromResync);
          checkCounter(at, event.queue, 'abandoned', event.abandoned, mirror.abandoned, mirror.fromResync);
        }
        if (event?.kind === 'queueMember') {
          const m = event.member;
          const ours = state.queues[m.queue]?.members.get(m.interface);
          if (ours === undefined) {
            const silent = SILENT_MEMBER_CHANGES.has(`${name} ${header(list.request, 'ActionID')} ${m.queue} member ${m.interface}`);
            if (known.has(m.queue) && !silent) check(at, `${m.queue} member ${m.interface}`, 'listed', 'unknown');
            continue;
          }
          // A member known only by its pause device has no status yet: this very QueueStatus,
          // which the desk asks for on seeing it, gives it.
          const fromPauseDevice = ours.membership === '' && ours.status === 0;
          if (!fromPauseDevice) check(at, `${m.interface} Status`, m.status, ours.status);
          check(at, `${m.interface} Paused`, String(m.paused), String(ours.paused));
          check(at, `${m.interface} PausedReason`, m.pausedReason, ours.pausedReason);
          check(at, `${m.interface} CallsTaken`, m.callsTaken, ours.callsTaken);
        }
        if (event?.kind === 'queueEntry' && callersKnown.has(event.queue)) {
          const ours = state.queues[event.queue]!.callers.find((c) => c.uniqueid === event.uniqueid);
          check(at, `${event.queue} entry ${event.position}`, event.uniqueid, ours?.uniqueid ?? 'missing');
          check(at, `${event.queue} entry ${event.position} Wait`, event.waitSec, Math.floor(t / 1000) - Math.floor((ours?.joinedAt ?? 0) / 1000));
        }
      }
      if (memberFiltered) {
        // Not a resync: the answer describes one member; it is reduced as member events.
        for (const item of list.items) {
          const event = parseQueueEvent(item);
          if (event?.kind === 'queueMember') state = reduceQueueMetrics(state, { kind: 'memberStatus', member: event.member }, t);
        }
        return;
      }
      state = resync(state, list.items, t, header(list.request, 'Queue') === undefined ? 'all' : 'listed');
      for (const item of list.items) {
        const event = parseQueueEvent(item);
        if (event?.kind !== 'queueParams') continue;
        known.add(event.queue);
        callersKnown.add(event.queue);
        // Right after the resync the selectors must say what the answer said.
        const ours = selectPbxFigures(state, event.queue, t)!;
        const listed = list.items.filter((i) => header(i, 'Queue') === event.queue);
        const members = listed.filter((i) => header(i, 'Event') === 'QueueMember');
        check(at, `${event.queue} resync Calls`, event.calls, ours.callers);
        check(at, `${event.queue} resync Completed`, event.completed, ours.completed);
        check(at, `${event.queue} resync Abandoned`, event.abandoned, ours.abandoned);
        check(at, `${event.queue} resync members`, members.length, state.queues[event.queue]!.members.size);
        check(at, `${event.queue} resync Paused`, members.filter((m) => header(m, 'Paused') === '1').length, ours.paused);
      }
    },
  });
  return { state: state ?? createQueueMetricsState(now), now, mismatches, comparisons };
}

function replayAll(name: string): Array<ReplayResult & { conn: string }> {
  return connections(loadRecording(name)).map((conn) => ({ conn, ...replay(name, conn === '' ? undefined : conn) }));
}

describe('queue metrics against every recording', () => {
  it('covers every recording in fixtures/ami', () => {
    expect(recordingNames()).toEqual([
      'a-idle-status.jsonl',
      'b-single-call-answered.jsonl',
      'c-caller-abandon.jsonl',
      'd-pause-unpause.jsonl',
      'e-ring-no-answer.jsonl',
      'g-originate-callback.jsonl',
      'h-filter-and-errors.jsonl',
      'i-restart-reconnect.jsonl',
      'j-webrtc-agent.jsonl',
      'n-agent-hangup-short-calls.jsonl',
      'o-queue-reload-members.jsonl',
      'q-pause-reasons-and-wrapup.jsonl',
    ]);
  });

  for (const file of recordingNames()) {
    const name = file.replace(/\.jsonl$/, '');
    it(`${name}: equals every figure Asterisk reports`, () => {
      for (const result of replayAll(name)) expect(result.mismatches, `${name}/${result.conn}`).toEqual([]);
    });
  }

  it('compares a meaningful number of figures per recording', () => {
    const counts = Object.fromEntries(recordingNames().map((file) => [file.slice(0, 1), replayAll(file.replace(/\.jsonl$/, '')).reduce((n, r) => n + r.comparisons, 0)]));
    // g has no queue activity at all (call-backs by Originate).
    for (const [recording, count] of Object.entries(counts)) if (recording !== 'g') expect(count, recording).toBeGreaterThan(0);
  });
});

describe('queue metrics: what each recording adds up to', () => {
  it('a: idle queues after QueueAdd, as QueueSummary lists them', () => {
    const { state, now } = replayAll('a-idle-status')[0]!;
    expect(selectQueue(state, 'alo153', now)!.agents).toEqual({ loggedIn: 3, available: 3, ringing: 0, onCall: 0, paused: 0, wrapUp: 0, loggedOut: 0 });
    expect(selectQueue(state, 'geri-bildirim', now)!.agents.loggedIn).toBe(2);
  });

  it('b: one call answered after ~2 s, talked ~3 s', () => {
    const { state, now } = replayAll('b-single-call-answered')[0]!;
    const alo = selectQueue(state, 'alo153', now)!;
    expect(alo.sinceStart).toMatchObject({ answered: 1, abandoned: 0, timedOut: 0, completed: 1, avgTalkSec: 3, serviceLevelPct: 100, abandonRatePct: 0 });
    // Join at 1524 ms, leave at 3531 ms of the recording: a true wait of 2.0 s.
    expect(alo.sinceStart.asaSec).toBe(2);
    expect(alo.waiting).toBe(0);
    const ayse = selectAgents(state, now).find((a) => a.name === 'Ayşe Yılmaz')!;
    expect([ayse.activity, ayse.answeredSinceStart, ayse.ringNoAnswerSinceStart]).toEqual(['available', 1, 0]);
  });

  it('c: the caller who hung up after 6 s is abandoned, not timed out', () => {
    const { state, now } = replayAll('c-caller-abandon')[0]!;
    const alo = selectQueue(state, 'alo153', now)!;
    expect(alo.sinceStart).toMatchObject({ answered: 0, abandoned: 1, timedOut: 0, abandonRatePct: 100, serviceLevel2Pct: 100 });
    expect(alo.sinceStart.avgWaitAllSec).toBeCloseTo(6, 0);
    expect(alo.agents).toMatchObject({ loggedIn: 3, available: 0, paused: 3 });
    expect(state.queues.alo153!.pbx).toMatchObject({ fromResync: true, completed: 1, abandoned: 1 });
  });

  it('d: pause reasons per queue, cleared on unpause', () => {
    const { state, now } = replayAll('d-pause-unpause')[0]!;
    const agents = selectAgents(state, now);
    expect(agents.map((a) => [a.name, a.activity, a.pausedReason])).toEqual([
      ['Ayşe Yılmaz', 'available', ''],
      ['Mehmet Demir', 'available', ''],
      ['Zeynep Kaya', 'available', ''],
    ]);
  });

  it('e: two rings without answer for Ayşe, then Mehmet answers after a 36 s wait', () => {
    const { state, now } = replayAll('e-ring-no-answer')[0]!;
    const alo = selectQueue(state, 'alo153', now)!;
    expect(alo.sinceStart).toMatchObject({ answered: 1, serviceLevelPct: 0 });
    expect(alo.sinceStart.asaSec).toBeCloseTo(36, 0);
    const byName = Object.fromEntries(selectAgents(state, now).map((a) => [a.name, a]));
    expect([byName['Ayşe Yılmaz']!.ringNoAnswerSinceStart, byName['Mehmet Demir']!.answeredSinceStart]).toEqual([2, 1]);
  });

  it('h: the session filtered to Queue* still counts the answered call from the queue events alone', () => {
    const [filtered, deskq] = replayAll('h-filter-and-errors');
    if (filtered === undefined || deskq === undefined) throw new Error('h has two desk sessions');
    expect(filtered.conn).toBe('filtered');
    expect(selectQueue(filtered.state, 'alo153', filtered.now)!.sinceStart).toMatchObject({ answered: 1, abandoned: 0, completed: 0 });
    expect(deskq.conn).toBe('deskq');
    expect(selectQueue(deskq.state, 'alo153', deskq.now)!.sinceStart).toMatchObject({ answered: 1, completed: 1 });
  });

  it('i: the QueueStatus after the restart shows zeroed PBX counters; ours are not reset by the resync', () => {
    const c2 = replayAll('i-restart-reconnect')[1]!;
    expect(c2.state.queues.alo153!.pbx).toMatchObject({ fromResync: true, completed: 0, abandoned: 0 });
    const before = reduceQueueMetrics(createQueueMetricsState(c2.now), parseQueueEvent(agentCompleteFrame())!, c2.now);
    const after = resync(before, [], c2.now + 1);
    expect(selectQueue(after, 'alo153', c2.now + 1)!.sinceStart.completed).toBe(1);
  });

  it('j: the WebRTC member PJSIP/1004 answers a geri-bildirim call and is removed afterwards', () => {
    const { state, now } = replayAll('j-webrtc-agent')[0]!;
    const geri = selectQueue(state, 'geri-bildirim', now)!;
    expect(geri.sinceStart).toMatchObject({ answered: 1, completed: 1 });
    expect(state.queues['geri-bildirim']!.members.has('PJSIP/1004')).toBe(false);
  });
});

function agentCompleteFrame(): AmiFrame {
  return {
    headers: [
      ['Event', 'AgentComplete'],
      ['Queue', 'alo153'],
      ['Uniqueid', '1.1'],
      ['Interface', 'Local/1001@sim-agent/n'],
      ['HoldTime', '2'],
      ['TalkTime', '3'],
    ],
  };
}

describe('a ringing Local member (n-agent-hangup-short-calls)', () => {
  it('is ringing from AgentCalled to AgentConnect although its device says "in use", then on a call', () => {
    const lines = loadRecording('n-agent-hangup-short-calls');
    let state: QueueMetricsState | null = null;
    const seen: string[] = [];
    replayConnection(lines, connections(lines)[0], {
      onList: (list, now) => {
        if (header(list.request, 'Action')?.toLowerCase() === 'queuestatus') state = resync(state ?? createQueueMetricsState(now), list.items, now);
      },
      onEvent: (event, now) => {
        if (state === null) return;
        state = reduceQueueMetricsFrame(state, event, now);
        const name = header(event, 'Event');
        // At AgentComplete the device may still be "in use" until its status event a moment later.
        if (header(event, 'Interface') !== 'Local/1001@agents/n' || !['AgentCalled', 'AgentConnect'].includes(name ?? '')) return;
        const { ringing, onCall } = selectQueue(state, header(event, 'Queue')!, now)!.agents;
        seen.push(`${name} ringing=${ringing} onCall=${onCall}`);
      },
    });
    expect(seen.length).toBeGreaterThan(100);
    expect([...new Set(seen)].sort()).toEqual(['AgentCalled ringing=1 onCall=0', 'AgentConnect ringing=0 onCall=1']);
  });
});
