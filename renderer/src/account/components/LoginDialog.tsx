import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  canSubmit,
  initialLoginForm,
  loginOutcome,
  passwordChanged,
  submitFinished,
  submitRefused,
  submitStarted,
  usernameChanged,
  type LoginFormState,
} from '../loginForm.js';
import { loginClosed } from '../../shared/state/syncStore.js';
import { AccountDialog, useFocusAfterAnswer } from './AccountDialog.js';
import { useDeskPart, useSync } from '../../shared/desk/deskContext.js';

/** Mounted only while open. */
export function LoginDialog() {
  const open = useSync((s) => s.loginOpen);
  return open ? <LoginPanel /> : null;
}

/**
 * Logs in to the central server. Not modal: the desk behind it keeps working (cases are recorded
 * while signed out and wait). The password stays in this component's state only until it is sent.
 */
function LoginPanel() {
  const { t } = useTranslation();
  const desk = useDeskPart();
  const [form, setForm] = useState<LoginFormState>(initialLoginForm);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const mounted = useRef(true);
  const focusAfterAnswer = useFocusAfterAnswer(form.submitting, () => passwordRef.current?.focus());

  useEffect(() => {
    mounted.current = true;
    // Back to where the operator was (the header's login button) when the dialog goes away.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    usernameRef.current?.focus();
    return () => {
      mounted.current = false;
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const close = () => desk.sync.setState(loginClosed, true);

  async function submit(): Promise<void> {
    const started = submitStarted(form);
    if (!started) {
      setForm(submitRefused);
      (form.username.trim() === '' ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setForm(started.form);
    const { username, password } = started.credentials;
    const outcome = loginOutcome(await desk.syncSession.login(username, password));
    // Success closes the dialog through the sync store; nothing left to update then.
    if (!mounted.current) return;
    focusAfterAnswer.current = !outcome.ok;
    setForm((s) => submitFinished(s, outcome));
    if (outcome.ok) close();
  }

  const errorId = 'login-error';
  return (
    <AccountDialog name="login" title={t('login.title')} closeLabel={t('login.close')} onClose={close} onSubmit={() => void submit()}>
      <div className="field">
        <label htmlFor="login-username">{t('login.username')}</label>
        <input
          id="login-username"
          ref={usernameRef}
          data-testid="login-username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={64}
          value={form.username}
          disabled={form.submitting}
          aria-describedby={form.error ? errorId : undefined}
          onChange={(e) => setForm((s) => usernameChanged(s, e.target.value))}
        />
      </div>
      <div className="field">
        <label htmlFor="login-password">{t('login.password')}</label>
        <input
          id="login-password"
          ref={passwordRef}
          data-testid="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          maxLength={200}
          value={form.password}
          disabled={form.submitting}
          aria-describedby={form.error ? errorId : undefined}
          onChange={(e) => setForm((s) => passwordChanged(s, e.target.value))}
        />
      </div>
      {form.error && (
        <p id={errorId} className="error form-error" role="alert" data-testid="login-error" data-error={form.error}>
          {t(`login.error.${form.error}`)}
        </p>
      )}
      <p className="login-hint muted">{t('login.hint')}</p>
      <div className="login-actions">
        <button type="submit" className="primary" data-testid="login-submit" disabled={form.submitting} aria-disabled={!canSubmit(form)}>
          {form.submitting ? t('login.submitting') : t('login.submit')}
        </button>
      </div>
    </AccountDialog>
  );
}
