import type { QueueSnapshot } from '../../../core/queue.js';
import type { Host } from '../host.js';

/** Resolves with the first `queue.metrics` snapshot the host pushes that satisfies `test`. */
export function nextSnapshot(host: Host, test: (s: QueueSnapshot) => boolean, timeoutMs = 8000): Promise<QueueSnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no such snapshot')), timeoutMs);
    const off = host.onEvent((name, payload) => {
      if (name === 'queue.metrics' && test(payload as QueueSnapshot)) {
        clearTimeout(timer);
        off();
        resolve(payload as QueueSnapshot);
      }
    });
  });
}
