import type { Result, ResponseOf } from '../../../core/contract.js';
import { PASSWORD_PROBLEMS, passwordProblem, type PasswordProblem } from '../../../core/passwordPolicy.js';

/**
 * The password-change dialog's state. Like the login form, the passwords live here only while
 * they are typed: a submit clears them all (a refusal means typing them again) and they never
 * reach a store, the log or localStorage.
 */
export interface PasswordFormState {
  current: string;
  next: string;
  again: string;
  submitting: boolean;
  error: PasswordError | null;
  /** With `rate-limited`: seconds the server asked to wait. */
  retryAfterSeconds: number | null;
  /** Changed: the dialog says so until it is closed. */
  done: boolean;
}

/** What the dialog tells the user; the new password's rules come from core/passwordPolicy.ts. */
export type PasswordError = 'incomplete' | 'mismatch' | PasswordProblem | 'wrong-password' | 'rate-limited' | 'signed-out' | 'unavailable' | 'failed';
export const PASSWORD_ERRORS: readonly PasswordError[] = ['incomplete', 'mismatch', ...PASSWORD_PROBLEMS, 'wrong-password', 'rate-limited', 'signed-out', 'unavailable', 'failed'];

export type PasswordField = 'current' | 'next' | 'again';

export const initialPasswordForm: PasswordFormState = { current: '', next: '', again: '', submitting: false, error: null, retryAfterSeconds: null, done: false };

export const passwordFieldChanged = (s: PasswordFormState, field: PasswordField, value: string): PasswordFormState => ({
  ...s,
  [field]: value,
  error: null,
  retryAfterSeconds: null,
});

/** The field a refusal is about, for focus and aria-describedby. */
export function fieldOfError(error: PasswordError | null): PasswordField | null {
  if (error === null) return null;
  if (error === 'wrong-password' || error === 'incomplete') return 'current';
  if (error === 'mismatch') return 'again';
  return (PASSWORD_PROBLEMS as readonly string[]).includes(error) ? 'next' : null;
}

/**
 * Submits: the form while the request is out (every password already gone) and what to send; or,
 * when the form is incomplete or breaks a rule, the form saying why and nothing to send (the
 * current password is kept then, the new ones are typed again).
 */
export function passwordSubmitStarted(
  s: PasswordFormState,
  username: string,
): { form: PasswordFormState; request: { currentPassword: string; newPassword: string } | null } {
  if (s.submitting) return { form: s, request: null };
  const refuse = (error: PasswordError): { form: PasswordFormState; request: null } => ({
    form: { ...s, next: error === 'incomplete' ? s.next : '', again: error === 'incomplete' ? s.again : '', error, retryAfterSeconds: null },
    request: null,
  });
  if (s.current === '' || s.next === '' || s.again === '') return refuse('incomplete');
  if (s.next !== s.again) return refuse('mismatch');
  const problem = passwordProblem(s.next, username);
  if (problem !== null) return refuse(problem);
  return {
    form: { ...initialPasswordForm, submitting: true },
    request: { currentPassword: s.current, newPassword: s.next },
  };
}

export type PasswordOutcome = { ok: true } | { ok: false; error: PasswordError; retryAfterSeconds: number | null };

const isProblem = (message: string | undefined): message is PasswordProblem => (PASSWORD_PROBLEMS as readonly string[]).includes(message ?? '');

/** What the host's answer means for the dialog. */
export function passwordOutcome(result: Result<ResponseOf<'session.changePassword'>>): PasswordOutcome {
  if (result.ok) {
    const { outcome, retryAfterSeconds } = result.value;
    if (outcome === 'changed') return { ok: true };
    return { ok: false, error: outcome, retryAfterSeconds: outcome === 'rate-limited' ? retryAfterSeconds : null };
  }
  const { code, issues } = result.error;
  const fail = (error: PasswordError): PasswordOutcome => ({ ok: false, error, retryAfterSeconds: null });
  switch (code) {
    case 'invalid-request': {
      const message = issues?.find((i) => i.path === 'newPassword')?.message;
      return fail(isProblem(message) ? message : 'failed');
    }
    case 'unauthorized':
      return fail('signed-out');
    case 'unavailable':
      return fail('unavailable');
    default:
      return fail('failed');
  }
}

export const passwordSubmitFinished = (s: PasswordFormState, outcome: PasswordOutcome): PasswordFormState =>
  outcome.ok
    ? { ...initialPasswordForm, done: true }
    : { ...s, current: '', next: '', again: '', submitting: false, error: outcome.error, retryAfterSeconds: outcome.retryAfterSeconds };
