import type { z } from 'zod';
import { IncidentList, LiveNotice, PullResponse, PushResponse, QueueFiguresEvent, type PushRequest } from '../protocol.js';
import { createSseParser } from './sse.js';
import {
  LoginAnswer,
  ReserveAnswer,
  SyncFailure,
  type LiveHandlers,
  type LiveStream,
  type SyncTransport,
} from './transport.js';

export { SyncFailure, type LiveHandlers, type LiveStream, type LoginAnswer, type SyncTransport } from './transport.js';

export interface HttpTransportOptions {
  /** Whole request, answer body included; 10 s by default. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** A live stream with no byte (event or heartbeat) for this long is dead; 45 s = 3 missed heartbeats. */
  liveSilenceMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_LIVE_SILENCE_MS = 45_000;

interface Call {
  /** Names the operation in error messages ("push", "pull"…); never the URL or the body. */
  op: string;
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
  /** 401 here means wrong credentials rather than an expired session. */
  isLogin?: boolean;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Drop an answer's body without reading it, so the connection is freed. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

function statusFailure(op: string, status: number, isLogin: boolean): SyncFailure {
  if (status === 401) {
    return isLogin
      ? new SyncFailure('bad-credentials', `${op}: wrong username or password (HTTP 401)`, status)
      : new SyncFailure('unauthorized', `${op}: session expired or revoked (HTTP 401)`, status);
  }
  // 400 on login: the server refused the credentials' shape (empty or too long); same for the operator.
  if (status === 400 && isLogin) return new SyncFailure('bad-credentials', `${op}: credentials refused (HTTP 400)`, status);
  return new SyncFailure('server-error', `${op}: server answered HTTP ${status}`, status);
}

/**
 * The desk's HTTP client for the central server (server/app.ts routes). Every answer is checked
 * against the protocol schemas; every failure is a SyncFailure. Nothing sent or received is
 * logged, and error messages name only the operation and the HTTP status.
 */
export function createHttpTransport(baseUrl: string, options: HttpTransportOptions = {}): SyncTransport {
  const base = baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const silenceMs = options.liveSilenceMs ?? DEFAULT_LIVE_SILENCE_MS;
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));

