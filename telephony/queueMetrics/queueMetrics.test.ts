import { describe, expect, it } from 'vitest';
import type { AmiFrame, AmiHeader } from '../ami/amiFrame.js';
import { appendToWindow, CHUNK_MS, EMPTY_WINDOW, MAX_WINDOW_RECORDS, windowTally } from './callTally.js';
import type { QueueEvent, QueueMetricsState } from './index.js';
import {
  applyChannels,
  calendarDay,
  createQueueMetricsState,
  parseQueueEvent,
  reduceQueueMetrics,
  reduceQueueMetricsFrame,
  restoreDayCounters,
  resync,
  selectAgents,
  selectQueue,
  serializeDayCounters,
  appendHistory,
  toAgentRows,
  toQueueTiles,
} from './index.js';
import { AgentRow, QueueTile } from '../../core/queue.js';
import { emptyMap, mapOf } from './persistentMap.js';

// 2026-11-23 10:00:00 in Istanbul (UTC+3).
const T0 = Date.UTC(2026, 10, 23, 7, 0, 0);
const Q = 'alo153';
const AYSE = 'Local/1001@sim-agent/n';
const MEHMET = 'Local/1002@sim-agent/n';

const frame = (...headers: AmiHeader[]): AmiFrame => ({ headers });

function memberStatus(iface: string, status: number, extra: Partial<Record<string, string>> = {}): AmiFrame {
  const fields: Record<string, string> = {
    Queue: Q,
    MemberName: iface === AYSE ? 'Ayşe Yılmaz' : 'Mehmet Demir',
    Interface: iface,
    StateInterface: iface === AYSE ? 'Custom:1001' : 'Custom:1002',
    Membership: 'static',
    Penalty: '0',
    CallsTaken: '0',
    LastCall: '0',
    LastPause: '0',
    LoginTime: String(Math.floor(T0 / 1000) - 3600),
    InCall: '0',
    Status: String(status),
    Paused: '0',
    PausedReason: '',
    Ringinuse: '0',
    Wrapuptime: '0',
    ...extra,
  };
  return frame(['Event', extra.Event ?? 'QueueMemberStatus'], ...Object.entries(fields).filter(([k]) => k !== 'Event'));
}

const caller = (event: string, uniqueid: string, extra: AmiHeader[] = []) =>
  frame(['Event', event], ['Channel', `Local/9053@sim-caller-0000000${uniqueid.slice(-1)};2`], ['Uniqueid', uniqueid], ['Linkedid', `L${uniqueid}`], ['Queue', Q], ...extra);

const join = (uniqueid: string, position: number, count = position) =>
  caller('QueueCallerJoin', uniqueid, [
    ['CallerIDNum', '905321112233'],
    ['CallerIDName', 'Vatandaş Ali'],
    ['Position', String(position)],
    ['Count', String(count)],
  ]);
const leave = (uniqueid: string, position = 1, count = 0) => caller('QueueCallerLeave', uniqueid, [['Position', String(position)], ['Count', String(count)]]);
const abandon = (uniqueid: string, hold: number) =>
  caller('QueueCallerAbandon', uniqueid, [['Position', '1'], ['OriginalPosition', '1'], ['HoldTime', String(hold)]]);
const hangupRequest = (uniqueid: string) => frame(['Event', 'HangupRequest'], ['Channel', 'x'], ['Uniqueid', uniqueid], ['Linkedid', `L${uniqueid}`], ['Cause', '16']);
const agentEvent = (event: string, uniqueid: string, iface: string, extra: AmiHeader[] = []) =>
  caller(event, uniqueid, [['DestChannel', 'Local/1001@sim-agent-00000001;1'], ['Interface', iface], ['MemberName', 'x'], ...extra]);

/** Feeds frames at the given offsets (ms after T0). */
function run(steps: Array<[number, AmiFrame]>, state: QueueMetricsState = createQueueMetricsState(T0)): QueueMetricsState {
  return steps.reduce((s, [at, f]) => reduceQueueMetricsFrame(s, f, T0 + at), state);
}

