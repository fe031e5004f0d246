/**
 * Sync server benchmark (issue 6): the central server (server/) on Debian PostgreSQL, over real
 * HTTP, in its own process (so the load generator does not share its event loop).
 *
 *   a. BENCH_DESKS (200) simulated desktops, each with its own account, token and deskId, push
 *      batches of 1–9 create changes (Turkish text, desk-prefixed provisional numbers) for
 *      BENCH_SECONDS (20), each waiting a random think time (exponential, mean
 *      BENCH_INTERVAL_MS = 1000) between pushes. Reported: p50/p95/p99 per push, target
 *      p99 ≤ 100 ms; baseline: GET /api/v1/health from the same desks at the same pace (ratio).
 *      Then the same desks with no think time at all (saturation), for the server's capacity.
 *   b. BENCH_PULL_CHANGES (100 000) changes pushed in batches of 500, then one client pulls them
 *      all with limit=1000 (seconds, changes/s); baseline: one SELECT of the same rows straight
 *      from PostgreSQL (ratio).
 *
 *   npm run bench:sync-server
 *   BENCH_SECONDS=5 BENCH_PULL_CHANGES=20000 npm run bench:sync-server     # a quick run
 *   BENCH_POOL=10           the server's pool size (server/db/postgresClient.ts default 10)
 *   BENCH_POSTGRES_URL      admin connection (default TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_NO_RESULTS=1      print only, do not append to RESULTS.md
 *
 * A throwaway database is created (as server/db/testEngines.ts does) and dropped at the end.
 * Prefer a cluster nobody else uses while it runs: every CREATE/DROP DATABASE (test suites do
 * them all the time) forces an immediate checkpoint that stalls all commits on the cluster, and
 * shows up here as p99 spikes of several hundred ms (bench/RESULTS.md).
 * Accounts and their sessions are written straight into the database (one shared scrypt hash,
 * session rows as server/auth/accounts.ts stores them): 200 scrypt logins would only time scrypt.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { formatApplicationNo } from '../core/applicationNumber.js';
import type { CaseChange, CreatePayload, PullResponse, PushResponse } from '../sync/protocol.js';
import { machine, percentile, seededRandom } from './benchSupport.js';

const DESKS = intFromEnv('BENCH_DESKS', 200);
const SECONDS = intFromEnv('BENCH_SECONDS', 20);
const INTERVAL_MS = intFromEnv('BENCH_INTERVAL_MS', 1000);
const SATURATION_SECONDS = intFromEnv('BENCH_SATURATION_SECONDS', 10);
const PULL_CHANGES = intFromEnv('BENCH_PULL_CHANGES', 100_000);
const POOL = intFromEnv('BENCH_POOL', 10);
const SEED_BATCH = 500;
const SEED_CLIENTS = 4;
const PULL_LIMIT = 1000;
const TARGET_P99_MS = 100;
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

// --- The server, in its own process ------------------------------------------------------------

async function serverChild(): Promise<void> {
  const { openPostgres } = await import('../server/db/postgresClient.js');
  const { createApp } = await import('../server/app.js');
  const db = openPostgres(process.env.BENCH_DATABASE_URL!, POOL);
  const app = await createApp({ db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  let mark = process.cpuUsage();
  process.on('message', (message: unknown) => {
    if (message === 'cpu') {
      // CPU used since the last mark, so each phase reports its own.
      const used = process.cpuUsage(mark);
      mark = process.cpuUsage();
      process.send!({ cpuMs: (used.user + used.system) / 1000 });
    }
    if (message === 'stop') void app.close().then(() => db.close()).then(() => process.exit(0));
  });
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
}

interface Server {
  port: number;
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--server-child'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
  });
  const next = () => new Promise<Record<string, number>>((resolve) => child.once('message', (m) => resolve(m as Record<string, number>)));
  const { port } = await next();
  return {
    port: port!,
    async cpuMs() {
      const answer = next();
      child.send('cpu');
      return (await answer).cpuMs!;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}

// --- Database ----------------------------------------------------------------------------------

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface Desk {
  deskId: string;
  token: string;
  agent: http.Agent;
  prefix: string;
  next: number;
}

/** Migrations and units as the server's start does; then the desks' accounts and sessions. */
async function prepare(databaseUrl: string): Promise<Desk[]> {
  const { openPostgres } = await import('../server/db/postgresClient.js');
  const { migrate } = await import('../server/db/migrate.js');
  const { seedDemo } = await import('../server/seed.js');
  const { hashPassword } = await import('../server/auth/password.js');
  const db = openPostgres(databaseUrl, 2);
  try {
    await migrate(db);
    await seedDemo(db);
    const hash = await hashPassword('masa153');
    const desks: Desk[] = [];
    for (let i = 1; i <= DESKS; i++) {
      const token = randomBytes(32).toString('base64url');
      const [account] = await db.query<{ id: string }>(
        "INSERT INTO accounts (username, display_name, password_hash, role) VALUES ($1, $2, $3, 'operator') RETURNING id::text AS id",
        [`masa${i}`, `Operatör ${i}`, hash],
      );
      await db.query("INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [
        createHash('sha256').update(token).digest('hex'),
        account!.id,
      ]);
      // Desk prefixes as core/applicationNumber.ts allows: a letter and up to 7 letters or digits.
      const prefix = `M${String(i).padStart(3, '0')}`;
      desks.push({ deskId: `masa-${i}`, token, agent: new http.Agent({ keepAlive: true, maxSockets: 1 }), prefix, next: 1 });
    }
    return desks;
  } finally {
    await db.close();
  }
}

