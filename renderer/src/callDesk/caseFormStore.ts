import { createStore } from 'zustand/vanilla';
import type { ScreenPop } from '../../../core/call.js';
import type { CaseOutcome, CaseRecord } from '../../../core/case.js';
import type { CannedAnswer, Subject } from '../../../core/catalogue.js';
import type { ErrorCode } from '../../../core/contract.js';
import type { DeskClient } from '../shared/api/deskClient.js';
import {
  bindToCall,
  cannedAnswerPicked,
  choiceMade,
  editDraft,
  emptyDraft,
  isPristine,
  subjectPicked,
  toNewCaseInput,
  type CaseDraft,
  type CatalogueContext,
  type DraftChoices,
  type TextField,
} from './caseDraft.js';
import { saveErrorsFrom, type FieldErrors } from './caseErrors.js';
import { newDraftId } from './draftId.js';
import { tcBlocksSave, tcKimlikStatus } from './tcKimlikField.js';

/**
 * What the operator reads out or checks after finishing a form; shown until dismissed, the next
 * case begins or the next call pops (it is that citizen's alone: the case detail keeps the number).
 */
export type FormDone = (
  | {
      kind: 'created';
      caseId: number;
      applicationNo: string;
      /** Shown once, to be read out; never stored in a draft. */
      securityCode: string;
      outcome: CaseOutcome;
      urgent: boolean;
      /** The draft the host deleted with the save. */
      draftId: string;
    }
  | { kind: 'note-added'; caseId: number; applicationNo: string }
) & {
  /** The call on screen when the save came back (null: none); another call popping clears the box. */
  callLinkedid: string | null;
};

export interface CaseFormState {
  draft: CaseDraft;
  /** This form's draft on the host (drafts.save); a new one for every new form. */
  draftId: string;
  saving: boolean;
  fieldErrors: FieldErrors;
  formError: ErrorCode | null;
  done: FormDone | null;
  /** Set when the form was brought back from a saved draft, until the operator keeps or discards it. */
  restored: { savedAt: string } | null;
}

export const freshFormState = (draftId: string, draft: CaseDraft = emptyDraft): CaseFormState => ({
  draft,
  draftId,
  saving: false,
  fieldErrors: {},
  formError: null,
  done: null,
  restored: null,
});

export const createCaseFormStore = (initial: CaseFormState = freshFormState(newDraftId())) =>
  createStore<CaseFormState>()(() => initial);
export type CaseFormStore = ReturnType<typeof createCaseFormStore>;

export function callChanged(s: CaseFormState, pop: ScreenPop | null): CaseFormState {
  const draft = bindToCall(s.draft, pop);
  // The last citizen's number and security code must not sit on screen while the next one talks.
  const nextCall = pop !== null && s.done !== null && pop.call.linkedid !== s.done.callLinkedid;
  if (draft === s.draft && !nextCall) return s;
  return { ...s, draft, done: nextCall ? null : s.done };
}

/** Any edit starts the next case: the last one's number and code give way, and so do stale errors. */
function edited(s: CaseFormState, draft: CaseDraft, clears: readonly (keyof FieldErrors)[]): CaseFormState {
  if (s.saving || draft === s.draft) return s;
  const fieldErrors = { ...s.fieldErrors };
  for (const slot of clears) delete fieldErrors[slot];
  return { ...s, draft, fieldErrors, formError: null, done: null };
}

export const fieldEdited = (s: CaseFormState, field: TextField, value: string): CaseFormState =>
  edited(s, editDraft(s.draft, field, value), [field]);

export const choiceChanged = (s: CaseFormState, patch: Partial<DraftChoices>): CaseFormState =>
  edited(s, choiceMade(s.draft, patch), 'unitCode' in patch ? ['unitCode'] : []);

export const subjectChosen = (s: CaseFormState, subject: Subject): CaseFormState =>
  edited(s, subjectPicked(s.draft, subject), ['subject', 'unitCode']);

export const cannedAnswerChosen = (s: CaseFormState, answer: CannedAnswer): CaseFormState =>
  edited(s, cannedAnswerPicked(s.draft, answer), ['resolution']);

/** Starting over binds to whatever call is on screen now, like a fresh form would, under a new draft id. */
export const formCleared = (s: CaseFormState, pop: ScreenPop | null, draftId: string): CaseFormState =>
  s.saving ? s : freshFormState(draftId, bindToCall(emptyDraft, pop));

/**
 * "Geri al" after "Temizle": the cleared draft comes back (with the call it was written for) under
 * a new draft id, as long as the operator has not started anything new in the meantime.
 */