describe('typed AMI events', () => {
  it('matches header names case-insensitively and maps QueueMember Name/Location onto the member', () => {
    const listItem = parseQueueEvent(
      frame(['Event', 'QueueMember'], ['queue', Q], ['NAME', 'Ayşe Yılmaz'], ['location', AYSE], ['Status', '6'], ['Paused', '1'], ['PausedReason', 'Lunch']),
    );
    expect(listItem).toMatchObject({ kind: 'queueMember', member: { queue: Q, name: 'Ayşe Yılmaz', interface: AYSE, status: 6, paused: true, pausedReason: 'Lunch' } });
    expect(parseQueueEvent(frame(['event', 'agentringnoanswer'], ['RINGTIME', '15000'], ['Interface', AYSE]))).toMatchObject({ ringTimeMs: 15000 });
    expect(parseQueueEvent(frame(['Event', 'CoreShowChannel'], ['Channel', 'PJSIP/1004-00000003'], ['Duration', '01:02:03']))).toMatchObject({
      kind: 'channel',
      durationSec: 3723,
    });
  });

  it('ignores unknown events, responses and names that are Object.prototype keys', () => {
    expect(parseQueueEvent(frame(['Event', 'Newexten'], ['Channel', 'x']))).toBeNull();
    expect(parseQueueEvent(frame(['Response', 'Success'], ['Message', 'Pong']))).toBeNull();
    expect(parseQueueEvent(frame(['Event', 'constructor']))).toBeNull();
    expect(parseQueueEvent(frame(['Event', 'QueueMemberPaused'], ['Interface', AYSE], ['Paused', '1']))).toMatchObject({ kind: 'memberPause' });
  });
});