// --- Realistic changes -------------------------------------------------------------------------

const rnd = seededRandom(153);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

const SUBJECTS = [
  ['Yol çökmesi', 'fen-isleri', 'Mahallemizdeki ana caddede yol çöktü, araçlar geçerken tehlike oluşuyor. Acil müdahale bekliyoruz.'],
  ['Çöp toplanmadı', 'temizlik', 'Üç gündür sokağımızdaki çöp konteynerleri boşaltılmadı, kötü koku ve haşere şikâyeti var.'],
  ['Sokak lambası yanmıyor', 'aydinlatma', 'Parkın yanındaki sokak lambaları bir haftadır yanmıyor; akşamları çocuklar karanlıkta eve dönüyor.'],
  ['Seyyar satıcı şikâyeti', 'zabita', 'Okul önündeki kaldırımı seyyar satıcılar kapatıyor, yayalar yola inmek zorunda kalıyor.'],
  ['Park bakımı', 'park-bahce', 'Çocuk parkındaki salıncak kırık, oturma bankları boyasız; bakım yapılmasını rica ediyoruz.'],
  ['Su kesintisi bilgisi', null, 'Vatandaş planlı su kesintisinin ne zaman biteceğini sordu; bilgi verildi, görüşmede çözüldü.'],
] as const;
const NAMES = ['Ayşe Yılmaz', 'Mehmet Öztürk', 'Fatma Şahin', 'Hüseyin Çelik', 'Zeynep Doğan', 'İbrahim Güneş', 'Şükrü Ağaoğlu', 'Gülşen Kılıç'];
const DISTRICTS = ['Kadıköy', 'Üsküdar', 'Esenyurt', 'Beşiktaş', 'Bağcılar', 'Şişli'];
const NEIGHBOURHOODS = ['Moda', 'Fenerbahçe', 'Kuzguncuk', 'Çengelköy', 'Levent', 'Feriköy'];
const STREETS = ['Bağdat Caddesi', 'Halitağa Caddesi', 'Şehit Ömer Halisdemir Caddesi', 'Büyükdere Caddesi', 'Güneşli Sokak'];

