/**
 * Cases: the recent list and search (Turkish-folded, virtualised), the case detail with its
 * timeline, notes and attachments.
 */
export { CaseList } from './components/CaseList.js';
export { CaseDetail } from './components/CaseDetail.js';
export { PendingAttachments } from './components/PendingAttachments.js';
export type { CasesPart } from './deskPart.js';
export { createCasesStore, caseSaved, listLoaded, type CasesState, type CasesStore } from './casesStore.js';
export { createCaseSearch, type CaseSearch } from './caseSearch.js';
export type { CaseSearchState } from './caseSearchStore.js';
export { createCaseDetail, type CaseDetailController, type CaseDetailState } from './caseDetail.js';
export { OPEN_STATUSES } from './statusPresets.js';
export { casesTexts } from './texts.js';
