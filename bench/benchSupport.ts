import { execFileSync, fork, type ChildProcess, type Serializable } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** mulberry32: the same data on every run, so runs compare. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function command(file: string, args: string[]): string | null {
  try {
    return execFileSync(file, args, { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** The machine, as the sections of RESULTS.md name it. */
export function machine(): string {
  const cpu = (cpus()[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  return `nproc ${cpus().length}, uname -m ${command('uname', ['-m']) ?? arch()}, node -v ${process.version} (${platform()} ${release()}, ${cpu})`;
}

function positive(name: string, raw: string, integer: boolean): number {
  const value = Number(raw.replace(/_/g, ''));
  if (!(integer ? Number.isSafeInteger(value) : Number.isFinite(value)) || value <= 0) throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${raw}`);
  return value;
}

/** A positive integer setting (`1_000` allowed); throws with the setting's name. */
export const positiveInt = (name: string, raw: string): number => positive(name, raw, true);

/** A positive integer from the environment, `fallback` when unset. */
export function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : positive(name, raw, true);
}

/** A positive number from the environment (BENCH_MINUTES=0.5), `fallback` when unset. */
export function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : positive(name, raw, false);
}

/** The memory, as RESULTS.md names it beside the machine. */
export function memory(): string {
  return `${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`;
}

/** The 1-minute load average, written beside every figure (the machine is shared). */
export const load1 = (): number => loadavg()[0]!;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export interface Figures {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank p50/p95/p99 and the maximum of `samples` (NaN when there are none). */
export function figures(samples: readonly number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1)! };
}

/** CPU time (user + system, ms) used by this process since `since` (a process.cpuUsage() mark). */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Where benchmarks find PostgreSQL: BENCH_POSTGRES_URL, else the tests' (server/db/testEngines.ts). */
export const ADMIN_POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One statement on the admin connection (CREATE/DROP DATABASE, reachability). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A throwaway database for `fn`, dropped after it (as server/db/testEngines.ts makes them). */
export async function withThrowawayDatabase<T>(fn: (url: string, name: string) => Promise<T>): Promise<T> {
  const name = `alo153_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_POSTGRES_URL);
  url.pathname = `/${name}`;
  const drop = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  // Stopped by a signal (Ctrl-C, timeout): the database may hold gigabytes; drop it on the way out.
  const onSignal = () => void drop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(url.toString(), name);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await drop();
  }
}

/** Says how to start PostgreSQL and sets exit code 2 when it is not reachable; true when it is. */
export async function postgresReachable(): Promise<boolean> {
  try {
    await adminQuery('SELECT 1');
    return true;
  } catch (error) {
    console.error(
      `PostgreSQL is not reachable at ${ADMIN_POSTGRES_URL.replace(/\/\/[^@]*@/, '//')} (${String(error)}).\n` +
        'This benchmark measures the server on PostgreSQL and does not fall back to PGlite. Start PostgreSQL ' +
        '(user postgres, trust auth on 127.0.0.1, as .ci/run does; pg_ctlcluster 15 main start) or set BENCH_POSTGRES_URL.',
    );
    process.exitCode = 2;
    return false;
  }
}

/** `PostgreSQL 15.18 (Debian …)` of the server at `databaseUrl`. */
export async function postgresVersion(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ v: string }>("SELECT 'PostgreSQL ' || current_setting('server_version') AS v")).rows[0]!.v;
  } finally {
    await client.end();
  }
}

/** A child of this benchmark (the same file run again with `args`), talking over IPC. */
export interface BenchChild {
  /** The next message it sends. */
  next<T>(): Promise<T>;
  /** Sends `message` and resolves its answer (the next message). */
  ask<T>(message: unknown): Promise<T>;
  /** Sends 'stop' and waits for it to exit. */
  stop(): Promise<void>;
  readonly pid: number;
}

/** Forks `moduleUrl` (a benchmark's import.meta.url) under tsx with `args`, so a part runs on its own event loop and its CPU is its own. */
export function forkBench(moduleUrl: string, args: string[], env: Record<string, string> = {}): BenchChild {
  const child: ChildProcess = fork(fileURLToPath(moduleUrl), args, { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env } });
  const inbox: unknown[] = [];
  const waiting: Array<(message: unknown) => void> = [];
  let exited: Error | null = null;
  child.on('message', (message) => {
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      exited = new Error(`${args.join(' ')} child exited with ${code}`);
      resolve();
    });
  });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      if (inbox.length > 0) return resolve(inbox.shift() as T);
      if (exited) return reject(exited);
      waiting.push((m) => resolve(m as T));
      void exit.then(() => reject(exited));
    });
  return {
    pid: child.pid!,
    next,
    ask<T>(message: unknown) {
      const answer = next<T>();
      child.send(message as Serializable);
      return answer;
    },
    async stop() {
      if (exited) return;
      child.send('stop');
      await exit;
    },
  };
}
