import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** A refusal to read a secret file, with the sentence to show the admin. */
export class SecretFileError extends Error {}

const MAX_SECRET_BYTES = 4096;

/**
 * The AMI secret from `file`: its first line, without the line break. Refused, with what to do,
 * when the file can be read by its group or by others: a secret kept where other local users
 * can read it is no better than one in the command line. (Windows has no such mode bits; the
 * folder's ACL is the admin's business there.)
 */
export function readSecretFile(file: string, platform: NodeJS.Platform = process.platform): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new SecretFileError(`cannot read the secret file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    // The open file's own status: the file checked is the file read, whatever is renamed meanwhile.
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new SecretFileError(`the secret file ${file} is not a regular file`);
    if (platform !== 'win32' && (stats.mode & 0o077) !== 0) {
      const mode = (stats.mode & 0o777).toString(8).padStart(3, '0');
      throw new SecretFileError(`the secret file ${file} can be read by other users (mode ${mode}); make it the owner's only: chmod 600 ${file}`);
    }
    const buffer = Buffer.alloc(MAX_SECRET_BYTES);
    const length = readSync(fd, buffer, 0, MAX_SECRET_BYTES, 0);
    const secret = buffer.toString('utf8', 0, length).split(/\r?\n/)[0] ?? '';
    if (secret === '') throw new SecretFileError(`the secret file ${file} is empty`);
    return secret;
  } finally {
    closeSync(fd);
  }
}
