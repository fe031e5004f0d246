/**
 * Offline push benchmark (issue 6): a desk that recorded BENCH_OFFLINE_CASES cases (default
 * 10 000) while the central server was away logs in; how long until every one is pushed and
 * acknowledged (the outbox is empty)? Target ≤ 10 s.
 *
 * The desk is the real host (SQLite outbox, sync engine, HTTP) against the real server on
 * Debian's PostgreSQL (a throwaway database; PGlite when PostgreSQL is not reachable, said so in
 * the output). Baseline in the same run: the same changes POSTed by a bare loop (batches of 500,
 * no outbox bookkeeping, no validation on the desk side) to a fresh database of the same
 * engine, so the ratio shows what the desk adds to the server's own cost.
 *
 *   npm run bench:offline-push
 *   BENCH_OFFLINE_CASES=2000 npm run bench:offline-push   # a quick run
 *   BENCH_NO_RESULTS=1      print only, do not append to bench/RESULTS.md
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyncStatus } from '../core/syncStatus.js';
import { openDatabase } from '../db/openDatabase.js';
import { deskIdentity } from '../db/syncMeta.js';
import { pendingChanges } from '../db/syncOutbox.js';
import { readConfig } from '../main/host/config.js';
import { startHost } from '../main/host/host.js';
import { changeOfOutboxRow } from '../main/host/syncService.js';
import { recordCasesDirectly } from '../main/host/testing/bulkCases.js';
import { startCentralServer, type CentralServer } from '../main/host/testing/centralServer.js';
import { MAX_PUSH_CHANGES } from '../sync/protocol.js';

const CASES = Number(process.env.BENCH_OFFLINE_CASES ?? 10_000);
const TARGET_S = 10;

async function central(): Promise<{ server: CentralServer; engine: string }> {
  try {
    return { server: await startCentralServer('postgres'), engine: 'PostgreSQL' };
  } catch (error) {
    console.warn(`PostgreSQL not reachable (${error instanceof Error ? error.message.split('.')[0] : error}); using PGlite`);
    return { server: await startCentralServer('pglite'), engine: 'PGlite (PostgreSQL unreachable)' };
  }
}

async function deskPush(dataDir: string): Promise<{ seconds: number; engine: string; arrived: number }> {
  const { server, engine } = await central();
  const host = await startHost(
    readConfig({ DESK_DATA_DIR: dataDir, DESK_SIM_CALL_INTERVAL_MS: '0', DESK_SERVER_URL: server.url }),
    () => {},
  );
  try {
    const drained = new Promise<void>((resolve) => {
      host.onEvent((name, payload) => {
        if (name === 'sync.status' && (payload as SyncStatus).pending === 0 && (payload as SyncStatus).state === 'online') resolve();
      });
    });
    const started = performance.now();
    const login = await host.invoke('session.login', { username: 'operator', password: 'operator153' });
    if (!login.ok) throw new Error(`login failed: ${login.error.code}`);
    await drained;
    const seconds = (performance.now() - started) / 1000;
    const [row] = await server.db.query<{ n: string }>('SELECT count(*)::text AS n FROM cases');
    return { seconds, engine, arrived: Number(row!.n) };
  } finally {
    await host.close();
    await server.close();
  }
}

async function barePush(dataFile: string): Promise<number> {
  const db = openDatabase(dataFile);
  const { deskId } = deskIdentity(db);
  const changes = pendingChanges(db, CASES + 10).map((row) => changeOfOutboxRow(row, deskId));
  db.close();
  const { server } = await central();
  try {
    const { authorization } = await server.auth('operator');
    const started = performance.now();
    for (let i = 0; i < changes.length; i += MAX_PUSH_CHANGES) {
      const res = await fetch(`${server.url}/api/v1/sync/push`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ deskId, changes: changes.slice(i, i + MAX_PUSH_CHANGES) }),
      });
      if (!res.ok) throw new Error(`bare push: HTTP ${res.status}`);
      await res.arrayBuffer();
    }
    return (performance.now() - started) / 1000;
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-offline-'));
  try {
    const deskDir = path.join(dir, 'desk');
    const bareDir = path.join(dir, 'bare');
    console.log(`recording ${CASES} cases offline…`);
    recordCasesDirectly(path.join(deskDir, 'desk.sqlite'), CASES);
    recordCasesDirectly(path.join(bareDir, 'desk.sqlite'), CASES);

    const bare = await barePush(path.join(bareDir, 'desk.sqlite'));
    const desk = await deskPush(deskDir);
    if (desk.arrived !== CASES) throw new Error(`expected ${CASES} cases on the server, found ${desk.arrived}`);

    const rows = [
      `| desk: login → outbox empty (${CASES} cases) | ${desk.seconds.toFixed(2)} s | ${(CASES / desk.seconds).toFixed(0)} cases/s | ${(desk.seconds / bare).toFixed(2)} | ≤ ${TARGET_S} s: ${desk.seconds <= TARGET_S ? 'met' : 'MISSED'} |`,
      `| baseline: bare POST loop, batches of ${MAX_PUSH_CHANGES} | ${bare.toFixed(2)} s | ${(CASES / bare).toFixed(0)} cases/s | 1.00 | |`,
    ];
    const table = [
      `### Offline push (issue 6): ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}, server on ${desk.engine}`,
      '',
      '| run | time | rate | × baseline | target |',
      '|---|---:|---:|---:|---|',
      ...rows,
      '',
    ].join('\n');
    console.log(table);
    if (!process.env.BENCH_NO_RESULTS) {
      appendFileSync(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), `\n${table}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
