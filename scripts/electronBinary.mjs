import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Electron's binary path when it is on disk, else null. Never `require('electron')` to find out:
 * without the binary it tries to download it, which fails offline.
 */
export function electronBinary() {
  const pathFile = new URL('../node_modules/electron/path.txt', import.meta.url);
  if (!existsSync(pathFile)) return null;
  const binary = fileURLToPath(new URL(`../node_modules/electron/dist/${readFileSync(pathFile, 'utf8').trim()}`, import.meta.url));
  return existsSync(binary) ? binary : null;
}
