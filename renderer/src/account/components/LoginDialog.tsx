import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { canSubmit, loginOutcome, type LoginError } from '../loginForm.js';
import { loginClosed } from '../../shared/state/syncStore.js';
import { AccountDialog, useFocusAfterAnswer } from './AccountDialog.js';
import { CredentialFields, useLoginForm } from './CredentialFields.js';
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
  const login = useLoginForm<LoginError>();
  const { form, usernameRef, passwordRef, submit: send } = login;
  const focusAfterAnswer = useFocusAfterAnswer(form.submitting, () => passwordRef.current?.focus());

  useEffect(() => {
    // Back to where the operator was (the header's login button) when the dialog goes away.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    usernameRef.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [usernameRef]);

  const close = () => desk.sync.setState(loginClosed, true);

  async function submit(): Promise<void> {
    const outcome = await send(async (username, password) => {
      const answer = loginOutcome(await desk.syncSession.login(username, password));
      focusAfterAnswer.current = !answer.ok;
      return answer;
    });
    // Success closes the dialog through the sync store.
    if (outcome?.ok) close();
  }

  const errorId = 'login-error';
  return (
    <AccountDialog name="login" title={t('login.title')} closeLabel={t('login.close')} onClose={close} onSubmit={() => void submit()}>
      <CredentialFields name="login" labels={{ username: t('login.username'), password: t('login.password') }} control={login} describedBy={form.error ? errorId : undefined} />
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
