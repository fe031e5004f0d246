import { createStore } from 'zustand/vanilla';
import type { DeskLanguage, SettingsView } from '../../../core/deskSettings.js';
import type { DesktopStatus } from '../../../core/desktop.js';
import type { HotkeyAction } from '../../../core/hotkeys.js';
import type { NoCommandReason } from './hotkeyCommands.js';

export type PresencePanel = 'help' | 'settings';

export interface PresenceState {
  /** The settings in force and who fixed which (null until the host answered). */
  view: SettingsView | null;
  desktop: DesktopStatus | null;
  /** A key that did nothing just now, and why: shown for a moment so the operator is not left guessing. */
  keyNote: { action: HotkeyAction; why: NoCommandReason; at: number } | null;
  panel: PresencePanel | null;
  /** "Not now" to the notification permission: not offered again in this page's life. */
  notificationsDeferred: boolean;
  /** The ring is wanted but the browser refused to play it until the operator clicks in the page. */
  ringBlocked: boolean;
}

export const initialPresenceState: PresenceState = {
  view: null,
  desktop: null,
  keyNote: null,
  panel: null,
  notificationsDeferred: false,
  ringBlocked: false,
};

export const createPresenceStore = (initial: PresenceState = initialPresenceState) => createStore<PresenceState>()(() => initial);
export type PresenceStore = ReturnType<typeof createPresenceStore>;

export const settingsLoaded = (s: PresenceState, view: SettingsView): PresenceState => ({ ...s, view });
export const desktopLoaded = (s: PresenceState, desktop: DesktopStatus): PresenceState => ({ ...s, desktop });
export const keyNoted = (s: PresenceState, action: HotkeyAction, why: NoCommandReason, at: number): PresenceState => ({ ...s, keyNote: { action, why, at } });
export const keyNoteCleared = (s: PresenceState, at: number): PresenceState => (s.keyNote?.at === at ? { ...s, keyNote: null } : s);
/** F1 on the open help closes it; another panel replaces the one open. */
export const panelToggled = (s: PresenceState, panel: PresencePanel): PresenceState => ({ ...s, panel: s.panel === panel ? null : panel });
export const panelClosed = (s: PresenceState): PresenceState => (s.panel === null ? s : { ...s, panel: null });
export const notificationsDeferred = (s: PresenceState): PresenceState => ({ ...s, notificationsDeferred: true });

export const selectSettings = (s: PresenceState) => s.view?.settings ?? null;
const NONE: readonly string[] = [];
/** Fields an administrator fixed (the same empty list until the settings arrive: a selector must not make a new one). */
export const selectAdminSet = (s: PresenceState): readonly string[] => s.view?.adminSet ?? NONE;
export const selectLanguage = (s: PresenceState): DeskLanguage | null => s.view?.settings.language ?? null;

/**
 * An older release kept the language in this browser's localStorage: it moves into the settings
 * once, unless the settings already hold another choice than the default or an administrator
 * fixed it. null: nothing to carry over.
 */
export function languageToCarry(view: SettingsView, legacy: DeskLanguage | null, fallback: DeskLanguage): DeskLanguage | null {
  if (legacy === null || legacy === view.settings.language || view.adminSet.includes('language')) return null;
  return view.settings.language === fallback ? legacy : null;
}
