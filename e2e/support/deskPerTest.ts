import { test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeskProcess } from './deskProcess.js';

export interface DeskPerTest {
  /** A fresh data folder for the running test. */
  dataDir: string;
  /** The desk the test started, if any: stopped after the test, before its folder goes. */
  desk: DeskProcess | null;
}

/** Gives each test of the file its own data folder, and stops its desk and removes the folder after it. */
export function deskPerTest(stopSignal: NodeJS.Signals = 'SIGKILL'): DeskPerTest {
  const state: DeskPerTest = { dataDir: '', desk: null };
  test.beforeEach(() => {
    state.dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  });
  test.afterEach(async () => {
    await state.desk?.stop(stopSignal);
    state.desk = null;
    rmSync(state.dataDir, { recursive: true, force: true });
  });
  return state;
}
