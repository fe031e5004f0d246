/**
 * Sync server benchmark (issues 6 and 15): the central server (server/) on Debian PostgreSQL, over
 * real HTTP, in its own process (so the load generator does not share its event loop).
 *
 *   live (issue 15). For each count in BENCH_LIVE_DESKS (200,500), on a fresh database: that many
 *      desks, each the real sync engine (sync/client: its HTTP transport, live channel, pull loop
 *      and 30 s safety-net pull) over an in-memory store, each with its own account, token and
 *      deskId, all on the live channel. Operators record cases (one create change each):
 *      - spread: each desk pushes 1–3 cases after an exponential think time of mean
 *        BENCH_LIVE_INTERVAL_MS (20 s: from 500 desks 25 pushes, 50 cases a second, some 25 times
 *        what 500 operators record at one case a call of about 4 minutes), for BENCH_LIVE_SECONDS (30);
 *      - bursts: BENCH_BURSTS (5) rounds in which every desk pushes one case at the same moment
 *        (a center coming back from a network cut), BENCH_BURST_GAP_MS (3 s) apart once all is seen.
 *      Reported: push p50/p95/p99 (the desk's HTTP round trip), change visible on another desk p99
 *      (from the push's start until an observer desk has applied it), pulls per push, and the
 *      baseline GET /api/v1/health, sent by the same desks in the same pattern during the same
 *      phase (so it meets the same queues and load), with os.loadavg beside each. Targets: push p99 ≤ 100 ms and ≤ 10× health p99; visible p99 ≤ 1 s.
 *      BENCH_OBSERVERS (20) desks validate and apply every change and give the visible latency.
 *      The others run the same engine, but their live stream has each notice's changes cut out
 *      before it is parsed: parsing and checking a change costs a desk ~20 µs of its own CPU,
 *      and 500 desks on one machine cannot each do it for every change, which real desks, each
 *      on its own machine, do. They still move their cursors and pull exactly when a desk would.
 *   push (issue 6). BENCH_DESKS (200) desks without the live channel push batches of 1–9 create
 *      changes for BENCH_SECONDS (20), exponential think time of mean BENCH_INTERVAL_MS (1000);
 *      health at the same pace; then no think time at all (saturation).
 *   pull (issue 6). BENCH_PULL_CHANGES (100 000) changes pushed in batches of 500, then one
 *      client pulls them all with limit=1000; baseline one SELECT of the same rows.
 *
 *   npm run bench:sync-server
 *   BENCH_PHASES=live BENCH_LIVE_DESKS=200 BENCH_LIVE_SECONDS=10 npm run bench:sync-server   # a quick run
 *   BENCH_SERVER_DIR=/path/to/other/checkout  the server (and its migrations) from another tree, for
 *                           before/after runs; the desks are always this tree's
 *   BENCH_POOL=10           the server's pool size (server/db/postgresClient.ts default 10)
 *   BENCH_POSTGRES_URL      admin connection (default TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_NO_RESULTS=1      print only, do not append to RESULTS.md
 *
 * A throwaway database is created (as server/db/testEngines.ts does) and dropped at the end.
 * Prefer a cluster nobody else uses while it runs: every CREATE/DROP DATABASE (test suites do
 * them all the time) forces an immediate checkpoint that stalls all commits on the cluster, and
 * shows up here as p99 spikes of several hundred ms (bench/RESULTS.md).
 * Accounts and their sessions are written straight into the database (one shared scrypt hash,
 * session rows as server/auth/accounts.ts stores them): 500 scrypt logins would only time scrypt.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { formatApplicationNo } from '../core/applicationNumber.js';
import type { SyncAccount } from '../core/syncStatus.js';
import { createHttpTransport } from '../sync/client/httpTransport.js';
import { createSyncEngine, type SyncEngine, type SyncStore } from '../sync/client/syncEngine.js';
import type { LiveHandlers, SyncTransport } from '../sync/client/transport.js';
import type { CaseChange, CreatePayload, PullResponse, PushResponse, ServerChange } from '../sync/protocol.js';
import { figures, intFromEnv, load1, machine, positiveInt, postgresReachable, postgresVersion, seededRandom, sleep, withThrowawayDatabase, type Figures } from './benchSupport.js';

const PHASES = new Set((process.env.BENCH_PHASES ?? 'live,push,pull').split(','));
const LIVE_DESKS = (process.env.BENCH_LIVE_DESKS ?? '200,500').split(',').map((n) => positiveInt('BENCH_LIVE_DESKS', n));
const LIVE_SECONDS = intFromEnv('BENCH_LIVE_SECONDS', 30);
const LIVE_INTERVAL_MS = intFromEnv('BENCH_LIVE_INTERVAL_MS', 20_000);
const BURSTS = intFromEnv('BENCH_BURSTS', 5);
const BURST_GAP_MS = intFromEnv('BENCH_BURST_GAP_MS', 3000);
const OBSERVERS = intFromEnv('BENCH_OBSERVERS', 20);
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
const TARGET_VISIBLE_P99_MS = 1000;
const TARGET_HEALTH_RATIO = 10;
/** How long after a phase the desks may take to push what is left and see every change. */
const SETTLE_MS = 20_000;
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const SERVER_DIR = path.resolve(process.env.BENCH_SERVER_DIR ?? fileURLToPath(new URL('..', import.meta.url)));

