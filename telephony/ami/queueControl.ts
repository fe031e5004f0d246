import type { AmiActionFields, AmiClient } from './amiClient.js';
import type { AmiFrame } from './amiFrame.js';
import { header } from './amiFrame.js';

// What an operator does to their own membership and a team lead to anyone's, as AMI actions:
// pause/unpause with a reason, queue add/remove, hang up a channel, originate a call-back and
// listen/whisper/barge with ChanSpy. A Response: Error becomes an AmiCommandError carrying
// Asterisk's own text ("Interface not found", "Need 'Interface' and 'Paused' parameters.").

export class AmiCommandError extends Error {
  constructor(
    readonly action: string,
    /** Asterisk's Message, e.g. `Interface not found`; safe to log (no personal data). */
    readonly asteriskMessage: string,
  ) {
    super(`${action} refused by the PBX: ${asteriskMessage}`);
    this.name = 'AmiCommandError';
  }
}

export interface PauseRequest {
  interface: string;
  /** One queue; omitted = every queue the interface is a member of (Asterisk's own semantics). */
  queue?: string;
  /** Shown to team leads and in queue_log; Asterisk keeps it while paused and clears it on unpause. */
  reason?: string;
}

export interface AddMemberRequest {
  queue: string;
  interface: string;
  memberName?: string;
  /** The device whose state counts, e.g. `Custom:1001` for a Local member; default the interface. */
  stateInterface?: string;
  penalty?: number;
  paused?: boolean;
  reason?: string;
}

export interface OriginateRequest {
  /** The dial string, e.g. `Local/905321112233@outside/n` or `PJSIP/1004`. */
  channel: string;
  /** Where the answered channel goes: a dialplan location… */
  context?: string;
  exten?: string;
  priority?: number;
  /** …or an application (ChanSpy, Playback). */
  application?: string;
  data?: string;
  callerId?: string;
  /** Ring time before giving up, ms (Asterisk's default 30 s). */
  timeoutMs?: number;
  account?: string;
  variables?: Record<string, string>;
  /**
   * false = Asterisk answers only once the call is answered or failed and sends no
   * OriginateResponse (g-originate-callback). Default true.
   */
  async?: boolean;
}

/** Asterisk's outgoing-call Reason codes. */
export const ORIGINATE_REASONS: Readonly<Record<number, string>> = {
  0: 'failed',
  1: 'hung up',
  3: 'no answer',
  4: 'answered',
  5: 'busy',
  8: 'congestion',
};

export interface OriginateResult {
  success: boolean;
  /** 4 answered, 5 busy, 3 no answer, 0 failed (bad channel or context), 8 congestion. */
  reason: number;
  reasonText: string;
  channel: string;
  /** null when no channel was made (`<unknown>`), or for a synchronous Originate. */
  uniqueid: string | null;
}

export type SpyMode = 'listen' | 'whisper' | 'barge';

export interface SpyRequest {
  /** The team lead's phone, e.g. `PJSIP/2001`: it rings, and on answer hears the agent. */
  supervisorChannel: string;
  /** The agent's device to spy on, e.g. `PJSIP/1004` (ChanSpy matches channel name prefixes). */
  agentDevice: string;
  mode: SpyMode;
  callerId?: string;
}

export interface QueueControl {
  pause(request: PauseRequest): Promise<void>;
  unpause(request: PauseRequest): Promise<void>;
  addMember(request: AddMemberRequest): Promise<void>;
  removeMember(request: { queue: string; interface: string }): Promise<void>;
  /** Hangs up one channel (e.g. the agent's leg of the current call). Cause 16 = normal clearing. */
  hangup(channel: string, cause?: number): Promise<void>;
  originate(request: OriginateRequest): Promise<OriginateResult>;
  /** ChanSpy through an Originate to the team lead's phone: q = no beep, E = end with the spied call. */
  spy(request: SpyRequest): Promise<OriginateResult>;
  /** Stops listening for OriginateResponse events. */
  dispose(): void;
}

const SPY_OPTIONS: Record<SpyMode, string> = { listen: 'qE', whisper: 'qwE', barge: 'qBE' };
const ASYNC_ANSWER_MARGIN_MS = 15_000;
const RECENT_RESPONSES = 200;

function originateResult(frame: AmiFrame): OriginateResult {
  const reason = Number(header(frame, 'Reason') ?? '0');
  const uniqueid = header(frame, 'Uniqueid') ?? '';
  return {
    success: header(frame, 'Response')?.toLowerCase() === 'success',
    reason,
    reasonText: ORIGINATE_REASONS[reason] ?? `reason ${reason}`,
    channel: header(frame, 'Channel') ?? '',
    uniqueid: uniqueid === '' || uniqueid === '<unknown>' ? null : uniqueid,
  };
}