export const clearUndone = (s: CaseFormState, cleared: CaseDraft, draftId: string): CaseFormState =>
  s.saving || !isPristine(s.draft) ? s : freshFormState(draftId, cleared);

export const doneDismissed = (s: CaseFormState): CaseFormState => (s.done === null ? s : { ...s, done: null });

export function draftRestored(s: CaseFormState, draft: CaseDraft, draftId: string, savedAt: string): CaseFormState {
  if (s.saving) return s;
  return { ...freshFormState(draftId, draft), restored: { savedAt } };
}

export const restoredNoticeClosed = (s: CaseFormState): CaseFormState =>
  s.restored === null ? s : { ...s, restored: null };

export const selectDraft = (s: CaseFormState) => s.draft;
export const selectSaving = (s: CaseFormState) => s.saving;
export const selectFieldErrors = (s: CaseFormState) => s.fieldErrors;
export const selectFormError = (s: CaseFormState) => s.formError;
export const selectDone = (s: CaseFormState) => s.done;
export const selectRestored = (s: CaseFormState) => s.restored;

export interface SubmitContext {
  /** The call on screen when the answer comes back: the next form binds to it. */
  currentPop: () => ScreenPop | null;
  /** The picked subject and the triage unit, from the catalogue as it is now. */
  catalogue: (subjectCode: string | null) => CatalogueContext;
  onSaved?: (record: CaseRecord) => void;
  newId?: () => string;
}

/**
 * Saves the draft once (a second press while saving is ignored). On success the form starts
 * over for the call on screen at that moment and shows the number and security code; on failure
 * the operator's text stays and the errors sit next to their fields.
 */
export async function submitCase(store: CaseFormStore, client: DeskClient, outcome: CaseOutcome, ctx: SubmitContext): Promise<void> {
  const before = store.getState();
  if (before.saving) return;
  if (tcBlocksSave(tcKimlikStatus(before.draft.tcKimlikNo))) {
    store.setState({ fieldErrors: { ...before.fieldErrors, tcKimlikNo: 'tcInvalid' }, formError: null });
    return;
  }
  store.setState({ saving: true, formError: null, done: null });
  const input = toNewCaseInput(before.draft, outcome, before.draftId, ctx.catalogue(before.draft.subjectCode));
  const result = await client.call('cases.create', input);
  if (result.ok) {
    const { case: record, securityCode } = result.value;
    const pop = ctx.currentPop();
    store.setState({
      ...freshFormState((ctx.newId ?? newDraftId)(), bindToCall(emptyDraft, pop)),
      done: {
        kind: 'created',
        caseId: record.id,
        applicationNo: record.applicationNo,
        securityCode,
        outcome,
        urgent: record.urgent,
        draftId: before.draftId,
        callLinkedid: pop?.call.linkedid ?? null,
      },
    });
    ctx.onSaved?.(record);
  } else {
    store.setState({ saving: false, ...saveErrorsFrom(result.error) });
  }
}

/**
 * A repeat call about the same thing: what the operator wrote goes onto the existing case as a
 * note (with this call's linkedid) instead of opening a duplicate.
 */
export async function appendToCase(
  store: CaseFormStore,
  client: DeskClient,
  target: Pick<CaseRecord, 'id' | 'applicationNo'>,
  ctx: Omit<SubmitContext, 'catalogue'>,
): Promise<void> {
  const before = store.getState();
  if (before.saving) return;
  if (before.draft.description.trim() === '') {
    store.setState({ fieldErrors: { ...before.fieldErrors, description: 'required' }, formError: null });
    return;
  }
  store.setState({ saving: true, formError: null, done: null });
  const result = await client.call('cases.appendNote', {
    caseId: target.id,
    text: before.draft.description,
    linkedid: before.draft.linkedid,
  });
  if (result.ok) {
    const pop = ctx.currentPop();
    store.setState({
      ...freshFormState((ctx.newId ?? newDraftId)(), bindToCall(emptyDraft, pop)),
      done: { kind: 'note-added', caseId: result.value.id, applicationNo: result.value.applicationNo, callLinkedid: pop?.call.linkedid ?? null },
    });
    ctx.onSaved?.(result.value);
  } else {
    // The note's text is what the operator wrote as the description: put its errors there.
    const issues = result.error.issues?.map((i) => (i.path === 'text' ? { ...i, path: 'description' } : i));
    store.setState({ saving: false, ...saveErrorsFrom({ ...result.error, issues }) });
  }
}
