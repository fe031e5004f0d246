import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodName, Result } from '../../../core/contract.js';
import { QueueFiguresEvent, type QueueSnapshot } from '../../../core/queue.js';
import type { CaseFigures } from '../../../core/queueStats.js';
import { applyQueueDelta, diffQueueSnapshots, sameValue } from '../../../core/queueDelta.js';
import { failure, type DeskTransport, type HostConnection } from '../shared/api/transport.js';

// The wallboard reads a DeskClient: `queue.snapshot` on every (re)connect, then `queue.delta`
// events (wallboard/queueSync.ts). On the TV page nothing answers it but the central server's
// live channel, `event: queues` (core/queue.ts QueueFiguresEvent): a snapshot when the stream
// opens (or when this page fell behind), then deltas. This transport keeps the latest snapshot,
// answers `queue.snapshot` with it and passes each delta on; the page is "connected" while the
// stream brings figures. Nothing else is answered: a TV gives no commands.

/** The part of the browser's EventSource the feed uses; tests pass a fake. */
export interface StreamLike {
  readonly readyState: number;
  addEventListener(type: 'open' | 'error' | 'queues', listener: (event: { data?: unknown }) => void): void;
  close(): void;
}

/** EventSource.readyState once the browser gave up (an HTTP error: a refused token, a server closing). */
const CLOSED = 2;
/** The server's `retry:` hint (server/live/liveChannel.ts): when the browser tries again by itself. */
const BROWSER_RETRY_MS = 3_000;

/** What the page's banner says about the figures, beside the wallboard's own status. */
export interface FeedStatus {
  /** The live channel: on its way, open, or down (the browser or the feed tries again). */
  stream: 'connecting' | 'open' | 'down';
  /** The PBXs the server watches and whether their figures are live (a down link: stale figures). */
  links: readonly { pbx: string; live: boolean }[];
  /** Open, yet no queue figures for a while: the server has no collector (SERVER_AMI_URL), or it stopped. */
  silent: boolean;
}

/** What the banner says, the worst first; null when the figures are live from every PBX. */
export type FeedProblem = { kind: 'connecting' | 'down' | 'silent' } | { kind: 'pbx-down'; pbxs: string[] };

export function feedProblem(s: FeedStatus): FeedProblem | null {
  if (s.stream !== 'open') return { kind: s.stream };
  if (s.silent) return { kind: 'silent' };
  const down = s.links.filter((link) => !link.live).map((link) => link.pbx);
  return down.length > 0 ? { kind: 'pbx-down', pbxs: down } : null;
}

export type SessionCheck = 'valid' | 'ended' | 'unreachable';

export interface FiguresFeedOptions {
  token: string;
  /** Opens the live channel (EventSource cannot set headers: the token goes in the query). */
  open?: (url: string) => StreamLike;
  /** After the browser gave up on the stream: does the token still open it? (tvSession.ts checkSession) */
  checkSession: () => Promise<SessionCheck>;
  /** The server refused the token: its session ended (logged out elsewhere, expired, password changed). */
  onSessionEnded: () => void;
  now?: () => number;
  /** Without a `queues` event for this long the figures are not live; the server sends one a second at least. */
  silenceMs?: number;
  /** Delay before the feed's own attempt n (0-based) after the browser gave up. */
  retryMs?: (attempt: number) => number;
  log?: Pick<Console, 'warn'>;
  /** What today's calls became (the case-aware panel), read every `caseFiguresMs` while the stream is open. */
  caseFigures?: () => Promise<CaseFigures | null>;
  caseFiguresMs?: number;
}

export interface FiguresFeed {
  /** What the wallboard's DeskClient reads (shared/api/deskClient.ts createDeskClient over it). */
  transport: DeskTransport;
  status: StoreApi<FeedStatus>;
  stop(): void;
}

export const EVENTS_PATH = '/api/v1/sync/events';
const DEFAULT_SILENCE_MS = 10_000;
// Jitter keeps a room of TVs from coming back in the same instant after a server restart.
const defaultRetryMs = (attempt: number): number => Math.min(30_000, 1_000 * 2 ** attempt) * (0.8 + Math.random() * 0.4);

