import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { openPglite } from './pgliteClient.js';
import { tightenTree } from './privateFiles.js';
import { modesUnder, notPrivate, underUsualUmask } from './privateFilesTesting.js';

// The server's PGlite files are every citizen's cases: other local users must not read them.

const mode = (p: string) => lstatSync(p).mode & 0o777;

/** Every entry under `dir` (itself included), with its mode, that is not 0700 for a folder or 0600 for a file. */
const loose = (dir: string) => notPrivate(modesUnder(dir));

let root: string;
// The usual umask: PGlite's own modes (0666/0755) must not survive whatever it is.
underUsualUmask();
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** What an older release left: PGlite's own modes, 0755 folders and 0644/0666 files. */
function loosen(dir: string): void {
  const walk = (p: string, depth: number) => {
    const stats = lstatSync(p);
    if (stats.isDirectory()) {
      chmodSync(p, 0o755);
      for (const name of readdirSync(p)) walk(path.join(p, name), depth + 1);
    } else {
      chmodSync(p, depth % 2 === 0 ? 0o644 : 0o666);
    }
  };
  walk(dir, 0);
}

describe('PGlite data folder modes', () => {
  // One PGlite folder for both cases: creating one takes seconds.
  it('gives a fresh folder 0700 folders and 0600 files, and tightens one an older release left 0755/0644', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'alo153-pglite-modes-'));
    const dataDir = path.join(root, 'server');
    const fresh = await openPglite(dataDir);
    try {
      expect(loose(dataDir)).toEqual([]);
      await migrate(fresh);
    } finally {
      await fresh.close();
    }
    expect(loose(dataDir)).toEqual([]);

    loosen(dataDir);
    expect(mode(dataDir)).toBe(0o755);
    expect(loose(dataDir).length).toBeGreaterThan(100);
    const old = await openPglite(dataDir);
    try {
      expect(loose(dataDir)).toEqual([]);
      expect(await old.query('SELECT count(*)::int AS n FROM cases')).toEqual([{ n: 0 }]);
    } finally {
      await old.close();
    }
    expect(loose(dataDir)).toEqual([]);
  }, 120_000);
});

describe('tightenTree', () => {
  it('sets folders 0700 and files 0600 all the way down, without following links', () => {
    root = mkdtempSync(path.join(tmpdir(), 'alo153-tighten-'));
    const tree = path.join(root, 'tree');
    mkdirSync(path.join(tree, 'a', 'b'), { recursive: true, mode: 0o755 });
    chmodSync(tree, 0o755);
    chmodSync(path.join(tree, 'a'), 0o775);
    writeFileSync(path.join(tree, 'a', 'b', 'f'), 'x', { mode: 0o644 });
    writeFileSync(path.join(tree, 'g'), 'x', { mode: 0o666 });
    const outside = path.join(root, 'outside');
    writeFileSync(outside, 'x', { mode: 0o644 });
    symlinkSync(outside, path.join(tree, 'link'));
    tightenTree(tree);
    expect(mode(tree)).toBe(0o700);
    expect(mode(path.join(tree, 'a'))).toBe(0o700);
    expect(mode(path.join(tree, 'a', 'b'))).toBe(0o700);
    expect(mode(path.join(tree, 'a', 'b', 'f'))).toBe(0o600);
    expect(mode(path.join(tree, 'g'))).toBe(0o600);
    expect(statSync(outside).mode & 0o777).toBe(0o644);
    expect(() => tightenTree(path.join(root, 'missing'))).not.toThrow();
  });
});
