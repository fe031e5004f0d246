import { useStore } from 'zustand';
import type { CaseRecord } from '../../../core/case.js';
import type { CaseDetailController } from '../cases/index.js';
import { useDeskPart, type DeskCore } from '../shared/desk/deskContext.js';
import type { CallState, CallStore } from './callStore.js';
import type { CatalogueContext } from './caseDraft.js';
import type { CaseFormState, CaseFormStore } from './caseFormStore.js';
import type { DraftAutosave, DraftSaveState } from './draftAutosave.js';
import type { IncidentListStore } from './incidentSuggestions.js';

/** What the call desk needs of the wired desk (app/desk.ts provides it). */
export interface CallDeskPart extends DeskCore {
  call: CallStore;
  form: CaseFormStore;
  drafts: DraftAutosave;
  /** A case opened from the pop, the repeat-call flag or the saved notice. */
  detail: Pick<CaseDetailController, 'open'>;
  /** The picked subject and the triage unit, as the form's save needs them. */
  catalogueContext: (subjectCode: string | null) => CatalogueContext;
  /** A case was written from this desk: lists and an open detail follow at once. */
  caseWritten: (record: CaseRecord) => void;
  /** The active mass incidents, offered at the top of the pop (incidentSuggestions.ts). */
  incidents: IncidentListStore;
}

export const useCallDesk = (): CallDeskPart => useDeskPart<CallDeskPart>();
export const useCall = <T,>(selector: (s: CallState) => T): T => useStore(useCallDesk().call, selector);
export const useCaseForm = <T,>(selector: (s: CaseFormState) => T): T => useStore(useCallDesk().form, selector);
export const useDraftSave = <T,>(selector: (s: DraftSaveState) => T): T => useStore(useCallDesk().drafts.state, selector);
