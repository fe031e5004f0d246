import { useCallback, useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseOutcome } from '../../../core/case.js';
import { useDesk } from '../app/DeskContext.js';
import { useCall, useCaseForm } from '../app/hooks.js';
import { isPhoneLocked, isPristine } from '../form/caseDraft.js';
import {
  fieldEdited,
  formCleared,
  selectDraft,
  selectFormError,
  selectSavedId,
  selectSaving,
  submitCase,
} from '../form/caseFormStore.js';
import { selectScreenPop } from '../state/callStore.js';
import { caseSaved } from '../state/casesStore.js';
import { FormField } from './FormField.js';

/** Enter in a one-line field moves on instead of submitting: saving is always a deliberate Ctrl+Enter. */
function focusNextField(e: ReactKeyboardEvent<HTMLInputElement>): void {
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
  e.preventDefault();
  const fields = Array.from(e.currentTarget.form?.querySelectorAll<HTMLElement>('input:not([readonly]), textarea') ?? []);
  fields[fields.indexOf(e.currentTarget) + 1]?.focus();
}

export function CaseForm() {
  const { t } = useTranslation();
  const desk = useDesk();
  const draft = useCaseForm(selectDraft);
  const saving = useCaseForm(selectSaving);
  const formError = useCaseForm(selectFormError);
  const savedId = useCaseForm(selectSavedId);
  const pop = useCall(selectScreenPop);
  const subjectRef = useRef<HTMLInputElement>(null);

  const save = useCallback(
    (outcome: CaseOutcome) =>
      submitCase(
        desk.form,
        desk.client,
        outcome,
        () => desk.call.getState().screenPop,
        // The host also pushes cases.saved; upserting by id makes the two idempotent.
        (record) => desk.cases.setState((s) => caseSaved(s, record), true),
      ),
    [desk],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || e.repeat) return;
      e.preventDefault();
      void save(e.shiftKey ? 'forwarded' : 'resolved');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  // Ready for the next case after a save, and for a new call, unless the operator is busy elsewhere.
  useEffect(() => {
    const idle = document.activeElement === null || document.activeElement === document.body;
    if (savedId !== null || (draft.linkedid !== null && idle)) subjectRef.current?.focus();
  }, [savedId, draft.linkedid]);

  const edit = (field: Parameters<typeof fieldEdited>[1]) => (value: string) =>
    desk.form.setState((s) => fieldEdited(s, field, value), true);
  const phoneLocked = isPhoneLocked(draft);
  const notForThisCall = pop !== null && pop.call.linkedid !== draft.linkedid && !isPristine(draft);

  return (
    <section className="panel case-form-panel">
      <form
        className="case-form"
        data-testid="case-form"
        data-linkedid={draft.linkedid ?? ''}
        aria-busy={saving}
        noValidate
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="form-head">
          <h2>{t('form.title')}</h2>
          <span className="binding" data-testid="case-binding" data-linkedid={draft.linkedid ?? ''}>
            {draft.linkedid === null
              ? t('form.notBound')
              : draft.prefill?.phone
                ? t('form.boundToCall', { number: draft.prefill.phone })
                : t('form.boundToCallWithheld')}
          </span>
          <button
            type="button"
            className="quiet"
            data-testid="case-clear"
            disabled={saving}
            onClick={() => desk.form.setState((s) => formCleared(s, desk.call.getState().screenPop), true)}
          >
            {t('form.clear')}
          </button>
        </div>
        {notForThisCall && (
          <p className="warning" data-testid="case-binding-warning">
            {t('form.notForThisCall')}
          </p>
        )}
        <div className="form-row">
          <FormField
            field="phone"
            label={t('form.phone')}
            value={draft.phone}
            onChange={edit('phone')}
            onKeyDown={focusNextField}
            readOnly={saving || phoneLocked}
            hint={phoneLocked ? t('form.phoneLocked') : undefined}
            inputMode="tel"
            autoComplete="off"
          />
          <FormField
            field="citizenName"
            label={t('form.citizenName')}
            value={draft.citizenName}
            onChange={edit('citizenName')}
            onKeyDown={focusNextField}
            readOnly={saving}
            autoComplete="off"
          />
        </div>
        <FormField
          field="subject"
          label={t('form.subject')}
          value={draft.subject}
          onChange={edit('subject')}
          onKeyDown={focusNextField}
          readOnly={saving}
          inputRef={subjectRef}
          autoComplete="off"
        />
        <FormField
          field="description"
          label={t('form.description')}
          value={draft.description}
          onChange={edit('description')}
          readOnly={saving}
          multiline
        />
        {formError && (
          <p className="error form-error" role="alert" data-testid="case-form-error" data-code={formError}>
            {t(`errors.form.${formError}`)}
          </p>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="primary"
            data-testid="case-resolve"
            disabled={saving}
            aria-keyshortcuts="Control+Enter"
            onClick={() => void save('resolved')}
          >
            {t('form.resolve')} <kbd>Ctrl+Enter</kbd>
          </button>
          <button
            type="button"
            data-testid="case-forward"
            disabled={saving}
            aria-keyshortcuts="Control+Shift+Enter"
            onClick={() => void save('forwarded')}
          >
            {t('form.forward')} <kbd>Ctrl+Shift+Enter</kbd>
          </button>
          <span className="saving" aria-live="polite">
            {saving ? t('form.saving') : ''}
          </span>
        </div>
        {savedId !== null && (
          <p className="confirmation" role="status" data-testid="case-saved" data-case-id={savedId}>
            {t('form.saved', { id: savedId })}
          </p>
        )}
        <p className="shortcuts muted">{t('form.shortcuts')}</p>
      </form>
    </section>
  );
}
