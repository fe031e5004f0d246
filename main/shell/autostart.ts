/**
 * Start at login on Linux, where Electron's setLoginItemSettings does nothing: an XDG autostart
 * entry in ~/.config/autostart. Windows and macOS use Electron's own login items.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const AUTOSTART_FILE = 'alo153-desk.desktop';

/** Desktop Entry quoting: the path in double quotes, with `"`, `` ` ``, `$` and `\` escaped. */
const quoteExec = (file: string): string => `"${file.replace(/(["`$\\])/g, '\\$1')}"`;

export function autostartEntry(executable: string): string {
  return ['[Desktop Entry]', 'Type=Application', 'Name=ALO 153 Masası', `Exec=${quoteExec(executable)}`, 'X-GNOME-Autostart-enabled=true', 'Terminal=false', ''].join('\n');
}

export interface AutostartPlace {
  /** $XDG_CONFIG_HOME, or ~/.config. */
  configHome: string;
  /** The AppImage ($APPIMAGE) when run from one, else the installed binary. */
  executable: string;
}

export function linuxAutostartPlace(env: NodeJS.ProcessEnv = process.env, execPath = process.execPath): AutostartPlace {
  return { configHome: env.XDG_CONFIG_HOME?.trim() || path.join(os.homedir(), '.config'), executable: env.APPIMAGE?.trim() || execPath };
}

export function setLinuxAutostart(on: boolean, place: AutostartPlace): void {
  const dir = path.join(place.configHome, 'autostart');
  const file = path.join(dir, AUTOSTART_FILE);
  if (!on) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, autostartEntry(place.executable), { mode: 0o644 });
}
