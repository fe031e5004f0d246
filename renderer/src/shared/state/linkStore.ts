import { createStore } from 'zustand/vanilla';
import type { PbxLinkState } from '../../../../core/pbxLink.js';

/** null: we do not know, either before the first snapshot or while the host itself is out of reach. */
export interface LinkState {
  link: PbxLinkState | null;
}

export const initialLinkState: LinkState = { link: null };

export const linkChanged = (_: LinkState, link: PbxLinkState): LinkState => ({ link });

// A stale "connected" would be a lie once we cannot hear the host.
export const hostLost = (s: LinkState): LinkState => (s.link === null ? s : { link: null });

export const createLinkStore = (initial: LinkState = initialLinkState) => createStore<LinkState>()(() => initial);
export type LinkStore = ReturnType<typeof createLinkStore>;

export type LinkDisplayState = PbxLinkState['status'] | 'unknown';
export const selectLink = (s: LinkState) => s.link;
export const selectLinkStatus = (s: LinkState): LinkDisplayState => s.link?.status ?? 'unknown';