export function startFiguresFeed(options: FiguresFeedOptions): FiguresFeed {
  const open = options.open ?? ((url: string) => new EventSource(url) as StreamLike);
  const now = options.now ?? Date.now;
  const silenceMs = options.silenceMs ?? DEFAULT_SILENCE_MS;
  const retryMs = options.retryMs ?? defaultRetryMs;
  const log = options.log ?? console;

  const status = createStore<FeedStatus>()(() => ({ stream: 'connecting', links: [], silent: false }));
  const eventListeners = new Set<(name: string, payload: unknown) => void>();
  const connectionListeners = new Set<(state: HostConnection) => void>();
  let connection: HostConnection = { status: 'connecting' };
  /** The server's figures as they are now: the last snapshot with every delta since. */
  let held: QueueSnapshot | null = null;
  let stream: StreamLike | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let silenceTimer: ReturnType<typeof setTimeout> | null = null;
  let casesTimer: ReturnType<typeof setInterval> | null = null;
  let stopped = false;

  const setStatus = (patch: Partial<FeedStatus>) => {
    const s = status.getState();
    const next = { ...s, ...patch };
    if (next.stream !== s.stream || next.silent !== s.silent || !sameValue(next.links, s.links)) status.setState(next, true);
  };
  const setConnection = (next: HostConnection) => {
    if (next.status === connection.status) return;
    connection = next;
    for (const listener of connectionListeners) listener(next);
  };
  const figuresLost = () => setConnection({ status: 'disconnected', retryAt: now() + BROWSER_RETRY_MS });
  const emit = (name: string, payload: unknown) => {
    for (const listener of eventListeners) listener(name, payload);
  };

  /** Armed while the stream is open: figures that stop coming are stale figures. */
  const watchSilence = () => {
    if (silenceTimer) clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => {
      silenceTimer = null;
      setStatus({ silent: true });
      figuresLost();
    }, silenceMs);
  };

  /** The figures moved to `next`: the wallboard loads them whole when it was not following, else gets the change. */
  const figuresNow = (next: QueueSnapshot) => {
    const before = held;
    held = next;
    if (connection.status !== 'connected') setConnection({ status: 'connected' });
    // A delta from what the wallboard holds; made across a server restart (another stream), it is
    // a gap to the wallboard, which then asks for `queue.snapshot` and gets `held`.
    else if (before !== null) emit('queue.delta', diffQueueSnapshots(before, next));
  };

  const onQueues = (data: unknown) => {
    let event: QueueFiguresEvent;
    try {
      event = QueueFiguresEvent.parse(JSON.parse(String(data)));
    } catch {
      log.warn('[tv] dropped a queues event that does not match the protocol');
      return;
    }
    watchSilence();
    setStatus({ links: event.links, silent: false });
    if (event.snapshot) {
      figuresNow(event.snapshot);
      return;
    }
    if (!event.delta) return;
    const next = held === null ? null : applyQueueDelta(held, event.delta);
    if (next === null) {
      // Not built on what this page holds: the server sends the whole snapshot to a new stream.
      reopen(0);
      return;
    }
    held = next;
    if (connection.status === 'connected') emit('queue.delta', event.delta);
    else setConnection({ status: 'connected' });
  };

  function connect(): void {
    retryTimer = null;
    if (stopped) return;
    const source = open(`${EVENTS_PATH}?token=${encodeURIComponent(options.token)}`);
    stream = source;
    source.addEventListener('open', () => {
      if (stream !== source) return;
      attempt = 0;
      setStatus({ stream: 'open' });
      watchSilence();
    });
    source.addEventListener('queues', (event) => {
      if (stream === source) onQueues(event.data);
    });
    source.addEventListener('error', () => {
      if (stream !== source) return;
      if (silenceTimer) clearTimeout(silenceTimer);
      silenceTimer = null;
      setStatus({ stream: 'down', silent: false });
      figuresLost();
      // A dropped connection the browser tries again by itself; a refused one it leaves closed.
      if (source.readyState === CLOSED) void refused(source);
    });
  }

  /** The browser gave up: a session that ended goes back to the login, anything else is tried again. */
  async function refused(source: StreamLike): Promise<void> {
    source.close();
    if (stream === source) stream = null;
    const check = await options.checkSession().catch((): SessionCheck => 'unreachable');
    if (stopped) return;
    if (check === 'ended') {
      stop();
      options.onSessionEnded();
      return;
    }
    reopen(retryMs(attempt++));
  }

  function reopen(delayMs: number): void {
    stream?.close();
    stream = null;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, delayMs);
  }

  function stop(): void {
    stopped = true;
    stream?.close();
    stream = null;
    if (retryTimer) clearTimeout(retryTimer);
    if (silenceTimer) clearTimeout(silenceTimer);
    if (casesTimer) clearInterval(casesTimer);
    retryTimer = silenceTimer = casesTimer = null;
  }

  // The case figures move slowly: read on a timer of their own, pushed to the board as the desk's host pushes them.
  let cases: CaseFigures | null = null;
  const readCases = async () => {
    if (stopped || options.caseFigures === undefined) return;
    const figures = await options.caseFigures();
    if (figures !== null && !stopped) {
      cases = figures;
      emit('wallboard.caseFigures', figures);
    }
  };
  if (options.caseFigures !== undefined) casesTimer = setInterval(() => void readCases(), options.caseFiguresMs ?? 30_000);
  void readCases();

  const transport: DeskTransport = {
    invoke(method: MethodName): Promise<Result<unknown>> {
      if (method === 'wallboard.caseFigures') return Promise.resolve({ ok: true, value: cases });
      if (method !== 'queue.snapshot') return Promise.resolve(failure('forbidden', 'A TV page gives no commands'));
      return Promise.resolve(held === null ? failure('unavailable', 'No figures from the server yet') : { ok: true, value: held });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    connection: () => connection,
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };

  connect();
  return { transport, status, stop };
}