describe('queue metrics reducer', () => {
  it('tells a caller hang-up from a queue timeout by the hang-up before QueueCallerAbandon', () => {
    const state = run([
      [0, hangupRequest('0.0')], // this feed carries hang-ups
      [0, join('1.1', 1)],
      [0, join('1.2', 2)],
      [12_000, hangupRequest('1.1')],
      [12_010, abandon('1.1', 12)],
      [12_010, leave('1.1', 1, 1)],
      [90_000, abandon('1.2', 90)], // no hang-up first: Queue()'s timeout
      [90_000, leave('1.2', 1, 0)],
    ]);
    const figures = selectQueue(state, Q, T0 + 90_000)!.sinceStart;
    expect(figures).toMatchObject({ answered: 0, abandoned: 1, timedOut: 1, abandonRatePct: 50, serviceLevel2Pct: 50 });
    expect(figures.avgWaitAllSec).toBe(51);
    expect(state.queues[Q]!.pbx.abandoned).toBe(2); // Asterisk counts both
  });

  it('counts every abandon as abandoned in a feed without hang-ups (Filter: Event: Queue*)', () => {
    const state = run([
      [0, join('1.1', 1)],
      [30_000, abandon('1.1', 30)],
      [30_000, leave('1.1')],
    ]);
    expect(selectQueue(state, Q, T0 + 30_000)!.sinceStart).toMatchObject({ abandoned: 1, timedOut: 0 });
  });

  it('counts an answer at the leave, once, with the true wait; a late AgentConnect is not a second answer', () => {
    const state = run([
      [0, join('1.1', 1)],
      [2_500, leave('1.1')],
      [2_500, agentEvent('AgentConnect', '1.1', AYSE, [['HoldTime', '3'], ['RingTime', '1']])],
      [9_000, agentEvent('AgentComplete', '1.1', AYSE, [['HoldTime', '3'], ['TalkTime', '6'], ['Reason', 'caller']])],
    ]);
    const figures = selectQueue(state, Q, T0 + 9_000)!.sinceStart;
    expect(figures).toMatchObject({ answered: 1, completed: 1, asaSec: 2.5, avgTalkSec: 6, serviceLevelPct: 100 });
    expect(state.queues[Q]!.pbx).toMatchObject({ completed: 1, holdTimeSec: 3, talkTimeSec: 6 });
  });

  it('counts an AgentConnect whose join and leave came before the reducer started, with Asterisk HoldTime', () => {
    const state = run([[0, agentEvent('AgentConnect', '1.7', AYSE, [['HoldTime', '25'], ['RingTime', '2']])]]);
    expect(selectQueue(state, Q, T0)!.sinceStart).toMatchObject({ answered: 1, asaSec: 25, serviceLevelPct: 0 });
  });

  it('keeps positions 1..n as callers leave from the middle', () => {
    const state = run([
      [0, join('1.1', 1)],
      [0, join('1.2', 2)],
      [0, join('1.3', 3)],
      [5_000, leave('1.2', 2, 2)],
    ]);
    const snapshot = selectQueue(state, Q, T0 + 7_900)!;
    expect(snapshot.callers.map((c) => [c.position, c.uniqueid, c.waitSec])).toEqual([
      [1, '1.1', 7],
      [2, '1.3', 7],
    ]);
    expect([snapshot.waiting, snapshot.longestWaitSec]).toEqual([2, 7]);
  });

  it('derives agent activity: ringing, on call, wrap-up (queues.conf wrapuptime), available, paused with reason', () => {
    let state = createQueueMetricsState(T0, { wrapUpSec: { [Q]: 10 } });
    const lastCall = String(Math.floor(T0 / 1000) + 20);
    state = run(
      [
        [0, memberStatus(AYSE, 1)],
        [0, memberStatus(MEHMET, 1, { Event: 'QueueMemberPause', Paused: '1', PausedReason: 'Toplantı', LastPause: String(Math.floor(T0 / 1000)) })],
        [1_000, memberStatus(AYSE, 6)],
        [3_000, memberStatus(AYSE, 2)],
        [3_000, agentEvent('AgentConnect', '1.1', AYSE, [['HoldTime', '2'], ['RingTime', '2']])],
        [20_000, memberStatus(AYSE, 1, { CallsTaken: '1', LastCall: lastCall })],
      ],
      state,
    );
    const at = (ms: number) => Object.fromEntries(selectAgents(state, T0 + ms).map((a) => [a.interface, [a.activity, a.pausedReason, a.inStateSec]]));
    expect(at(25_000)).toEqual({ [AYSE]: ['wrap-up', '', 5], [MEHMET]: ['paused', 'Toplantı', 25] });
    expect(at(32_000)[AYSE]).toEqual(['available', '', 2]);
    expect(selectQueue(state, Q, T0 + 25_000)!.agents).toEqual({ loggedIn: 2, available: 0, ringing: 0, onCall: 0, paused: 1, wrapUp: 1, loggedOut: 0 });
    // Unpausing with a reason: the event carries it, the member keeps none (as QueueStatus shows).
    state = reduceQueueMetricsFrame(state, memberStatus(MEHMET, 1, { Event: 'QueueMemberPause', Paused: '0', PausedReason: 'Geri döndü' }), T0 + 40_000);
    expect(state.queues[Q]!.members.get(MEHMET)).toMatchObject({ paused: false, pausedReason: '' });
  });

  it('ringall: when one member answers, the caller leaving stops the ring of every other member rung for it', () => {
    const state = run([
      [0, memberStatus(AYSE, 2)],
      [0, memberStatus(MEHMET, 2)],
      [0, join('1.1', 1)],
      [0, join('1.2', 2)],
      [500, agentEvent('AgentCalled', '1.1', AYSE)],
      [500, agentEvent('AgentCalled', '1.1', MEHMET)],
      [500, agentEvent('AgentCalled', '1.2', MEHMET)],
      [2_000, leave('1.1', 1, 1)],
    ]);
    const activity = Object.fromEntries(selectAgents(state, T0 + 2_000).map((a) => [a.interface, a.activity]));
    // Mehmet rings for 1.2 still, Ayşe for nobody; 1.2 is now first in the queue.
    expect(state.queues[Q]!.members.get(AYSE)?.ringing).toBeNull();
    expect(state.queues[Q]!.members.get(MEHMET)?.ringing?.uniqueid).toBe('1.2');
    expect(activity[MEHMET]).toBe('ringing');
    expect(selectQueue(state, Q, T0 + 2_000)!.callers.map((c) => [c.position, c.uniqueid])).toEqual([[1, '1.2']]);
    // An event that changes nothing leaves the very same state: the host pushes nothing for it.
    expect(reduceQueueMetricsFrame(state, leave('9.9'), T0 + 3_000)).toBe(state);
  });

  it('counts rings without answer per agent', () => {
    const state = run([
      [15_000, agentEvent('AgentRingNoAnswer', '1.1', AYSE, [['RingTime', '15000']])],
      [32_000, agentEvent('AgentRingNoAnswer', '1.1', AYSE, [['RingTime', '15000']])],
      [32_000, memberStatus(AYSE, 1)],
    ]);
    expect(selectAgents(state, T0 + 32_000)[0]).toMatchObject({ ringNoAnswerToday: 2, ringNoAnswerSinceStart: 2, answeredToday: 0 });
  });

  it('resyncs live state from QueueStatus without touching the counters; no phantom callers survive it', () => {
    let state = run([
      [0, join('1.1', 1)],
      [0, join('1.2', 2)],
      [3_000, leave('1.1', 1, 1)],
    ]);
    // The link dropped; meanwhile 1.2 left and 1.9 joined. QueueStatus says so.
    state = resync(
      state,
      [
        frame(['Event', 'QueueParams'], ['Queue', Q], ['Strategy', 'rrmemory'], ['Calls', '1'], ['Holdtime', '0'], ['TalkTime', '0'], ['Completed', '0'], ['Abandoned', '0'], ['ServiceLevel', '30'], ['ServicelevelPerf', '0.0'], ['ServicelevelPerf2', '0.0']),
        frame(['Event', 'QueueMember'], ['Queue', Q], ['Name', 'Ayşe Yılmaz'], ['Location', AYSE], ['Status', '2'], ['Paused', '0'], ['PausedReason', '']),
        frame(['Event', 'QueueEntry'], ['Queue', Q], ['Position', '1'], ['Channel', 'Local/9@x-00000009;2'], ['Uniqueid', '1.9'], ['CallerIDNum', '9'], ['CallerIDName', 'X'], ['Wait', '4']),
      ],
      T0 + 60_000,
    );
    const snapshot = selectQueue(state, Q, T0 + 60_000)!;
    expect(snapshot.callers.map((c) => [c.uniqueid, c.waitSec])).toEqual([['1.9', 4]]);
    expect([snapshot.serviceLevelSec, snapshot.strategy, snapshot.sinceStart.answered, snapshot.today.answered]).toEqual([30, 'rrmemory', 1, 1]);
    // CoreShowChannels tells since when Ayşe has been talking, and the waiting caller's Linkedid.
    state = applyChannels(
      state,
      [
        frame(['Event', 'CoreShowChannel'], ['Channel', 'Local/1001@sim-agent-00000004;1'], ['Uniqueid', '1.5'], ['Linkedid', '1.4'], ['Duration', '00:00:42']),
        frame(['Event', 'CoreShowChannel'], ['Channel', 'Local/9@x-00000009;2'], ['Uniqueid', '1.9'], ['Linkedid', '1.8'], ['Duration', '00:00:04']),
      ],
      T0 + 60_000,
    );
    expect(selectAgents(state, T0 + 61_000)[0]).toMatchObject({ activity: 'on-call', inStateSec: 43 });
    expect(state.queues[Q]!.callers[0]!.linkedid).toBe('1.8');
    // The resynced caller's abandon is classified by its hang-up like any other.
    state = run([
      [61_000, hangupRequest('1.9')],
      [61_000, abandon('1.9', 5)],
      [61_000, leave('1.9')],
    ], state);
    expect(selectQueue(state, Q, T0 + 61_000)!.sinceStart).toMatchObject({ answered: 1, abandoned: 1 });
  });

  it('keeps 15 and 60 minute windows apart from the day', () => {
    let state = createQueueMetricsState(T0);
    for (let minute = 0; minute < 90; minute += 10) {
      const id = `2.${minute}`;
      state = run([[minute * 60_000, join(id, 1)], [minute * 60_000 + 5_000, leave(id)]], state);
    }
    const at = T0 + 90 * 60_000;
    const snapshot = selectQueue(state, Q, at)!;
    expect([snapshot.last15Min.answered, snapshot.last60Min.answered, snapshot.today.answered]).toEqual([1, 6, 9]);
    expect(snapshot.last15Min.asaSec).toBe(5);
  });

  it('starts the day again at midnight in Istanbul, not UTC', () => {
    const beforeMidnight = Date.UTC(2026, 10, 23, 20, 59, 0); // 23:59 Istanbul
    let state = createQueueMetricsState(beforeMidnight);
    state = reduceQueueMetricsFrame(state, join('3.1', 1), beforeMidnight);
    state = reduceQueueMetricsFrame(state, leave('3.1'), beforeMidnight + 1_000);
    expect(state.day.key).toBe('2026-11-23');
    const after = beforeMidnight + 2 * 60_000; // 00:01 the next day
    expect(selectQueue(state, Q, after)!.today.answered).toBe(0);
    state = reduceQueueMetricsFrame(state, join('3.2', 1), after);
    expect(state.day.key).toBe('2026-11-24');
    const snapshot = selectQueue(state, Q, after)!;
    expect([snapshot.today.answered, snapshot.sinceStart.answered, snapshot.last15Min.answered]).toEqual([0, 1, 1]);
    expect(calendarDay(Date.UTC(2026, 10, 23, 21, 0, 0))).toMatchObject({ key: '2026-11-24', startsAt: Date.UTC(2026, 10, 23, 21, 0, 0) });
    // Started at 23:59, the day's figures counted from then; the new day's count from its midnight.
    expect(createQueueMetricsState(beforeMidnight).countingSince).toBe(beforeMidnight);
    expect(state.countingSince).toBe(Date.UTC(2026, 10, 23, 21, 0, 0));
  });

  it('round-trips the day counters for the host to persist, and ignores another day', () => {
    const state = run([
      [0, join('1.1', 1)],
      [4_000, leave('1.1')],
      [4_000, agentEvent('AgentConnect', '1.1', AYSE, [['HoldTime', '4'], ['RingTime', '1']])],
    ]);
    const json = serializeDayCounters(state);
    const fresh = createQueueMetricsState(T0 + 3_600_000);
    const restored = restoreDayCounters(fresh, json);
    expect(restored.restored).toBe(true);
    // The figures say from when they count: the first desk's start, not the restart.
    expect(restored.state.countingSince).toBe(T0);
    expect(restoreDayCounters(fresh, json.replace(/"countingSince":\d+,/, '')).state.countingSince).toBeNull();
    expect(selectQueue(restored.state, Q, T0 + 3_600_000)!.today).toMatchObject({ answered: 1, asaSec: 4 });
    expect(selectQueue(restored.state, Q, T0 + 3_600_000)!.sinceStart.answered).toBe(0);
    expect(selectAgents(reduceQueueMetricsFrame(restored.state, memberStatus(AYSE, 1), T0 + 3_600_000), T0 + 3_600_000)[0]!.answeredToday).toBe(1);
    const tomorrow = createQueueMetricsState(T0 + 86_400_000);
    expect(restoreDayCounters(tomorrow, json)).toMatchObject({ restored: false, reason: 'other-day' });
    expect(restoreDayCounters(fresh, '{"version":1,"day":"2026-11-23","queues":{"alo153":{"answered":-1}},"agents":{}}')).toMatchObject({ restored: false, reason: 'invalid' });
    expect(restoreDayCounters(fresh, 'not json')).toMatchObject({ restored: false, reason: 'invalid' });
  });

  it('is pure: the previous state is untouched and an irrelevant event returns the same state', () => {
    const before = run([[0, join('1.1', 1)]]);
    const frozen = JSON.stringify(selectQueue(before, Q, T0 + 1_000));
    const after = reduceQueueMetricsFrame(before, leave('1.1'), T0 + 1_000);
    expect(JSON.stringify(selectQueue(before, Q, T0 + 1_000))).toBe(frozen);
    expect(after).not.toBe(before);
    expect(reduceQueueMetricsFrame(after, frame(['Event', 'Newexten'], ['Channel', 'x']), T0 + 2_000)).toBe(after);
    const ev: QueueEvent = { kind: 'fullyBooted' };
    expect(reduceQueueMetrics(after, ev, T0 + 2_000)).toBe(after);
  });
});

