import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DeskClient } from '../api/deskClient.js';
import type { CatalogueState, CatalogueStore } from '../catalogue/catalogueStore.js';
import type { HostState, HostStore } from '../state/hostStore.js';
import type { LinkState, LinkStore } from '../state/linkStore.js';
import type { SyncSession, SyncStore, SyncViewState } from '../state/syncStore.js';

/** What every feature may use of the wired desk: the host, the PBX link, the server account, the catalogue. */
export interface DeskCore {
  client: DeskClient;
  host: HostStore;
  link: LinkStore;
  /** Where this desk stands with the central server, and the login/logout/retry that change it. */
  sync: SyncStore;
  syncSession: SyncSession;
  catalogue: CatalogueStore;
}

const DeskContext = createContext<DeskCore | null>(null);

export function DeskProvider({ desk, children }: { desk: DeskCore; children: ReactNode }) {
  return <DeskContext.Provider value={desk}>{children}</DeskContext.Provider>;
}

/**
 * The wired desk, seen as the part a feature declares it needs (its `DeskPart` interface). The
 * shell's Desk (app/desk.ts) extends every feature's part, so the compiler checks that all a feature
 * asks for is wired, while no feature has to import the shell.
 */
export function useDeskPart<Part extends DeskCore = DeskCore>(): Part {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDeskPart outside DeskProvider');
  return desk as Part;
}

export const useHost = <T,>(selector: (s: HostState) => T): T => useStore(useDeskPart().host, selector);
export const useLink = <T,>(selector: (s: LinkState) => T): T => useStore(useDeskPart().link, selector);
export const useSync = <T,>(selector: (s: SyncViewState) => T): T => useStore(useDeskPart().sync, selector);
export const useCatalogue = <T,>(selector: (s: CatalogueState) => T): T => useStore(useDeskPart().catalogue, selector);