/** A module of the server under test (this tree's, or BENCH_SERVER_DIR's). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the other tree's types are not this one's
const serverModule = (file: string): Promise<any> => import(pathToFileURL(path.join(SERVER_DIR, file)).href);


// --- The server, in its own process ------------------------------------------------------------

async function serverChild(): Promise<void> {
  const { openPostgres } = await serverModule('server/db/postgresClient.js');
  const { createApp } = await serverModule('server/app.js');
  const db = openPostgres(process.env.BENCH_DATABASE_URL!, POOL);
  const app = await createApp({ db });
  // How long each push took as the server saw it (request in → answer out): the desks' own
  // figure adds their side, which here is one process for all of them.
  let pushTimes: number[] = [];
  const started = new WeakMap<object, number>();
  app.addHook('onRequest', async (req: object) => void started.set(req, performance.now()));
  app.addHook('onResponse', async (req: { url: string }) => {
    if (req.url === '/api/v1/sync/push') pushTimes.push(performance.now() - started.get(req)!);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  let mark = process.cpuUsage();
  process.on('message', (message: unknown) => {
    if (message === 'cpu') {
      // CPU used since the last mark, so each phase reports its own.
      const used = process.cpuUsage(mark);
      mark = process.cpuUsage();
      process.send!({ cpuMs: (used.user + used.system) / 1000, pushTimes });
      pushTimes = [];
    }
    if (message === 'stop') {
      // Live streams never end on their own: cut them so close() does not wait for them.
      setTimeout(() => app.server.closeAllConnections(), 500).unref();
      void app.close().then(() => db.close()).then(() => process.exit(0));
    }
  });
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
}

interface Server {
  port: number;
  /** CPU since the last call, and the pushes answered since. */
  cpuMs(): Promise<number>;
  mark(): Promise<{ cpuMs: number; pushTimes: number[] }>;
  stop(): Promise<void>;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--server-child'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
  });
  const next = () => new Promise<Record<string, unknown>>((resolve) => child.once('message', (m) => resolve(m as Record<string, unknown>)));
  const { port } = (await next()) as { port: number };
  const mark = async () => {
    const answer = next();
    child.send('cpu');
    return (await answer) as { cpuMs: number; pushTimes: number[] };
  };
  return {
    port,
    mark,
    cpuMs: async () => (await mark()).cpuMs,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}

// --- Database ----------------------------------------------------------------------------------

interface Account {
  deskId: string;
  token: string;
  prefix: string;
  next: number;
}

/** Migrations and units as the server's start does; then the desks' accounts and sessions. */
async function prepare(databaseUrl: string, count: number): Promise<Account[]> {
  const { openPostgres } = await serverModule('server/db/postgresClient.js');
  const { migrate } = await serverModule('server/db/migrate.js');
  const { seedDemo } = await serverModule('server/seed.js');
  const { hashPassword } = await import('../server/auth/password.js');
  const db = openPostgres(databaseUrl, 2);
  try {
    await migrate(db);
    await seedDemo(db);
    const hash = await hashPassword('masa153');
    const accounts: Account[] = [];
    for (let i = 1; i <= count; i++) {
      const token = randomBytes(32).toString('base64url');
      const [account] = await db.query(
        "INSERT INTO accounts (username, display_name, password_hash, role) VALUES ($1, $2, $3, 'operator') RETURNING id::text AS id",
        [`masa${i}`, `Operatör ${i}`, hash],
      );
      await db.query("INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [
        createHash('sha256').update(token).digest('hex'),
        account.id,
      ]);
      // Desk prefixes as core/applicationNumber.ts allows: a letter and up to 7 letters or digits.
      accounts.push({ deskId: `masa-${i}`, token, prefix: `M${String(i).padStart(3, '0')}`, next: 1 });
    }
    return accounts;
  } finally {
    await db.close();
  }
}

