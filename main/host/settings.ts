import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SettingsView, UserSettings } from '../../core/deskSettings.js';
import { invalidField, RequestError, type Handlers } from './dispatch.js';
import { applyPatch, mergeSettings, parseUserSettings, serializeUserSettings } from './settingsModel.js';

/** The operator's settings in the data folder (0600 like everything there). */
export const SETTINGS_FILE = 'settings.json';
/** A file that was not JSON is moved aside under this name, for whoever wants to see what it held. */
export const BROKEN_SETTINGS_FILE = `${SETTINGS_FILE}.broken`;

export interface SettingsService {
  view(): SettingsView;
  onChange(listener: (view: SettingsView) => void): () => void;
  handlers: Pick<Handlers, 'settings.get' | 'settings.update'>;
}

export interface SettingsDeps {
  dataDir: string;
  /** The administrator's fields (environment variables): they override the file and cannot be changed here. */
  admin: UserSettings;
  log: (line: string) => void;
}

export function openSettings(deps: SettingsDeps): SettingsService {
  const file = path.join(deps.dataDir, SETTINGS_FILE);
  let user = loadUserSettings(file, deps.log);
  let view = mergeSettings(user, deps.admin);
  const listeners = new Set<(view: SettingsView) => void>();

  return {
    view: () => view,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    handlers: {
      'settings.get': () => view,
      'settings.update': (patch) => {
        const outcome = applyPatch(user, patch, deps.admin);
        if (!outcome.ok) {
          if (outcome.code === 'hotkey.conflict') throw invalidField(outcome.path, outcome.code);
          throw new RequestError({ code: 'forbidden', message: 'Set by the administrator', issues: [{ path: outcome.path, message: outcome.code }] });
        }
        // Saved before it counts: a setting the operator sees changed is one the next start has.
        writeAtomically(file, serializeUserSettings(outcome.user));
        user = outcome.user;
        view = mergeSettings(user, deps.admin);
        for (const listener of listeners) listener(view);
        return view;
      },
    },
  };
}

/** Never throws: a missing file is a first run, a broken one is logged and the defaults apply. */
function loadUserSettings(file: string, log: (line: string) => void): UserSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`${SETTINGS_FILE} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): the default settings apply`);
    return {};
  }
  const parsed = parseUserSettings(text);
  if (parsed === null) {
    try {
      renameSync(file, path.join(path.dirname(file), BROKEN_SETTINGS_FILE));
      log(`${SETTINGS_FILE} is not a JSON object: the default settings apply (the file was kept as ${BROKEN_SETTINGS_FILE})`);
    } catch {
      log(`${SETTINGS_FILE} is not a JSON object: the default settings apply`);
    }
    return {};
  }
  if (parsed.dropped.length > 0) log(`${SETTINGS_FILE}: ${parsed.dropped.join(', ')} did not validate; their defaults apply`);
  return parsed.user;
}

/** Through a temporary file and a rename: a crash mid-write leaves the previous settings, never half a file. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
}
