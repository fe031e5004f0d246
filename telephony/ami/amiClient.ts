// Why this client owns its socket instead of driving asterisk-manager 0.2.0
// (node_modules/asterisk-manager/lib/ami.js, read line by line):
// - Its reader lowercases and trims every header name and folds a frame into an object, so the
//   header order and the original names (`Uniqueid` vs `UniqueID`, repeated `Output:`) are lost;
//   the screen-pop and the simulator's golden tests need both.
// - It knows no list framing: QueueStatus items reach `managerevent` like any other event, and
//   the action callback fires on the `EventList: start` response with no items.
// - An action has no timeout, and actions sent before login are held in an unbounded queue and
//   replayed after a reconnect, when the PBX state they were meant for is gone.
// - It sorts action headers and recases their names (`ActionID` becomes `Actionid`) and
//   writes values unchecked: a CR/LF in a value injects headers.
// - keepConnected() reconnects on a fixed +10 s ramp (console.log at every try, no jitter), also
//   after `Authentication failed`, which is exactly the storm we must avoid; there is no ping.
// - The socket is private (context.connection), so its raw bytes cannot be fed to our splitter;
//   and its login sends `Event: on|off`, a header Asterisk does not read (it reads `Events:`).
// The only sound part left would be net.createConnection + setKeepAlive + setNoDelay, three
// lines, so the dependency is not used at runtime; asteriskManagerGaps.test.ts pins the
// header-lowercasing gap so a future version that fixes it is noticed. It is also the slow
// part: on bench/amiPipeline.bench.ts's 50 000-event burst asterisk-manager alone takes about
// four times as long as this client, the typed events and the queue reducer together.
//
// After every login the client rebuilds the desk's picture of the PBX from the PBX itself
// (QueueStatus, CoreShowChannels; see AmiResync), never from memory, and hands it to
// onResync listeners at its place in the event stream.

import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { PbxLinkState } from '../../core/pbxLink.js';
import { backoffDelay } from './amiBackoff.js';
import { createLogLimiter } from './logLimiter.js';
import type { AmiFrame, AmiHeader } from './amiFrame.js';
import { createFrameSplitter, frameKind, header, serializeFrame } from './amiFrame.js';

/**
 * A session filter sent with `Action: Filter` after every login. A string is a legacy filter
 * (a regular expression over the whole event, `!` in front to exclude): `Event: Queue*`.
 * The object form adds Asterisk ≥ 20's MatchCriteria, e.g. `{ matchCriteria: 'name(Hangup)' }`.
 * Filters cut unsolicited events only: responses and list items always arrive.
 */
export type AmiFilter = string | { matchCriteria: string; filter?: string };

export interface AmiClientOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** Jittered exponential backoff between attempts; default 0.5 s → 30 s. */
  reconnect?: { minMs: number; maxMs: number };
  pingIntervalMs?: number;
  /** Sent after every login, before the resync (see amiFilters.ts for the desk's presets). */
  filters?: readonly AmiFilter[];
  /**
   * After every (re)login, rebuild state from the PBX: QueueStatus, then CoreShowChannels,
   * delivered to onResync listeners in order with the events around them. Default true.
   */
  resyncOnConnect?: boolean;
  /** How long to wait for FullyBooted after login (a PBX still starting answers with partial lists). Default 5 s. */
  bootWaitMs?: number;
  log?: (line: string) => void;
  /**
   * Lines the PBX can cause at will (malformed or oversized frames, responses to unknown
   * ActionIDs, listeners throwing on its events): the first `burst` of a kind per `intervalMs`
   * are logged, the rest summed up in one line (logLimiter.ts). Default 5 per 10 s.
   */
  logLimit?: { intervalMs: number; burst: number };
  /** The clock (epoch ms) that stamps link states and resyncs; Date.now by default. */
  now?: () => number;
}

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

/**
 * The PBX's state after a login: the answer to an unfiltered QueueStatus (QueueParams,
 * QueueMember, QueueEntry) and to CoreShowChannels (calls in progress). Listeners get it at the
 * point of the event stream where the QueueStatus answer ended: events before it were dispatched
 * before, events after it are dispatched after — a reducer applying both in order is consistent.
 */
