import { useEffect, useRef } from 'react';
import { type CallbackItem, CallbackOutcome, callbackOverdueAt, isCallbackOverdue } from '../../../../core/callback.js';
import { ErrorCode } from '../../../../core/contract.js';
import { useNow } from '../../shared/ui/hooks.js';
import type { CallbackT } from '../i18n.js';
import { scriptSteps } from '../script.js';
import { dueText, istanbulTime } from '../time.js';
import { useCallbackText } from '../useCallbackText.js';
import { browserRefreshEnv, startWorklistRefresh, type WorklistError, type WorklistNotice } from '../worklist.js';
import type { Language } from '../../shared/i18n/resources.js';
import { phoneShown } from '../../shared/privacy/personalData.js';
import { unitOf } from '../../shared/catalogue/catalogueStore.js';
import { selectRole } from '../../shared/state/hostStore.js';
import { loginOpened, selectAccount } from '../../shared/state/syncStore.js';
import { useCallbacksDesk, useCallbacks } from '../deskPart.js';
import { useCatalogue, useHost, useSync } from '../../shared/desk/deskContext.js';

/** Feedback operators: whom to call back, one click to claim and dial, then the outcome. */
export function CallbackWorklist() {
  const { t, lng } = useCallbackText();
  const desk = useCallbacksDesk();
  const worklist = desk.callbacks;
  const items = useCallbacks((s) => s.items);
  const loaded = useCallbacks((s) => s.loaded);
  const loading = useCallbacks((s) => s.loading);
  const loadedAt = useCallbacks((s) => s.loadedAt);
  const error = useCallbacks((s) => s.error);
  const notice = useCallbacks((s) => s.notice);
  const username = useSync((s) => selectAccount(s)?.username ?? null);
  // Ticks every 30 s so "late" appears in time; the worklist's clock says what time it is.
  useNow(true, 30_000);
  const now = worklist.now();

  // While the tab is open: now, on `callbacks.changed`, on coming back into view, every 20 s.
  useEffect(() => startWorklistRefresh(desk.client, worklist, browserRefreshEnv(document, window)), [desk.client, worklist]);
  // Signing in (a signed-out desk gets 'unauthorized') or as someone else loads again.
  const shownFor = useRef(username);
  useEffect(() => {
    if (shownFor.current === username) return;
    shownFor.current = username;
    if (username !== null) void worklist.load();
  }, [worklist, username]);

  return (
    <section className="panel callbacks" aria-labelledby="callbacks-title" data-testid="callbacks">
      <div className="callbacks-head">
        <h2 id="callbacks-title">{t('title')}</h2>
        {loaded && <span className="muted">{t('count', { count: items.length })}</span>}
        {loadedAt !== null && <span className="muted callbacks-updated">{t('updatedAt', { time: istanbulTime(new Date(loadedAt).toISOString(), lng) })}</span>}
        <button type="button" data-testid="callback-refresh" disabled={loading} onClick={() => void worklist.load()}>
          {t('refresh')}
        </button>
      </div>

      {notice && <NoticeLine notice={notice} t={t} lng={lng} onDismiss={worklist.dismiss} />}
      {error && <ErrorLine error={error} t={t} onLogin={() => desk.sync.setState(loginOpened, true)} />}

      {!loaded && loading && <p className="muted">{t('loading')}</p>}
      {loaded && items.length === 0 && <p className="muted">{t('empty')}</p>}
      <ol className="callback-list" data-testid="callback-list" aria-busy={loading}>
        {items.map((item) => (
          <CallbackRow key={item.id} item={item} now={now} me={username} />
        ))}
      </ol>
    </section>
  );
}

