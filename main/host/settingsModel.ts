/**
 * The settings' rules apart from the file: reading what the file holds field by field, the
 * administrator's environment variables, the merge of defaults, user and administrator, and a
 * change from the panel. Pure: settings.ts does the I/O.
 */
import {
  DEFAULT_SETTINGS,
  DeskLanguage,
  DeskSettings,
  AttentionPolicy,
  SETTING_NAMES,
  updateUrlProblem,
  type AdminField,
  type SettingsPatch,
  type SettingsView,
  type UserSettings,
} from '../../core/deskSettings.js';
import { HOTKEY_ACTIONS, HotkeyCombo, hotkeyConflicts, parseHotkeyList, type HotkeyAction, type HotkeyMap } from '../../core/hotkeys.js';

/** Names the environment variable and what it must hold; config.ts turns it into a ConfigError. */
export class SettingsEnvError extends Error {}

/**
 * The administrator's fixed fields. Microphone and speaker have no variable: a device id belongs
 * to one machine's browser profile and means nothing written into a deployment.
 */
export function adminSettingsFrom(env: NodeJS.ProcessEnv): UserSettings {
  const admin: UserSettings = {};
  const text = (name: string): string | null => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? null : value;
  };
  const language = text('DESK_LANGUAGE');
  if (language !== null) {
    const parsed = DeskLanguage.safeParse(language);
    if (!parsed.success) throw new SettingsEnvError(`DESK_LANGUAGE must be one of: ${DeskLanguage.options.join(', ')}`);
    admin.language = parsed.data;
  }
  const attention = text('DESK_ATTENTION');
  if (attention !== null) {
    const parsed = AttentionPolicy.safeParse(attention);
    if (!parsed.success) throw new SettingsEnvError(`DESK_ATTENTION must be one of: ${AttentionPolicy.options.join(', ')}`);
    admin.attention = parsed.data;
  }
  const volume = text('DESK_RING_VOLUME');
  if (volume !== null) {
    const value = Number(volume);
    if (!Number.isInteger(value) || value < 0 || value > 100) throw new SettingsEnvError('DESK_RING_VOLUME must be a whole number between 0 and 100');
    admin.ringVolume = value;
  }
  const hotkeys = text('DESK_HOTKEYS');
  if (hotkeys !== null) {
    try {
      admin.hotkeys = parseHotkeyList(hotkeys);
    } catch (error) {
      throw new SettingsEnvError(`DESK_HOTKEYS: ${(error as Error).message}; e.g. answer=F9,hangup=Ctrl+Alt+H,hold=off`);
    }
    if (hotkeyConflicts(withNulls(admin.hotkeys)).length > 0) throw new SettingsEnvError('DESK_HOTKEYS gives one key to two actions');
  }
  const startAtLogin = text('DESK_START_AT_LOGIN');
  if (startAtLogin !== null) {
    if (startAtLogin !== '0' && startAtLogin !== '1') throw new SettingsEnvError('DESK_START_AT_LOGIN must be 1 or 0');
    admin.startAtLogin = startAtLogin === '1';
  }
  const updateUrl = text('DESK_UPDATE_URL');
  if (updateUrl !== null) {
    if (updateUrlProblem(updateUrl) !== null) throw new SettingsEnvError('DESK_UPDATE_URL must be an https URL (http only on 127.0.0.1 or localhost)');
    admin.updateUrl = updateUrl;
  }
  return admin;
}

const withNulls = (partial: Partial<HotkeyMap>): HotkeyMap =>
  Object.fromEntries(HOTKEY_ACTIONS.map((a) => [a, partial[a] ?? null])) as HotkeyMap;

export const adminFields = (admin: UserSettings): AdminField[] => [
  ...SETTING_NAMES.filter((name): name is Exclude<typeof name, 'hotkeys'> => name !== 'hotkeys' && admin[name] !== undefined),
  ...HOTKEY_ACTIONS.filter((a) => admin.hotkeys?.[a] !== undefined).map((a) => `hotkeys.${a}` as const),
];