export interface AmiResync {
  /**
   * connect: after a login; fully-booted, reload: the PBX (re)loaded (`core reload` sends Reload,
   * never FullyBooted); periodic, unknown-member: asked by requestResync (a silent
   * `queue reload members` changes members without any event).
   */
  reason: 'connect' | 'fully-booted' | 'reload' | 'periodic' | 'unknown-member';
  queueStatus: AmiFrame[];
  /**
   * null when the PBX refused CoreShowChannels (a manager user without write `reporting` or
   * `system`): calls in progress are then unknown, not absent.
   */
  channels: AmiFrame[] | null;
  /** The client's clock (options.now) when the QueueStatus answer completed. */
  at: number;
}

export interface AmiClient {
  start(): void;
  stop(): Promise<void>;
  action(fields: AmiActionFields, options?: AmiActionOptions): Promise<AmiFrame>;
  listAction(fields: AmiActionFields, options?: AmiActionOptions): Promise<AmiListResult>;
  onEvent(listener: (event: AmiFrame) => void): () => void;
  onLinkState(listener: (state: PbxLinkState) => void): () => void;
  /** Called after every (re)connect once the PBX's state has been read (unless resyncOnConnect is false). */
  onResync(listener: (resync: AmiResync) => void): () => void;
  /** Reads the PBX's state again now (QueueStatus, CoreShowChannels); no-op while not logged in. */
  requestResync(reason: 'periodic' | 'unknown-member'): void;
  readonly linkState: PbxLinkState;
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

const ACTION_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 10_000;
const LOGOFF_WAIT_MS = 1_000;
const LIST_TIMEOUT_MS = 30_000;
const AUTH_FAILED_MESSAGE = 'Authentication failed';

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

interface Connection {
  readonly socket: net.Socket;
  readonly pending: Map<string, PendingAction>;
  readonly closed: Promise<void>;
  loggedIn: boolean;
  /** FullyBooted seen on this connection (Asterisk sends it after the login response once started). */
  booted: boolean;
  bootTimer: NodeJS.Timeout | undefined;
  /** A resync is under way; a second request (FullyBooted mid-resync) waits for it. */
  resyncing: boolean;
  resyncAgain: AmiResync['reason'] | null;
  /** Events that arrived between the QueueStatus answer and the CoreShowChannels answer. */
  held: AmiFrame[] | null;
  /** The PBX announced a shutdown: the close that follows is expected. */
  shutdown: { restart: boolean } | null;
  closeReason: string | null;
  pingTimer: NodeJS.Timeout | undefined;
  pingOutstanding: boolean;
}

function describeSocketError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not resolved';
    default:
      return error.code ? `socket error ${error.code}` : 'socket error';
  }
}

