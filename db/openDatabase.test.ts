import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './openDatabase.js';

// The store holds citizens' personal data: other local users must not read it.

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

let root: string;
let previousUmask: number;
const opened: Database[] = [];

beforeAll(() => {
  // The usual umask, whatever the test process was started with: the modes must not depend on it.
  previousUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(previousUmask);
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

function open(file: string): Database {
  const db = openDatabase(file);
  opened.push(db);
  return db;
}

describe('openDatabase file modes', () => {
  it('creates a new store owner-only: its folder 0700, the file and its -wal and -shm 0600', () => {
    root = mkdtempSync(join(tmpdir(), 'alo153-modes-'));
    const file = join(root, 'new', 'desk.sqlite');
    const db = open(file);
    db.prepare('INSERT INTO drafts (draft_id, content, saved_at) VALUES (?, ?, ?)').run('5b7e4c1e-7d2a-4c55-9a1e-0c2b8f1d9a10', '{}', '2025-01-01T00:00:00.000Z');
    expect(mode(join(root, 'new'))).toBe('700');
    for (const path of [file, `${file}-wal`, `${file}-shm`]) {
      expect(existsSync(path), path).toBe(true);
      expect(mode(path), path).toBe('600');
    }
  });

  it('tightens a store an older release left 0644, -wal and -shm included', () => {
    root = mkdtempSync(join(tmpdir(), 'alo153-modes-'));
    const folder = join(root, 'old');
    mkdirSync(folder, { mode: 0o755 });
    const file = join(folder, 'desk.sqlite');
    // Another connection keeps the WAL files in place, as a desk still running would.
    const first = open(file);
    first.prepare('SELECT count(*) FROM cases').get();
    for (const path of [file, `${file}-wal`, `${file}-shm`]) chmodSync(path, 0o644);
    open(file);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path), path).toBe('600');
  });
});
