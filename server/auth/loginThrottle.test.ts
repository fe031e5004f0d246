import { describe, expect, it } from 'vitest';
import { createLoginThrottle, DEFAULT_LOGIN_THROTTLE, type LoginGate, type LoginThrottle } from './loginThrottle.js';

const T0 = Date.parse('2026-11-25T08:00:00.000Z');
const GUESSER = '203.0.113.66';
const DESK = '10.0.0.7';

/** A wrong password: let through (and left unsettled, i.e. failed) or refused. */
function fail(t: LoginThrottle, user: string, address: string, now: number): LoginGate {
  return t.begin(user, address, now);
}

describe('login throttle', () => {
  it('lets five wrong passwords through, then makes the account wait 1 s, 2 s, 4 s … at most 5 minutes', () => {
    const t = createLoginThrottle();
    for (let i = 0; i < 5; i++) expect(fail(t, 'operator', GUESSER, T0).allowed).toBe(true);
    // The sixth, at once: refused without a password check.
    expect(fail(t, 'operator', GUESSER, T0)).toEqual({ allowed: false, retryAfterSeconds: 1 });

    let now = T0;
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const refused = t.begin('operator', GUESSER, now);
      expect(refused.allowed).toBe(false);
      const wait = (refused as { retryAfterSeconds: number }).retryAfterSeconds;
      waits.push(wait);
      now += wait * 1000;
      expect(t.begin('operator', GUESSER, now).allowed).toBe(true); // and wrong again
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
  });

  it('refuses the right password after 40 wrong ones in a row', () => {
    const t = createLoginThrottle();
    const answers = Array.from({ length: 40 }, () => t.begin('admin', GUESSER, T0).allowed);
    expect(answers.filter(Boolean)).toHaveLength(5);
    expect(t.begin('admin', GUESSER, T0).allowed).toBe(false);
  });

  it('counts an attempt as failed until it succeeds, so parallel guesses cannot all slip in', () => {
    const t = createLoginThrottle();
    const inFlight = Array.from({ length: 20 }, () => t.begin('lead', GUESSER, T0));
    expect(inFlight.filter((g) => g.allowed)).toHaveLength(5);
  });

  it('clears the count on success; the same user keeps typing', () => {
    const t = createLoginThrottle();
    for (let i = 0; i < 4; i++) fail(t, 'fen', DESK, T0);
    const right = t.begin('fen', DESK, T0);
    expect(right.allowed).toBe(true);
    if (right.allowed) right.attempt.succeeded();
    for (let i = 0; i < 5; i++) expect(fail(t, 'fen', DESK, T0 + 1000).allowed).toBe(true);
  });

  it('keys on the username as the login does (case, spaces) and treats unknown users the same', () => {
    const t = createLoginThrottle();
    for (let i = 0; i < 5; i++) fail(t, i % 2 ? ' Operator ' : 'OPERATOR', GUESSER, T0);
    expect(t.begin('operator', GUESSER, T0).allowed).toBe(false);
    for (let i = 0; i < 5; i++) fail(t, 'nobody-here', GUESSER, T0 + 60_000);
    expect(t.begin('nobody-here', GUESSER, T0 + 60_000).allowed).toBe(false);
  });

  it('lets the real user in from a clean address within 30 s, however long the guesser is locked out', () => {
    const t = createLoginThrottle();
    let now = T0;
    // The guesser has pushed the account to the 5-minute cap, trying each time the lock ends.
    for (let i = 0; i < 5; i++) expect(fail(t, 'zabita', GUESSER, now).allowed).toBe(true);
    for (let i = 0; i < 10; i++) {
      now += 1000 * 2 ** i;
      expect(fail(t, 'zabita', GUESSER, now).allowed).toBe(true);
    }
    const guesserWait = t.begin('zabita', GUESSER, now);
    expect(guesserWait).toEqual({ allowed: false, retryAfterSeconds: 300 });

    const atOnce = t.begin('zabita', DESK, now);
    expect(atOnce.allowed).toBe(false);
    expect((atOnce as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(30);
    const later = t.begin('zabita', DESK, now + 30_000);
    expect(later.allowed).toBe(true);
    if (later.allowed) later.attempt.succeeded();
  });

  it('stops treating new addresses as clean once a guesser has failed from more than 16', () => {
    const t = createLoginThrottle();
    let now = T0;
    for (let i = 0; i < 30; i++) {
      const g = t.begin('operator', `198.51.100.${i}`, now);
      now += g.allowed ? 1 : 30_000;
    }
    // A fresh address now waits the full (exponential) delay, not 30 s.
    const fresh = t.begin('operator', '192.0.2.1', now);
    expect(fresh.allowed).toBe(false);
    expect((fresh as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(30);
  });

  it('forgets an account after an hour without failures, and an admin reset clears it at once', () => {
    const t = createLoginThrottle();
    for (let i = 0; i < 8; i++) fail(t, 'feedback', GUESSER, T0 + i * 1000 * 2 ** i);
    const last = T0 + 7 * 1000 * 2 ** 7;
    expect(t.begin('feedback', DESK, last + 1).allowed).toBe(false);
    expect(t.begin('feedback', GUESSER, last + DEFAULT_LOGIN_THROTTLE.forgetAfterMs).allowed).toBe(true);

    for (let i = 0; i < 10; i++) fail(t, 'lead', GUESSER, T0);
    t.clear('Lead');
    expect(t.begin('lead', GUESSER, T0).allowed).toBe(true);
  });

  it('limits one address to 30 unsuccessful logins per 10 minutes across usernames; successes do not count', () => {
    const t = createLoginThrottle();
    for (let i = 0; i < 5; i++) {
      const ok = t.begin('operator', DESK, T0);
      if (ok.allowed) ok.attempt.succeeded();
    }
    for (let i = 0; i < 30; i++) expect(t.begin(`user${i}`, GUESSER, T0 + i).allowed).toBe(true);
    const refused = t.begin('someone-else', GUESSER, T0 + 30);
    expect(refused.allowed).toBe(false);
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBe(600);
    expect(t.begin('someone-else', GUESSER, T0 + 10 * 60_000).allowed).toBe(true);
    // The desk's address, whose logins succeeded, is untouched.
    expect(t.begin('lead', DESK, T0 + 31).allowed).toBe(true);
  });
});