// --- Realistic changes -------------------------------------------------------------------------

const rnd = seededRandom(153);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
/** Exponential think time: desks push when their operators finish a call, not in lockstep. */
const thinkTime = (mean: number) => (mean === 0 ? 0 : -Math.log(1 - rnd()) * mean);

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

function createChangeFor(desk: Account): CaseChange {
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
    incidentId: null,
    status: resolved ? 'resolved' : 'forwarded',
    unitCode,
    resolution: resolved ? 'Kesintinin 18.00’de biteceği bilgisi verildi.' : null,
    firstContactResolution: resolved,
    securityCodeHash: `${randomBytes(16).toString('hex')}$${randomBytes(32).toString('hex')}`,
    createdAt: at,
  };
  return { changeId: randomUUID(), deskId: desk.deskId, caseKey: formatApplicationNo(2026, desk.next++, desk.prefix), kind: 'create', clientAt: at, payload };
}

// --- Latencies ---------------------------------------------------------------------------------


const ms = (v: number) => (Number.isNaN(v) ? '–' : v >= 10 ? v.toFixed(1) : v.toFixed(2));

// --- Live desks (issue 15) ---------------------------------------------------------------------

/** What every live desk reports into: one process, one clock. */
interface LiveStats {
  /** Push start of each change, by change id. */
  pushedAt: Map<string, number>;
  /** Which desk pushed each change. */
  pushedBy: Map<string, string>;
  pushes: Array<{ at: number; ms: number }>;
  pushFailures: number;
  pulls: number;
  /** Per observer desk: change id → when it was applied there. */
  appliedAt: Map<string, Map<string, number>>;
  /** The same change applied twice on one desk: must stay 0. */
  twice: number;
}

interface LiveDesk {
  account: Account;
  engine: SyncEngine;
  observer: boolean;
  outbox: CaseChange[];
  liveOpen: boolean;
}

/**
 * The desk's store, in memory: what the engine needs (SyncStore); an observer notes when each
 * change from another desk arrived.
 */
function memoryStore(desk: { deskId: string; outbox: CaseChange[] }, observer: boolean, stats: LiveStats): SyncStore {
  let cursor = '';
  const applied = new Map<string, number>();
  if (observer) stats.appliedAt.set(desk.deskId, applied);
  return {
    pendingBatch: (limit) => desk.outbox.slice(0, limit),
    acknowledge(response) {
      const done = new Set([...response.accepted, ...response.duplicates, ...response.rejected.map((r) => r.changeId)]);
      if (response.rejected.length > 0) stats.pushFailures += response.rejected.length;
      desk.outbox.splice(0, desk.outbox.length, ...desk.outbox.filter((c) => !done.has(c.changeId)));
    },
    applyPulled(changes: ServerChange[], next) {
      cursor = next;
      if (!observer) return;
      const now = performance.now();
      for (const change of changes) {
        if (change.changeId === null || change.deskId === desk.deskId) continue;
        if (applied.has(change.changeId)) stats.twice += 1;
        else applied.set(change.changeId, now);
      }
    },
    cursor: () => cursor,
    counts: () => ({ pending: desk.outbox.length, held: 0 }),
    numbersWanted: () => 0,
    addNumbers: () => undefined,
    releaseHeld: () => 0,
    lastSyncAt: () => null,
    setLastSyncAt: () => undefined,
  };
}

/**
 * fetch for a desk that does not look at what changed: each live notice's changes are cut out
 * before the engine parses it (see the head of this file). The server writes `{"from","to",
 * "changes":[…]}` in that order, so the cut keeps an exact notice with `changes: []`. It works on
 * bytes and drops the changes unread: decoding them, times 500 desks, would cost more than the
 * parse the cut saves.
 */
const cuttingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (!String(input).endsWith('/api/v1/sync/events') || !response.ok || !response.body) return response;
  const source = response.body.getReader();
  const CUT = Buffer.from(',"changes":[');
  const DATA = Buffer.from('data: {"from":');
  /** The start of the current line while it may still be a notice to cut. */
  let head = Buffer.alloc(0);
  let mode: 'head' | 'pass' | 'skip' = 'head';
  const cutChunk = (chunk: Buffer): Buffer => {
    const out: Buffer[] = [];
    for (let i = 0; i < chunk.length; ) {
      const nl = chunk.indexOf(0x0a, i);
      const piece = chunk.subarray(i, nl === -1 ? chunk.length : nl);
      if (mode === 'pass') out.push(piece);
      else if (mode === 'head') {
        head = Buffer.concat([head, piece]);
        const at = head.indexOf(CUT);
        if (at !== -1) {
          out.push(head.subarray(0, at), Buffer.from(',"changes":[]}'));
          mode = 'skip';
        } else if (!head.subarray(0, DATA.length).equals(DATA.subarray(0, Math.min(DATA.length, head.length))) || head.length > 512) {
          out.push(head);
          mode = 'pass';
        }
      }
      if (nl === -1) break;
      if (mode === 'head') out.push(head);
      out.push(Buffer.from('\n'));
      head = Buffer.alloc(0);
      mode = 'head';
      i = nl + 1;
    }
    return Buffer.concat(out);
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await source.read();
      if (done) controller.close();
      else controller.enqueue(cutChunk(Buffer.from(value.buffer, value.byteOffset, value.byteLength)));
    },
    cancel: (reason) => source.cancel(reason),
  });
  return new Response(body, { status: response.status, headers: response.headers });
};

function liveDesk(account: Account, observer: boolean, url: string, stats: LiveStats): LiveDesk {
  const desk: LiveDesk = { account, engine: null!, observer, outbox: [], liveOpen: false };
  const http = createHttpTransport(url, observer ? {} : { fetch: cuttingFetch });
  const transport: SyncTransport = {
    ...http,
    async push(token, request) {
      const t0 = performance.now();
      for (const change of request.changes) {
        if (!stats.pushedAt.has(change.changeId)) stats.pushedAt.set(change.changeId, t0);
        stats.pushedBy.set(change.changeId, account.deskId);
      }
      try {
        return await http.push(token, request);
      } catch (error) {
        stats.pushFailures += request.changes.length;
        throw error;
      } finally {
        stats.pushes.push({ at: t0, ms: performance.now() - t0 });
      }
    },
    async pull(token, cursor, limit) {
      stats.pulls += 1;
      return http.pull(token, cursor, limit);
    },
    openLive(token, handlers: LiveHandlers) {
      return http.openLive(token, {
        ...handlers,
        onOpen() {
          desk.liveOpen = true;
          handlers.onOpen();
        },
        onClose(failure) {
          desk.liveOpen = false;
          handlers.onClose(failure);
        },
      });
    },
  };
  desk.engine = createSyncEngine({ serverUrl: url, deskId: account.deskId, store: memoryStore({ deskId: account.deskId, outbox: desk.outbox }, observer, stats), transport });
  return desk;
}

const OPERATOR: SyncAccount = { username: 'masa', displayName: 'Operatör', role: 'operator', unitCode: null };

/** Cases recorded on a desk and pushed together: 1–3 (a desk that was busy, or briefly cut off), or `count`. */
function record(desk: LiveDesk, count = 1 + Math.floor(rnd() * 3)): void {
  const changes = Array.from({ length: count }, () => createChangeFor(desk.account));
  desk.outbox.push(...changes);
  desk.engine.localChange();
}

async function until(what: string, done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) {
      console.warn(`  (${what}: not within ${timeoutMs} ms)`);
      return false;
    }
    await sleep(50);
  }
  return true;
}

interface LiveRow {
  name: string;
  push: Figures;
  serverPush: Figures;
  desksDelayP99: number;
  visible: Figures;
  /** (observer, change) pairs never applied. */
  unseen: number;
  changes: number;
  pushesPerSecond: number;
  pullsPerPush: number;
  failures: number;
  serverCpu: number;
  desksCpu: number;
  load: number;
}

interface HealthRow {
  name: string;
  health: Figures;
  failures: number;
  load: number;
}

/** What was measured over a phase, when it ended (before the desks were let catch up). */
interface PhaseEnd {
  from: number;
  to: number;
  /** Seconds the phase kept the server busy. */
  seconds: number;
  serverCpuMs: number;
  /** CPU of this process, which runs every desk. */
  desksCpuMs: number;
  /** p99 of this process's event-loop delay: how long a desk's answer may wait behind the others' work. */
  desksDelayP99: number;
  serverPushTimes: number[];
  pulls: number;
  failures: number;
  load: number;
}

