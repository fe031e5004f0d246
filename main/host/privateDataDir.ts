import path from 'node:path';
import { makePrivateDir, restrictUmask, tightenTree } from '../../server/db/privateFiles.js';
import { CATALOGUE_FILE } from './catalogueSource.js';
import { DAY_FILE } from './queueService.js';
import { BROKEN_SETTINGS_FILE, SETTINGS_FILE } from './settings.js';

/** The local case store in the data folder. */
export const STORE_FILE = 'desk.sqlite';

/**
 * What the desk keeps in its data folder. Electron's own files share the folder (userData) and
 * are left to Chromium, which writes them owner-only already; nothing else is walked, so a
 * DESK_DATA_DIR pointed at a busier folder does not have everything in it changed.
 */
const DESK_ENTRIES = [
  STORE_FILE,
  `${STORE_FILE}-wal`,
  `${STORE_FILE}-shm`,
  `${STORE_FILE}-journal`,
  'attachments',
  DAY_FILE,
  `${DAY_FILE}.tmp`,
  CATALOGUE_FILE,
  SETTINGS_FILE,
  `${SETTINGS_FILE}.tmp`,
  BROKEN_SETTINGS_FILE,
  // The in-process central server's PGlite files (its client tightens them too when it opens).
  'server',
];

/**
 * At every start, before anything is opened: the data folder 0700 and the desk's files in it
 * 0600 (folders 0700), whether this is the first run or a folder an older release left 0755
 * with files 0644. Other local users must not read citizens' data. The process umask is
 * narrowed too, so what the desk writes later is owner-only even where a write forgets to ask.
 */
export function prepareDataDir(dataDir: string): void {
  restrictUmask();
  makePrivateDir(dataDir);
  for (const entry of DESK_ENTRIES) tightenTree(path.join(dataDir, entry));
}
