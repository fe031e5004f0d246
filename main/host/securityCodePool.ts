import { generateSecurityCode } from '../../core/applicationNumber.js';
import { hashSecurityCode, hashSecurityCodeAsync } from '../../core/securityCode.js';

export interface SecuredCode {
  code: string;
  hash: string;
}

export interface SecurityCodePool {
  /** A fresh code with its salt$hash: one made ahead if there is one, else made now (the slow way). */
  take(): SecuredCode;
  /** Resolves once the pool is full (tests, benchmarks). */
  filled(): Promise<void>;
}

/**
 * Security codes made ahead of time. Hashing one (scrypt, core/securityCode.ts) costs ~25–60 ms
 * of CPU; done when the operator saves, it held the host's event loop, so the save, the next
 * AMI events and the next pop waited for it. Made here off the event loop between saves, a save
 * takes a ready pair. The codes live only in memory: one never used is never shown to anyone.
 */
export function createSecurityCodePool(size = 4): SecurityCodePool {
  const ready: SecuredCode[] = [];
  let making = 0;
  const waiters: Array<() => void> = [];

  const refill = () => {
    while (ready.length + making < size) {
      making += 1;
      const code = generateSecurityCode();
      hashSecurityCodeAsync(code)
        .then((hash) => ready.push({ code, hash }))
        .catch(() => undefined)
        .finally(() => {
          making -= 1;
          if (ready.length >= size) {
            for (const resolve of waiters.splice(0)) resolve();
          }
        });
    }
  };
  refill();

  return {
    take() {
      const pair = ready.shift();
      refill();
      if (pair) return pair;
      const code = generateSecurityCode();
      return { code, hash: hashSecurityCode(code) };
    },
    filled() {
      if (ready.length >= size) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
