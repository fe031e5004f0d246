import { createStore } from 'zustand/vanilla';
import type { ScreenPop } from '../../../core/call.js';
import type { CaseOutcome, CaseRecord } from '../../../core/case.js';
import type { ErrorCode } from '../../../core/contract.js';
import type { DeskClient } from '../api/deskClient.js';
import { bindToCall, editDraft, emptyDraft, toNewCaseInput, type CaseDraft, type DraftField } from './caseDraft.js';
import { saveErrorsFrom, type FieldErrors } from './caseErrors.js';

export interface CaseFormState {
  draft: CaseDraft;
  saving: boolean;
  fieldErrors: FieldErrors;
  formError: ErrorCode | null;
  /** The case number of the last save, shown until the operator starts the next one. */
  savedId: number | null;
}

export const initialCaseFormState: CaseFormState = {
  draft: emptyDraft,
  saving: false,
  fieldErrors: {},
  formError: null,
  savedId: null,
};

export const createCaseFormStore = (initial: CaseFormState = initialCaseFormState) =>
  createStore<CaseFormState>()(() => initial);
export type CaseFormStore = ReturnType<typeof createCaseFormStore>;

export function callChanged(s: CaseFormState, pop: ScreenPop | null): CaseFormState {
  const draft = bindToCall(s.draft, pop);
  return draft === s.draft ? s : { ...s, draft };
}

export function fieldEdited(s: CaseFormState, field: DraftField, value: string): CaseFormState {
  if (s.saving) return s;
  const fieldErrors = { ...s.fieldErrors };
  delete fieldErrors[field];
  return { ...s, draft: editDraft(s.draft, field, value), fieldErrors, formError: null, savedId: null };
}

/** Starting over binds to whatever call is on screen now, like a fresh form would. */
export const formCleared = (s: CaseFormState, pop: ScreenPop | null): CaseFormState =>
  s.saving ? s : { ...initialCaseFormState, draft: bindToCall(emptyDraft, pop) };

export const selectDraft = (s: CaseFormState) => s.draft;
export const selectSaving = (s: CaseFormState) => s.saving;
export const selectFieldErrors = (s: CaseFormState) => s.fieldErrors;
export const selectFormError = (s: CaseFormState) => s.formError;
export const selectSavedId = (s: CaseFormState) => s.savedId;

/**
 * Saves the draft once (a second press while saving is ignored). On success the form starts
 * over for the call on screen at that moment; on failure the operator's text stays.
 */
export async function submitCase(
  store: CaseFormStore,
  client: DeskClient,
  outcome: CaseOutcome,
  currentPop: () => ScreenPop | null,
  onSaved: (record: CaseRecord) => void = () => {},
): Promise<void> {
  const before = store.getState();
  if (before.saving) return;
  store.setState({ saving: true, formError: null, savedId: null });
  const result = await client.call('cases.create', toNewCaseInput(before.draft, outcome));
  if (result.ok) {
    store.setState({ ...initialCaseFormState, draft: bindToCall(emptyDraft, currentPop()), savedId: result.value.id });
    onSaved(result.value);
  } else {
    store.setState({ saving: false, ...saveErrorsFrom(result.error) });
  }
}
