import { describe, expect, it } from 'vitest';
import { agentStateOver, type AgentState } from '../../core/queue.js';
import type { AmiFrame, AmiHeader } from '../ami/amiFrame.js';
import { applyChannels, createQueueMetricsState, reduceQueueMetricsFrame, resync, toAgentRows, toQueueTiles, type QueueMetricsState } from './index.js';

// Issue 18: one state per agent, everywhere. The tiles' counts, the totals and the agents table
// all take an agent's state over every queue it is in, so a tile never says "paused" for the
// agent the table shows in wrap-up, and a ringing Local/ member is ringing, not on a call.

// 2026-11-23 10:00:00 in Istanbul (UTC+3).
const T0 = Date.UTC(2026, 10, 23, 7, 0, 0);
const AYSE = 'Local/1001@sim-agent/n';
const QUEUES = ['alo153', 'geri-bildirim'];

const frame = (...headers: AmiHeader[]): AmiFrame => ({ headers });

/** QueueMemberStatus (or another member event) as Asterisk 22 sends it for a Local/ member. */
function member(queue: string, status: number, extra: Record<string, string> = {}): AmiFrame {
  const { Event = 'QueueMemberStatus', ...rest } = extra;
  const fields: Record<string, string> = {
    Queue: queue, MemberName: 'Ayşe Yılmaz', Interface: AYSE, StateInterface: 'Custom:1001', Membership: 'dynamic', Penalty: '0',
    CallsTaken: '0', LastCall: '0', LastPause: '0', LoginTime: String(Math.floor(T0 / 1000) - 3600), InCall: '0', Status: String(status),
    Paused: '0', PausedReason: '', Ringinuse: '0', Wrapuptime: '0', ...rest,
  };
  return frame(['Event', Event], ...Object.entries(fields));
}
const callerEvent = (event: string, queue: string, uniqueid: string, extra: AmiHeader[] = []) =>
  frame(['Event', event], ['Channel', `Local/9053@sim-caller-00000001;2`], ['Uniqueid', uniqueid], ['Linkedid', `L${uniqueid}`], ['Queue', queue], ...extra);
const agentCalled = (queue: string, uniqueid: string) =>
  callerEvent('AgentCalled', queue, uniqueid, [['DestChannel', 'Local/1001@sim-agent-00000001;1'], ['Interface', AYSE], ['MemberName', 'Ayşe Yılmaz']]);

function run(steps: Array<[number, AmiFrame]>, state: QueueMetricsState): QueueMetricsState {
  return steps.reduce((s, [at, f]) => reduceQueueMetricsFrame(s, f, T0 + at), state);
}

/** What each place shows for Ayşe: every tile's count of her state, and the table's state. */
function shown(state: QueueMetricsState, at: number) {
  const tiles = toQueueTiles(state, T0 + at);
  const table = toAgentRows(state, T0 + at).find((row) => row.interface === AYSE)!.state;
  const tileStates = Object.fromEntries(tiles.map((tile) => [tile.queue, (Object.keys(tile.agents) as AgentState[]).filter((s) => tile.agents[s] > 0)]));
  return { table, tiles: tileStates };
}

