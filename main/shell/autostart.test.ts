import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTOSTART_FILE, autostartEntry, linuxAutostartPlace, setLinuxAutostart } from './autostart.js';

describe('start at login on Linux', () => {
  it('writes an XDG autostart entry that starts the AppImage, and removes it', () => {
    const configHome = mkdtempSync(path.join(os.tmpdir(), 'desk-autostart-'));
    try {
      const place = linuxAutostartPlace({ XDG_CONFIG_HOME: configHome, APPIMAGE: '/home/ayse/ALO 153 Masası.AppImage' }, '/tmp/.mount/alo153');
      setLinuxAutostart(true, place);
      const file = path.join(configHome, 'autostart', AUTOSTART_FILE);
      expect(readFileSync(file, 'utf8')).toContain('Exec="/home/ayse/ALO 153 Masası.AppImage"');
      setLinuxAutostart(false, place);
      expect(existsSync(file)).toBe(false);
      setLinuxAutostart(false, place);
    } finally {
      rmSync(configHome, { recursive: true, force: true });
    }
  });

  it('quotes what the Desktop Entry spec asks to be escaped', () => {
    expect(autostartEntry('/opt/a"b$c')).toContain('Exec="/opt/a\\"b\\$c"');
  });
});
