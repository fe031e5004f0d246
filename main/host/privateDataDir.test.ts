import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../core/case.js';
import { openDatabase } from '../../db/openDatabase.js';
import { modesUnder, notPrivate, underUsualUmask } from '../../server/db/privateFilesTesting.js';
import { prepareDataDir } from './privateDataDir.js';
import { invokeValue, startTestDesk, type Cleanups } from './testing/testDesk.js';

// The desk's data folder holds citizens' cases, photos and documents: other local users must
// not read any of it, on a first run or in a folder an older release left 0755 with files 0644.

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const cleanups: Cleanups = [];
let root: string;
// The usual umask, whatever the test process was started with; the host narrows it itself.
underUsualUmask();
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
  process.umask(0o022);
  rmSync(root, { recursive: true, force: true });
});

/** A data folder as an older release left it: 0755 folders, 0644 files. */
function oldStyleFolder(): string {
  root = mkdtempSync(path.join(os.tmpdir(), 'desk-modes-'));
  const dataDir = path.join(root, 'alo153-desk');
  mkdirSync(path.join(dataDir, 'attachments'), { recursive: true });
  openDatabase(path.join(dataDir, 'desk.sqlite')).close();
  writeFileSync(path.join(dataDir, 'attachments', `${'a'.repeat(64)}.png`), png);
  writeFileSync(path.join(dataDir, 'queue-day.json'), '{}');
  writeFileSync(path.join(dataDir, 'catalogue.json'), '{}');
  for (const p of [dataDir, path.join(dataDir, 'attachments')]) chmodSync(p, 0o755);
  for (const p of ['desk.sqlite', 'queue-day.json', 'catalogue.json', `attachments/${'a'.repeat(64)}.png`]) chmodSync(path.join(dataDir, p), 0o644);
  return dataDir;
}

describe('the desk data folder', () => {
  it('tightens the desk’s files in a folder an older release left open, and nothing else', () => {
    const dataDir = oldStyleFolder();
    // Not the desk's: left as it is.
    writeFileSync(path.join(dataDir, 'notlar.txt'), 'x', { mode: 0o644 });
    chmodSync(path.join(dataDir, 'notlar.txt'), 0o644);
    prepareDataDir(dataDir);
    expect(modesUnder(dataDir)).toEqual({
      './': '700',
      'desk.sqlite': '600',
      'attachments/': '700',
      [`attachments/${'a'.repeat(64)}.png`]: '600',
      'queue-day.json': '600',
      'catalogue.json': '600',
      'notlar.txt': '644',
    });
  });

  it('starts a desk on an old folder and leaves it private, files written since included', async () => {
    const dataDir = oldStyleFolder();
    const desk = await startTestDesk(cleanups, { DESK_DATA_DIR: dataDir });
    const [first] = await invokeValue<CaseRecord[]>(desk, 'cases.list', { limit: 1 });
    await invokeValue(desk, 'attachments.add', { caseId: first!.id, fileName: 'çukur.png', dataBase64: Buffer.from([...png, 1]).toString('base64') });
    await cleanups.pop()!();
    const all = modesUnder(dataDir);
    expect(Object.keys(all)).toEqual(expect.arrayContaining(['attachments/', 'queue-day.json', 'desk.sqlite']));
    expect(notPrivate(all)).toEqual([]);
  });

  it('makes a first run’s folder 0700 and its files 0600, with the in-process server’s', async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'desk-modes-'));
    const dataDir = path.join(root, 'new', 'alo153-desk');
    const desk = await startTestDesk(cleanups, { DESK_DATA_DIR: dataDir, DESK_SERVER_URL: 'embedded' });
    const [first] = await invokeValue<CaseRecord[]>(desk, 'cases.list', { limit: 1 });
    await invokeValue(desk, 'attachments.add', { caseId: first!.id, fileName: 'çukur.png', dataBase64: png.toString('base64') });
    await cleanups.pop()!();
    const all = modesUnder(dataDir);
    expect(Object.keys(all)).toEqual(expect.arrayContaining(['attachments/', 'queue-day.json', 'desk.sqlite', 'server/', 'server/PG_VERSION']));
    expect(notPrivate(all)).toEqual([]);
  }, 120_000);
});
