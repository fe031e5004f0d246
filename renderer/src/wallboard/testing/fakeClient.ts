import { vi } from 'vitest';
import { createDeskClient } from '../../shared/api/deskClient.js';
import type { HostConnection } from '../../shared/api/transport.js';
import { createFakeTransport } from '../../shared/testing/fakeTransport.js';

export { deferred } from '../../shared/testing/fakeTransport.js';

/** The real contract client over the shared fake transport: answers per method, pushes, connection changes. */
export function fakeHost(initial: HostConnection = { status: 'connected' }) {
  const fake = createFakeTransport(initial);
  const warn = vi.fn();
  const client = createDeskClient(fake.transport, { warn });
  return { ...fake, client, warn };
}

export const tick = () => new Promise((r) => setTimeout(r, 0));
