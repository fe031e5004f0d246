import { randomBytes } from 'node:crypto';
import type net from 'node:net';
import type { AmiFrame, AmiHeader } from '../ami/amiFrame.js';
import { header, serializeFrame } from '../ami/amiFrame.js';
import { createFrameSplitter } from '../ami/amiFrameSplitter.js';
import type { SimAstDb } from './astdb.js';
import { answerAstDbAction } from './astdb.js';
import { coreShowChannelItems } from './channelListFrames.js';
import { amiEvent } from './eventHeaders.js';
import type { OriginateFields, OriginateResponder } from './originate.js';
import type { QueueStatusView } from './queueFacts.js';
import type { AddOutcome, ChannelView, PauseOutcome, RemoveOutcome } from './queueModel.js';
import { listComplete, queueStatusItems, queueSummaryItems } from './queueStatusFrames.js';
import type { EventFilter } from './sessionFilter.js';
import { advancedFilter, FilterError, legacyFilter, passes } from './sessionFilter.js';
import { epochSeconds, eventTv, pingTimestamp } from './simTime.js';
import type { SimManagerUser } from './simTypes.js';

// One manager session as Asterisk 22 runs it (see h-filter-and-errors, a-idle-status and
// d-pause-unpause): banner, Login, the actions the desk uses with Asterisk's exact texts, the
// security events other sessions see about this one, and per-session event filters.

/**
 * The write classes an action needs (any one of them), as Asterisk 22 registers them (manager.c,
 * db.c); only the actions whose class a desk's user may lack are listed.
 */
const ACTION_WRITE_CLASSES: Readonly<Record<string, readonly string[]>> = {
  coreshowchannels: ['system', 'reporting'],
  dbget: ['system', 'reporting'],
  dbput: ['system'],
  dbdel: ['system'],
  dbdeltree: ['system'],
};

export const BANNER = 'Asterisk Call Manager/11.0.0\r\n';
/** A client that stops reading is cut off rather than buffered without bound, as Asterisk does. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const EPOCH_TV = '1970-01-01T00:00:00.000+0000';

/** An event serialized once for every session it goes to. */
export interface PreparedEvent {
  readonly name: string;
  readonly text: string;
}

export interface SessionHost {
  readonly users: readonly SimManagerUser[];
  readonly authFailDelayMs: number;
  /** The PBX's AstDB (DBPut/DBGet/DBDel/DBDelTree). */
  readonly astdb: SimAstDb;
  now(): number;
  /** Seconds since the PBX (re)started, for FullyBooted. */
  uptimeSec(): number;
  /** false while a restarted PBX is still booting: logins get no FullyBooted yet. */
  booted(): boolean;
  status(queue?: string): QueueStatusView[];
  channels(): ChannelView[];
  pause(iface: string, paused: boolean, options: { queue?: string; reason?: string }): PauseOutcome;
  addMember(queue: string, member: { interface: string; name: string; stateInterface: string; penalty: number; paused: boolean; reason?: string }): AddOutcome | 'unsupported';
  removeMember(queue: string, iface: string): RemoveOutcome;
  hangup(channel: string): boolean;
  originate(fields: OriginateFields, respond: OriginateResponder): void;
  /** Sends an event to every logged-in session (through each one's filters). */
  broadcast(frames: AmiFrame[]): void;
  /**
   * Runs a change whose events must follow its Response (Asterisk answers QueuePause before
   * the QueueMemberPause it causes): events are held while `change` runs and `answer` writes.
   */
  answerFirst<T>(change: () => T, answer: (result: T) => void): void;
  onLogin(session: AmiSession): void;
  onClose(session: AmiSession): void;
}

export interface AmiSession {
  readonly authenticated: boolean;
  /** Writes events that pass this session's filters (and none with `Events: off`). */
  deliver(events: readonly PreparedEvent[]): void;
  write(text: string): void;
  close(): void;
}

/** Asterisk's ast_true. */
const isTrue = (value: string | undefined) => /^(yes|true|y|t|1|on)$/i.test((value ?? '').trim());

