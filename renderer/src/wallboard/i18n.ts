import type { i18n as I18n } from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import type { WallboardLanguage } from './format.js';
import { namespaceT, registerNamespace, uiLanguageOf, type Leaves, type NamespaceT, type TextVars } from '../shared/i18n/namespace.js';

export const WALLBOARD_NS = 'wallboard';

/** Turkish first: it is the source of the key type and the fallback. */
export const wallboardResources = { tr, en } as const;

/** Every text key of the wallboard namespace, checked against tr.json. */
export type WallboardKey = Leaves<typeof tr>;
export type WallboardVars = TextVars;
export type WallboardT = NamespaceT<WallboardKey>;

/** Adds the wallboard's texts to the app's i18next instance under the 'wallboard' namespace (idempotent). */
export const registerWallboardLocales = (i18n: I18n): void => registerNamespace(i18n, WALLBOARD_NS, wallboardResources);

export const isWallboardLanguage = (value: unknown): value is WallboardLanguage => value === 'tr' || value === 'en';

export const languageOf = (i18n: I18n): WallboardLanguage => uiLanguageOf(i18n);

/** A translate function bound to the wallboard namespace and one language. */
export const wallboardT = (i18n: I18n, lng: WallboardLanguage): WallboardT => namespaceT<WallboardKey>(i18n, WALLBOARD_NS, wallboardResources, lng);

/**
 * Pause reasons are free text from the host's settings (Turkish by default: "mola", "yemek"…).
 * The known ones get a translated label; any other is shown as the host sent it.
 */
export function pauseReasonLabel(reason: string, lng: WallboardLanguage): string {
  const names: Record<string, string> = wallboardResources[lng].reasons;
  const label = names[reason.trim().toLocaleLowerCase('tr-TR')];
  return label ?? reason;
}
