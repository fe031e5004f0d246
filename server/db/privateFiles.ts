import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Case data on disk (the desk's SQLite file and attachments, the server's PGlite files) is
 * personal data: only the user the desk or the server runs as may read it. Folders are 0700,
 * files 0600, whatever the umask, and whatever an older release or PGlite left (PGlite writes
 * its files 0666 and its folders 0755). Used by the server's PGlite client and by the desk
 * host for its data folder.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** The umask that makes new files owner-only: what the process creates later is private too. */
const PRIVATE_UMASK = 0o077;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Sets `target` to 0700 (a folder) or 0600 (a file) and, for a folder, everything under it.
 * Symbolic links are neither followed nor changed: one pointing out of the folder must not
 * make this change a file elsewhere. What vanishes meanwhile (a temporary file) is skipped;
 * a missing `target` is nothing to do.
 */
export function tightenTree(target: string): void {
  let stats;
  try {
    stats = lstatSync(target);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  if (stats.isSymbolicLink()) return;
  const mode = stats.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
  try {
    if ((stats.mode & 0o777) !== mode) chmodSync(target, mode);
    if (stats.isDirectory()) for (const name of readdirSync(target)) tightenTree(path.join(target, name));
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

/** Creates `dir` (and missing parents) as 0700, or sets an existing one to 0700; not its contents. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * From now on the process creates files 0600 and folders 0700 unless it asks for less. Whole
 * processes only (the server, the desk host): a worker thread may not change the umask, and
 * there the chmods above still do the work.
 */
export function restrictUmask(): void {
  try {
    // Keeps whatever the process already withholds (a umask of 0277 stays stricter).
    const previous = process.umask(PRIVATE_UMASK);
    process.umask(previous | PRIVATE_UMASK);
  } catch {
    // ERR_WORKER_UNSUPPORTED_OPERATION: see above.
  }
}
