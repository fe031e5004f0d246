import { describe, expect, it } from 'vitest';
import { aSyncStatus } from '../shared/testing/fixtures.js';
import {
  canSubmit,
  initialLoginForm,
  loginErrorOf,
  loginOutcome,
  passwordChanged,
  submitFinished,
  submitRefused,
  submitStarted,
  usernameChanged,
} from './loginForm.js';

const filled = passwordChanged(usernameChanged(initialLoginForm, '  ayse.lider '), 'gizli-1');

describe('login form', () => {
  it('submits only with a username and a password', () => {
    expect(canSubmit(initialLoginForm)).toBe(false);
    expect(canSubmit(usernameChanged(initialLoginForm, '   '))).toBe(false);
    expect(submitStarted(usernameChanged(initialLoginForm, 'ayse'))).toBeNull();
    expect(submitRefused(initialLoginForm).error).toBe('incomplete');
    expect(canSubmit(filled)).toBe(true);
  });

  it('lets the password go the moment it is sent', () => {
    const started = submitStarted(filled);
    expect(started?.credentials).toEqual({ username: 'ayse.lider', password: 'gizli-1' });
    expect(started?.form).toMatchObject({ password: '', submitting: true, error: null });
    expect(JSON.stringify(started?.form)).not.toContain('gizli-1');
    // A second Enter while the first is out sends nothing.
    expect(submitStarted({ ...filled, submitting: true })).toBeNull();
  });

  it('keeps the username and says why after a refusal; resets after success', () => {
    const out = submitStarted(filled)!.form;
    const failed = submitFinished(out, { ok: false, error: 'bad-credentials' });
    expect(failed).toEqual({ username: '  ayse.lider ', password: '', submitting: false, error: 'bad-credentials' });
    expect(usernameChanged(failed, 'ayse').error).toBeNull();
    expect(submitFinished(out, { ok: true })).toEqual(initialLoginForm);
  });

  it('reads the host answer: unauthorized is bad credentials, unavailable is no server', () => {
    expect(loginErrorOf('unauthorized')).toBe('bad-credentials');
    expect(loginErrorOf('unavailable')).toBe('unavailable');
    expect(loginErrorOf('invalid-request')).toBe('incomplete');
    expect(loginErrorOf('internal')).toBe('failed');
    expect(loginOutcome({ ok: false, error: { code: 'unauthorized', message: 'x' } })).toEqual({ ok: false, error: 'bad-credentials' });
    expect(loginOutcome({ ok: true, value: aSyncStatus() })).toEqual({ ok: true });
    const refused = aSyncStatus({ state: 'signed-out', account: null, lastError: { code: 'bad-credentials', at: '2026-11-20T10:00:00Z' } });
    expect(loginOutcome({ ok: true, value: refused })).toEqual({ ok: false, error: 'bad-credentials' });
    const unreachable = aSyncStatus({ state: 'signed-out', account: null, lastError: { code: 'unreachable', at: '2026-11-20T10:00:00Z' } });
    expect(loginOutcome({ ok: true, value: unreachable })).toEqual({ ok: false, error: 'unavailable' });
  });
});
