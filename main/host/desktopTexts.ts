/**
 * The few words the host itself shows on the desktop (notifications, the tray, the quit question),
 * in the operator's language. Turkish is the source of the keys, as in the renderer's locales.
 */
import type { DeskLanguage } from '../../core/deskSettings.js';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type HostTextKey = Leaves<typeof tr>;
export type HostT = (key: HostTextKey, vars?: Readonly<Record<string, string>>) => string;

export const hostLocales = { tr, en } as const;

function lookup(tree: unknown, key: string): string | null {
  let node = tree;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : null;
}

/** Texts in `lng`, Turkish where a text is missing; `{{name}}` takes vars.name. */
export function hostTexts(lng: DeskLanguage): HostT {
  return (key, vars = {}) => {
    const text = lookup(hostLocales[lng], key) ?? lookup(hostLocales.tr, key) ?? key;
    return text.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => vars[name] ?? '');
  };
}
