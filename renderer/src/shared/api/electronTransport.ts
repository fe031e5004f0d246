import type { DeskBridge } from './deskBridge.js';
import { failure, type DeskTransport, type HostConnection } from './transport.js';

// IPC to our own main process cannot drop the way a socket can: the window lives and dies with it.
const connected: HostConnection = { status: 'connected' };

export function createElectronTransport(bridge: DeskBridge): DeskTransport {
  return {
    async invoke(method, params) {
      const fn = bridge[method];
      if (typeof fn !== 'function') return failure('unknown-method', `The preload does not expose ${method}`);
      try {
        return await fn(params);
      } catch {
        return failure('unavailable', `The host did not answer ${method}`);
      }
    },
    onEvent: (listener) => bridge.onEvent(listener),
    connection: () => connected,
    onConnection: () => () => {},
  };
}