/** Push and visibility figures of the pushes that started in the phase. */
function liveRow(name: string, stats: LiveStats, desks: LiveDesk[], phase: PhaseEnd): LiveRow {
  const { from, to } = phase;
  const pushes = stats.pushes.filter((p) => p.at >= from && p.at < to);
  const changes = [...stats.pushedAt].filter(([, at]) => at >= from && at < to);
  const visible: number[] = [];
  let unseen = 0;
  for (const desk of desks.filter((d) => d.observer)) {
    const applied = stats.appliedAt.get(desk.account.deskId)!;
    for (const [changeId, at] of changes) {
      if (stats.pushedBy.get(changeId) === desk.account.deskId) continue;
      const seenAt = applied.get(changeId);
      if (seenAt === undefined) unseen += 1;
      else visible.push(seenAt - at);
    }
  }
  return {
    name,
    push: figures(pushes.map((p) => p.ms)),
    serverPush: figures(phase.serverPushTimes),
    desksDelayP99: phase.desksDelayP99,
    visible: figures(visible),
    unseen,
    changes: changes.length,
    pushesPerSecond: pushes.length / phase.seconds,
    pullsPerPush: pushes.length === 0 ? 0 : phase.pulls / pushes.length,
    failures: phase.failures,
    serverCpu: phase.serverCpuMs / 1000 / phase.seconds,
    desksCpu: phase.desksCpuMs / 1000 / phase.seconds,
    load: phase.load,
  };
}

/** One health request as a desk's HTTP client makes it; a failure is counted, not timed. */
async function healthOnce(url: string, samples: number[], failures: { n: number }): Promise<void> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${url}/api/v1/health`);
    await res.text();
    if (res.status !== 200) throw new Error(`health answered ${res.status}`);
    samples.push(performance.now() - t0);
  } catch {
    failures.n += 1;
  }
}

async function liveRun(count: number): Promise<{ rows: LiveRow[]; health: HealthRow[]; postgres: string }> {
  return withThrowawayDatabase(async (databaseUrl) => {
    const accounts = await prepare(databaseUrl, count);
    const postgres = await postgresVersion(databaseUrl);
    const server = await startServer(databaseUrl);
    const url = `http://127.0.0.1:${server.port}`;
    const stats: LiveStats = { pushedAt: new Map(), pushedBy: new Map(), pushes: [], pushFailures: 0, pulls: 0, appliedAt: new Map(), twice: 0 };
    // Observers spread over the desks, so they are not the first to connect or to push.
    const every = Math.max(1, Math.floor(count / Math.min(OBSERVERS, count)));
    const desks = accounts.map((a, i) => liveDesk(a, i % every === 0 && i / every < OBSERVERS, url, stats));
    try {
      console.log(`${count} desks on ${url}: signing in and opening the live channel …`);
      for (const desk of desks) {
        desk.engine.useSession(desk.account.token, { ...OPERATOR, username: desk.account.deskId });
        await sleep(2); // a center's desks do not all connect in the same millisecond
      }
      await until('all desks on the live channel', () => desks.every((d) => d.liveOpen), 60_000);
      await sleep(2000);
      const rows: LiveRow[] = [];
      const health: HealthRow[] = [];
      const drained = () => desks.every((d) => d.outbox.length === 0);
      const allSeen = (since: number) => {
        const expected = [...stats.pushedAt].filter(([, at]) => at >= since);
        return desks.filter((d) => d.observer).every((d) => {
          const applied = stats.appliedAt.get(d.account.deskId)!;
          return expected.every(([id]) => stats.pushedBy.get(id) === d.account.deskId || applied.has(id));
        });
      };

      /** Runs a phase; what it measured is taken when it ends, before the desks catch up. */
      const phase = async (body: () => Promise<number>): Promise<PhaseEnd> => {
        await server.mark();
        const cpu = process.cpuUsage();
        const delay = monitorEventLoopDelay({ resolution: 10 });
        delay.enable();
        const pulls = stats.pulls;
        const failures = stats.pushFailures;
        const from = performance.now();
        const seconds = await body();
        const desksCpu = process.cpuUsage(cpu);
        delay.disable();
        const serverEnd = await server.mark();
        return {
          from,
          to: performance.now(),
          seconds,
          serverCpuMs: serverEnd.cpuMs,
          serverPushTimes: serverEnd.pushTimes,
          desksCpuMs: (desksCpu.user + desksCpu.system) / 1000,
          desksDelayP99: delay.percentile(99) / 1e6,
          pulls: stats.pulls - pulls,
          failures: stats.pushFailures - failures,
          load: load1(),
        };
      };
      const report = (row: LiveRow) => {
        rows.push(row);
        console.log(`  push p99 ${ms(row.push.p99)} ms, visible p99 ${ms(row.visible.p99)} ms, ${row.unseen} unseen, ${row.pullsPerPush.toFixed(2)} pulls per push, load ${row.load.toFixed(2)}`);
      };

      // Spread: operators finish calls at their own pace. The baseline runs beside it, in the same
      // phase: every desk also asks for /health at the same pace, so both meet the same server
      // queue, the same desks' event loop and the same machine load.
      console.log(`  spread: ${LIVE_SECONDS} s, think time mean ${LIVE_INTERVAL_MS} ms, health beside it …`);
      let samples: number[] = [];
      let failed = { n: 0 };
      const paced = (end: number, act: () => unknown) => async () => {
        for (;;) {
          await sleep(Math.min(thinkTime(LIVE_INTERVAL_MS), end - performance.now()));
          if (performance.now() >= end) return;
          await act();
        }
      };
      const spread = await phase(async () => {
        const end = performance.now() + LIVE_SECONDS * 1000;
        await Promise.all(desks.flatMap((desk) => [paced(end, () => record(desk))(), paced(end, () => healthOnce(url, samples, failed))()]));
        return LIVE_SECONDS;
      });
      health.push({ name: `baseline: GET /api/v1/health from the same desks, beside the spread pushes`, health: figures(samples), failures: failed.n, load: spread.load });
      await until('outboxes empty and every change seen', () => drained() && allSeen(spread.from), SETTLE_MS);
      report(liveRow(`${count} desks, spread (think ${LIVE_INTERVAL_MS / 1000} s)`, stats, desks, spread));

      // Bursts: every desk records at the same moment, and asks for /health at that moment too.
      console.log(`  bursts: ${BURSTS} rounds, health beside them …`);
      samples = [];
      failed = { n: 0 };
      const bursts = await phase(async () => {
        let busy = 0;
        for (let round = 0; round < BURSTS; round++) {
          const t0 = performance.now();
          for (const desk of desks) {
            record(desk, 1);
            void healthOnce(url, samples, failed);
          }
          await until(`burst ${round + 1} pushed and seen`, () => drained() && allSeen(t0), SETTLE_MS);
          busy += performance.now() - t0;
          if (round < BURSTS - 1) await sleep(BURST_GAP_MS);
        }
        return busy / 1000;
      });
      health.push({ name: `baseline: GET /api/v1/health from the same desks, beside the bursts`, health: figures(samples), failures: failed.n, load: bursts.load });
      report(liveRow(`${count} desks, ${BURSTS} bursts (all desks at once)`, stats, desks, bursts));

      if (stats.twice > 0) throw new Error(`${stats.twice} changes were applied twice on a desk`);
      return { rows, health, postgres };
    } finally {
      await Promise.all(desks.map((d) => d.engine.stop()));
      await server.stop();
    }
  });
}

