import { randomBytes } from 'node:crypto';
import type { AmiFrame, AmiHeader } from './amiFrame.js';
import { frameKind, header, serializeFrame } from './amiFrame.js';
import type { LogLimiter } from './logLimiter.js';

// The PBX answers an action on the connection it came on, under the ActionID we chose: a
// response, and for a list action items and an `EventList: complete` with the same ActionID.
// Hence one table per connection, whose actions all fail when that connection closes.

export interface AmiListResult {
  response: AmiFrame;
  items: AmiFrame[];
  complete: AmiFrame | null;
}

/** Action headers; an array value repeats the header (`Variable:` in Originate). */
export type AmiActionFields = Record<string, string | readonly string[]>;

export interface AmiActionOptions {
  /** How long to wait for the response (default 10 s); a synchronous Originate needs its Timeout plus a margin. */
  timeoutMs?: number;
}

export type AmiActionErrorCode = 'not-connected' | 'timeout' | 'link-lost' | 'stopped' | 'invalid';

/** Why an action did not get its answer; a Response: Error is an answer, not an AmiActionError. */
export class AmiActionError extends Error {
  constructor(
    readonly code: AmiActionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AmiActionError';
  }
}

export interface ActionTable {
  send(fields: AmiActionFields, list: boolean, timeoutMs?: number, onSettled?: (result: AmiListResult) => void): Promise<AmiListResult>;
  /** False when the frame is none of our answers: an event for the listeners. */
  take(frame: AmiFrame): boolean;
  /** The link closed: every action still waiting fails with `code`. */
  failAll(code: AmiActionErrorCode): void;
}

const ACTION_TIMEOUT_MS = 10_000;

interface PendingAction {
  readonly list: boolean;
  readonly name: string;
  readonly timeoutMs: number;
  timer: NodeJS.Timeout | undefined;
  response: AmiFrame | null;
  complete: AmiFrame | null;
  items: AmiFrame[];
  /** Called synchronously when the answer is complete, before the next frame is handled. */
  readonly onSettled?: (result: AmiListResult) => void;
  readonly finish: (result: AmiListResult) => void;
  readonly fail: (error: AmiActionError) => void;
}

/** The ActionIDs of one client, across all its connections. */
export function createActionIds(): () => string {
  // A per-client prefix keeps ActionIDs unique across reconnects and across desks sharing a user.
  const idPrefix = `desk-${randomBytes(3).toString('hex')}`;
  let actionSeq = 0;
  return () => `${idPrefix}-${++actionSeq}`;
}

export function createActionTable(write: (text: string) => void, nextId: () => string, limited: LogLimiter): ActionTable {
  const pending = new Map<string, PendingAction>();

  function armTimer(id: string, p: PendingAction): void {
    clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      pending.delete(id);
      p.fail(new AmiActionError('timeout', `AMI action ${p.name} got no answer within ${p.timeoutMs} ms`));
    }, p.timeoutMs);
  }

  function settle(id: string, p: PendingAction, result: AmiListResult): void {
    clearTimeout(p.timer);
    pending.delete(id);
    p.onSettled?.(result);
    p.finish(result);
  }

  function send(fields: AmiActionFields, list: boolean, timeoutMs = ACTION_TIMEOUT_MS, onSettled?: (result: AmiListResult) => void): Promise<AmiListResult> {
    const entries = Object.entries(fields);
    const action = entries.find(([name]) => name.toLowerCase() === 'action');
    if (action === undefined || typeof action[1] !== 'string') return Promise.reject(new AmiActionError('invalid', 'AMI action fields need one Action'));
    if (entries.some(([name]) => name.toLowerCase() === 'actionid')) {
      return Promise.reject(new AmiActionError('invalid', 'ActionID is chosen by the AMI client'));
    }
    const id = nextId();
    const rest = entries.filter((entry) => entry !== action).flatMap(([name, value]): AmiHeader[] => (typeof value === 'string' ? [[name, value]] : value.map((v) => [name, v])));
    const headers: AmiHeader[] = [['Action', action[1]], ['ActionID', id], ...rest];
    let text: string;
    try {
      text = serializeFrame(headers);
    } catch (error) {
      return Promise.reject(new AmiActionError('invalid', error instanceof Error ? error.message : 'invalid AMI header'));
    }
    return new Promise<AmiListResult>((resolve, reject) => {
      const p: PendingAction = {
        list,
        name: action[1] as string,
        timeoutMs,
        timer: undefined,
        response: null,
        complete: null,
        items: [],
        ...(onSettled === undefined ? {} : { onSettled }),
        finish: resolve,
        fail: reject,
      };
      pending.set(id, p);
      armTimer(id, p);
      write(text);
    });
  }

  function take(frame: AmiFrame): boolean {
    const id = header(frame, 'ActionID');
    const p = id === undefined ? undefined : pending.get(id);
    if (frameKind(frame) === 'response') {
      if (id === undefined || p === undefined) {
        limited.line('unknown-action-id', 'AMI response for an unknown or expired ActionID ignored', 'responses for an unknown or expired ActionID ignored');
        return true;
      }
      const listFollows =
        header(frame, 'Response')?.toLowerCase() === 'success' && header(frame, 'EventList')?.toLowerCase() === 'start';
      if (!p.list || !listFollows) {
        settle(id, p, { response: frame, items: [], complete: null });
      } else if (p.complete !== null) {
        settle(id, p, { response: frame, items: p.items, complete: p.complete });
      } else {
        p.response = frame;
        armTimer(id, p);
      }
      return true;
    }
    // Events carrying the ActionID of one of our list actions are its items; any other event,
    // OriginateResponse for our own async Originate included, is for the listeners.
    if (id !== undefined && p?.list) {
      if (header(frame, 'EventList')?.toLowerCase() === 'complete') {
        if (p.response !== null) settle(id, p, { response: p.response, items: p.items, complete: frame });
        else p.complete = frame;
      } else {
        p.items.push(frame);
        armTimer(id, p);
      }
      return true;
    }
    return false;
  }

  function failAll(code: AmiActionErrorCode): void {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.fail(new AmiActionError(code, `AMI link closed before ${p.name} was answered`));
    }
  }

  return { send, take, failAll };
}