export function attachSession(socket: net.Socket, host: SessionHost): AmiSession {
  const sessionId = `0x${randomBytes(6).toString('hex')}`;
  const localAddress = `IPV4/TCP/127.0.0.1/${socket.localPort}`;
  const remoteAddress = `IPV4/TCP/${socket.remoteAddress}/${socket.remotePort}`;
  let authenticated = false;
  /** The logged-in user's manager.conf write classes; null: all. */
  let writeClasses: readonly string[] | null = null;
  let accountId = '';
  let sessionTv = EPOCH_TV;
  let eventsOn = true;
  let filters: EventFilter[] = [];
  // Asterisk handles a session's actions one after the other; a failed login or a synchronous
  // Originate blocks it, and what arrives meanwhile waits.
  let busyUntilClosed = false;
  let blocked = false;
  const queued: AmiFrame[] = [];
  let authFailTimer: NodeJS.Timeout | undefined;

  const session: AmiSession = {
    get authenticated() {
      return authenticated;
    },
    deliver(events) {
      if (!authenticated || !eventsOn) return;
      let text = '';
      for (const event of events) if (passes(filters, event.name, event.text)) text += event.text;
      if (text !== '') session.write(text);
    },
    write(text) {
      if (!socket.writable) return;
      if (socket.writableLength > MAX_BUFFERED_BYTES) {
        socket.destroy();
        return;
      }
      socket.write(text);
    },
    close() {
      socket.destroy();
    },
  };

  const send = (frames: AmiFrame[]) => session.write(frames.map((frame) => serializeFrame(frame.headers)).join(''));

  function respond(actionId: string | undefined, kind: 'Success' | 'Error' | 'Goodbye', fields: AmiHeader[]): void {
    send([{ headers: [['Response', kind], ...(actionId === undefined ? [] : [['ActionID', actionId] as AmiHeader]), ...fields] }]);
  }
  const error = (actionId: string | undefined, message: string) => respond(actionId, 'Error', [['Message', message]]);
  const ack = (actionId: string | undefined, message: string) => respond(actionId, 'Success', [['Message', message]]);

  function securityEvent(name: string, severity: string, version: string, fields: AmiHeader[], trailing: AmiHeader[] = []): AmiFrame {
    return amiEvent(
      name,
      'security',
      [
        ['EventTV', eventTv(host.now())],
        ['Severity', severity],
        ['Service', 'AMI'],
        ['EventVersion', version],
      ],
      fields,
      trailing,
    );
  }

  const addresses = (): AmiHeader[] => [
    ['SessionID', sessionId],
    ['LocalAddress', localAddress],
    ['RemoteAddress', remoteAddress],
  ];

  function login(frame: AmiFrame, actionId: string | undefined): void {
    if (authenticated) {
      ack(actionId, 'Already authenticated');
      return;
    }
    const username = header(frame, 'Username') ?? '';
    const user = host.users.find((u) => u.username === username);
    if (user !== undefined && header(frame, 'Secret') === user.secret) {
      authenticated = true;
      accountId = username;
      writeClasses = user.write ?? null;
      sessionTv = eventTv(host.now());
      filters = (user.eventFilters ?? []).map(legacyFilter);
      ack(actionId, 'Authentication accepted');
      if (host.booted()) {
        const uptime = String(host.uptimeSec());
        send([
          amiEvent('FullyBooted', 'system', [
            ['Uptime', uptime],
            ['LastReload', uptime],
            ['Status', 'Fully Booted'],
          ]),
        ]);
      }
      host.onLogin(session);
      host.broadcast([
        securityEvent('SuccessfulAuth', 'Informational', '1', [
          ['AccountID', username],
          ...addresses(),
          ['UsingPassword', '0'],
          ['SessionTV', sessionTv],
        ]),
      ]);
      return;
    }
    host.broadcast([
      securityEvent(user !== undefined ? 'InvalidPassword' : 'InvalidAccountID', 'Error', user !== undefined ? '2' : '1', [
        ['AccountID', username],
        ...addresses(),
        ['SessionTV', EPOCH_TV],
      ]),
    ]);
    busyUntilClosed = true;
    authFailTimer = setTimeout(() => {
      error(actionId, 'Authentication failed');
      socket.end();
    }, host.authFailDelayMs);
  }

  function listResponse(actionId: string | undefined, message: string, items: AmiFrame[], completeEvent: string): void {
    respond(actionId, 'Success', [
      ['EventList', 'start'],
      ['Message', message],
    ]);
    send([...items, listComplete(completeEvent, actionId, items.length)]);
  }

  function filterAction(frame: AmiFrame, actionId: string | undefined): void {
    if ((header(frame, 'Operation') ?? '').toLowerCase() !== 'add') {
      error(actionId, 'Unknown operation');
      return;
    }
    const criteria = header(frame, 'MatchCriteria');
    const value = header(frame, 'Filter') ?? '';
    try {
      filters = [...filters, criteria === undefined ? legacyFilter(value) : advancedFilter(criteria, value)];
    } catch (e) {
      error(actionId, e instanceof FilterError ? e.message : 'Filter was formatted incorrectly.  Check the syntax of the filter given.');
      return;
    }
    ack(actionId, 'Success');
  }

  function queuePause(frame: AmiFrame, actionId: string | undefined): void {
    const iface = header(frame, 'Interface');
    const pausedText = header(frame, 'Paused');
    if (!iface || pausedText === undefined || pausedText === '') {
      error(actionId, "Need 'Interface' and 'Paused' parameters.");
      return;
    }
    const paused = isTrue(pausedText);
    const queue = header(frame, 'Queue') || undefined;
    const reason = header(frame, 'Reason') || undefined;
    // The answer comes before the events the pause causes (d-pause-unpause).
    host.answerFirst(
      () => host.pause(iface, paused, { ...(queue === undefined ? {} : { queue }), ...(reason === undefined ? {} : { reason }) }),
      (outcome) => {
        if (outcome === 'not-found') error(actionId, 'Interface not found');
        else ack(actionId, paused ? 'Interface paused successfully' : 'Interface unpaused successfully');
      },
    );
  }

  function queueAdd(frame: AmiFrame, actionId: string | undefined): void {
    const queue = header(frame, 'Queue');
    const iface = header(frame, 'Interface');
    if (!queue) return error(actionId, "'Queue' not specified.");
    if (!iface) return error(actionId, "'Interface' not specified.");
    const member = {
      interface: iface,
      name: header(frame, 'MemberName') || iface,
      stateInterface: header(frame, 'StateInterface') || iface,
      penalty: Number.parseInt(header(frame, 'Penalty') ?? '0', 10) || 0,
      paused: isTrue(header(frame, 'Paused')),
      ...(header(frame, 'Reason') ? { reason: header(frame, 'Reason')! } : {}),
    };
    host.answerFirst(
      () => host.addMember(queue, member),
      (outcome) => {
        if (outcome === 'exists') error(actionId, 'Unable to add interface: Already there');
        else if (outcome === 'no-queue') error(actionId, 'Unable to add interface to queue: No such queue');
        else if (outcome === 'unsupported') error(actionId, 'Unable to add interface: the simulator rings Local and PJSIP members only');
        else ack(actionId, 'Added interface to queue');
      },
    );
  }

  function queueRemove(frame: AmiFrame, actionId: string | undefined): void {
    const queue = header(frame, 'Queue');
    const iface = header(frame, 'Interface');
    if (!queue || !iface) return error(actionId, "Need 'Queue' and 'Interface' parameters.");
    host.answerFirst(
      () => host.removeMember(queue, iface),
      (outcome) => {
        if (outcome === 'not-there') error(actionId, 'Unable to remove interface: Not there');
        else if (outcome === 'no-queue') error(actionId, 'Unable to remove interface from queue: No such queue');
        else if (outcome === 'not-dynamic') error(actionId, 'Member not dynamic');
        else ack(actionId, 'Removed interface from queue');
      },
    );
  }

  function originate(frame: AmiFrame, actionId: string | undefined): void {
    const channel = header(frame, 'Channel');
    if (!channel) return error(actionId, 'Channel not specified');
    const application = header(frame, 'Application') ?? '';
    const exten = header(frame, 'Exten') ?? '';
    if (application === '' && exten === '') return error(actionId, 'Exten not specified');
    const variables: Record<string, string> = {};
    for (const [name, value] of frame.headers) {
      if (name.toLowerCase() !== 'variable') continue;
      for (const pair of value.split(',')) {
        const eq = pair.indexOf('=');
        if (eq > 0) variables[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
    }
    const isAsync = isTrue(header(frame, 'Async'));
    const timeoutMs = Number.parseInt(header(frame, 'Timeout') ?? '30000', 10) || 30_000;
    if (!isAsync) blocked = true;
    host.originate(
      { actionId, channel, context: header(frame, 'Context') ?? '', exten, application, callerId: header(frame, 'CallerID') ?? '', timeoutMs, variables, isAsync },
      (ok, message) => {
        if (ok) ack(actionId, message);
        else error(actionId, message);
        if (!isAsync) {
          blocked = false;
          drain();
        }
      },
    );
  }

  function handle(frame: AmiFrame): void {
    if (busyUntilClosed) return;
    if (blocked) {
      queued.push(frame);
      return;
    }
    const action = header(frame, 'Action');
    const actionId = header(frame, 'ActionID');
    if (action === undefined) {
      error(actionId, 'Missing action in request');
      return;
    }
    const name = action.toLowerCase();
    if (name === 'login') {
      login(frame, actionId);
      return;
    }
    if (!authenticated) {
      error(actionId, 'Permission denied');
      host.broadcast([
        securityEvent('RequestNotAllowed', 'Error', '1', [
          ['AccountID', ''],
          ...addresses(),
          ['RequestType', `Action: ${action}`],
          ['SessionTV', EPOCH_TV],
        ]),
      ]);
      return;
    }
    const needs = ACTION_WRITE_CLASSES[name];
    if (needs !== undefined && writeClasses !== null && !needs.some((c) => writeClasses!.includes(c))) {
      error(actionId, 'Permission denied');
      return;
    }
    switch (name) {
      case 'ping':
        respond(actionId, 'Success', [
          ['Ping', 'Pong'],
          ['Timestamp', pingTimestamp(host.now())],
        ]);
        return;
      case 'logoff':
        respond(actionId, 'Goodbye', [['Message', 'Thanks for all the fish.']]);
        socket.end();
        return;
      case 'events': {
        const mask = (header(frame, 'EventMask') ?? '').toLowerCase();
        eventsOn = mask !== 'off';
        respond(actionId, 'Success', [['Events', eventsOn ? 'On' : 'Off']]);
        return;
      }
      case 'filter':
        filterAction(frame, actionId);
        return;
      case 'queuestatus': {
        const queues = host.status(header(frame, 'Queue') || undefined);
        listResponse(actionId, 'Queue status will follow', queueStatusItems(queues, actionId, header(frame, 'Member') || undefined), 'QueueStatusComplete');
        return;
      }
      case 'queuesummary': {
        const queues = host.status(header(frame, 'Queue') || undefined);
        listResponse(actionId, 'Queue summary will follow', queueSummaryItems(queues, actionId), 'QueueSummaryComplete');
        return;
      }
      case 'coreshowchannels':
        listResponse(actionId, 'Channels will follow', coreShowChannelItems(host.channels(), actionId, host.now()), 'CoreShowChannelsComplete');
        return;
      case 'queuepause':
        queuePause(frame, actionId);
        return;
      case 'queueadd':
        queueAdd(frame, actionId);
        return;
      case 'queueremove':
        queueRemove(frame, actionId);
        return;
      case 'originate':
        originate(frame, actionId);
        return;
      case 'hangup': {
        const channel = header(frame, 'Channel');
        if (!channel) error(actionId, 'No channel specified');
        else host.answerFirst(() => host.hangup(channel), (found) => (found ? ack(actionId, 'Channel Hungup') : error(actionId, 'No such channel')));
        return;
      }
      case 'dbput':
      case 'dbget':
      case 'dbdel':
      case 'dbdeltree': {
        const answer = answerAstDbAction(name, frame, actionId, host.astdb);
        if (answer.kind === 'list') listResponse(actionId, answer.message, answer.items, answer.completeEvent);
        else if (answer.kind === 'ack') ack(actionId, answer.message);
        else error(actionId, answer.message);
        return;
      }
      default:
        error(actionId, `Invalid/unknown command: ${action}. Use Action: ListCommands to show available commands.`);
        host.broadcast([
          securityEvent(
            'RequestBadFormat',
            'Error',
            '1',
            [...addresses(), ['RequestType', `Action: ${action}`], ['SessionTV', sessionTv]],
            [['AccountID', accountId]],
          ),
        ]);
    }
  }

  function run(frame: AmiFrame): void {
    try {
      handle(frame);
    } catch {
      socket.destroy();
    }
  }

  function drain(): void {
    while (!blocked && queued.length > 0) run(queued.shift()!);
  }

  // Garbage from a client is skipped like Asterisk does; a request we cannot answer closes
  // only its own session, never the simulator (it runs inside the desk in demo mode).
  const splitter = createFrameSplitter(run, () => undefined);
  socket.on('data', (chunk: Buffer) => splitter.push(chunk));
  socket.on('error', () => undefined);
  socket.on('close', () => {
    clearTimeout(authFailTimer);
    host.onClose(session);
  });
  socket.setNoDelay(true);
  socket.write(BANNER);
  return session;
}

/** FullyBooted as a PBX that just finished starting announces it (i-restart-reconnect). */
export function bootedEvent(): AmiFrame {
  return amiEvent('FullyBooted', 'system', [
    ['Status', 'Fully Booted'],
    ['Uptime', '0'],
    ['LastReload', '0'],
  ]);
}

/** Seconds between two clock readings as Asterisk's time() would show them. */
export const secondsBetween = (from: number, to: number) => epochSeconds(to) - epochSeconds(from);