function CallbackRow({ item, now, me }: { item: CallbackItem; now: number; me: string | null }) {
  const { t, lng } = useCallbackText();
  const desk = useCallbacksDesk();
  const role = useHost(selectRole);
  const unit = useCatalogue((s) => unitOf(s, item.unitCode));
  const activeId = useCallbacks((s) => s.activeId);
  const busy = useCallbacks((s) => s.busy);
  const mine = activeId === item.id;
  const heldElsewhere = activeId !== null && !mine;
  const due = dueText(item.dueAt, now, lng);
  // Late only past the grace the center set after the due time (core/callback.ts), not the minute it is due.
  const overdue = isCallbackOverdue(item, now);
  const dueLabel = t(`due.${due.day}`, { date: due.date, time: due.time });
  const holder = mine || (me !== null && item.claimedBy === me) ? t('claim.mine') : item.claimedBy ? t('claim.other', { user: item.claimedBy }) : t('claim.free');
  const phone = phoneShown(item.phone, role, 'list');
  const dialing = mine && (busy === 'claim' || busy === 'dial');

  return (
    <li
      className={`callback-row${mine ? ' callback-row--mine' : ''}${overdue ? ' callback-row--overdue' : ''}`}
      data-testid="callback-row"
      data-id={item.id}
      data-kind={item.kind}
      data-overdue={overdue}
    >
      <div className="callback-row-main">
        <div className="callback-due">
          <span className="callback-due-time" data-testid="callback-due">
            <time dateTime={item.dueAt}>{dueLabel}</time>
          </span>
          {overdue && (
            <span
              className="callback-overdue"
              data-testid="callback-overdue"
              title={t('due.overdueTitle', { time: istanbulTime(new Date(callbackOverdueAt(item)).toISOString(), lng) })}
            >
              {t('due.overdue')}
            </span>
          )}
        </div>
        <div className="callback-body">
          <div className="callback-line">
            <span className={`callback-kind callback-kind--${item.kind}`}>{t(`kind.${item.kind}`)}</span>
            <span className="mono" title={t('field.applicationNo')}>
              {item.applicationNo}
            </span>
            <span className="callback-subject">{item.subject}</span>
            {(unit?.name ?? item.unitCode) && <span className="muted">· {unit?.name ?? item.unitCode}</span>}
          </div>
          {item.description && (
            <p className="callback-description" data-testid="callback-description">
              <strong>{t('field.description')}:</strong> {item.description}
            </p>
          )}
          {item.address && (
            <p className="callback-address" data-testid="callback-address">
              <strong>{t('field.address')}:</strong> {item.address}
            </p>
          )}
          {item.kind === 'resolution' && item.resolution && (
            <p className="callback-resolution" data-testid="callback-resolution">
              <strong>{t('field.resolution')}:</strong> {item.resolution}
            </p>
          )}
          {item.note && (
            <p className="callback-note">
              <strong>{t('field.note')}:</strong> {item.note}
            </p>
          )}
          <div className="callback-line callback-meta">
            <span>
              {t('field.citizen')}: {item.citizenName ?? t('noName')}
            </span>
            <span className="mono" data-testid="callback-phone">
              {phone ?? t('noPhone')}
            </span>
            <span data-testid="callback-attempts">
              {t('field.attempts')}: {t('attempts', { n: item.attempts, max: item.maxAttempts })}
            </span>
            <span data-testid="callback-claim" className={item.claimedBy && !mine ? 'callback-claim--other' : undefined}>
              {t('field.claim')}: {holder}
            </span>
          </div>
        </div>
        <div className="callback-actions">
          <button
            type="button"
            className="primary"
            data-testid="callback-dial"
            disabled={item.phone === null || heldElsewhere || busy !== null}
            title={heldElsewhere ? t('dialHeld') : undefined}
            onClick={() => void desk.callbacks.dial(item.id)}
          >
            {dialing ? t('dialing') : t('dial')}
          </button>
        </div>
      </div>
      <CallScript item={item} open={mine} />
      {mine && <CallbackOutcomeForm id={item.id} />}
    </li>
  );
}

