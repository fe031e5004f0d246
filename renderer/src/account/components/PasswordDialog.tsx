import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../../core/passwordPolicy.js';
import {
  fieldOfError,
  initialPasswordForm,
  passwordFieldChanged,
  passwordOutcome,
  passwordSubmitFinished,
  passwordSubmitStarted,
  type PasswordField,
  type PasswordFormState,
} from '../passwordForm.js';
import { passwordClosed, selectAccount } from '../../shared/state/syncStore.js';
import { AccountDialog, useFocusAfterAnswer } from './AccountDialog.js';
import { useDeskPart, useSync } from '../../shared/desk/deskContext.js';

/** Mounted only while open (and signed in: signing out closes it). */
export function PasswordDialog() {
  const open = useSync((s) => s.passwordOpen);
  const account = useSync(selectAccount);
  return open && account ? <PasswordPanel username={account.username} /> : null;
}

/**
 * Changes the signed-in account's password on the central server, from the header's account
 * menu. Not modal, like the login dialog. The server ends the account's other sessions (another
 * desk or the department page signed in with it); this desk stays signed in.
 */
function PasswordPanel({ username }: { username: string }) {
  const { t } = useTranslation();
  const desk = useDeskPart();
  const [form, setForm] = useState<PasswordFormState>(initialPasswordForm);
  const refs: Record<PasswordField, RefObject<HTMLInputElement | null>> = { current: useRef(null), next: useRef(null), again: useRef(null) };
  const closeRef = useRef<HTMLButtonElement>(null);
  const mounted = useRef(true);
  const focusAfterAnswer = useFocusAfterAnswer(
    form.submitting,
    () => {
      if (form.done) closeRef.current?.focus();
      else refs[fieldOfError(form.error) ?? 'current'].current?.focus();
    },
    [form.done, form.error],
  );

  useEffect(() => {
    mounted.current = true;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    refs.current.current?.focus();
    return () => {
      mounted.current = false;
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const close = () => desk.sync.setState(passwordClosed, true);

  async function submit(): Promise<void> {
    const started = passwordSubmitStarted(form, username);
    setForm(started.form);
    if (!started.request) {
      const empty = (['current', 'next', 'again'] as const).find((f) => started.form[f] === '');
      refs[started.form.error === 'incomplete' && empty ? empty : (fieldOfError(started.form.error) ?? 'current')].current?.focus();
      return;
    }
    const outcome = passwordOutcome(await desk.syncSession.changePassword(started.request.currentPassword, started.request.newPassword));
    if (!mounted.current) return;
    focusAfterAnswer.current = true;
    setForm((s) => passwordSubmitFinished(s, outcome));
  }

  const errorId = 'password-error';
  const errorField = fieldOfError(form.error);
  const input = (field: PasswordField, autoComplete: string) => (
    <div className="field">
      <label htmlFor={`password-${field}`}>{t(`password.${field}`)}</label>
      <input
        id={`password-${field}`}
        ref={refs[field]}
        data-testid={`password-${field}`}
        type="password"
        autoComplete={autoComplete}
        maxLength={200}
        value={form[field]}
        disabled={form.submitting}
        aria-invalid={errorField === field || undefined}
        aria-describedby={form.error && (errorField === field || errorField === null) ? errorId : undefined}
        onChange={(e) => setForm((s) => passwordFieldChanged(s, field, e.target.value))}
      />
    </div>
  );

  return (
    <AccountDialog name="password" title={t('password.title')} closeLabel={t('password.close')} onClose={close} onSubmit={() => void submit()}>
      {form.done ? (
        <>
          <p role="status" data-testid="password-done">
            {t('password.done')}
          </p>
          <div className="login-actions">
            <button type="button" ref={closeRef} className="primary" onClick={close}>
              {t('password.close')}
            </button>
          </div>
        </>
      ) : (
        <>
          {/* For password managers: whose password this is. */}
          <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
          {input('current', 'current-password')}
          {input('next', 'new-password')}
          {input('again', 'new-password')}
          {form.error && (
            <p id={errorId} className="error form-error" role="alert" data-testid="password-error" data-error={form.error}>
              {t(`password.error.${form.error}`, { min: PASSWORD_MIN_LENGTH, seconds: form.retryAfterSeconds ?? 60 })}
            </p>
          )}
          <p className="login-hint muted">{t('password.hint', { min: PASSWORD_MIN_LENGTH })}</p>
          <div className="login-actions">
            <button type="submit" className="primary" data-testid="password-submit" disabled={form.submitting}>
              {form.submitting ? t('password.submitting') : t('password.submit')}
            </button>
          </div>
        </>
      )}
    </AccountDialog>
  );
}
