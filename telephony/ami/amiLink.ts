import net from 'node:net';
import type { PbxLinkState } from '../../core/pbxLink.js';
import type { ActionTable, AmiActionFields } from './amiActions.js';
import { AmiActionError, createActionIds, createActionTable } from './amiActions.js';
import type { BackoffRange } from './amiBackoff.js';
import { backoffDelay } from './amiBackoff.js';
import type { AmiFilter } from './amiFilters.js';
import type { AmiFrame } from './amiFrame.js';
import { header } from './amiFrame.js';
import { createFrameSplitter } from './amiFrameSplitter.js';
import type { AmiResync, ResyncSession } from './amiResync.js';
import { createResyncSession } from './amiResync.js';
import type { LogLimiter } from './logLimiter.js';

// The link to the PBX: one socket at a time, its login, filters and ping, and the reconnect
// with backoff when it closes. What arrives on it goes to the action table, the resync or the
// listeners, in that order of claim.

/** The client's options with their defaults applied (see AmiClientOptions). */
export interface AmiLinkSettings {
  host: string;
  port: number;
  username: string;
  secret: string;
  reconnect: BackoffRange;
  pingIntervalMs: number;
  filters: readonly AmiFilter[];
  resyncOnConnect: boolean;
  bootWaitMs: number;
  log: (line: string) => void;
  now: () => number;
  limited: LogLimiter;
}

export interface AmiLinkListeners {
  linkState(state: PbxLinkState): void;
  event(event: AmiFrame): void;
  resync(resync: AmiResync): void;
}

export interface AmiLink {
  readonly state: PbxLinkState;
  start(): void;
  stop(): Promise<void>;
  /** The logged-in connection's actions, or why there is none. */
  actions(): ActionTable | AmiActionError;
  requestResync(reason: 'periodic' | 'unknown-member'): void;
}

const CONNECT_TIMEOUT_MS = 10_000;
const LOGOFF_WAIT_MS = 1_000;
const AUTH_FAILED_MESSAGE = 'Authentication failed';

interface Connection {
  readonly socket: net.Socket;
  readonly actions: ActionTable;
  readonly resync: ResyncSession;
  readonly closed: Promise<void>;
  loggedIn: boolean;
  /** FullyBooted seen on this connection (Asterisk sends it after the login response once started). */
  booted: boolean;
  bootTimer: NodeJS.Timeout | undefined;
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

export function createAmiLink(settings: AmiLinkSettings, listeners: AmiLinkListeners): AmiLink {
  const { pingIntervalMs, bootWaitMs, log, now, limited } = settings;
  const nextId = createActionIds();
  let state: PbxLinkState = { status: 'stopped' };
  let running = false;
  let current: Connection | null = null;
  let failedAttempts = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | null = null;

  function setState(next: PbxLinkState): void {
    state = next;
    listeners.linkState(next);
  }

  /** A refused resync action degrades the link visibly (the operator sees it), not only in the log. */
  function showRefused(refused: string[]): void {
    if (state.status !== 'connected') return;
    const before = state.refused ?? [];
    if (before.length === refused.length && before.every((r, i) => r === refused[i])) return;
    setState(refused.length > 0 ? { status: 'connected', since: state.since, refused } : { status: 'connected', since: state.since });
  }

  function onFrame(c: Connection, frame: AmiFrame): void {
    if (c.actions.take(frame)) return;
    c.resync.event(frame);
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
      if (c.loggedIn) c.resync.run(first ? 'connect' : 'fully-booted');
    } else if (name === 'reload') {
      // `core reload`, `module reload app_queue`: queues and members may have changed.
      if (c.loggedIn && c.booted) c.resync.run('reload');
    } else if (name === 'shutdown') {
      c.shutdown = { restart: header(frame, 'Restart')?.toLowerCase() === 'true' };
      log(`AMI: the PBX announced a shutdown${c.shutdown.restart ? ' (restart)' : ''}`);
    }
  }

  function sendFilters(c: Connection): void {
    for (const filter of settings.filters) {
      const fields: AmiActionFields =
        typeof filter === 'string'
          ? { Action: 'Filter', Operation: 'Add', Filter: filter }
          : { Action: 'Filter', Operation: 'Add', MatchCriteria: filter.matchCriteria, ...(filter.filter === undefined ? {} : { Filter: filter.filter }) };
      c.actions.send(fields, false).then(
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
      c.actions.send({ Action: 'Ping' }, false, pingIntervalMs).then(
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
    c.actions.send({ Action: 'Login', Username: settings.username, Secret: settings.secret }, false).then(
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
            c.resync.run('connect');
          } else {
            // A PBX still starting logs us in before it has loaded its queues (i-restart-reconnect).
            c.bootTimer = setTimeout(() => {
              log(`AMI: no FullyBooted within ${bootWaitMs} ms; reading the PBX state anyway`);
              c.booted = true;
              c.resync.run('connect');
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
    log(`AMI connecting to ${settings.host}:${settings.port}`);
    const socket = net.createConnection({ host: settings.host, port: settings.port });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    let markClosed = () => {};
    const actions = createActionTable((text) => socket.write(text), nextId, limited);
    const c: Connection = {
      socket,
      actions,
      resync: createResyncSession({
        actions,
        active: () => settings.resyncOnConnect && c === current && c.loggedIn,
        deliverEvent: listeners.event,
        deliverResync: listeners.resync,
        showRefused,
        log,
        now,
      }),
      closed: new Promise<void>((resolve) => {
        markClosed = resolve;
      }),
      loggedIn: false,
      booted: false,
      bootTimer: undefined,
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
      c.resync.flushHeld();
      limited.flush(true);
      c.loggedIn = false;
      c.actions.failAll(running ? 'link-lost' : 'stopped');
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
    const delay = backoffDelay(failedAttempts++, settings.reconnect);
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
        await c.actions.send({ Action: 'Logoff' }, false, LOGOFF_WAIT_MS).catch(() => undefined);
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

  function start(): void {
    if (stopping) {
      // Restarting while the Logoff is in flight: connect once the old link is closed.
      void stopping.then(() => start());
      return;
    }
    if (running) return;
    running = true;
    failedAttempts = 0;
    connect();
  }

  return {
    get state() {
      return state;
    },
    start,
    stop() {
      stopping ??= shutDown().finally(() => {
        stopping = null;
      });
      return stopping;
    },
    actions() {
      if (current?.loggedIn) return current.actions;
      return new AmiActionError(running ? 'not-connected' : 'stopped', 'AMI link is not connected');
    },
    requestResync(reason) {
      if (current !== null && current.loggedIn && current.booted) current.resync.run(reason);
    },
  };
}
