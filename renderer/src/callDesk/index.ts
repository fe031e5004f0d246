/**
 * The call desk: the screen-pop of the ringing call, the case form with its drafts and repeat-call
 * flag, and the store of the current call.
 */
export { useCall, type CallDeskPart } from './deskPart.js';
export { ScreenPopPanel } from './components/ScreenPopPanel.js';
export { CaseForm } from './components/CaseForm.js';
export { createCallStore, screenPopChanged, type CallState, type CallStore } from './callStore.js';
export { createCaseFormStore, callChanged, type CaseFormState, type CaseFormStore } from './caseFormStore.js';
export type { CatalogueContext } from './caseDraft.js';
export { startDraftAutosave, type DraftAutosave, type DraftSaveState } from './draftAutosave.js';
export { restoreLatestDraft } from './draftRestore.js';
export { callDeskTexts } from './texts.js';
export { startIncidentListSync, createIncidentListStore, type IncidentListStore } from './incidentSuggestions.js';
