import type { MethodName, Result, WireRequest } from '../../../../core/contract.js';
import { failure, type DeskTransport, type HostConnection } from './transport.js';

/** The part of the browser's WebSocket we use; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number): void;
  onopen: (() => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: (() => void) | null;
}

export interface WsTransportOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Delay before reconnect attempt n (0-based). */
  backoffMs?: (attempt: number) => number;
  requestTimeoutMs?: number;
  now?: () => number;
}

const OPEN = 1;
/** Close code a host may use to say "your token is not valid"; retrying would be pointless. */
export const CLOSE_TOKEN_REJECTED = 4401;

// Jitter keeps a room full of desks from reconnecting in the same instant after a host restart.
export const defaultBackoffMs = (attempt: number): number =>
  Math.min(10_000, 500 * 2 ** attempt) * (0.8 + Math.random() * 0.4);

type Pending = { resolve: (r: Result<unknown>) => void; timer: ReturnType<typeof setTimeout> };

export interface WsTransport extends DeskTransport {
  close(): void;
}

export function createWsTransport(options: WsTransportOptions): WsTransport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as SocketLike);
  const backoffMs = options.backoffMs ?? defaultBackoffMs;
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  const now = options.now ?? Date.now;

  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(name: string, payload: unknown) => void>();
  const stateListeners = new Set<(state: HostConnection) => void>();
  let state: HostConnection = { status: 'connecting' };
  let socket: SocketLike | null = null;
  let nextId = 1;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closedByUs = false;

  function setState(next: HostConnection): void {
    state = next;
    for (const listener of stateListeners) listener(next);
  }

  function failAllPending(): void {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.resolve(failure('unavailable', 'The connection to the host dropped'));
    }
  }

  function onFrame(data: unknown): void {
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      console.warn('[desk] dropped a frame that is not JSON');
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const f = frame as Record<string, unknown>;
    if (typeof f.id === 'number') {
      const p = pending.get(f.id);
      if (!p) return;
      pending.delete(f.id);
      clearTimeout(p.timer);
      p.resolve(f.ok === true ? { ok: true, value: f.value } : ({ ok: false, error: f.error } as Result<unknown>));
    } else if (typeof f.event === 'string') {
      for (const listener of eventListeners) listener(f.event, f.payload);
    }
  }

  function connect(): void {
    retryTimer = null;
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState({ status: 'connected' });
    };
    ws.onmessage = (event) => onFrame(event.data);
    ws.onerror = () => {};
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      failAllPending();
      if (closedByUs) return;
      if (event.code === CLOSE_TOKEN_REJECTED) {
        setState({ status: 'rejected' });
        return;
      }
      const delay = backoffMs(attempt++);
      setState({ status: 'disconnected', retryAt: now() + delay });
      retryTimer = setTimeout(connect, delay);
    };
  }

  connect();

  return {
    invoke(method: MethodName, params: unknown) {
      const ws = socket;
      if (!ws || ws.readyState !== OPEN || state.status !== 'connected') {
        return Promise.resolve(failure('unavailable', 'Not connected to the host'));
      }
      const id = nextId++;
      const request: WireRequest = { id, method, params };
      return new Promise<Result<unknown>>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(failure('unavailable', `The host did not answer ${method} in time`));
        }, requestTimeoutMs);
        pending.set(id, { resolve, timer });
        try {
          ws.send(JSON.stringify(request));
        } catch {
          clearTimeout(timer);
          pending.delete(id);
          resolve(failure('unavailable', 'Could not send to the host'));
        }
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    connection: () => state,
    onConnection(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closedByUs = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close(1000);
      failAllPending();
    },
  };
}

/** Browser mode opened without a token: say so instead of knocking on the host without one. */
export function createNoTokenTransport(): DeskTransport {
  const state: HostConnection = { status: 'no-token' };
  return {
    invoke: () => Promise.resolve(failure('unavailable', 'No session token')),
    onEvent: () => () => {},
    connection: () => state,
    onConnection: () => () => {},
  };
}