/**
 * The settings in force: defaults, then the user's, then the administrator's. Where two actions
 * end up on one key the stronger source keeps it (administrator, user, default) and the other
 * action is left without a key, so a key never does two things.
 */
export function mergeSettings(user: UserSettings, admin: UserSettings): SettingsView {
  const rank = (action: HotkeyAction): number => (admin.hotkeys?.[action] !== undefined ? 2 : user.hotkeys?.[action] !== undefined ? 1 : 0);
  const hotkeys: HotkeyMap = { ...DEFAULT_SETTINGS.hotkeys, ...user.hotkeys, ...admin.hotkeys };
  for (const conflict of hotkeyConflicts(hotkeys)) {
    const keeper = [...conflict.actions].sort((a, b) => rank(b) - rank(a))[0];
    for (const action of conflict.actions) if (action !== keeper) hotkeys[action] = null;
  }
  const { hotkeys: _u, ...userRest } = user;
  const { hotkeys: _a, ...adminRest } = admin;
  return { settings: { ...DEFAULT_SETTINGS, ...userRest, ...adminRest, hotkeys }, adminSet: adminFields(admin) };
}

export type PatchOutcome = { ok: true; user: UserSettings } | { ok: false; path: string; code: 'settings.adminSet' | 'hotkey.conflict' };

/** The user's settings after a change from the panel, or why the change is refused. */
export function applyPatch(user: UserSettings, patch: SettingsPatch, admin: UserSettings): PatchOutcome {
  const locked = new Set<string>(adminFields(admin));
  const { hotkeys: keys, ...fields } = patch;
  const touched = [...Object.keys(fields), ...Object.keys(keys ?? {}).map((a) => `hotkeys.${a}`)];
  const blocked = touched.find((field) => locked.has(field));
  if (blocked !== undefined) return { ok: false, path: blocked, code: 'settings.adminSet' };
  const next: UserSettings = { ...user, ...fields, ...(keys ? { hotkeys: { ...user.hotkeys, ...keys } } : {}) };
  if (keys) {
    const effective: HotkeyMap = { ...DEFAULT_SETTINGS.hotkeys, ...next.hotkeys, ...admin.hotkeys };
    const clash = hotkeyConflicts(effective).find((c) => c.actions.some((a) => keys[a] !== undefined));
    if (clash) {
      const action = clash.actions.find((a) => keys[a] !== undefined)!;
      return { ok: false, path: `hotkeys.${action}`, code: 'hotkey.conflict' };
    }
  }
  return { ok: true, user: next };
}

/**
 * What a settings file holds, field by field: a field that does not validate is dropped (its
 * default applies) and named, so one bad value does not cost the operator every other choice.
 * null: not a JSON object at all.
 */
export function parseUserSettings(text: string): { user: UserSettings; dropped: string[] } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const record = raw as Record<string, unknown>;
  const user: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const name of SETTING_NAMES) {
    if (name === 'hotkeys' || record[name] === undefined) continue;
    const parsed = DeskSettings.shape[name].safeParse(record[name]);
    if (parsed.success) user[name] = parsed.data;
    else dropped.push(name);
  }
  if (record.hotkeys !== undefined) {
    const keys = readHotkeys(record.hotkeys);
    if (keys === null) dropped.push('hotkeys');
    else user.hotkeys = keys;
  }
  return { user: user as UserSettings, dropped };
}

function readHotkeys(raw: unknown): Partial<HotkeyMap> | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const keys: Partial<HotkeyMap> = {};
  for (const [name, value] of Object.entries(raw)) {
    const action = HOTKEY_ACTIONS.find((a) => a === name);
    const combo = HotkeyCombo.nullable().safeParse(value);
    if (action === undefined || !combo.success) return null;
    keys[action] = combo.data;
  }
  // Two actions on one key (a hand-edited file, a new default) are settled by mergeSettings.
  return keys;
}

/** The file's text: the user's choices only (defaults and the administrator's values are not kept). */
export const serializeUserSettings = (user: UserSettings): string => `${JSON.stringify({ version: 1, ...user }, null, 2)}\n`;
