import type { MethodName, Result } from '../../../../core/contract.js';
import type { DeskTransport, HostConnection } from '../api/transport.js';

type Handler = (params: unknown) => Result<unknown> | Promise<Result<unknown>>;

/** A transport the test drives by hand: answers per method, pushed events, connection changes. */
export function createFakeTransport(initial: HostConnection = { status: 'connected' }) {
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

  return {
    transport,
    calls,
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

/** A promise the test resolves when it wants, to hold an answer in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
