import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand } from './adminCli.js';
import { readConfig, type ServerConfig } from './config.js';
import { openPglite } from './db/pgliteClient.js';
import { openPostgres } from './db/postgresClient.js';
import { migrate } from './db/migrate.js';
import { throwawayPostgresUrl } from './db/testEngines.js';
import { seedDemo } from './seed.js';
import { startServer } from './start.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const SLOW = 180_000;
const STRONG = 'Güçlü bir parola 2026';

/** The server's own environment, minus anything of the test's that would change what it does. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of ['SERVER_DEMO', 'SERVER_ADMIN_PASSWORD', 'DATABASE_URL', 'SERVER_DATA_DIR', 'PORT', 'HOST']) delete base[name];
  return { ...base, HOST: '127.0.0.1', PORT: '0', ...env };
}

/** `npm run server -- ARGS` as an administrator runs it, without a terminal (stdin closed). */
function runCommand(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** `npm run server` until it says it listens: its log lines so far, its URL, and a stop. */
async function runServer(env: Record<string, string>): Promise<{ url: string; lines: LogLine[]; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: LogLine[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    let found: string | null = null;
    createInterface({ input: child.stdout }).on('line', (text) => {
      const line = JSON.parse(text) as LogLine;
      lines.push(line);
      found ??= /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line.msg)?.[1] ?? null;
      if (line.msg === 'case server listening' && found) resolve(found);
    });
    void exited.then(() => reject(new Error(`server exited:\n${stderr}`)));
  });
  return {
    url,
    lines,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function login(url: string, username: string, password: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  await res.arrayBuffer();
  return res.status;
}

const count = async (db: { query<R>(sql: string): Promise<R[]> }, sql: string) => Number((await db.query<{ n: string }>(sql))[0]!.n);

describe('SERVER_DEMO', () => {
  it('is read as 1 or 0 (unset: 0); anything else is refused', () => {
    expect(readConfig({}).demo).toBe(false);
    expect(readConfig({ SERVER_DEMO: '1' }).demo).toBe(true);
    expect(readConfig({ SERVER_DEMO: '0' }).demo).toBe(false);
    expect(() => readConfig({ SERVER_DEMO: 'yes' })).toThrow(RangeError);
  });
});

describe('create-admin refuses before it touches the database', () => {
  /** A config no command may open: these refusals come first. */
  const nowhere: ServerConfig = { port: 0, host: '127.0.0.1', databaseUrl: 'postgres://nobody@127.0.0.1:1/none', dataDir: '' };
  function io(env: Record<string, string>, answers: (string | null)[] = [null]) {
    const err: string[] = [];
    const asked: string[] = [];
    return {
      err,
      asked,
      io: { env, out: () => {}, err: (line: string) => err.push(line), askSecret: async (prompt: string) => (asked.push(prompt), answers.shift() ?? null) },
    };
  }

  it('answers usage (2) for anything but create-admin NAME', async () => {
    for (const args of [[], ['create-admin'], ['drop-all'], ['create-admin', 'a', 'b', 'c']]) {
      const t = io({});
      expect(await runAdminCommand(args, nowhere, t.io)).toBe(2);
      expect(t.err.join('\n')).toContain('usage');
    }
  });

  it('refuses a weak password, a bad name, no terminal and two different answers (1)', async () => {
    for (const [password, why] of [['admin153', 'shorter than 10'], ['chief-parolasi-2026', 'contains the username'], ['1234567890', 'well-known']] as const) {
      const t = io({ SERVER_ADMIN_PASSWORD: password });
      expect(await runAdminCommand(['create-admin', 'chief'], nowhere, t.io)).toBe(1);
      expect(t.err.join('\n')).toContain(why);
      expect(t.err.join('\n')).not.toContain(password);
    }
    expect(await runAdminCommand(['create-admin', 'şef ali'], nowhere, io({ SERVER_ADMIN_PASSWORD: STRONG }).io)).toBe(1);
    const noTerminal = io({});
    expect(await runAdminCommand(['create-admin', 'chief'], nowhere, noTerminal.io)).toBe(1);
    expect(noTerminal.err.join('\n')).toContain('set SERVER_ADMIN_PASSWORD');
    const differ = io({}, [STRONG, `${STRONG}!`]);
    expect(await runAdminCommand(['create-admin', 'chief'], nowhere, differ.io)).toBe(1);
    expect(differ.asked).toHaveLength(2);
    expect(differ.err.join('\n')).toContain('differ');
  });
});

/** Both engines, each as the server would find it: PGlite in a folder, PostgreSQL by URL. */
const places = [
  {
    name: 'pglite',
    async make() {
      const dir = await mkdtemp(path.join(tmpdir(), 'alo153-admin-'));
      const config: ServerConfig = { port: 0, host: '127.0.0.1', databaseUrl: null, dataDir: dir };
      return { config, env: { SERVER_DATA_DIR: dir }, open: () => openPglite(dir), drop: () => rm(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    async make() {
      const db = await throwawayPostgresUrl();
      const config: ServerConfig = { port: 0, host: '127.0.0.1', databaseUrl: db.url, dataDir: '' };
      return { config, env: { DATABASE_URL: db.url }, open: async () => openPostgres(db.url, 1), drop: db.drop };
    },
  },
] as const;

describe.each(places)('accounts of a real server on $name', (place) => {
  let p: Awaited<ReturnType<(typeof places)[number]['make']>>;
  beforeAll(async () => {
    p = await place.make();
  });
  afterAll(async () => {
    await p?.drop();
  });

  it(
    'starts with no account at all without SERVER_DEMO; create-admin (a child process, SERVER_ADMIN_PASSWORD) makes the first admin',
    async () => {
      const first = await startServer(p.config, false);
      try {
        expect(await count(first.db, 'SELECT count(*)::text AS n FROM accounts')).toBe(0);
        expect(await count(first.db, 'SELECT count(*)::text AS n FROM units')).toBeGreaterThan(0);
        expect(await login(first.url, 'admin', 'admin153')).toBe(401);
      } finally {
        await first.stop();
      }

      const made = await runCommand(['create-admin', 'Chief', 'Bilgi İşlem'], { ...p.env, SERVER_ADMIN_PASSWORD: STRONG });
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toContain('admin account chief created');
      expect(made.stdout + made.stderr).not.toContain(STRONG);
      const again = await runCommand(['create-admin', 'chief'], { ...p.env, SERVER_ADMIN_PASSWORD: STRONG });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('exists already');

      const second = await startServer(p.config, false);
      try {
        expect(await login(second.url, 'chief', STRONG)).toBe(200);
        const [row] = await second.db.query<{ role: string; display_name: string; n: string }>(
          "SELECT role, display_name, (SELECT count(*)::text FROM accounts) AS n FROM accounts WHERE username = 'chief'",
        );
        expect(row).toEqual({ role: 'admin', display_name: 'Bilgi İşlem', n: '1' });
      } finally {
        await second.stop();
      }
    },
    SLOW,
  );

  it(
    'refuses the published demo passwords where an older release seeded them, unless it is a demo server',
    async () => {
      const db = await p.open();
      try {
        await migrate(db);
        await db.query('DELETE FROM accounts');
        expect(await seedDemo(db)).toBe(true);
      } finally {
        await db.close();
      }
      const real = await startServer(p.config, false);
      try {
        expect(await login(real.url, 'admin', 'admin153')).toBe(401);
        expect(await login(real.url, 'operator', 'operator153')).toBe(401);
        expect(await count(real.db, 'SELECT count(*)::text AS n FROM accounts')).toBe(6);
      } finally {
        await real.stop();
      }
      const demo = await startServer({ ...p.config, demo: true }, false);
      try {
        expect(await login(demo.url, 'admin', 'admin153')).toBe(200);
      } finally {
        await demo.stop();
      }
    },
    SLOW,
  );
});

describe('npm run server on a fresh PGlite folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'alo153-admin-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'says at start that there is no admin and how to create one; after create-admin it says nothing of the kind',
    async () => {
      const noAdmin = (lines: LogLine[]) => lines.filter((l) => l.level === 40 && l.msg.includes('no admin account yet'));
      const fresh = await runServer({ SERVER_DATA_DIR: dir });
      try {
        const [warning] = noAdmin(fresh.lines);
        expect(warning?.msg).toContain('npm run server -- create-admin NAME');
        expect(warning?.msg).toContain('SERVER_ADMIN_PASSWORD');
        expect(await login(fresh.url, 'admin', 'admin153')).toBe(401);
      } finally {
        await fresh.stop();
      }
      expect((await runCommand(['create-admin', 'chief'], { SERVER_DATA_DIR: dir, SERVER_ADMIN_PASSWORD: STRONG })).code).toBe(0);
      const ready = await runServer({ SERVER_DATA_DIR: dir });
      try {
        expect(noAdmin(ready.lines)).toEqual([]);
        expect(ready.lines.find((l) => l.msg === 'case server listening')).toMatchObject({ demo: false, seeded: false });
        expect(await login(ready.url, 'chief', STRONG)).toBe(200);
      } finally {
        await ready.stop();
      }
      // A demo server says it is one.
      const demoDir = await mkdtemp(path.join(tmpdir(), 'alo153-demo-'));
      try {
        const demo = await runServer({ SERVER_DATA_DIR: demoDir, SERVER_DEMO: '1' });
        try {
          expect(demo.lines.some((l) => l.level === 40 && l.msg.includes('demo server (SERVER_DEMO=1)'))).toBe(true);
          expect(await login(demo.url, 'lead', 'lead153')).toBe(200);
        } finally {
          await demo.stop();
        }
      } finally {
        await rm(demoDir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