function liveReport(count: number, rows: LiveRow[], health: HealthRow[]): string {
  const [spreadHealth, burstHealth] = health as [HealthRow, HealthRow];
  const verdict = (ok: boolean) => (ok ? 'ok' : '**over**');
  const lines = [
    '| load | changes | push p50 / p95 / p99 ms | push p99 at the server ms | visible on another desk p99 ms (max) | pushes/s | pulls per push | CPU cores: server / desks | desks loop delay p99 ms | push p99 ÷ health p99 | loadavg 1 min | targets (push p99 ≤ 100, visible p99 ≤ 1000, ÷ health ≤ 10) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    ...rows.map((r, i) => {
      const h = i === 0 ? spreadHealth : burstHealth;
      const ratio = r.push.p99 / h.health.p99;
      const ok = [r.push.p99 <= TARGET_P99_MS, r.visible.p99 <= TARGET_VISIBLE_P99_MS && r.unseen === 0, ratio <= TARGET_HEALTH_RATIO].map(verdict).join(' / ');
      const extra = [r.unseen > 0 ? `${r.unseen} never seen` : '', r.failures > 0 ? `${r.failures} push failures` : ''].filter(Boolean).join(', ');
      return `| ${r.name} | ${r.changes.toLocaleString('en')} | ${ms(r.push.p50)} / ${ms(r.push.p95)} / ${ms(r.push.p99)} | ${ms(r.serverPush.p99)} | ${ms(r.visible.p99)} (${ms(r.visible.max)})${extra ? ` ${extra}` : ''} | ${r.pushesPerSecond.toFixed(1)} | ${r.pullsPerPush.toFixed(2)} | ${r.serverCpu.toFixed(2)} / ${r.desksCpu.toFixed(2)} | ${ms(r.desksDelayP99)} | ${ratio.toFixed(1)}× | ${r.load.toFixed(2)} | ${ok} |`;
    }),
    ...health.map((h) => `| ${h.name}${h.failures > 0 ? ` (${h.failures} failed)` : ''} | | ${ms(h.health.p50)} / ${ms(h.health.p95)} / ${ms(h.health.p99)} | | | | | | | 1× | ${h.load.toFixed(2)} | |`),
  ];
  return `**${count} desks on the live channel**\n\n${lines.join('\n')}`;
}

