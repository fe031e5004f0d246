import type { i18n as I18n } from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import type { WallboardLanguage } from './format.js';

export const WALLBOARD_NS = 'wallboard';

/** Turkish first: it is the source of the key type and the fallback. */
export const wallboardResources = { tr, en } as const;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every text key of the wallboard namespace, checked against tr.json. */
export type WallboardKey = Leaves<typeof tr>;
export type WallboardVars = Record<string, string | number>;
export type WallboardT = (key: WallboardKey, vars?: WallboardVars) => string;

/** Adds the wallboard's texts to the app's i18next instance under the 'wallboard' namespace (idempotent). */
export function registerWallboardLocales(i18n: I18n): void {
  for (const lng of ['tr', 'en'] as const) {
    i18n.addResourceBundle(lng, WALLBOARD_NS, wallboardResources[lng], true, true);
  }
}

export const isWallboardLanguage = (value: unknown): value is WallboardLanguage => value === 'tr' || value === 'en';

export function languageOf(i18n: I18n): WallboardLanguage {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isWallboardLanguage(lng) ? lng : 'tr';
}

type UntypedT = (key: string, options?: Record<string, unknown>) => string;

/** A translate function bound to the wallboard namespace and one language. */
export function wallboardT(i18n: I18n, lng: WallboardLanguage): WallboardT {
  if (!i18n.hasResourceBundle(lng, WALLBOARD_NS)) registerWallboardLocales(i18n);
  // The app's i18next types know only its own namespace; ours is typed by WallboardKey instead.
  const t = i18n.t.bind(i18n) as unknown as UntypedT;
  return (key, vars) => t(key, { ...vars, ns: WALLBOARD_NS, lng });
}

/**
 * Pause reasons are free text from the host's settings (Turkish by default: "mola", "yemek"…).
 * The known ones get a translated label; any other is shown as the host sent it.
 */
export function pauseReasonLabel(reason: string, lng: WallboardLanguage): string {
  const names: Record<string, string> = wallboardResources[lng].reasons;
  const label = names[reason.trim().toLocaleLowerCase('tr-TR')];
  return label ?? reason;
}
