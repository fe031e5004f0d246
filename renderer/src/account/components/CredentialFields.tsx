import { useEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { initialLoginForm, passwordChanged, submitFinished, submitRefused, submitStarted, usernameChanged, type LoginFormState, type LoginOutcome } from '../loginForm.js';

/** E: the login's errors; an empty field is always one ('incomplete'). */
export interface LoginFormControl<E extends string> {
  form: LoginFormState<E | 'incomplete'>;
  setForm: Dispatch<SetStateAction<LoginFormState<E | 'incomplete'>>>;
  usernameRef: RefObject<HTMLInputElement | null>;
  passwordRef: RefObject<HTMLInputElement | null>;
  /**
   * Sends the credentials when both are there (else says what is missing and focuses it), the
   * password leaving the form as it goes. The answer; null when nothing was sent, or when the form
   * went away meanwhile (a success that closed it).
   */
  submit<O extends LoginOutcome<E>>(send: (username: string, password: string) => Promise<O>): Promise<O | null>;
}

/** A login form's state and its submit (the desk's dialog, the TV page's form). */
export function useLoginForm<E extends string>(): LoginFormControl<E> {
  const [form, setForm] = useState<LoginFormState<E | 'incomplete'>>(initialLoginForm);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  async function submit<O extends LoginOutcome<E>>(send: (username: string, password: string) => Promise<O>): Promise<O | null> {
    const started = submitStarted(form);
    if (!started) {
      setForm(submitRefused);
      (form.username.trim() === '' ? usernameRef : passwordRef).current?.focus();
      return null;
    }
    setForm(started.form);
    const outcome = await send(started.credentials.username, started.credentials.password);
    if (!mounted.current) return null;
    setForm((s) => submitFinished(s, outcome));
    return outcome;
  }
  return { form, setForm, usernameRef, passwordRef, submit };
}

export interface CredentialFieldsProps<E extends string> {
  /** Ids and test ids: `${name}-username`, `${name}-password`. */
  name: string;
  labels: { username: string; password: string };
  control: LoginFormControl<E>;
  /** The id of the error shown, if any. */
  describedBy?: string | undefined;
}

/** A login's two fields (the desk's dialog, the TV page's form), locked while the form is out. */
export function CredentialFields<E extends string>({ name, labels, control, describedBy }: CredentialFieldsProps<E>) {
  const { form, setForm, usernameRef, passwordRef } = control;
  return (
    <>
      <div className="field">
        <label htmlFor={`${name}-username`}>{labels.username}</label>
        <input
          id={`${name}-username`}
          ref={usernameRef}
          data-testid={`${name}-username`}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={64}
          value={form.username}
          disabled={form.submitting}
          aria-describedby={describedBy}
          onChange={(e) => setForm((s) => usernameChanged(s, e.target.value))}
        />
      </div>
      <div className="field">
        <label htmlFor={`${name}-password`}>{labels.password}</label>
        <input
          id={`${name}-password`}
          ref={passwordRef}
          data-testid={`${name}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          maxLength={200}
          value={form.password}
          disabled={form.submitting}
          aria-describedby={describedBy}
          onChange={(e) => setForm((s) => passwordChanged(s, e.target.value))}
        />
      </div>
    </>
  );
}