export function createQueueControl(client: AmiClient): QueueControl {
  // OriginateResponse events carry the ActionID of our Originate and may arrive in the same TCP
  // chunk as its Response, before action() resolves: keep the recent ones until claimed.
  const responses = new Map<string, AmiFrame>();
  const waiters = new Map<string, (frame: AmiFrame) => void>();
  const unsubscribe = client.onEvent((event) => {
    if (header(event, 'Event')?.toLowerCase() !== 'originateresponse') return;
    const id = header(event, 'ActionID');
    if (id === undefined) return;
    const waiter = waiters.get(id);
    if (waiter !== undefined) {
      waiters.delete(id);
      waiter(event);
      return;
    }
    responses.set(id, event);
    if (responses.size > RECENT_RESPONSES) responses.delete(responses.keys().next().value!);
  });

  async function command(fields: AmiActionFields, timeoutMs?: number): Promise<AmiFrame> {
    const response = await client.action(fields, timeoutMs === undefined ? undefined : { timeoutMs });
    if (header(response, 'Response')?.toLowerCase() !== 'success') {
      throw new AmiCommandError(String(fields.Action), header(response, 'Message') ?? 'no message');
    }
    return response;
  }

  function setPaused({ interface: iface, queue, reason }: PauseRequest, paused: boolean): Promise<AmiFrame> {
    return command({
      Action: 'QueuePause',
      Interface: iface,
      ...(queue === undefined ? {} : { Queue: queue }),
      Paused: paused ? 'true' : 'false',
      ...(reason === undefined || reason === '' ? {} : { Reason: reason }),
    });
  }

  async function originate(request: OriginateRequest): Promise<OriginateResult> {
    const isAsync = request.async ?? true;
    const timeoutMs = request.timeoutMs ?? 30_000;
    const fields: AmiActionFields = {
      Action: 'Originate',
      Channel: request.channel,
      ...(request.application === undefined
        ? { Context: request.context ?? 'default', Exten: request.exten ?? 's', Priority: String(request.priority ?? 1) }
        : { Application: request.application, ...(request.data === undefined ? {} : { Data: request.data }) }),
      ...(request.callerId === undefined ? {} : { CallerID: request.callerId }),
      Timeout: String(timeoutMs),
      ...(isAsync ? { Async: 'true' } : {}),
      ...(request.variables === undefined ? {} : { Variable: Object.entries(request.variables).map(([k, v]) => `${k}=${v}`) }),
      ...(request.account === undefined ? {} : { Account: request.account }),
    };
    // A synchronous Originate blocks the session until the call is answered or fails.
    const response = await command(fields, isAsync ? undefined : timeoutMs + ASYNC_ANSWER_MARGIN_MS);
    if (!isAsync) return { success: true, reason: 4, reasonText: ORIGINATE_REASONS[4]!, channel: request.channel, uniqueid: null };
    const id = header(response, 'ActionID')!;
    const early = responses.get(id);
    if (early !== undefined) {
      responses.delete(id);
      return originateResult(early);
    }
    return new Promise<OriginateResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(id);
        reject(new AmiCommandError('Originate', `no OriginateResponse within ${timeoutMs + ASYNC_ANSWER_MARGIN_MS} ms`));
      }, timeoutMs + ASYNC_ANSWER_MARGIN_MS);
      waiters.set(id, (frame) => {
        clearTimeout(timer);
        resolve(originateResult(frame));
      });
    });
  }

  return {
    async pause(request) {
      await setPaused(request, true);
    },
    async unpause(request) {
      await setPaused(request, false);
    },
    async addMember(request) {
      await command({
        Action: 'QueueAdd',
        Queue: request.queue,
        Interface: request.interface,
        Penalty: String(request.penalty ?? 0),
        Paused: request.paused ? 'true' : 'false',
        ...(request.memberName === undefined ? {} : { MemberName: request.memberName }),
        ...(request.stateInterface === undefined ? {} : { StateInterface: request.stateInterface }),
        ...(request.reason === undefined ? {} : { Reason: request.reason }),
      });
    },
    async removeMember({ queue, interface: iface }) {
      await command({ Action: 'QueueRemove', Queue: queue, Interface: iface });
    },
    async hangup(channel, cause = 16) {
      await command({ Action: 'Hangup', Channel: channel, Cause: String(cause) });
    },
    originate,
    spy({ supervisorChannel, agentDevice, mode, callerId }) {
      return originate({
        channel: supervisorChannel,
        application: 'ChanSpy',
        data: `${agentDevice},${SPY_OPTIONS[mode]}`,
        callerId: callerId ?? `"Dinleme" <${agentDevice.replace(/^.*\//, '')}>`,
      });
    },
    dispose() {
      unsubscribe();
      for (const waiter of waiters.keys()) waiters.delete(waiter);
    },
  };
}