function createChangeFor(desk: Desk): CaseChange {
  const [subject, unitCode, description] = pick(SUBJECTS);
  const resolved = unitCode === null;
  const at = new Date().toISOString();
  const payload: CreatePayload = {
    type: resolved ? 'information' : 'complaint',
    subject,
    subjectCode: null,
    channel: 'phone',
    priority: rnd() < 0.1 ? 'high' : 'normal',
    confidential: false,
    urgent: false,
    description,
    phone: `05${30 + Math.floor(rnd() * 30)}${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`,
    citizenName: pick(NAMES),
    tcKimlikNo: null,
    address: { district: pick(DISTRICTS), neighbourhood: `${pick(NEIGHBOURHOODS)} Mahallesi`, street: pick(STREETS), detail: `No: ${1 + Math.floor(rnd() * 120)}` },
    linkedid: `${Math.floor(Date.now() / 1000)}.${Math.floor(rnd() * 10_000)}`,
    dueAt: resolved ? null : new Date(Date.now() + 15 * 24 * 3600_000).toISOString(),
    status: resolved ? 'resolved' : 'forwarded',
    unitCode,
    resolution: resolved ? 'Kesintinin 18.00’de biteceği bilgisi verildi.' : null,
    firstContactResolution: resolved,
    securityCodeHash: `${randomBytes(16).toString('hex')}$${randomBytes(32).toString('hex')}`,
    createdAt: at,
  };
  return { changeId: randomUUID(), deskId: desk.deskId, caseKey: formatApplicationNo(2026, desk.next++, desk.prefix), kind: 'create', clientAt: at, payload };
}

// --- HTTP --------------------------------------------------------------------------------------

let port = 0;

