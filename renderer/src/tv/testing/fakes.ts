import { vi } from 'vitest';
import type { StreamLike } from '../figuresFeed.js';
import type { SessionStore } from '../tvSession.js';

type Listener = (event: { data?: unknown }) => void;

/** An EventSource the test drives: opens, sends `queues` events, fails as the browser does. */
export interface FakeStream extends StreamLike {
  readonly url: string;
  readonly closed: boolean;
  open(): void;
  queues(event: unknown): void;
  /** A dropped connection the browser tries again (CONNECTING), or one it gave up on (CLOSED: an HTTP error). */
  fail(readyState: 0 | 2): void;
}

export function fakeStreams() {
  const opened: FakeStream[] = [];
  const open = (url: string): StreamLike => {
    const listeners = new Map<string, Listener[]>();
    const emit = (type: string, event: { data?: unknown }) => listeners.get(type)?.forEach((l) => l(event));
    let readyState = 0;
    let closed = false;
    const stream: FakeStream = {
      url,
      get readyState() {
        return readyState;
      },
      get closed() {
        return closed;
      },
      addEventListener(type, listener) {
        listeners.set(type, [...(listeners.get(type) ?? []), listener]);
      },
      close() {
        closed = true;
        readyState = 2;
      },
      open() {
        readyState = 1;
        emit('open', {});
      },
      queues(event) {
        emit('queues', { data: JSON.stringify(event) });
      },
      fail(state) {
        readyState = state;
        emit('error', {});
      },
    };
    opened.push(stream);
    return stream;
  };
  return { open, opened, last: () => opened[opened.length - 1]! };
}

/** sessionStorage as a map. */
export function memoryStorage(): SessionStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

export const LEAD_TOKEN = 'lead-token-0123456789abcdef';

/** The server's answers, by method and path; every request is kept. */
export function fakeServer(routes: Record<string, (init: RequestInit | undefined) => Response | Promise<Response>>) {
  const requests: { method: string; path: string; headers: Record<string, string>; body: unknown; signal: AbortSignal | null }[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const path = String(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    requests.push({ method, path, headers, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined, signal: init?.signal ?? null });
    const route = routes[`${method} ${path}`];
    if (!route) return new Response(JSON.stringify({ error: 'not-found' }), { status: 404 });
    return route(init);
  });
  return { fetch: fetchFn as unknown as typeof fetch, requests };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const loginAnswer = (role: string, token = LEAD_TOKEN, expiresAt = '2099-01-01T00:00:00.000Z') =>
  json(200, { token, expiresAt, account: { username: role, displayName: `Demo ${role}`, role, unitCode: null } });
