import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** Every entry under `dir` (itself included) with its mode in octal, folders marked with a slash. */
export function modesUnder(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (p: string) => {
    const stats = lstatSync(p);
    found[`${path.relative(dir, p) || '.'}${stats.isDirectory() ? '/' : ''}`] = (stats.mode & 0o777).toString(8);
    if (stats.isDirectory()) for (const name of readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
  return found;
}

/** The entries of `modesUnder`'s answer that are not private: a folder not 0700, a file not 0600. */
export function notPrivate(modes: Record<string, string>): [string, string][] {
  return Object.entries(modes).filter(([name, m]) => m !== (name.endsWith('/') ? '700' : '600'));
}

/**
 * Runs the enclosing file's (or `describe`'s) tests under the usual umask, 022, whatever the test
 * process was started with, and puts the process's own back after them.
 */
export function underUsualUmask(): void {
  let previousUmask: number;
  beforeAll(() => {
    previousUmask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(previousUmask);
  });
}