function request(desk: Desk, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: desk.agent,
        headers: { authorization: `Bearer ${desk.token}`, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function push(desk: Desk, changes: CaseChange[]): Promise<void> {
  const res = await request(desk, 'POST', '/api/v1/sync/push', { deskId: desk.deskId, changes });
  if (res.status !== 200) throw new Error(`push answered ${res.status}: ${res.text.slice(0, 300)}`);
  const answer = JSON.parse(res.text) as PushResponse;
  if (answer.accepted.length !== changes.length) throw new Error(`push accepted ${answer.accepted.length} of ${changes.length}: ${res.text.slice(0, 300)}`);
}

// --- Measurement -------------------------------------------------------------------------------

interface Latencies {
  name: string;
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
  changes: number;
  serverCpu: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Exponential think time: desks push when their operators finish a call, not in lockstep. */
const thinkTime = (mean: number) => (mean === 0 ? 0 : -Math.log(1 - rnd()) * mean);

/** Every desk runs `op` until the time is up; the first second is warm-up and not counted. */
async function load(
  name: string,
  server: Server,
  desks: Desk[],
  seconds: number,
  intervalMs: number,
  op: (desk: Desk) => Promise<number>,
): Promise<Latencies> {
  const times: number[] = [];
  let changes = 0;
  const start = performance.now();
  const warm = start + 1000;
  const end = warm + seconds * 1000;
  // Server CPU is counted from the end of the warm-up.
  const cpuMark = sleep(1000).then(() => server.cpuMs());
  await Promise.all(
    desks.map(async (desk) => {
      await sleep(rnd() * Math.min(intervalMs, 1000));
      while (performance.now() < end) {
        const t0 = performance.now();
        const n = await op(desk);
        const t1 = performance.now();
        if (t0 >= warm) {
          times.push(t1 - t0);
          changes += n;
        }
        await sleep(Math.min(thinkTime(intervalMs), end - performance.now()));
      }
    }),
  );
  await cpuMark;
  const serverCpu = await server.cpuMs();
  // Requests still running at the end add a little; the rate is over the measured window.
  const elapsed = (Math.max(end, performance.now()) - warm) / 1000;
  const sorted = times.sort((a, b) => a - b);
  return {
    name,
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
    perSecond: sorted.length / elapsed,
    changes: changes / elapsed,
    serverCpu: serverCpu / 1000 / elapsed,
  };
}

const pushOp = async (desk: Desk) => {
  const batch = Array.from({ length: 1 + Math.floor(rnd() * 9) }, () => createChangeFor(desk));
  await push(desk, batch);
  return batch.length;
};
const healthOp = async (desk: Desk) => {
  const res = await request(desk, 'GET', '/api/v1/health');
  if (res.status !== 200) throw new Error(`health answered ${res.status}`);
  return 0;
};

interface PullResult {
  changes: number;
  seedSeconds: number;
  pullSeconds: number;
  pages: number;
  bytes: number;
  selectSeconds: number;
  selectRows: number;
}

async function pullBench(databaseUrl: string, desks: Desk[]): Promise<PullResult> {
  const direct = new pg.Client({ connectionString: databaseUrl });
  await direct.connect();
  try {
    const [head] = (await direct.query<{ last: string }>('SELECT last_seq::text AS last FROM change_log_head')).rows;
    const cursor = head!.last;
    // Seed: batches of 500 from a few desks at once.
    const t0 = performance.now();
    let remaining = PULL_CHANGES;
    await Promise.all(
      desks.slice(0, SEED_CLIENTS).map(async (desk) => {
        while (remaining > 0) {
          const n = Math.min(SEED_BATCH, remaining);
          remaining -= n;
          await push(desk, Array.from({ length: n }, () => createChangeFor(desk)));
        }
      }),
    );
    const seedSeconds = (performance.now() - t0) / 1000;
    await direct.query('VACUUM ANALYZE');

    // The pull a desktop does after being away: pages of 1000 until `more` is false.
    const reader = desks[SEED_CLIENTS]!;
    let pulled = 0;
    let pages = 0;
    let bytes = 0;
    let at = cursor;
    const t1 = performance.now();
    for (;;) {
      const res = await request(reader, 'GET', `/api/v1/sync/pull?cursor=${at}&limit=${PULL_LIMIT}`);
      if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${res.text.slice(0, 300)}`);
      const page = JSON.parse(res.text) as PullResponse;
      pulled += page.changes.length;
      pages++;
      bytes += Buffer.byteLength(res.text);
      at = page.cursor;
      if (!page.more) break;
    }
    const pullSeconds = (performance.now() - t1) / 1000;
    if (pulled !== PULL_CHANGES) throw new Error(`pulled ${pulled} changes, expected ${PULL_CHANGES}`);

    // Baseline: the same rows and columns in one SELECT, no HTTP, no JSON, no validation.
    const t2 = performance.now();
    const rows = await direct.query(
      `SELECT l.seq::text AS seq, l.change_id::text AS change_id, l.desk_id, l.kind, c.application_no, l.detail, l.snapshot, l.at
       FROM change_log l JOIN cases c ON c.id = l.case_id
       WHERE l.seq > $1::bigint AND NOT c.confidential ORDER BY l.seq`,
      [cursor],
    );
    const selectSeconds = (performance.now() - t2) / 1000;
    return { changes: pulled, seedSeconds, pullSeconds, pages, bytes, selectSeconds, selectRows: rows.rowCount ?? 0 };
  } finally {
    await direct.end();
  }
}

// --- Report ------------------------------------------------------------------------------------


function report(rows: readonly Latencies[], pull: PullResult, postgres: string): void {
  const ms = (v: number) => (v >= 10 ? v.toFixed(1) : v.toFixed(2));
  const [pushRow, healthRow] = rows as [Latencies, Latencies];
  const verdict = pushRow.p99 <= TARGET_P99_MS ? 'ok' : '**over**';
  const table = [
    '| load | requests | p50 ms | p95 ms | p99 ms | max ms | req/s | changes/s | server CPU (cores) | p99 ÷ health p99 | target p99 | |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    ...rows.map((r) => {
      const target = r === pushRow ? `≤ ${TARGET_P99_MS}` : '';
      return `| ${r.name} | ${r.count.toLocaleString('en')} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.perSecond.toFixed(0)} | ${r.changes.toFixed(0)} | ${r.serverCpu.toFixed(2)} | ${(r.p99 / healthRow.p99).toFixed(1)}× | ${target} | ${r === pushRow ? verdict : ''} |`;
    }),
  ];
  const pullLines = [
    '| pull | changes | seconds | changes/s | ÷ SELECT |',
    '|---|--:|--:|--:|--:|',
    `| client: GET /api/v1/sync/pull, limit ${PULL_LIMIT} (${pull.pages} pages, ${(pull.bytes / 1024 / 1024).toFixed(0)} MiB of JSON) | ${pull.changes.toLocaleString('en')} | ${pull.pullSeconds.toFixed(2)} | ${Math.round(pull.changes / pull.pullSeconds).toLocaleString('en')} | ${(pull.pullSeconds / pull.selectSeconds).toFixed(1)}× |`,
    `| baseline: one SELECT of the same rows (node-postgres) | ${pull.selectRows.toLocaleString('en')} | ${pull.selectSeconds.toFixed(2)} | ${Math.round(pull.selectRows / pull.selectSeconds).toLocaleString('en')} | 1× |`,
  ];
  const summary =
    `${DESKS} desktops (own account, token, deskId, keep-alive connection each) against one server process over HTTP on 127.0.0.1, pool ${POOL}. ` +
    `Pushes: batches of 1–9 create changes (mean 5), ${SECONDS} s after 1 s warm-up, exponential think time of mean ${INTERVAL_MS} ms between a desk's pushes; ` +
    `health at the same pace from the same desks; saturation: no think time, ${SATURATION_SECONDS} s. ` +
    `Pull: ${pull.changes.toLocaleString('en')} changes seeded in batches of ${SEED_BATCH} from ${SEED_CLIENTS} desks in ${pull.seedSeconds.toFixed(1)} s ` +
    `(${Math.round(pull.changes / pull.seedSeconds).toLocaleString('en')} changes/s), then pulled by one operator desk.`;
  console.log(`\n${summary}\n\n${table.join('\n')}\n\n${pullLines.join('\n')}\n`);
  if (process.env.BENCH_NO_RESULTS === '1') return;
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  appendFileSync(
    RESULTS,
    `\n## Sync server (issue 6) (bench/syncServer.bench.ts), ${when} UTC\n\nMachine: ${machine()}; ${postgres}.\n\n${summary}\n\n${table.join('\n')}\n\n${pullLines.join('\n')}\n`,
  );
  console.log(`appended to ${RESULTS}`);
}

// --- Run ---------------------------------------------------------------------------------------

async function run(): Promise<void> {
  const name = `alo153_bench_${randomBytes(6).toString('hex')}`;
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (error) {
    console.error(
      `PostgreSQL is not reachable at ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')} (${String(error)}).\n` +
        'This benchmark measures the server on PostgreSQL and does not fall back to PGlite. Start PostgreSQL ' +
        '(user postgres, trust auth on 127.0.0.1, as .ci/run does) or set BENCH_POSTGRES_URL.',
    );
    process.exitCode = 2;
    return;
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  let server: Server | null = null;
  try {
    const desks = await prepare(databaseUrl);
    const postgres = await (async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      const v = (await c.query<{ v: string }>("SELECT 'PostgreSQL ' || current_setting('server_version') AS v")).rows[0]!.v;
      await c.end();
      return v;
    })();
    server = await startServer(databaseUrl);
    port = server.port;
    console.log(`server on 127.0.0.1:${port}, ${DESKS} desks; pushing for ${SECONDS} s …`);
    const pushRow = await load(`push, ${DESKS} desks, think ${INTERVAL_MS} ms`, server, desks, SECONDS, INTERVAL_MS, pushOp);
    console.log(`push p99 ${pushRow.p99.toFixed(1)} ms; health …`);
    const healthRow = await load(`baseline: GET /api/v1/health, ${DESKS} desks, think ${INTERVAL_MS} ms`, server, desks, SECONDS, INTERVAL_MS, healthOp);
    console.log(`health p99 ${healthRow.p99.toFixed(1)} ms; saturation …`);
    const saturation = await load(`push, ${DESKS} desks, no think time (saturation)`, server, desks, SATURATION_SECONDS, 0, pushOp);
    console.log(`saturation ${saturation.perSecond.toFixed(0)} pushes/s; seeding ${PULL_CHANGES} changes for the pull …`);
    const pull = await pullBench(databaseUrl, desks);
    report([pushRow, healthRow, saturation], pull, postgres);
  } finally {
    await server?.stop();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

if (process.argv.includes('--server-child')) await serverChild();
else await run();