describe('wallboard views (core/queue.ts shapes)', () => {
  it('maps tiles, agent rows and a minute-by-minute history', () => {
    const state = run([
      [0, memberStatus(AYSE, 1)],
      [0, memberStatus(MEHMET, 5)],
      [0, join('1.1', 1)],
      [0, join('1.2', 2)],
      [4_000, leave('1.1', 1, 1)],
      [4_000, agentEvent('AgentConnect', '1.1', AYSE, [['HoldTime', '4'], ['RingTime', '1']])],
      [4_000, memberStatus(AYSE, 2)],
    ]);
    const [tile] = toQueueTiles(state, T0 + 10_000, (num) => `${num.slice(0, 4)}***`);
    expect(QueueTile.parse(tile)).toEqual(tile);
    expect(tile!.waiting).toEqual([{ position: 1, joinedAt: T0, callerNumber: '9053***' }]);
    expect(tile!.agents).toEqual({ 'logged-out': 1, available: 0, ringing: 0, 'on-call': 1, paused: 0, 'wrap-up': 0 });
    expect(tile!.day).toMatchObject({ answered: 1, asaSec: 4 });
    const rows = toAgentRows(state, T0 + 10_000);
    expect(rows.map((r) => AgentRow.parse(r))).toEqual(rows);
    expect(rows[0]).toMatchObject({ interface: AYSE, state: 'on-call', stateSince: T0 + 4_000, callsAnswered: 1, pauseReason: null });
    let history = appendHistory([], state, T0 + 10_000);
    expect(appendHistory(history, state, T0 + 30_000)).toBe(history);
    for (let m = 1; m <= 70; m++) history = appendHistory(history, state, T0 + m * 60_000);
    expect(history).toHaveLength(60);
    expect(history.at(-1)).toMatchObject({ queue: Q, waiting: 1, longestWaitSec: 70 * 60 });
  });
});

