import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { WorklistState } from '../callbacks/worklist.js';
import type { CaseDetailState } from '../detail/caseDetail.js';
import type { CaseFormState } from '../form/caseFormStore.js';
import type { DraftSaveState } from '../form/draftAutosave.js';
import type { CaseSearchState } from '../search/caseSearchStore.js';
import type { CallState } from '../state/callStore.js';
import type { CasesState } from '../state/casesStore.js';
import type { CatalogueState } from '../state/catalogueStore.js';
import type { HostState } from '../state/hostStore.js';
import type { LinkState } from '../state/linkStore.js';
import type { SyncViewState } from '../state/syncStore.js';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/resources.js';
import { isLanguage } from '../i18n/i18n.js';
import { useDesk } from './DeskContext.js';

export const useHost = <T,>(selector: (s: HostState) => T): T => useStore(useDesk().host, selector);
export const useLink = <T,>(selector: (s: LinkState) => T): T => useStore(useDesk().link, selector);
export const useCall = <T,>(selector: (s: CallState) => T): T => useStore(useDesk().call, selector);
export const useCases = <T,>(selector: (s: CasesState) => T): T => useStore(useDesk().cases, selector);
export const useCaseForm = <T,>(selector: (s: CaseFormState) => T): T => useStore(useDesk().form, selector);
export const useCatalogue = <T,>(selector: (s: CatalogueState) => T): T => useStore(useDesk().catalogue, selector);
export const useSearch = <T,>(selector: (s: CaseSearchState) => T): T => useStore(useDesk().search.store, selector);
export const useDetail = <T,>(selector: (s: CaseDetailState) => T): T => useStore(useDesk().detail.store, selector);
export const useSync = <T,>(selector: (s: SyncViewState) => T): T => useStore(useDesk().sync, selector);
export const useDraftSave = <T,>(selector: (s: DraftSaveState) => T): T => useStore(useDesk().drafts.state, selector);
export const useCallbacks = <T,>(selector: (s: WorklistState) => T): T => useStore(useDesk().callbacks.store, selector);

/** Wall-clock time that re-renders every interval while `active`; idle screens do not tick. */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}
