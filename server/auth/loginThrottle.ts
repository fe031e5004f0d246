import { fixedWindowLimiter } from '../status/rateLimit.js';

/**
 * Slows password guessing down without handing a guesser a way to lock real users out for long.
 * Pure logic over a clock the caller passes in (milliseconds), in memory like the status query's
 * limiter: several instances each keep their own counts.
 *
 * Per account (every username asked for, known or not, so the answer reveals nothing):
 * - the first `freeFailures` wrong passwords cost nothing (typos);
 * - from then on each failure locks the account for `baseDelayMs`, doubling with every further
 *   failure, at most `maxDelayMs` (1 s, 2 s, 4 s … 5 min): a guesser gets about a dozen tries an
 *   hour, and a real user waits at most `maxDelayMs` after the guesser's last try;
 * - an address that has not failed on this account waits at most `cleanAddressWaitMs` (30 s):
 *   the real user at their own desk is not shut out by someone guessing elsewhere. A guesser
 *   moving between addresses uses this up: past `maxFailingAddresses` addresses every address
 *   waits the full delay;
 * - a successful login clears the account's count; silence for `forgetAfterMs` forgets it.
 * Per address, across all accounts: at most `addressAttempts.max` logins that did not succeed
 * per window (30 per 10 minutes), so one machine cannot spread guesses over many usernames.
 *
 * An attempt counts as a failure from the moment it is let through until it succeeds: parallel
 * requests cannot all slip in before the first wrong password is known (the check takes ~100 ms).
 */
export interface LoginThrottlePolicy {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  cleanAddressWaitMs: number;
  maxFailingAddresses: number;
  forgetAfterMs: number;
  addressAttempts: { max: number; windowMs: number };
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = {
  freeFailures: 5,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  cleanAddressWaitMs: 30_000,
  maxFailingAddresses: 16,
  forgetAfterMs: 60 * 60_000,
  addressAttempts: { max: 30, windowMs: 10 * 60_000 },
};

export interface AccountFailures {
  /** Failed (or not yet settled) attempts since the last success. */
  failures: number;
  lastFailureAt: number;
  /** Addresses that failed on this account, up to the policy's maximum. */
  addresses: Set<string>;
  /** More addresses failed than are remembered: none counts as clean any more. */
  overflow: boolean;
}

/** How long `address` must wait before trying this account again (0: it may try now). */
export function accountWaitMs(record: AccountFailures, address: string, now: number, policy: LoginThrottlePolicy): number {
  if (record.failures < policy.freeFailures) return 0;
  const delay = Math.min(policy.baseDelayMs * 2 ** (record.failures - policy.freeFailures), policy.maxDelayMs);
  let until = record.lastFailureAt + delay;
  const clean = !record.overflow && !record.addresses.has(address);
  if (clean) until = Math.min(until, record.lastFailureAt + policy.cleanAddressWaitMs);
  return Math.max(0, until - now);
}

export interface LoginAttempt {
  /** The password was right: the account's count is cleared and the address gets its try back. */
  succeeded(): void;
}

export type LoginGate = { allowed: true; attempt: LoginAttempt } | { allowed: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Before a password is checked: refused with the seconds to wait, or let through as an attempt. */
  begin(username: string, address: string, now: number): LoginGate;
  /** An admin set a new password: whatever locked the account no longer applies. */
  clear(username: string): void;
}

/** Bounds the map under a spray of usernames from many addresses; a sweep drops forgotten ones first. */
const SWEEP_ABOVE = 10_000;
const HARD_LIMIT = 50_000;

export const throttleKey = (username: string): string => username.trim().normalize('NFC').toLowerCase();

export function createLoginThrottle(policy: LoginThrottlePolicy = DEFAULT_LOGIN_THROTTLE): LoginThrottle {
  const accounts = new Map<string, AccountFailures>();
  const byAddress = fixedWindowLimiter(policy.addressAttempts.max, policy.addressAttempts.windowMs);

  function sweep(now: number): void {
    if (accounts.size < SWEEP_ABOVE) return;
    for (const [k, r] of accounts) if (now - r.lastFailureAt >= policy.forgetAfterMs) accounts.delete(k);
    // Still too many: the oldest entries go (Map keeps insertion order). Only a spray of
    // tens of thousands of failures gets here, and it costs a locked account its lock, nothing more.
    for (const k of accounts.keys()) {
      if (accounts.size <= HARD_LIMIT) break;
      accounts.delete(k);
    }
  }

  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

  return {
    begin(username, address, now) {
      const gate = byAddress.take(address, now);
      if (!gate.allowed) return { allowed: false, retryAfterSeconds: Math.max(1, gate.retryAfterSeconds) };

      const key = throttleKey(username);
      let record = accounts.get(key);
      if (record && now - record.lastFailureAt >= policy.forgetAfterMs) {
        accounts.delete(key);
        record = undefined;
      }
      if (record) {
        const wait = accountWaitMs(record, address, now, policy);
        if (wait > 0) return { allowed: false, retryAfterSeconds: seconds(wait) };
      } else {
        sweep(now);
        record = { failures: 0, lastFailureAt: now, addresses: new Set(), overflow: false };
        accounts.set(key, record);
      }
      record.failures += 1;
      record.lastFailureAt = now;
      if (!record.addresses.has(address)) {
        if (record.addresses.size < policy.maxFailingAddresses) record.addresses.add(address);
        else record.overflow = true;
      }
      const counted = record;
      let settled = false;
      return {
        allowed: true,
        attempt: {
          succeeded() {
            if (settled) return;
            settled = true;
            if (accounts.get(key) === counted) accounts.delete(key);
            byAddress.refund(address);
          },
        },
      };
    },
    clear(username) {
      accounts.delete(throttleKey(username));
    },
  };
}
