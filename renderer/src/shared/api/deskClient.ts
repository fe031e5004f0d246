import type { z } from 'zod';
import { DeskError, events, isEventName, methods, validationError, type EventName, type EventPayload, type MethodName, type RequestOf, type ResponseOf, type Result } from '../../../../core/contract.js';
import { failure, type DeskTransport, type HostConnection } from './transport.js';

export interface DeskClient {
  call<M extends MethodName>(method: M, params: RequestOf<M>): Promise<Result<ResponseOf<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  connection(): HostConnection;
  onConnection(listener: (state: HostConnection) => void): () => void;
}

/**
 * Runs `load` now if the host is connected, and again on every reconnect: what it pushed while
 * the page was away is read whole. Returns the unsubscribe function.
 */
export function loadOnEachConnect(client: DeskClient, load: () => void): () => void {
  let wasConnected = client.connection().status === 'connected';
  const off = client.onConnection((connection) => {
    const connected = connection.status === 'connected';
    if (connected && !wasConnected) load();
    wasConnected = connected;
  });
  if (wasConnected) load();
  return off;
}

type Log = Pick<Console, 'warn'>;

// Paths and codes only: zod messages are ours or generic, but values never reach the log (KVKK).
const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}:${i.code}`)
    .join(', ');

function asResult(raw: unknown): Result<unknown> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    if (raw.ok === true) return { ok: true, value: (raw as { value?: unknown }).value };
    const error = DeskError.safeParse((raw as { error?: unknown }).error);
    if (error.success) return { ok: false, error: error.data };
  }
  return failure('internal', 'The host answered outside the contract');
}

export function createDeskClient(transport: DeskTransport, log: Log = console): DeskClient {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  transport.onEvent((name, payload) => {
    if (!isEventName(name)) {
      log.warn('[desk] ignored an event the contract does not know');
      return;
    }
    const subscribed = listeners.get(name);
    if (!subscribed?.size) return;
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) {
      log.warn(`[desk] dropped ${name}: payload does not match the contract (${describeIssues(parsed.error)})`);
      return;
    }
    for (const listener of subscribed) {
      try {
        listener(parsed.data);
      } catch (err) {
        log.warn(`[desk] a ${name} listener failed: ${err instanceof Error ? err.name : 'error'}`);
      }
    }
  });

  return {
    async call(method, params) {
      const spec = methods[method];
      // Same schema as the host: the operator gets field errors without a round trip.
      const request = spec.request.safeParse(params);
      if (!request.success) return { ok: false, error: validationError(request.error) };
      const result = asResult(await transport.invoke(method, params));
      if (!result.ok) return result;
      const response = spec.response.safeParse(result.value);
      if (!response.success) {
        log.warn(`[desk] ${method}: response does not match the contract (${describeIssues(response.error)})`);
        return failure('internal', 'The host answered outside the contract');
      }
      return { ok: true, value: response.data as ResponseOf<typeof method> };
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      return () => set.delete(entry);
    },
    connection: () => transport.connection(),
    onConnection: (listener) => transport.onConnection(listener),
  };
}
