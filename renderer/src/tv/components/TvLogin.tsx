import { useEffect, useState } from 'react';
import { canSubmit, CredentialFields, useLoginForm } from '../../account/index.js';
import { useTvText } from '../i18n.js';
import type { TvNotice, TvPage } from '../tvPage.js';
import type { TvLoginError } from '../tvSession.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/**
 * The TV's login: a team lead or an admin (anyone else is refused, saying why). The password stays
 * in this component's state only until it is sent (account/ loginForm.ts).
 */
export function TvLogin({ page, notice }: { page: TvPage; notice: TvNotice | null }) {
  const { t } = useTvText();
  const login = useLoginForm<TvLoginError>();
  const { form, usernameRef, passwordRef, submit: send } = login;
  const [retryAfterSec, setRetryAfterSec] = useState<number | null>(null);

  useEffect(() => usernameRef.current?.focus(), [usernameRef]);
  // After a refusal, back to the password (enabled again by then).
  useEffect(() => {
    if (!form.submitting && form.error !== null && form.error !== 'incomplete') passwordRef.current?.focus();
  }, [form.submitting, form.error, passwordRef]);

  async function submit(): Promise<void> {
    // Signed in, the board replaces this form.
    const answer = await send((username, password) => page.logIn(username, password));
    if (answer) setRetryAfterSec(answer.ok ? null : (answer.retryAfterSec ?? null));
  }

  const errorText =
    form.error === 'rate-limited' && retryAfterSec !== null ? t('login.error.rate-limitedFor', { seconds: retryAfterSec }) : form.error && t(`login.error.${form.error}`);
  return (
    <main className="tv-login" data-testid="tv-login">
      <form
        className="tv-login-form"
        aria-labelledby="tv-login-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1 id="tv-login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {notice && (
          <p className="tv-notice" role="status" data-testid="tv-notice" data-notice={notice}>
            {t(`notice.${notice}`)}
          </p>
        )}
        <CredentialFields name="tv" labels={{ username: t('login.username'), password: t('login.password') }} control={login} describedBy={errorText ? 'tv-login-error' : undefined} />
        {errorText && (
          <p id="tv-login-error" className="error" role="alert" data-testid="tv-login-error" data-error={form.error}>
            {errorText}
          </p>
        )}
        <button type="submit" className="primary" data-testid="tv-login-submit" disabled={form.submitting} aria-disabled={!canSubmit(form)}>
          {form.submitting ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <LanguageSwitch />
    </main>
  );
}
