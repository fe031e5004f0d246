/**
 * What an operator sets without editing environment variables: language, how a ringing call gets
 * their attention, the ring's volume, the softphone's devices, hot keys, start at login and the
 * update server. Kept by the host in the data folder; an administrator's environment variables
 * override single fields, and the UI shows those as set by the administrator.
 */
import { z } from 'zod';
import { DEFAULT_HOTKEYS, HOTKEY_ACTIONS, HotkeyCombo, hotkeyConflicts, type HotkeyAction, type HotkeyMap } from './hotkeys.js';

export const DeskLanguage = z.enum(['tr', 'en']);
export type DeskLanguage = z.infer<typeof DeskLanguage>;

/**
 * When a call rings and the desk is not the window in front: 'front' raises it and puts the caret
 * in the case form; 'notify' leaves the operator where they are and shows an OS notification.
 */
export const AttentionPolicy = z.enum(['front', 'notify']);
export type AttentionPolicy = z.infer<typeof AttentionPolicy>;

const hotkeyShape = Object.fromEntries(HOTKEY_ACTIONS.map((a) => [a, HotkeyCombo.nullable()])) as Record<HotkeyAction, z.ZodNullable<typeof HotkeyCombo>>;

export const HotkeyMapSchema = z
  .object(hotkeyShape)
  .strict()
  .superRefine((map, ctx) => {
    for (const conflict of hotkeyConflicts(map)) {
      for (const action of conflict.actions.slice(1)) ctx.addIssue({ code: 'custom', path: [action], message: 'hotkey.conflict' });
    }
  });

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Updates come from the municipality's own server over https; plain http only on this machine
 * (a test server), where nobody on the way can swap the installer.
 */
export function updateUrlProblem(text: string): 'update.invalidUrl' | 'update.insecureUrl' | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'update.invalidUrl';
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return 'update.invalidUrl';
  if (url.protocol === 'https:') return null;
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname) ? null : 'update.insecureUrl';
}

export const UpdateUrl = z
  .string()
  .trim()
  .max(500)
  .superRefine((text, ctx) => {
    const problem = updateUrlProblem(text);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A media device id as the browser gives it (opaque, per machine and profile). */
const DeviceId = z.string().min(1).max(256);

export const DeskSettings = z.object({
  language: DeskLanguage,
  attention: AttentionPolicy,
  /** The ring's loudness, 0 (silent) to 100. */
  ringVolume: z.number().int().min(0).max(100),
  /** The softphone's microphone and speaker (null: the system's default); the ring plays on the speaker too. */
  audioInput: DeviceId.nullable(),
  audioOutput: DeviceId.nullable(),
  hotkeys: HotkeyMapSchema,
  startAtLogin: z.boolean(),
  /** The update server (electron-updater `generic`); null: the one the installer was built with. */
  updateUrl: UpdateUrl.nullable(),
});
export type DeskSettings = z.infer<typeof DeskSettings>;

export const DEFAULT_SETTINGS: Readonly<DeskSettings> = {
  language: 'tr',
  attention: 'notify',
  ringVolume: 70,
  audioInput: null,
  audioOutput: null,
  hotkeys: { ...DEFAULT_HOTKEYS },
  startAtLogin: false,
  updateUrl: null,
};

export type SettingName = keyof DeskSettings;
export const SETTING_NAMES = Object.keys(DEFAULT_SETTINGS) as SettingName[];

/** A field an administrator can fix: a setting, or one action's key (`hotkeys.answer`). */
export type AdminField = Exclude<SettingName, 'hotkeys'> | `hotkeys.${HotkeyAction}`;

export const SettingsView = z.object({
  settings: DeskSettings,
  /** Fields set by an environment variable: shown, not editable. */
  adminSet: z.array(z.string()),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** A change from the settings panel: the fields it names; hot keys by action. */
export const SettingsPatch = z
  .object({
    language: DeskLanguage,
    attention: AttentionPolicy,
    ringVolume: DeskSettings.shape.ringVolume,
    audioInput: DeviceId.nullable(),
    audioOutput: DeviceId.nullable(),
    hotkeys: z.object(hotkeyShape).partial().strict(),
    startAtLogin: z.boolean(),
    updateUrl: UpdateUrl.nullable(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** What the user chose and the file keeps: any field may be missing (then the default applies). */
export type UserSettings = Partial<Omit<DeskSettings, 'hotkeys'>> & { hotkeys?: Partial<HotkeyMap> };
