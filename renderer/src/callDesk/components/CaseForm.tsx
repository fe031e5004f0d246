import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseOutcome } from '../../../../core/case.js';
import { formatPhone } from '../../../../core/phone.js';
import { saveShortcut } from '../../shared/ui/shortcuts.js';
import { isPristine } from '../caseDraft.js';
import { selectDone, selectFormError, selectSaving, submitCase } from '../caseFormStore.js';
import { selectScreenPop } from '../callStore.js';
import { staleDraftOf, type StaleDraft } from '../staleDraft.js';
import { FormField } from './FormField.js';
import { RoutingFields, TypeSelect } from './form/ChoiceFields.js';
import { AddressFields, CitizenFields } from './form/CitizenFields.js';
import { ClearUndoToast, useClearWithUndo } from './form/ClearUndo.js';
import { DraftRestoredNotice, DraftStatus } from './form/DraftNotice.js';
import { FormDone } from './form/FormDone.js';
import { DESCRIPTION_INPUT_ID, isTypingOutside } from '../../shared/ui/focus.js';
import { ResolutionFields } from './form/ResolutionFields.js';
import { StaleDraftConfirm } from './form/StaleDraftConfirm.js';
import { SubjectField } from './form/SubjectField.js';
import { useFormActions } from './form/useFormActions.js';
import { useEffectiveChoices } from './form/useEffective.js';
import { UrgentMarker } from '../../shared/ui/UrgentMarker.js';
import { useCallDesk, useCall, useCaseForm } from '../deskPart.js';
import { PendingAttachments } from '../../cases/index.js';

export function CaseForm() {
  const { t } = useTranslation();
  const desk = useCallDesk();
  const description = useCaseForm((s) => s.draft.description);
  const linkedid = useCaseForm((s) => s.draft.linkedid);
  const prefillPhone = useCaseForm((s) => s.draft.prefill?.phone ?? null);
  const pristine = useCaseForm((s) => isPristine(s.draft));
  const saving = useCaseForm(selectSaving);
  const formError = useCaseForm(selectFormError);
  const done = useCaseForm(selectDone);
  const pop = useCall(selectScreenPop);
  const effective = useEffectiveChoices();
  const { edit } = useFormActions();
  const formRef = useRef<HTMLFormElement>(null);
  const subjectRef = useRef<HTMLInputElement>(null);

  const save = useCallback(
    (outcome: CaseOutcome) =>
      submitCase(desk.form, desk.client, outcome, {
        currentPop: () => desk.call.getState().screenPop,
        catalogue: desk.catalogueContext,
        // The host also pushes cases.saved; upserting by id makes the two idempotent.
        onSaved: desk.caseWritten,
      }),
    [desk],
  );

  // A draft written for another caller is saved only once the operator has seen both numbers; a
  // yes holds for that draft and that call (a retry after a refused save does not ask again).
  const [asking, setAsking] = useState<{ outcome: CaseOutcome; stale: StaleDraft } | null>(null);
  const confirmedFor = useRef<string | null>(null);
  const requestSave = useCallback(
    (outcome: CaseOutcome) => {
      const { draft, draftId, saving: busy } = desk.form.getState();
      if (busy) return;
      const stale = staleDraftOf(draft, desk.call.getState().screenPop);
      if (stale !== null && confirmedFor.current !== `${draftId} ${stale.linkedid}`) {
        setAsking({ outcome, stale });
        return;
      }
      void save(outcome);
    },
    [desk, save],
  );
  const confirmStale = () => {
    if (asking === null) return;
    confirmedFor.current = `${desk.form.getState().draftId} ${asking.stale.linkedid}`;
    setAsking(null);
    void save(asking.outcome);
  };
  const askingRef = useRef(false);
  askingRef.current = asking !== null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // While the question is open its own keys answer it.
      if (askingRef.current) return;
      const outcome = saveShortcut(e);
      if (outcome === null) return;
      e.preventDefault();
      requestSave(outcome);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [requestSave]);

  // Ready for the next case after a save; and a call popping on an empty form puts the caret in the
  // subject, unless the operator is typing somewhere else on the screen.
  useEffect(() => {
    if (done?.kind) subjectRef.current?.focus();
  }, [done?.kind, done?.caseId]);
  useEffect(() => {
    if (linkedid !== null && desk.form.getState().draft.linkedid === linkedid && isPristine(desk.form.getState().draft)) {
      if (!isTypingOutside(formRef.current)) subjectRef.current?.focus();
    }
  }, [linkedid, desk]);

  const focusDescription = () => document.getElementById(DESCRIPTION_INPUT_ID)?.focus();
  const notForThisCall = pop !== null && pop.call.linkedid !== linkedid && !pristine;
  const { clear, undo, offered } = useClearWithUndo();

  return (
    <section className="panel case-form-panel" aria-labelledby="case-form-title">
      <DraftRestoredNotice />
      <FormDone />
      <form
        ref={formRef}
        className="case-form"
        data-testid="case-form"
        data-linkedid={linkedid ?? ''}
        aria-busy={saving}
        noValidate
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="form-head">
          <h2 id="case-form-title">{t('form.title')}</h2>
          {effective.urgent && <UrgentMarker />}
          <span className="binding" data-testid="case-binding" data-linkedid={linkedid ?? ''}>
            {linkedid === null
              ? t('form.notBound')
              : prefillPhone
                ? t('form.boundToCall', { number: formatPhone(prefillPhone) })
                : t('form.boundToCallWithheld')}
          </span>
          <DraftStatus />
          <button type="button" className="quiet" data-testid="case-clear" disabled={saving} onClick={clear}>
            {t('form.clear')}
          </button>
        </div>
        {offered && <ClearUndoToast onUndo={undo} />}
        {notForThisCall && (
          <p className="warning" data-testid="case-binding-warning">
            {t('form.notForThisCall')}
          </p>
        )}
        <div className="form-row form-row--subject">
          <SubjectField
            inputRef={subjectRef}
            onEnter={(e) => {
              e.preventDefault();
              focusDescription();
            }}
          />
          <TypeSelect />
        </div>
        <FormField
          field="description"
          label={t('form.description')}
          value={description}
          onChange={edit('description')}
          readOnly={saving}
          multiline
          rows={4}
        />
        <ResolutionFields />
        <RoutingFields />
        <CitizenFields />
        <AddressFields />
        <PendingAttachments form={desk.form} />
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
            onClick={() => requestSave('resolved')}
          >
            {t('form.resolve')} <kbd>Ctrl+Enter</kbd>
          </button>
          <button
            type="button"
            data-testid="case-forward"
            disabled={saving}
            aria-keyshortcuts="Control+Shift+Enter"
            onClick={() => requestSave('forwarded')}
          >
            {t('form.forward')} <kbd>Ctrl+Shift+Enter</kbd>
          </button>
          <span className="saving" aria-live="polite">
            {saving ? t('form.saving') : ''}
          </span>
        </div>
        <p className="shortcuts muted">{t('form.shortcuts')}</p>
      </form>
      {asking && <StaleDraftConfirm stale={asking.stale} outcome={asking.outcome} onConfirm={confirmStale} onCancel={() => setAsking(null)} />}
    </section>
  );
}