  async function call<T extends z.ZodType>(spec: Call, schema: T | null): Promise<z.infer<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (spec.token !== undefined) headers.authorization = `Bearer ${spec.token}`;
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    const unreachable = (error: unknown) =>
      new SyncFailure(
        'unreachable',
        controller.signal.aborted || isAbort(error)
          ? `${spec.op}: no answer within ${timeoutMs} ms`
          : `${spec.op}: server unreachable${networkCode(error)}`,
      );
    try {
      let response: Response;
      try {
        response = await fetchImpl(`${base}${spec.path}`, {
          method: spec.method,
          headers,
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal: controller.signal,
        });
      } catch (error) {
        throw unreachable(error);
      }
      if (!response.ok) {
        discard(response);
        throw statusFailure(spec.op, response.status, spec.isLogin ?? false);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw unreachable(error);
      }
      if (schema === null) return undefined as z.infer<T>;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new SyncFailure('server-error', `${spec.op}: answer is not JSON (HTTP ${response.status})`, response.status);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        // Issue paths only: messages could quote values, and values may be case data.
        const paths = parsed.error.issues.slice(0, 3).map((issue) => issue.path.join('.') || '(root)');
        throw new SyncFailure('server-error', `${spec.op}: answer does not fit the protocol at ${paths.join(', ')}`, response.status);
      }
      return parsed.data;
    } finally {
      clearTimeout(timer);
    }
  }

  function openLive(token: string, handlers: LiveHandlers): LiveStream {
    const controller = new AbortController();
    let finished = false;
    let silence: ReturnType<typeof setTimeout> | undefined;

    const finish = (failure: SyncFailure | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(silence);
      controller.abort();
      if (failure) safely(() => handlers.onClose(failure));
    };
    const arm = (ms: number, failure: () => SyncFailure) => {
      clearTimeout(silence);
      silence = setTimeout(() => finish(failure()), ms);
    };

    void (async () => {
      arm(timeoutMs, () => new SyncFailure('unreachable', `live: no answer within ${timeoutMs} ms`));
      let response: Response;
      try {
        response = await fetchImpl(`${base}/api/v1/sync/events`, {
          method: 'GET',
          headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
          signal: controller.signal,
        });
      } catch (error) {
        finish(new SyncFailure('unreachable', `live: server unreachable${networkCode(error)}`));
        return;
      }
      if (finished) {
        discard(response);
        return;
      }
      if (!response.ok) {
        discard(response);
        finish(statusFailure('live', response.status, false));
        return;
      }
      const type = response.headers.get('content-type') ?? '';
      if (!type.startsWith('text/event-stream') || !response.body) {
        discard(response);
        finish(new SyncFailure('server-error', 'live: answer is not an event stream', response.status));
        return;
      }
      const silent = () => new SyncFailure('unreachable', `live: no heartbeat for ${silenceMs} ms`);
      arm(silenceMs, silent);
      safely(() => handlers.onOpen());
      const parser = createSseParser((event) => {
        if (finished) return;
        if (event.event === 'changed') safely(() => handlers.onChanged(liveNotice(event.data)));
        else if (event.event === 'queues' && handlers.onQueues) {
          const figures = eventData(QueueFiguresEvent, event.data);
          if (figures !== null) safely(() => handlers.onQueues!(figures));
        } else if (event.event === 'incidents' && handlers.onIncidents) {
          const list = eventData(IncidentList, event.data);
          if (list !== null) safely(() => handlers.onIncidents!(list));
        }
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done || finished) break;
          arm(silenceMs, silent);
          parser.push(decoder.decode(value, { stream: true }));
        }
        finish(new SyncFailure('unreachable', 'live: stream closed by the server'));
      } catch (error) {
        if (error instanceof Error && error.message === 'event stream line too long') {
          finish(new SyncFailure('server-error', 'live: event stream line too long'));
        } else finish(new SyncFailure('unreachable', 'live: stream broken'));
      } finally {
        reader.cancel().catch(() => undefined);
      }
    })();

    return { close: () => finish(null) };
  }

  return {
    async login(username, password) {
      return call({ op: 'login', method: 'POST', path: '/api/v1/auth/login', body: { username, password }, isLogin: true }, LoginAnswer);
    },
    async logout(token) {
      await call({ op: 'logout', method: 'POST', path: '/api/v1/auth/logout', token }, null);
    },
    async push(token, request: PushRequest) {
      return call({ op: 'push', method: 'POST', path: '/api/v1/sync/push', token, body: request }, PushResponse);
    },
    async pull(token, cursor, limit) {
      const query = new URLSearchParams({ cursor, limit: String(limit) });
      return call({ op: 'pull', method: 'GET', path: `/api/v1/sync/pull?${query.toString()}`, token }, PullResponse);
    },
    async reserveNumbers(token, deskId, count) {
      const answer = await call(
        { op: 'reserve numbers', method: 'POST', path: '/api/v1/numbers/reserve', token, body: { deskId, count } },
        ReserveAnswer,
      );
      if (answer.numbers.length > count) throw new SyncFailure('server-error', 'reserve numbers: more numbers than asked for', 200);
      return answer.numbers;
    },
    openLive,
  };
}

/**
 * An event's data checked against the protocol; anything else is dropped and what the desk has
 * stands (its own queue figures, the incident list it last received).
 */
function eventData<T extends z.ZodType>(schema: T, data: string): z.infer<T> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A notice checked like a pull's answer; anything else only says that something changed. */
function liveNotice(data: string): LiveNotice | null {
  try {
    const parsed = LiveNotice.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** ECONNREFUSED and the like: a system code, never an address with credentials. */
function networkCode(error: unknown): string {
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[A-Z_]{3,40}$/.test(code) ? ` (${code})` : '';
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // A handler's own failure must not end the stream or leak out of the transport.
  }
}
