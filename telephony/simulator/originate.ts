import type { AmiFrame } from '../ami/amiFrame.js';
import { channelEvent, deviceState, hangup } from './dialplanEvents.js';
import type { ChannelSnapshot } from './eventHeaders.js';
import { amiEvent, channelHeaders } from './eventHeaders.js';
import type { SimScheduler, SimTimer } from './simScheduler.js';

// Originate as the desk uses it for call-backs (g-originate-callback): a Local channel into the
// recorded `outside` context, whose callee answers, is busy or does not answer, then runs the
// Context/Exten (or Application, e.g. ChanSpy) given. Async: "Originate successfully queued"
// at once and an OriginateResponse when the call is answered or failed; synchronous: the
// session waits and the Response comes only then, with no OriginateResponse.
// The recorded `outside` dialplan's Newexten/VarSet chatter is not produced; the channels,
// their states, the device state and the OriginateResponse are.

export type CalleeBehaviour = 'answer' | 'busy' | 'noanswer';

export interface OriginateSetup {
  /** How the callee at `number` behaves; the recorded numbers by default (see defaultCallee). */
  callee?: (number: string) => CalleeBehaviour;
  /** Ring time before an answer; 2 s as recorded. */
  ringMs?: number;
}

export interface OriginateFields {
  actionId: string | undefined;
  channel: string;
  context: string;
  exten: string;
  application: string;
  callerId: string;
  timeoutMs: number;
  variables: Record<string, string>;
  isAsync: boolean;
}

export interface OriginateIds {
  localName(exten: string, context: string): string;
  uniqueIds(at: number): [string, string];
}

/** g's numbers: 905000000000 is busy, 905000000001 never answers, everyone else answers. */
export function defaultCallee(number: string): CalleeBehaviour {
  if (number === '905000000000') return 'busy';
  if (number === '905000000001') return 'noanswer';
  return 'answer';
}

const KNOWN_CONTEXTS = new Set(['outside', 'sim-caller', 'sim-agent']);
const LOCAL_DIAL = /^Local\/([^@/]+)@([^/]+)(?:\/n)?$/;
const UNKNOWN = '<unknown>';

function parseCallerId(callerId: string): { num: string; name: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(callerId);
  if (match) return { name: match[1]!, num: match[2]! };
  return { name: UNKNOWN, num: callerId === '' ? UNKNOWN : callerId };
}

export type OriginateResponder = (ok: boolean, message: string) => void;

export interface Originator {
  originate(fields: OriginateFields, respond: OriginateResponder): void;
  /** Forgets the calls in progress (the PBX stopped). */
  stop(): void;
}