export function createAmiClient(options: AmiClientOptions): AmiClient {
  const range = options.reconnect ?? { minMs: 500, maxMs: 30_000 };
  const pingIntervalMs = options.pingIntervalMs ?? 5_000;
  const filters = options.filters ?? [];
  const resyncOnConnect = options.resyncOnConnect ?? true;
  const bootWaitMs = options.bootWaitMs ?? 5_000;
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  // A hostile or broken PBX must not be able to flood the log (35 000 malformed frames in 30 s).
  const limited = createLogLimiter({ log, now, ...options.logLimit });
  // A per-client prefix keeps ActionIDs unique across reconnects and across desks sharing a user.
  const idPrefix = `desk-${randomBytes(3).toString('hex')}`;
  let actionSeq = 0;

  let state: PbxLinkState = { status: 'stopped' };
  let running = false;
  let current: Connection | null = null;
  let failedAttempts = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | null = null;
  const linkListeners = new Set<(state: PbxLinkState) => void>();
  const eventListeners = new Set<(event: AmiFrame) => void>();
  const resyncListeners = new Set<(resync: AmiResync) => void>();

  function notify<T>(listeners: Set<(value: T) => void>, value: T): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        // Only the error's class: its message may quote the event, i.e. a caller's number.
        limited.line('listener', `AMI listener threw ${error instanceof Error ? error.name : typeof error}`, 'listener errors');
      }
    }
  }

  function setState(next: PbxLinkState): void {
    state = next;
    notify(linkListeners, next);
  }

  /** A refused resync action degrades the link visibly (the operator sees it), not only in the log. */
  function showRefused(refused: string[]): void {
    if (state.status !== 'connected') return;
    const before = state.refused ?? [];
    if (before.length === refused.length && before.every((r, i) => r === refused[i])) return;
    setState(refused.length > 0 ? { status: 'connected', since: state.since, refused } : { status: 'connected', since: state.since });
  }

  function armTimer(c: Connection, id: string, p: PendingAction): void {
    clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      c.pending.delete(id);
      p.fail(new AmiActionError('timeout', `AMI action ${p.name} got no answer within ${p.timeoutMs} ms`));
    }, p.timeoutMs);
  }

  function settle(c: Connection, id: string, p: PendingAction, result: AmiListResult): void {
    clearTimeout(p.timer);
    c.pending.delete(id);
    p.onSettled?.(result);
    p.finish(result);
  }

  function send(
    c: Connection,
    fields: AmiActionFields,
    list: boolean,
    timeoutMs = ACTION_TIMEOUT_MS,
    onSettled?: (result: AmiListResult) => void,
  ): Promise<AmiListResult> {
    const entries = Object.entries(fields);
    const action = entries.find(([name]) => name.toLowerCase() === 'action');
    if (action === undefined || typeof action[1] !== 'string') return Promise.reject(new AmiActionError('invalid', 'AMI action fields need one Action'));
    if (entries.some(([name]) => name.toLowerCase() === 'actionid')) {
      return Promise.reject(new AmiActionError('invalid', 'ActionID is chosen by the AMI client'));
    }
    const id = `${idPrefix}-${++actionSeq}`;
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
      c.pending.set(id, p);
      armTimer(c, id, p);
      c.socket.write(text);
    });
  }

  function onFrame(c: Connection, frame: AmiFrame): void {
    const id = header(frame, 'ActionID');
    const p = id === undefined ? undefined : c.pending.get(id);
    if (frameKind(frame) === 'response') {
      if (id === undefined || p === undefined) {
        limited.line('unknown-action-id', 'AMI response for an unknown or expired ActionID ignored', 'responses for an unknown or expired ActionID ignored');
        return;
      }
      const listFollows =
        header(frame, 'Response')?.toLowerCase() === 'success' && header(frame, 'EventList')?.toLowerCase() === 'start';
      if (!p.list || !listFollows) {
        settle(c, id, p, { response: frame, items: [], complete: null });
      } else if (p.complete !== null) {
        settle(c, id, p, { response: frame, items: p.items, complete: p.complete });
      } else {
        p.response = frame;
        armTimer(c, id, p);
      }
      return;
    }
    // Events carrying the ActionID of one of our list actions are its items; any other event,
    // OriginateResponse for our own async Originate included, is for the listeners.
    if (id !== undefined && p?.list) {
      if (header(frame, 'EventList')?.toLowerCase() === 'complete') {
        if (p.response !== null) settle(c, id, p, { response: p.response, items: p.items, complete: frame });
        else p.complete = frame;
      } else {
        p.items.push(frame);
        armTimer(c, id, p);
      }
      return;
    }
    if (c.held !== null) c.held.push(frame);
    else notify(eventListeners, frame);
    onLinkEvent(c, frame);
  }

  /** FullyBooted and Shutdown are about the link: they steer the resync and the reconnect. */
  function onLinkEvent(c: Connection, frame: AmiFrame): void {
    const name = header(frame, 'Event')?.toLowerCase();
    if (name === 'fullybooted') {
      const first = !c.booted;
      c.booted = true;
      clearTimeout(c.bootTimer);
      // The first one completes the login; a later one means the PBX (re)loaded: read it again.
      if (c.loggedIn) resync(c, first ? 'connect' : 'fully-booted');
    } else if (name === 'reload') {
      // `core reload`, `module reload app_queue`: queues and members may have changed.
      if (c.loggedIn && c.booted) resync(c, 'reload');
    } else if (name === 'shutdown') {
      c.shutdown = { restart: header(frame, 'Restart')?.toLowerCase() === 'true' };
      log(`AMI: the PBX announced a shutdown${c.shutdown.restart ? ' (restart)' : ''}`);
    }
  }

  function flushHeld(c: Connection): void {
    const held = c.held;
    c.held = null;
    if (held !== null) for (const event of held) notify(eventListeners, event);
  }

  /**
   * QueueStatus, then CoreShowChannels, pipelined. From the QueueStatus answer on, events are
   * held until the channels are known, so listeners see: events before the snapshot, the
   * resync, events after it — never a snapshot older than an event already applied.
   */
  function resync(c: Connection, reason: AmiResync['reason']): void {
    if (!resyncOnConnect || c !== current || !c.loggedIn) return;
    if (c.resyncing) {
      c.resyncAgain ??= reason;
      return;
    }
    c.resyncing = true;
    let statusAt = 0;
    let queueStatus: AmiFrame[] | null = null;
    const done = () => {
      c.resyncing = false;
      const again = c.resyncAgain;
      c.resyncAgain = null;
      if (again !== null) resync(c, again);
    };
    const failed = (what: string) => (error: unknown) => {
      log(`AMI resync: ${what} failed (${error instanceof AmiActionError ? error.code : 'error'})`);
      flushHeld(c);
      done();
    };
    send(c, { Action: 'QueueStatus' }, true, LIST_TIMEOUT_MS, (result) => {
      if (header(result.response, 'Response')?.toLowerCase() !== 'success') return;
      statusAt = now();
      queueStatus = result.items;
      c.held = [];
    }).then((result) => {
      if (queueStatus !== null) return;
      const refused = `QueueStatus: ${header(result.response, 'Message') ?? 'refused'}`;
      log(`AMI resync: ${refused}`);
      showRefused([refused]);
    }, failed('QueueStatus'));
    send(c, { Action: 'CoreShowChannels' }, true, LIST_TIMEOUT_MS, (result) => {
      if (queueStatus === null) return;
      const ok = header(result.response, 'Response')?.toLowerCase() === 'success';
      const refused = ok ? [] : [`CoreShowChannels: ${header(result.response, 'Message') ?? 'refused'}`];
      if (!ok) log(`AMI resync: ${refused[0]}`);
      showRefused(refused);
      notify(resyncListeners, { reason, queueStatus, channels: ok ? result.items : null, at: statusAt });
      flushHeld(c);
    }).then(done, failed('CoreShowChannels'));
  }

  function sendFilters(c: Connection): void {
    for (const filter of filters) {
      const fields: AmiActionFields =
        typeof filter === 'string'
          ? { Action: 'Filter', Operation: 'Add', Filter: filter }
          : { Action: 'Filter', Operation: 'Add', MatchCriteria: filter.matchCriteria, ...(filter.filter === undefined ? {} : { Filter: filter.filter }) };
      send(c, fields, false).then(
        ({ response }) => {
          if (header(response, 'Response')?.toLowerCase() !== 'success') log(`AMI filter refused: ${header(response, 'Message') ?? 'no message'}`);
        },
        () => undefined,
      );
    }
  }

  function drop(c: Connection, reason: string): void {
    c.closeReason ??= reason;
    c.socket.destroy();
  }

  function startPing(c: Connection): void {
    c.pingTimer = setInterval(() => {
      // The summaries of a flood that has stopped are written here, not only at its next line.
      limited.flush();
      if (c.pingOutstanding) return; // its own timeout drops the link
      c.pingOutstanding = true;
      send(c, { Action: 'Ping' }, false, pingIntervalMs).then(
        () => {
          c.pingOutstanding = false;
        },
        (error: AmiActionError) => {
          if (error.code === 'timeout') drop(c, `no answer to Ping within ${pingIntervalMs} ms`);
        },
      );
    }, pingIntervalMs);
  }

  function login(c: Connection): void {
    send(c, { Action: 'Login', Username: options.username, Secret: options.secret }, false).then(
      ({ response }) => {
        if (c !== current) return;
        if (header(response, 'Response')?.toLowerCase() === 'success') {
          c.loggedIn = true;
          failedAttempts = 0;
          log('AMI login accepted');
          setState({ status: 'connected', since: now() });
          startPing(c);
          sendFilters(c);
          if (c.booted) {
            resync(c, 'connect');
          } else {
            // A PBX still starting logs us in before it has loaded its queues (i-restart-reconnect).
            c.bootTimer = setTimeout(() => {
              log(`AMI: no FullyBooted within ${bootWaitMs} ms; reading the PBX state anyway`);
              c.booted = true;
              resync(c, 'connect');
            }, bootWaitMs);
          }
          return;
        }
        const message = header(response, 'Message') ?? '';
        if (message === AUTH_FAILED_MESSAGE) {
          // Retrying with the same secret cannot succeed and each try raises a security event
          // on the PBX; the operator must fix the configuration and start again.
          running = false;
          log('AMI authentication failed; not retrying');
          setState({ status: 'auth-failed' });
          drop(c, 'authentication failed');
          return;
        }
        drop(c, `login refused: ${message || 'no reason given'}`);
      },
      (error: AmiActionError) => {
        if (error.code === 'timeout') drop(c, 'no answer to Login');
      },
    );
  }

  function connect(): void {
    if (state.status !== 'reconnecting') setState({ status: 'connecting' });
    log(`AMI connecting to ${options.host}:${options.port}`);
    const socket = net.createConnection({ host: options.host, port: options.port });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    let markClosed = () => {};
    const c: Connection = {
      socket,
      pending: new Map(),
      closed: new Promise<void>((resolve) => {
        markClosed = resolve;
      }),
      loggedIn: false,
      booted: false,
      bootTimer: undefined,
      resyncing: false,
      resyncAgain: null,
      held: null,
      shutdown: null,
      closeReason: null,
      pingTimer: undefined,
      pingOutstanding: false,
    };
    current = c;
    const connectTimer = setTimeout(() => drop(c, 'connect timeout'), CONNECT_TIMEOUT_MS);
    const splitter = createFrameSplitter(
      (frame) => onFrame(c, frame),
      (error) => limited.line(`frame-${error.kind}`, `AMI ${error.kind} frame skipped (${error.bytes} bytes)`, `${error.kind} frames skipped`),
      { onBanner: (banner) => log(`AMI banner: ${banner}`) },
    );
    socket.on('connect', () => {
      clearTimeout(connectTimer);
      login(c);
    });
    socket.on('data', (chunk: Buffer) => splitter.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      c.closeReason ??= describeSocketError(error);
    });
    socket.on('close', () => {
      clearTimeout(connectTimer);
      clearInterval(c.pingTimer);
      clearTimeout(c.bootTimer);
      flushHeld(c);
      limited.flush(true);
      c.loggedIn = false;
      const code: AmiActionErrorCode = running ? 'link-lost' : 'stopped';
      for (const [id, p] of c.pending) {
        clearTimeout(p.timer);
        c.pending.delete(id);
        p.fail(new AmiActionError(code, `AMI link closed before ${p.name} was answered`));
      }
      markClosed();
      if (c !== current) return;
      current = null;
      if (!running) return;
      if (c.shutdown !== null) {
        // An announced restart is not a failure: come back as soon as the PBX does.
        failedAttempts = 0;
        c.closeReason ??= c.shutdown.restart ? 'PBX restarting' : 'PBX shut down';
      }
      scheduleReconnect(c.closeReason ?? 'connection closed by the PBX');
    });
  }

  function scheduleReconnect(reason: string): void {
    const delay = backoffDelay(failedAttempts++, range);
    log(`AMI link down (${reason}); retrying in ${delay} ms`);
    setState({ status: 'reconnecting', retryAt: now() + delay, reason });
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      if (running) connect();
    }, delay);
  }

  async function shutDown(): Promise<void> {
    running = false;
    clearTimeout(reconnectTimer);
    reconnectTimer = undefined;
    const c = current;
    if (c !== null) {
      if (c.loggedIn) {
        await send(c, { Action: 'Logoff' }, false, LOGOFF_WAIT_MS).catch(() => undefined);
      }
      c.closeReason ??= 'stopped';
      c.socket.end();
      const force = setTimeout(() => c.socket.destroy(), LOGOFF_WAIT_MS);
      await c.closed;
      clearTimeout(force);
    }
    limited.flush(true);
    log('AMI client stopped');
    setState({ status: 'stopped' });
  }

  function connectedOrReject(): Connection | AmiActionError {
    if (current?.loggedIn) return current;
    return new AmiActionError(running ? 'not-connected' : 'stopped', 'AMI link is not connected');
  }

  const client: AmiClient = {
    get linkState() {
      return state;
    },
    start() {
      if (stopping) {
        // Restarting while the Logoff is in flight: connect once the old link is closed.
        void stopping.then(() => client.start());
        return;
      }
      if (running) return;
      running = true;
      failedAttempts = 0;
      connect();
    },
    stop() {
      stopping ??= shutDown().finally(() => {
        stopping = null;
      });
      return stopping;
    },
    async action(fields, actionOptions) {
      const c = connectedOrReject();
      if (c instanceof AmiActionError) throw c;
      return (await send(c, fields, false, actionOptions?.timeoutMs)).response;
    },
    listAction(fields, actionOptions) {
      const c = connectedOrReject();
      if (c instanceof AmiActionError) return Promise.reject(c);
      return send(c, fields, true, actionOptions?.timeoutMs);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onLinkState(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    onResync(listener) {
      resyncListeners.add(listener);
      return () => resyncListeners.delete(listener);
    },
    requestResync(reason) {
      if (current !== null && current.loggedIn && current.booted) resync(current, reason);
    },
  };
  return client;
}
