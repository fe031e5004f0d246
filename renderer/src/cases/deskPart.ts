import { useStore } from 'zustand';
import { useDeskPart, type DeskCore } from '../shared/desk/deskContext.js';
import type { CaseDetailController, CaseDetailState } from './caseDetail.js';
import type { CaseSearch } from './caseSearch.js';
import type { CaseSearchState } from './caseSearchStore.js';
import type { CasesState, CasesStore } from './casesStore.js';

/** What the cases need of the wired desk (app/desk.ts provides it). */
export interface CasesPart extends DeskCore {
  cases: CasesStore;
  search: CaseSearch;
  detail: CaseDetailController;
}

export const useCasesDesk = (): CasesPart => useDeskPart<CasesPart>();
export const useCases = <T,>(selector: (s: CasesState) => T): T => useStore(useCasesDesk().cases, selector);
export const useSearch = <T,>(selector: (s: CaseSearchState) => T): T => useStore(useCasesDesk().search.store, selector);
export const useDetail = <T,>(selector: (s: CaseDetailState) => T): T => useStore(useCasesDesk().detail.store, selector);