// --- Push and pull without the live channel (issue 6) ------------------------------------------

interface Desk extends Account {
  agent: http.Agent;
}

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

interface Latencies extends Figures {
  name: string;
  perSecond: number;
  changes: number;
  serverCpu: number;
  load: number;
}

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
  const f = figures(times);
  return { ...f, name, perSecond: f.count / elapsed, changes: changes / elapsed, serverCpu: serverCpu / 1000 / elapsed, load: load1() };
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

/** The log's end and its order, in the schema of the server under test (before or after migration 0009). */
async function logShape(direct: pg.Client): Promise<{ head: string; after: string; order: string }> {
  const legacy = (await direct.query("SELECT to_regclass('change_log_head') IS NOT NULL AS legacy")).rows[0].legacy as boolean;
  if (legacy) {
    const head = (await direct.query<{ last: string }>('SELECT last_seq::text AS last FROM change_log_head')).rows[0]!.last;
    return { head, after: `l.seq > ${head}::bigint`, order: 'l.seq' };
  }
  const [last] = (await direct.query<{ txid: string; seq: string }>('SELECT txid::text AS txid, seq::text AS seq FROM change_log ORDER BY txid DESC, seq DESC LIMIT 1')).rows;
  const [txid, seq] = last ? [last.txid, last.seq] : ['0', '0'];
  return { head: last ? `${txid}.${seq}` : '', after: `(l.txid, l.seq) > ('${txid}'::xid8, ${seq}::bigint)`, order: 'l.txid, l.seq' };
}

