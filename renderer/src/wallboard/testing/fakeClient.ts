import { vi } from 'vitest';
import type { MethodName, Result } from '../../../../core/contract.js';
import { createDeskClient } from '../../api/deskClient.js';
import type { DeskTransport, HostConnection } from '../../api/transport.js';

type Handler = (params: unknown) => Result<unknown> | Promise<Result<unknown>>;

/** The real contract client over a transport the test drives: answers per method, pushes, connection changes. */
export function fakeHost(initial: HostConnection = { status: 'connected' }) {
  const calls: { method: MethodName; params: unknown }[] = [];
  const handlers = new Map<MethodName, Handler>();
  const eventListeners = new Set<(name: string, payload: unknown) => void>();
  const stateListeners = new Set<(s: HostConnection) => void>();
  let state = initial;

  const transport: DeskTransport = {
    async invoke(method, params) {
      calls.push({ method, params });
      const handler = handlers.get(method);
      return handler ? handler(params) : { ok: false, error: { code: 'unknown-method', message: method } };
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
  };
  const warn = vi.fn();
  const client = createDeskClient(transport, { warn });

  return {
    client,
    calls,
    warn,
    answer(method: MethodName, handler: Handler) {
      handlers.set(method, handler);
    },
    push(name: string, payload: unknown) {
      for (const l of eventListeners) l(name, payload);
    },
    setConnection(next: HostConnection) {
      state = next;
      for (const l of stateListeners) l(next);
    },
  };
}

export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export const tick = () => new Promise((r) => setTimeout(r, 0));
