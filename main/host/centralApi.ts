import type { z } from 'zod';
import { RequestError } from './dispatch.js';

const TIMEOUT_MS = 15_000;

/**
 * Requests the host makes to the central server for the UI (reports, call-backs) with the
 * session's token, which never leaves the host. Every failure becomes an error the UI can
 * translate; answers are checked against the shared schemas.
 */
export interface CentralApi {
  json<T extends z.ZodType>(schema: T, method: 'GET' | 'POST', path: string, body?: unknown): Promise<z.infer<T>>;
  text(path: string): Promise<string>;
  /** For answers without a body worth reading (204). */
  send(method: 'POST', path: string, body?: unknown): Promise<void>;
  /**
   * For refusals the caller tells the user apart (a wrong password, a slow-down): a success or one
   * of the `expected` statuses comes back with its Retry-After; anything else fails as usual.
   */
  answer(method: 'POST', path: string, body: unknown, expected: readonly number[]): Promise<{ status: number; retryAfterSeconds: number | null }>;
}

/** Retry-After in seconds (the server sends whole seconds; a date form is not used). */
function retryAfter(response: Response): number | null {
  const raw = response.headers.get('retry-after');
  const value = raw === null ? NaN : Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : null;
}

export function createCentralApi(serverUrl: () => string | null, token: () => string | null, onUnauthorized: () => void): CentralApi {
  async function request(method: string, path: string, body: unknown, expected: readonly number[] = []): Promise<Response> {
    const base = serverUrl();
    const bearer = token();
    if (base === null) throw new RequestError({ code: 'unavailable', message: 'No central server is configured' });
    if (bearer === null) throw new RequestError({ code: 'unauthorized', message: 'Log in to the central server first' });
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new RequestError({ code: 'unavailable', message: 'The central server cannot be reached' });
    }
    if (response.ok || expected.includes(response.status)) return response;
    await response.arrayBuffer().catch(() => undefined);
    switch (response.status) {
      case 401:
        onUnauthorized();
        throw new RequestError({ code: 'unauthorized', message: 'The login expired' });
      case 403:
        throw new RequestError({ code: 'forbidden', message: 'This account may not do that' });
      case 404:
        throw new RequestError({ code: 'not-found', message: 'Not found on the central server' });
      case 409:
        throw new RequestError({ code: 'conflict', message: 'Someone else got there first' });
      case 400:
        throw new RequestError({ code: 'invalid-request', message: 'The central server refused the request' });
      default:
        throw new RequestError({ code: 'unavailable', message: `The central server answered ${response.status}` });
    }
  }

  return {
    async json(schema, method, path, body) {
      const response = await request(method, path, body);
      const parsed = schema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw new RequestError({ code: 'unavailable', message: 'The central server answered something unexpected' });
      return parsed.data;
    },
    async text(path) {
      return (await request('GET', path, undefined)).text();
    },
    async send(method, path, body) {
      await (await request(method, path, body)).arrayBuffer();
    },
    async answer(method, path, body, expected) {
      const response = await request(method, path, body, expected);
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status, retryAfterSeconds: retryAfter(response) };
    },
  };
}