async function pullBench(databaseUrl: string, desks: Desk[]): Promise<PullResult> {
  const direct = new pg.Client({ connectionString: databaseUrl });
  await direct.connect();
  try {
    const shape = await logShape(direct);
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
    let at = shape.head;
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
       WHERE ${shape.after} AND NOT c.confidential ORDER BY ${shape.order}`,
    );
    const selectSeconds = (performance.now() - t2) / 1000;
    return { changes: pulled, seedSeconds, pullSeconds, pages, bytes, selectSeconds, selectRows: rows.rowCount ?? 0 };
  } finally {
    await direct.end();
  }
}

function pushReport(rows: readonly Latencies[]): string {
  const [pushRow, healthRow] = rows as [Latencies, Latencies];
  const verdict = pushRow.p99 <= TARGET_P99_MS ? 'ok' : '**over**';
  return [
    '| load | requests | p50 ms | p95 ms | p99 ms | max ms | req/s | changes/s | server CPU (cores) | p99 ÷ health p99 | loadavg 1 min | target p99 | |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    ...rows.map((r) => {
      const target = r === pushRow ? `≤ ${TARGET_P99_MS}` : '';
      return `| ${r.name} | ${r.count.toLocaleString('en')} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.perSecond.toFixed(0)} | ${r.changes.toFixed(0)} | ${r.serverCpu.toFixed(2)} | ${(r.p99 / healthRow.p99).toFixed(1)}× | ${r.load.toFixed(2)} | ${target} | ${r === pushRow ? verdict : ''} |`;
    }),
  ].join('\n');
}

function pullReport(pull: PullResult): string {
  return [
    '| pull | changes | seconds | changes/s | ÷ SELECT |',
    '|---|--:|--:|--:|--:|',
    `| client: GET /api/v1/sync/pull, limit ${PULL_LIMIT} (${pull.pages} pages, ${(pull.bytes / 1024 / 1024).toFixed(0)} MiB of JSON) | ${pull.changes.toLocaleString('en')} | ${pull.pullSeconds.toFixed(2)} | ${Math.round(pull.changes / pull.pullSeconds).toLocaleString('en')} | ${(pull.pullSeconds / pull.selectSeconds).toFixed(1)}× |`,
    `| baseline: one SELECT of the same rows (node-postgres) | ${pull.selectRows.toLocaleString('en')} | ${pull.selectSeconds.toFixed(2)} | ${Math.round(pull.selectRows / pull.selectSeconds).toLocaleString('en')} | 1× |`,
    '',
    `Pull: ${pull.changes.toLocaleString('en')} changes seeded in batches of ${SEED_BATCH} from ${SEED_CLIENTS} desks in ${pull.seedSeconds.toFixed(1)} s ` +
      `(${Math.round(pull.changes / pull.seedSeconds).toLocaleString('en')} changes/s), then pulled by one operator desk.`,
  ].join('\n');
}

async function pushAndPullRun(): Promise<{ sections: string[]; postgres: string }> {
  return withThrowawayDatabase(async (databaseUrl) => {
    const desks: Desk[] = (await prepare(databaseUrl, DESKS)).map((a) => ({ ...a, agent: new http.Agent({ keepAlive: true, maxSockets: 1 }) }));
    const postgres = await postgresVersion(databaseUrl);
    const server = await startServer(databaseUrl);
    port = server.port;
    const sections: string[] = [];
    try {
      if (PHASES.has('push')) {
        console.log(`${DESKS} desks without the live channel; pushing for ${SECONDS} s …`);
        const pushRow = await load(`push, ${DESKS} desks, think ${INTERVAL_MS} ms`, server, desks, SECONDS, INTERVAL_MS, pushOp);
        console.log(`  push p99 ${pushRow.p99.toFixed(1)} ms; health …`);
        const healthRow = await load(`baseline: GET /api/v1/health, ${DESKS} desks, think ${INTERVAL_MS} ms`, server, desks, SECONDS, INTERVAL_MS, healthOp);
        console.log(`  health p99 ${healthRow.p99.toFixed(1)} ms; saturation …`);
        const saturation = await load(`push, ${DESKS} desks, no think time (saturation)`, server, desks, SATURATION_SECONDS, 0, pushOp);
        sections.push(
          `**${DESKS} desks pushing, no live channel** (batches of 1–9 creates, mean 5; ${SECONDS} s after 1 s warm-up, exponential think time of mean ${INTERVAL_MS} ms; health at the same pace; saturation: no think time, ${SATURATION_SECONDS} s)\n\n${pushReport([pushRow, healthRow, saturation])}`,
        );
      }
      if (PHASES.has('pull')) {
        console.log(`seeding ${PULL_CHANGES} changes for the pull …`);
        sections.push(pullReport(await pullBench(databaseUrl, desks)));
      }
      return { sections, postgres };
    } finally {
      await server.stop();
    }
  });
}

// --- Run ---------------------------------------------------------------------------------------

async function run(): Promise<void> {
  if (!(await postgresReachable())) return;
  const sections: string[] = [];
  let postgres = '';
  if (PHASES.has('live')) {
    for (const count of LIVE_DESKS) {
      const live = await liveRun(count);
      postgres = live.postgres;
      sections.push(liveReport(count, live.rows, live.health));
      console.log(`\n${sections.at(-1)}\n`);
    }
  }
  if (PHASES.has('push') || PHASES.has('pull')) {
    const run = await pushAndPullRun();
    postgres = run.postgres;
    sections.push(...run.sections);
  }
  const server = process.env.BENCH_SERVER_DIR ? `server from ${SERVER_DIR}` : 'server from this tree';
  const summary =
    `Desks and server over HTTP on 127.0.0.1, the server in its own process (${server}), pool ${POOL}. ` +
    (PHASES.has('live')
      ? `Live: every desk the real sync engine on the live channel, ${OBSERVERS} of them applying every change; one create change per case; ` +
        `spread: 1–3 cases per push, ${LIVE_SECONDS} s, exponential think time of mean ${LIVE_INTERVAL_MS} ms per desk; bursts: ${BURSTS} rounds of every desk pushing one case at once, ${BURST_GAP_MS} ms apart once all was seen (or after ${SETTLE_MS / 1000} s); ` +
        'visible: from the push starting on one desk until an observer desk applied it; loadavg: 1-minute load when the row was measured.'
      : '');
  const text = sections.join('\n\n');
  console.log(`\n${summary}\n\n${text}\n`);
  if (process.env.BENCH_NO_RESULTS === '1') return;
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  appendFileSync(RESULTS, `\n## Sync server (issues 6, 15) (bench/syncServer.bench.ts), ${when} UTC\n\nMachine: ${machine()}; ${postgres}.\n\n${summary}\n\n${text}\n`);
  console.log(`appended to ${RESULTS}`);
}

if (process.argv.includes('--server-child')) await serverChild();
else await run();