/** What to say on the call, folded away until the row is the one being called. */
function CallScript({ item, open }: { item: CallbackItem; open: boolean }) {
  const { t } = useCallbackText();
  return (
    <details className="callback-script" data-testid="callback-script" open={open}>
      <summary>{t('script.title')}</summary>
      <p>
        {item.citizenName ? t('script.greet', { name: item.citizenName }) : t('script.greetNoName')} <em className="muted">{t('script.privacy')}</em>
      </p>
      <p>{t(`script.about.${item.kind}`, { applicationNo: item.applicationNo })}</p>
      <p className="callback-script-then">{t('script.then')}</p>
      <dl className="callback-script-steps">
        {scriptSteps(item.kind).map((step) => (
          <div key={step.case} data-testid="callback-script-step" data-case={step.case} data-outcome={step.outcome}>
            <dt>
              {t(`script.case.${step.case}`)}{' '}
              <span className="muted">
                (
                {step.score === null
                  ? t('script.record', { outcome: t(`outcome.${step.outcome}`) })
                  : t('script.recordScore', { outcome: t(`outcome.${step.outcome}`), score: step.score })}
                )
              </span>
            </dt>
            <dd>{t(`script.say.${step.case}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function CallbackOutcomeForm({ id }: { id: string }) {
  const { t } = useCallbackText();
  const desk = useCallbacksDesk();
  const form = useCallbacks((s) => s.form);
  const problem = useCallbacks((s) => s.problem);
  const busy = useCallbacks((s) => s.busy);
  const worklist = desk.callbacks;
  const name = `callback-outcome-${id}`;

  return (
    <form
      className="callback-outcome"
      data-testid="callback-outcome"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void worklist.save();
      }}
    >
      <fieldset className="callback-choices" aria-invalid={problem === 'outcome.required'}>
        <legend>{t('outcome.legend')}</legend>
        {CallbackOutcome.options.map((o) => (
          <label key={o} className="callback-choice">
            <input
              type="radio"
              name={name}
              value={o}
              data-testid={`callback-outcome-${o}`}
              checked={form.outcome === o}
              onChange={() => worklist.setForm({ outcome: o })}
            />
            {t(`outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      {form.outcome === 'informed' && (
        <fieldset className="callback-choices" aria-invalid={problem === 'satisfaction.required'}>
          <legend>{t('outcome.satisfaction')}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="callback-choice">
              <input
                type="radio"
                name={`${name}-satisfaction`}
                value={n}
                data-testid={`callback-satisfaction-${n}`}
                checked={form.satisfaction === n}
                onChange={() => worklist.setForm({ satisfaction: n })}
              />
              {n}
            </label>
          ))}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={`${name}-comment`}>{t('outcome.comment')}</label>
        <textarea
          id={`${name}-comment`}
          data-testid="callback-comment"
          rows={2}
          maxLength={1000}
          value={form.comment}
          onChange={(e) => worklist.setForm({ comment: e.target.value })}
        />
      </div>
      {problem && (
        <p className="error" role="alert" data-testid="callback-problem">
          {problem === 'outcome.required' ? t('outcome.required') : t('outcome.satisfactionRequired')}
        </p>
      )}
      <div className="callback-form-actions">
        <button type="submit" className="primary" data-testid="callback-save" disabled={busy !== null}>
          {busy === 'save' ? t('outcome.saving') : t('outcome.save')}
        </button>
        <button type="button" data-testid="callback-release" disabled={busy !== null} onClick={() => void worklist.release()}>
          {t('outcome.release')}
        </button>
      </div>
    </form>
  );
}

function NoticeLine({ notice, t, lng, onDismiss }: { notice: WorklistNotice; t: CallbackT; lng: Language; onDismiss: () => void }) {
  const text =
    notice.kind === 'conflict'
      ? t('conflict')
      : notice.kind === 'dialed'
        ? t(`route.${notice.route}`)
        : notice.kind === 'released'
          ? t('released')
          : notice.result.next === 'retry-scheduled'
            ? notice.result.retryAt
              ? t('result.retry-scheduled', { time: istanbulTime(notice.result.retryAt, lng) })
              : t('result.retry-scheduled-unknown')
            : t(`result.${notice.result.next}`);
  return (
    <div
      className={`callback-notice${notice.kind === 'conflict' ? ' callback-notice--warn' : ''}`}
      role="status"
      data-testid="callback-notice"
      data-kind={notice.kind}
      data-next={notice.kind === 'saved' ? notice.result.next : undefined}
      data-route={notice.kind === 'dialed' ? notice.route : undefined}
    >
      <span>{text}</span>
      <button type="button" className="link" onClick={onDismiss}>
        {t('dismiss')}
      </button>
    </div>
  );
}

const isErrorCode = (code: string): code is ErrorCode => (ErrorCode.options as readonly string[]).includes(code);

export function callbackErrorText(error: WorklistError, t: CallbackT): string {
  if (error.code === 'no-phone') return t('noPhone');
  if (error.action === 'dial') {
    return isErrorCode(error.code) ? t('errors.dial', { reason: t(`errors.${error.code}`) }) : t('errors.dialUnknown', { code: error.code });
  }
  return isErrorCode(error.code) ? t(`errors.${error.code}`) : t('errors.internal');
}

function ErrorLine({ error, t, onLogin }: { error: WorklistError; t: CallbackT; onLogin: () => void }) {
  return (
    <div className="form-error error callback-error-line" role="alert">
      <span data-testid="callback-error" data-code={error.code} data-action={error.action}>
        {callbackErrorText(error, t)}
      </span>
      {error.code === 'unauthorized' && (
        <button type="button" className="link" onClick={onLogin}>
          {t('login')}
        </button>
      )}
    </div>
  );
}
