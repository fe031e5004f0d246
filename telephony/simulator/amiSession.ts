import { randomBytes } from 'node:crypto';
import type net from 'node:net';
import type { AmiFrame, AmiHeader } from '../ami/amiFrame.js';
import { createFrameSplitter, header, serializeFrame } from '../ami/amiFrame.js';
import { amiEvent } from './eventHeaders.js';
import type { QueueStatusView } from './queueFacts.js';
import { listComplete, queueStatusItems, queueSummaryItems } from './queueStatusFrames.js';
import { epochSeconds, eventTv, pingTimestamp } from './simTime.js';

// One manager session as Asterisk 22 runs it (see h-filter-and-errors and a-idle-status):
// banner, Login, the actions the desk uses, Asterisk's exact error texts, and the security
// events other sessions see about this one.

export const BANNER = 'Asterisk Call Manager/11.0.0\r\n';
/** A client that stops reading is cut off rather than buffered without bound, as Asterisk does. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const EPOCH_TV = '1970-01-01T00:00:00.000+0000';

export interface SessionHost {
  readonly username: string;
  readonly secret: string;
  readonly authFailDelayMs: number;
  readonly startedAt: number;
  now(): number;
  status(queue?: string): QueueStatusView[];
  /** Sends an event to every logged-in session. */
  broadcast(frames: AmiFrame[]): void;
  onLogin(session: AmiSession): void;
  onClose(session: AmiSession): void;
}

export interface AmiSession {
  readonly authenticated: boolean;
  write(text: string): void;
  close(): void;
}

export function attachSession(socket: net.Socket, host: SessionHost): AmiSession {
  const sessionId = `0x${randomBytes(6).toString('hex')}`;
  const localAddress = `IPV4/TCP/127.0.0.1/${socket.localPort}`;
  const remoteAddress = `IPV4/TCP/${socket.remoteAddress}/${socket.remotePort}`;
  let authenticated = false;
  let accountId = '';
  let sessionTv = EPOCH_TV;
  // Asterisk handles a session's actions one after the other; a failed login blocks it.
  let busyUntilClosed = false;
  let authFailTimer: NodeJS.Timeout | undefined;

  const session: AmiSession = {
    get authenticated() {
      return authenticated;
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
      respond(actionId, 'Success', [['Message', 'Already authenticated']]);
      return;
    }
    const username = header(frame, 'Username') ?? '';
    if (username === host.username && header(frame, 'Secret') === host.secret) {
      authenticated = true;
      accountId = username;
      sessionTv = eventTv(host.now());
      respond(actionId, 'Success', [['Message', 'Authentication accepted']]);
      const uptime = String(epochSeconds(host.now()) - epochSeconds(host.startedAt));
      send([
        amiEvent('FullyBooted', 'system', [
          ['Uptime', uptime],
          ['LastReload', uptime],
          ['Status', 'Fully Booted'],
        ]),
      ]);
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
    const known = username === host.username;
    host.broadcast([
      securityEvent(known ? 'InvalidPassword' : 'InvalidAccountID', 'Error', known ? '2' : '1', [
        ['AccountID', username],
        ...addresses(),
        ['SessionTV', EPOCH_TV],
      ]),
    ]);
    busyUntilClosed = true;
    authFailTimer = setTimeout(() => {
      respond(actionId, 'Error', [['Message', 'Authentication failed']]);
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

  function handle(frame: AmiFrame): void {
    if (busyUntilClosed) return;
    const action = header(frame, 'Action');
    const actionId = header(frame, 'ActionID');
    if (action === undefined) {
      respond(actionId, 'Error', [['Message', 'Missing action in request']]);
      return;
    }
    const name = action.toLowerCase();
    if (name === 'login') {
      login(frame, actionId);
      return;
    }
    if (!authenticated) {
      respond(actionId, 'Error', [['Message', 'Permission denied']]);
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
      default:
        respond(actionId, 'Error', [['Message', `Invalid/unknown command: ${action}. Use Action: ListCommands to show available commands.`]]);
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

  // Garbage from a client is skipped like Asterisk does; a request we cannot answer closes
  // only its own session, never the simulator (it runs inside the desk in demo mode).
  const splitter = createFrameSplitter((frame) => {
    try {
      handle(frame);
    } catch {
      socket.destroy();
    }
  }, () => undefined);
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
