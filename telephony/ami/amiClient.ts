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

import type { PbxLinkState } from '../../core/pbxLink.js';
import type { AmiActionFields, AmiActionOptions, AmiListResult } from './amiActions.js';
import { AmiActionError } from './amiActions.js';
import type { AmiFilter } from './amiFilters.js';
import type { AmiFrame } from './amiFrame.js';
import { createAmiLink } from './amiLink.js';
import type { AmiResync } from './amiResync.js';
import { createLogLimiter } from './logLimiter.js';

export type { AmiActionErrorCode } from './amiActions.js';
export type { AmiActionFields, AmiActionOptions, AmiFilter, AmiListResult, AmiResync };
export { AmiActionError };

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

export function createAmiClient(options: AmiClientOptions): AmiClient {
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  // A hostile or broken PBX must not be able to flood the log (35 000 malformed frames in 30 s).
  const limited = createLogLimiter({ log, now, ...options.logLimit });
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

  const link = createAmiLink(
    {
      host: options.host,
      port: options.port,
      username: options.username,
      secret: options.secret,
      reconnect: options.reconnect ?? { minMs: 500, maxMs: 30_000 },
      pingIntervalMs: options.pingIntervalMs ?? 5_000,
      filters: options.filters ?? [],
      resyncOnConnect: options.resyncOnConnect ?? true,
      bootWaitMs: options.bootWaitMs ?? 5_000,
      log,
      now,
      limited,
    },
    {
      linkState: (state) => notify(linkListeners, state),
      event: (event) => notify(eventListeners, event),
      resync: (resync) => notify(resyncListeners, resync),
    },
  );

  return {
    get linkState() {
      return link.state;
    },
    start() {
      link.start();
    },
    stop() {
      return link.stop();
    },
    async action(fields, actionOptions) {
      const actions = link.actions();
      if (actions instanceof AmiActionError) throw actions;
      return (await actions.send(fields, false, actionOptions?.timeoutMs)).response;
    },
    listAction(fields, actionOptions) {
      const actions = link.actions();
      if (actions instanceof AmiActionError) return Promise.reject(actions);
      return actions.send(fields, true, actionOptions?.timeoutMs);
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
      link.requestResync(reason);
    },
  };
}