export function createOriginator(clock: SimScheduler, ids: OriginateIds, broadcast: (frames: AmiFrame[]) => void, setup: OriginateSetup = {}): Originator {
  const callee = setup.callee ?? defaultCallee;
  const ringMs = setup.ringMs ?? 2_000;
  const timers = new Set<SimTimer>();
  const scheduler = {
    now: () => clock.now(),
    setTimeout(callback: () => void, ms: number) {
      const timer = clock.setTimeout(() => {
        timers.delete(timer);
        callback();
      }, ms);
      timers.add(timer);
      return timer;
    },
  };

  function originateResponse(f: OriginateFields, success: boolean, channel: string, reason: number, uniqueid: string, cid: { num: string; name: string }): AmiFrame {
    return amiEvent('OriginateResponse', 'call', [
      ...(f.actionId === undefined ? [] : [['ActionID', f.actionId] as [string, string]]),
      ['Response', success ? 'Success' : 'Failure'],
      ['Channel', channel],
      ['Context', f.context],
      ['Exten', f.exten],
      ['Reason', String(reason)],
      ['Uniqueid', uniqueid],
      ['CallerIDNum', cid.num],
      ['CallerIDName', cid.name],
    ]);
  }

  /** Starts the call; `respond` gets the action's Response (at once if async, at the outcome if not). */
  function originate(f: OriginateFields, respond: OriginateResponder): void {
    const cid = parseCallerId(f.callerId);
    if (f.isAsync) respond(true, 'Originate successfully queued');
    const dial = LOCAL_DIAL.exec(f.channel);
    const at = scheduler.now();
    const [id1, id2] = ids.uniqueIds(at);
    const finish = (success: boolean, frames: AmiFrame[], reason: number, channel: string, uniqueid: string) => {
      if (f.isAsync) broadcast([...frames, originateResponse(f, success, channel, reason, uniqueid, cid)]);
      else {
        broadcast(frames);
        respond(success, success ? 'Originate successfully queued' : 'Originate failed');
      }
    };

    if (dial === null) {
      // A device (a team lead's PJSIP phone for ChanSpy): it rings and answers.
      const name = `${f.channel}-${id1.replace('.', '').slice(-8).padStart(8, '0')}`;
      const snap = (state: ChannelSnapshot['state']): ChannelSnapshot => ({
        name,
        state,
        callerIdNum: cid.num,
        callerIdName: cid.name,
        connectedNum: cid.num,
        connectedName: cid.name,
        context: f.context,
        exten: f.exten,
        priority: 1,
        uniqueid: id1,
        linkedid: id1,
      });
      broadcast([channelEvent('Newchannel', snap(0)), channelEvent('Newstate', snap(5)), deviceState(f.channel, 'RINGING')]);
      scheduler.setTimeout(() => finish(true, [channelEvent('Newstate', snap(6)), deviceState(f.channel, 'INUSE')], 4, name, id1), ringMs);
      return;
    }

    const [, number, context] = dial as unknown as [string, string, string];
    const base = ids.localName(number, context);
    const device = `Local/${number}@${context}`;
    const one = (state: ChannelSnapshot['state'], known: boolean): ChannelSnapshot => ({
      name: `${base};1`,
      state,
      callerIdNum: known ? cid.num : UNKNOWN,
      callerIdName: known ? cid.name : UNKNOWN,
      connectedNum: known ? cid.num : UNKNOWN,
      connectedName: known ? cid.name : UNKNOWN,
      context,
      exten: number,
      priority: 1,
      uniqueid: id1,
      linkedid: id1,
    });
    const two = (state: ChannelSnapshot['state'], known: boolean): ChannelSnapshot => ({ ...one(state, known), name: `${base};2`, uniqueid: id2 });
    const created = [channelEvent('Newchannel', one(0, false)), channelEvent('Newchannel', two(4, false))];

    if (!KNOWN_CONTEXTS.has(context)) {
      finish(false, [...created, hangup(two(4, true), 0), deviceState(device, 'INVALID'), hangup(one(0, true), 0), deviceState(device, 'INVALID')], 0, f.channel, UNKNOWN);
      return;
    }
    const behaviour = callee(number);
    if (behaviour === 'busy') {
      scheduler.setTimeout(() => {
        const busy = { ...two(4, true), state: 7 as ChannelSnapshot['state'] };
        finish(false, [...created, channelEvent('Newstate', busy), channelEvent('HangupRequest', busy, ['Cause', '17']), hangup(one(0, true), 17), deviceState(device, 'NOT_INUSE'), hangup(busy, 17), deviceState(device, 'NOT_INUSE')], 5, f.channel, UNKNOWN);
      }, 160);
      return;
    }
    broadcast([
      ...created,
      amiEvent('DialBegin', 'call', channelHeaders(one(0, true), 'Dest'), [['DialString', `${number}@${context}/n`]]),
      channelEvent('Newstate', one(5, true)),
      deviceState(device, 'INUSE'),
      amiEvent('DialState', 'call', channelHeaders(one(5, true), 'Dest'), [['DialStatus', 'RINGING']]),
    ]);
    if (behaviour === 'noanswer' || ringMs >= f.timeoutMs) {
      scheduler.setTimeout(() => {
        finish(false, [channelEvent('HangupRequest', two(4, true), ['Cause', '0']), hangup(two(4, true), 0), hangup(one(5, true), 0), deviceState(device, 'NOT_INUSE'), deviceState(device, 'NOT_INUSE')], 3, f.channel, UNKNOWN);
      }, f.timeoutMs);
      return;
    }
    scheduler.setTimeout(() => {
      const upOne = { ...one(6, true), context: f.application === '' ? f.context : f.context, exten: f.exten };
      finish(true, [channelEvent('Newstate', two(6, true)), deviceState(device, 'INUSE'), channelEvent('Newstate', one(6, true)), deviceState(device, 'INUSE'), amiEvent('DialEnd', 'call', channelHeaders(one(6, true), 'Dest'), [['DialStatus', 'ANSWER']])], 4, `${base};1`, id1);
      // The callee talks TALKSEC seconds (4 by default), then hangs up.
      const talkMs = Number(f.variables.TALKSEC ?? '4') * 1000;
      scheduler.setTimeout(() => {
        broadcast([channelEvent('SoftHangupRequest', two(6, true), ['Cause', '16']), hangup(two(6, true), 16), hangup(upOne, 16), deviceState(device, 'NOT_INUSE'), deviceState(device, 'NOT_INUSE')]);
      }, talkMs);
    }, ringMs);
  }

  return {
    originate,
    stop() {
      for (const timer of timers) clock.clearTimeout(timer);
      timers.clear();
    },
  };
}