describe('one state per agent (tiles, totals and table alike)', () => {
  it('a Local/ member ringing for one queue is ringing in every tile and the table, not on a call, and on a call once connected', () => {
    let state = run(QUEUES.map((q): [number, AmiFrame] => [0, member(q, 1)]), createQueueMetricsState(T0));
    state = run(
      [
        [0, callerEvent('QueueCallerJoin', 'alo153', '1.1', [['CallerIDNum', '905321112233'], ['CallerIDName', 'Ali'], ['Position', '1'], ['Count', '1']])],
        [500, agentCalled('alo153', '1.1')],
        // The device of a ringing Local/ member says "in use" (2) with InCall 0 in both queues, never 6.
        [600, member('alo153', 2)],
        [600, member('geri-bildirim', 2)],
      ],
      state,
    );
    expect(shown(state, 1_000)).toEqual({ table: 'ringing', tiles: { alo153: ['ringing'], 'geri-bildirim': ['ringing'] } });

    state = run(
      [
        [2_500, callerEvent('QueueCallerLeave', 'alo153', '1.1', [['Position', '1'], ['Count', '0']])],
        [2_500, callerEvent('AgentConnect', 'alo153', '1.1', [['Interface', AYSE], ['MemberName', 'Ayşe Yılmaz'], ['HoldTime', '2'], ['RingTime', '2']])],
      ],
      state,
    );
    expect(shown(state, 3_000)).toEqual({ table: 'on-call', tiles: { alo153: ['on-call'], 'geri-bildirim': ['on-call'] } });
  });

  it('a ringing Local/ member stays ringing through a periodic resync (QueueStatus says "in use", its channel exists), then answers', () => {
    let state = run(
      [
        [0, member('alo153', 1)],
        [0, callerEvent('QueueCallerJoin', 'alo153', '1.1', [['CallerIDNum', '905321112233'], ['CallerIDName', 'Ali'], ['Position', '1'], ['Count', '1']])],
        [500, agentCalled('alo153', '1.1')],
        [600, member('alo153', 2)],
      ],
      createQueueMetricsState(T0),
    );
    state = resync(
      state,
      [
        frame(['Event', 'QueueParams'], ['Queue', 'alo153'], ['Strategy', 'rrmemory'], ['Calls', '1'], ['Holdtime', '0'], ['TalkTime', '0'], ['Completed', '0'], ['Abandoned', '0'], ['ServiceLevel', '20'], ['ServicelevelPerf', '0.0'], ['ServicelevelPerf2', '0.0']),
        frame(['Event', 'QueueMember'], ['Queue', 'alo153'], ['Name', 'Ayşe Yılmaz'], ['Location', AYSE], ['Status', '2'], ['InCall', '0'], ['Paused', '0'], ['PausedReason', '']),
        frame(['Event', 'QueueEntry'], ['Queue', 'alo153'], ['Position', '1'], ['Channel', 'Local/9053@sim-caller-00000001;2'], ['Uniqueid', '1.1'], ['CallerIDNum', '905321112233'], ['CallerIDName', 'Ali'], ['Wait', '2']),
      ],
      T0 + 2_000,
    );
    state = applyChannels(state, [frame(['Event', 'CoreShowChannel'], ['Channel', 'Local/1001@sim-agent-00000002;1'], ['Uniqueid', '1.2'], ['Linkedid', 'L1.1'], ['Duration', '00:00:01'])], T0 + 2_000);
    expect(shown(state, 2_500)).toEqual({ table: 'ringing', tiles: { alo153: ['ringing'] } });

    state = run([[3_000, callerEvent('AgentConnect', 'alo153', '1.1', [['Interface', AYSE], ['MemberName', 'Ayşe Yılmaz'], ['HoldTime', '3'], ['RingTime', '2']])]], state);
    expect(shown(state, 3_500)).toEqual({ table: 'on-call', tiles: { alo153: ['on-call'] } });
  });

  it('after-call work in one queue while paused in the other is wrap-up on both tiles, as in the table', () => {
    // alo153's wrapuptime is 30 s; Ayşe paused herself in geri-bildirim only.
    let state = createQueueMetricsState(T0, { wrapUpSec: { alo153: 30 } });
    const lastCall = String(Math.floor(T0 / 1000));
    state = run(
      [
        [0, member('alo153', 1, { CallsTaken: '1', LastCall: lastCall })],
        [0, member('geri-bildirim', 1, { Event: 'QueueMemberPause', Paused: '1', PausedReason: 'Yemek' })],
      ],
      state,
    );
    expect(shown(state, 10_000)).toEqual({ table: 'wrap-up', tiles: { alo153: ['wrap-up'], 'geri-bildirim': ['wrap-up'] } });
    // Wrap-up over: ready in alo153, so she can take calls; paused in one queue only is not paused.
    expect(shown(state, 31_000)).toEqual({ table: 'available', tiles: { alo153: ['available'], 'geri-bildirim': ['available'] } });
  });

  it('agentStateOver: the most telling state wins, paused only when paused everywhere', () => {
    const over = (...states: AgentState[]) => agentStateOver(states, (s) => s);
    expect(over('on-call', 'ringing')).toBe('ringing');
    expect(over('paused', 'wrap-up')).toBe('wrap-up');
    expect(over('paused', 'available')).toBe('available');
    expect(over('paused', 'paused')).toBe('paused');
    expect(over('logged-out', 'paused')).toBe('paused');
    expect(over('logged-out')).toBe('logged-out');
  });
});