describe('building blocks', () => {
  it('persistent map: set/delete return new maps and leave the old ones alone', () => {
    const a = mapOf([['x', 1], ['y', 2]]);
    const b = a.set('z', 3).delete('x');
    expect([a.size, b.size, a.get('x'), b.get('x'), b.get('z')]).toEqual([2, 2, 1, undefined, 3]);
    expect(a.set('x', 1)).toBe(a);
    expect(a.delete('nope')).toBe(a);
    let big = emptyMap<number>();
    for (let i = 0; i < 1000; i++) big = big.set(`Local/${i}@sim-agent/n`, i);
    expect([big.size, [...big.values()].reduce((s, v) => s + v, 0)]).toEqual([1000, 499_500]);
  });

  it('window: bounded in time and in records', () => {
    let w = EMPTY_WINDOW;
    for (let i = 0; i < 200; i++) w = appendToWindow(w, { at: i * 60_000, outcome: 'answered', waitSec: 1, inServiceLevel: true }, 60 * 60_000);
    expect(w.chunks.length).toBeLessThanOrEqual(62);
    expect(windowTally(w, 199 * 60_000, 60 * 60_000).answered).toBe(60);
    let dense = EMPTY_WINDOW;
    for (let i = 0; i < MAX_WINDOW_RECORDS + 5_000; i++) dense = appendToWindow(dense, { at: Math.floor(i / 1000) * CHUNK_MS, outcome: 'completed', talkSec: 1 }, 60 * 60_000);
    expect(dense.records).toBeLessThanOrEqual(MAX_WINDOW_RECORDS);
    expect(dense.truncated).toBe(true);
  });
});
