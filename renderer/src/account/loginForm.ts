import type { ErrorCode, Result } from '../../../core/contract.js';
import type { SyncStatus } from '../../../core/syncStatus.js';

/**
 * The login dialog's state. The password lives here only while it is being typed: it is cleared
 * the moment the form is submitted (so a failed attempt leaves the field empty) and never
 * reaches a store, the log or localStorage.
 */
export interface LoginFormState<E extends string = LoginError> {
  username: string;
  password: string;
  submitting: boolean;
  error: E | null;
}

/** What the dialog tells the operator: wrong credentials, no server, incomplete form, or anything else. */
export type LoginError = 'bad-credentials' | 'unavailable' | 'incomplete' | 'failed';
export const LOGIN_ERRORS: readonly LoginError[] = ['bad-credentials', 'unavailable', 'incomplete', 'failed'];

// The form's functions take the form of any login (E: its errors), the desk's and the TV page's.
export const initialLoginForm: LoginFormState<never> = { username: '', password: '', submitting: false, error: null };

export const usernameChanged = <E extends string>(s: LoginFormState<E>, username: string): LoginFormState<E> => ({ ...s, username, error: null });
export const passwordChanged = <E extends string>(s: LoginFormState<E>, password: string): LoginFormState<E> => ({ ...s, password, error: null });

export const canSubmit = (s: LoginFormState<string>): boolean => !s.submitting && s.username.trim() !== '' && s.password !== '';

/** The host answers 'unauthorized' for wrong credentials and 'unavailable' when the server cannot be reached. */
export function loginErrorOf(code: ErrorCode): LoginError {
  switch (code) {
    case 'unauthorized':
    case 'forbidden':
      return 'bad-credentials';
    case 'unavailable':
      return 'unavailable';
    case 'invalid-request':
      return 'incomplete';
    default:
      return 'failed';
  }
}

export type LoginOutcome<E extends string = LoginError> = { ok: true } | { ok: false; error: E };

/** What the host's answer means for the dialog; a "success" that still has nobody signed in is a refusal. */
export function loginOutcome(result: Result<SyncStatus>): LoginOutcome {
  if (!result.ok) return { ok: false, error: loginErrorOf(result.error.code) };
  if (result.value.account !== null) return { ok: true };
  const code = result.value.lastError?.code;
  if (code === 'unreachable') return { ok: false, error: 'unavailable' };
  if (code === 'bad-credentials' || code === 'unauthorized') return { ok: false, error: 'bad-credentials' };
  return { ok: false, error: 'failed' };
}

/**
 * Submits: returns the form as it is while the request is out (password already gone) and the
 * credentials to send, or null when there is nothing to send.
 */
export function submitStarted<E extends string>(s: LoginFormState<E>): { form: LoginFormState<E>; credentials: { username: string; password: string } } | null {
  if (!canSubmit(s)) return null;
  return {
    form: { ...s, password: '', submitting: true, error: null },
    credentials: { username: s.username.trim(), password: s.password },
  };
}

/** After the answer: success resets the form, a failure keeps the username and says why. */
export const submitFinished = <E extends string>(s: LoginFormState<E>, outcome: LoginOutcome<E>): LoginFormState<E> =>
  outcome.ok ? initialLoginForm : { ...s, password: '', submitting: false, error: outcome.error };

/** Enter with an empty field: say what is missing instead of sending. */
export const submitRefused = <E extends string>(s: LoginFormState<E | 'incomplete'>): LoginFormState<E | 'incomplete'> =>
  s.submitting ? s : { ...s, error: 'incomplete' };
