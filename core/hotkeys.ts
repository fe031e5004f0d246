/**
 * The desk's hot keys: which action a key combination runs, written as text ("Ctrl+Alt+F9") so
 * one map is kept in the settings file, shown in the help panel, matched against the page's key
 * events and registered with the OS by Electron (globalShortcut takes the same words).
 */
import { z } from 'zod';

export const HOTKEY_ACTIONS = ['answer', 'hangup', 'hold', 'mute', 'readyPause', 'focusSubject', 'focusSearch'] as const;
export const HotkeyAction = z.enum(HOTKEY_ACTIONS);
export type HotkeyAction = z.infer<typeof HotkeyAction>;

/**
 * Registered with the OS in Electron: a headset operator answers and hangs up from whatever
 * window has the focus. The others need the desk in front anyway (a form, a panel).
 */
export const GLOBAL_HOTKEY_ACTIONS: readonly HotkeyAction[] = ['answer', 'hangup'];

/** null: the action has no key. */
export type HotkeyMap = Record<HotkeyAction, string | null>;

/**
 * Function keys, so a key works even while the caret is in a field and needs no modifier. F2 and
 * F3 are the jumps operators already know; F9/F10 answer and hang up as on most call-centre desks.
 */
export const DEFAULT_HOTKEYS: Readonly<HotkeyMap> = {
  answer: 'F9',
  hangup: 'F10',
  hold: 'F7',
  mute: 'F6',
  readyPause: 'F8',
  focusSubject: 'F2',
  focusSearch: 'F3',
};

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
type Modifier = (typeof MODIFIERS)[number];

/**
 * Kept by the desk (F1 help, the form's save keys) or by the browser and the editing every field
 * needs (close, reload, copy, paste): a map that took one of them would break something else.
 */
export const RESERVED_COMBOS: readonly string[] = [
  'F1',
  'F5',
  'F11',
  'F12',
  'Ctrl+Enter',
  'Ctrl+Shift+Enter',
  'Alt+F4',
  ...['A', 'C', 'F', 'L', 'N', 'Q', 'R', 'T', 'V', 'W', 'X', 'Y', 'Z'].map((k) => `Ctrl+${k}`),
];

const FUNCTION_KEY = /^F([1-9]|1[0-9]|2[0-4])$/;
const TYPING_KEY = /^[A-Z0-9]$/;

export type ComboProblem = 'invalid' | 'needs-modifier' | 'reserved';

/** A combination as the user or an administrator wrote it ("ctrl + alt + f9"), in the desk's words. */
export function normalizeCombo(text: string): { ok: true; combo: string } | { ok: false; problem: ComboProblem } {
  const parts = text.split('+').map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => p === '')) return { ok: false, problem: 'invalid' };
  const mods = new Set<Modifier>();
  let key: string | null = null;
  for (const part of parts) {
    const mod = MODIFIERS.find((m) => m.toLowerCase() === part.toLowerCase() || (m === 'Ctrl' && part.toLowerCase() === 'control'));
    if (mod !== undefined) {
      if (mods.has(mod)) return { ok: false, problem: 'invalid' };
      mods.add(mod);
      continue;
    }
    if (key !== null) return { ok: false, problem: 'invalid' };
    key = part.toUpperCase();
    if (key === 'ENTER') key = 'Enter';
  }
  if (key === null || !(FUNCTION_KEY.test(key) || TYPING_KEY.test(key) || key === 'Enter')) return { ok: false, problem: 'invalid' };
  const combo = [...MODIFIERS.filter((m) => mods.has(m)), key].join('+');
  if (RESERVED_COMBOS.includes(combo)) return { ok: false, problem: 'reserved' };
  // A letter or digit with no Ctrl/Alt/Meta would fire while the operator types a description.
  if (!FUNCTION_KEY.test(key) && !(mods.has('Ctrl') || mods.has('Alt') || mods.has('Meta'))) return { ok: false, problem: 'needs-modifier' };
  return { ok: true, combo };
}

/** Whether `text` is a combination a map may hold, written exactly as normalizeCombo writes it. */
export function isHotkeyCombo(text: string): boolean {
  const result = normalizeCombo(text);
  return result.ok && result.combo === text;
}

export const HotkeyCombo = z.string().max(40).refine(isHotkeyCombo, 'hotkey.invalid');

export type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>;

/**
 * The combination a key press makes, or null for a lone modifier or a key no map can hold.
 * Letters and digits by their physical key (`code`): on a Turkish keyboard Ctrl+I is still "I".
 */
export function comboOfKey(e: KeyLike): string | null {
  const key = FUNCTION_KEY.test(e.key) || e.key === 'Enter' ? e.key : (/^Key([A-Z])$/.exec(e.code)?.[1] ?? /^Digit([0-9])$/.exec(e.code)?.[1] ?? null);
  if (key === null) return null;
  const held: Record<Modifier, boolean> = { Ctrl: e.ctrlKey, Alt: e.altKey, Shift: e.shiftKey, Meta: e.metaKey };
  return [...MODIFIERS.filter((m) => held[m]), key].join('+');
}

/** The action bound to a combination (null: none). */
export function actionOfCombo(map: Readonly<HotkeyMap>, combo: string | null): HotkeyAction | null {
  if (combo === null) return null;
  return HOTKEY_ACTIONS.find((a) => map[a] === combo) ?? null;
}

/** Combinations bound to more than one action, with those actions. */
export function hotkeyConflicts(map: Readonly<HotkeyMap>): Array<{ combo: string; actions: HotkeyAction[] }> {
  const byCombo = new Map<string, HotkeyAction[]>();
  for (const action of HOTKEY_ACTIONS) {
    const combo = map[action];
    if (combo !== null) byCombo.set(combo, [...(byCombo.get(combo) ?? []), action]);
  }
  return [...byCombo].filter(([, actions]) => actions.length > 1).map(([combo, actions]) => ({ combo, actions }));
}

/** Electron's accelerator for a combination: the same words, but Electron calls Meta "Super". */
export const toAccelerator = (combo: string): string => combo.split('+').map((p) => (p === 'Meta' ? 'Super' : p)).join('+');

/**
 * An administrator's list, `answer=F9,hangup=Ctrl+Alt+H,hold=off`: the actions it names, each
 * normalised. Throws with a message naming the part that is wrong.
 */
export function parseHotkeyList(text: string): Partial<HotkeyMap> {
  const map: Partial<HotkeyMap> = {};
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [name = '', value = ''] = entry.split('=').map((p) => p.trim());
    const action = HotkeyAction.safeParse(name);
    if (!action.success) throw new Error(`unknown action "${name}" (one of: ${HOTKEY_ACTIONS.join(', ')})`);
    if (value.toLowerCase() === 'off') {
      map[action.data] = null;
      continue;
    }
    const combo = normalizeCombo(value);
    if (!combo.ok) throw new Error(`"${value}" for ${name}: ${combo.problem}`);
    map[action.data] = combo.combo;
  }
  return map;
}
