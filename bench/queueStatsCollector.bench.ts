/**
 * The queue statistics collector under a large center's traffic (issue 16), on PostgreSQL.
 *
 * The PBX simulator in a process of its own (real TCP AMI): BENCH_AGENTS (500) agents, all in
 * alo153 and the first 50 also in geri-bildirim; Poisson arrivals of BENCH_RATE (10) calls/s, 95 %
 * to alo153 and 5 % to geri-bildirim, log-normal talk (mean 38 s, sd 20 s: ~380 calls in
 * progress), patience exponential (mean 60 s) and a queue timeout of 180 s, so some callers
 * abandon and a few time out; agents answer after 1.5 s, 5 of them never (ring-no-answers); agents
 * take pauses (Yemek, Çay, Eğitim, Toplantı) at 0.15 a second, of 3 minutes on average. The
 * arrivals are the simulator's placeCall driven from its process after the collector is live (the
 * simulator's own Poisson load would start before anyone listens), seeded: the same calls every run.
 *
 * This process runs the collector alone (server/queueStats/collector.ts, its own AMI session with
 * collectorFilters(), the desk's reducer and the ledger, batches every 200 ms) on a throwaway
 * PostgreSQL database migrated as the server does. Two more processes read the same AMI stream
 * with the same filters at the same time, the baselines:
 *   - reducer alone: the desk's AMI client, typed events and reducer (what a desk runs), no database;
 *   - reducer + ledger: the collector's code path up to its facts, no database.
 * BENCH_WARMUP_SECONDS (60) after the first call, then BENCH_MINUTES (2) measured:
 *   - lag from an event's arrival at the collector to the commit of the facts it gave, per fact
 *     (collector.onCommitted), p50/p95/p99/max; target p99 ≤ 1 s;
 *   - CPU of each process as a share of one core (process.cpuUsage over wall time), and of the
 *     PostgreSQL backends of the bench's database (utime + stime from /proc/<pid>/stat, pids from
 *     pg_stat_activity: the cluster's WAL writer and checkpointer are shared and not counted);
 *   - events a second the collector received;
 *   - loadavg beside it all.
 * Then the load stops; once no caller waits, every call the simulator placed must be one
 * queue_calls row, no row may be left waiting (outcome NULL), and the quarter-hour rollups must
 * add up to the rows.
 *
 *   npm run bench:queue-collector
 *   BENCH_MINUTES=1 BENCH_WARMUP_SECONDS=30 BENCH_NO_RESULTS=1 npm run bench:queue-collector   # quick
 *   BENCH_POSTGRES_URL  admin connection (default TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres)
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createAmiClient } from '../telephony/ami/amiClient.js';
import type { AmiFrame } from '../telephony/ami/amiFrame.js';
import { parseQueueEvent } from '../telephony/queueMetrics/queueEvents.js';
import { createQueueLedger } from '../telephony/queueMetrics/queueLedger.js';
import { applyChannels, createQueueMetricsState, reduceQueueMetrics, resync } from '../telephony/queueMetrics/reduceQueueMetrics.js';
import { startPbxSimulator, type SimAgent, type SimQueueConfig } from '../telephony/simulator/pbxSimulator.js';
import { seededRandom, talkTimeSampler } from '../telephony/simulator/simRandom.js';
import { migrate } from '../server/db/migrate.js';
import { openPostgres } from '../server/db/postgresClient.js';
import { collectorFilters, startQueueCollector } from '../server/queueStats/collector.js';
import { cpuMsSince, figures, forkBench, intFromEnv, load1, machine, memory, numberFromEnv, postgresReachable, postgresVersion, sleep, withThrowawayDatabase, type BenchChild, type Figures } from './benchSupport.js';

const AGENTS = intFromEnv('BENCH_AGENTS', 500);
const FEEDBACK_AGENTS = Math.min(AGENTS, 50);
const RATE = numberFromEnv('BENCH_RATE', 10);
const FEEDBACK_SHARE = 0.05;
const MINUTES = numberFromEnv('BENCH_MINUTES', 2);
const WARMUP_SECONDS = numberFromEnv('BENCH_WARMUP_SECONDS', 60);
const TALK = { distribution: 'lognormal', meanMs: 38_000, sdMs: 20_000 } as const;
const PATIENCE_MEAN_MS = 60_000;
const MAX_WAIT_MS = 180_000;
const NEVER_ANSWER = 5;
const PAUSES_PER_SECOND = 0.15;
const PAUSE_MEAN_MS = 180_000;
const REASONS = ['Yemek', 'Çay', 'Eğitim', 'Toplantı'];
const TARGET_P99_MS = 1000;
const USER = 'stats';
const SECRET = 'bench-secret';
const SEED = 153;
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

const FIRST = ['Ayşe', 'Mehmet', 'Şule', 'Çağlar', 'Işıl', 'İsmail', 'Gülşen', 'Ömer', 'Zeynep', 'Ümit', 'Ceren', 'Oğuz', 'Derya', 'Hakan', 'Elif', 'Burak'];
const LAST = ['Yılmaz', 'Demir', 'Kaya', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Koç', 'Kurt', 'Özdemir', 'Erdoğan', 'Ünal', 'Işık'];
const agents: SimAgent[] = Array.from({ length: AGENTS }, (_, i) => ({
  interface: `Local/${2000 + i}@sim-agent/n`,
  name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
  stateInterface: `Custom:${2000 + i}`,
  // A few agents walked away without pausing: their phones ring out (RingNoAnswer).
  ...(i % Math.floor(AGENTS / NEVER_ANSWER) === 7 ? { answerAfterMs: null } : {}),
}));
const callers = Array.from({ length: 5000 }, (_, i) => ({ number: `905${String(300_000_000 + i * 7919).slice(-9)}`, name: i % 5 === 0 ? null : `Vatandaş ${i + 1}` }));
const member = (agent: SimAgent) => ({ ...agent, membership: 'static' as const, penalty: 0 });
const queues: SimQueueConfig[] = [
  { name: 'alo153', strategy: 'rrmemory', serviceLevel: 20, members: agents.map(member) },
  { name: 'geri-bildirim', strategy: 'rrmemory', serviceLevel: 30, members: agents.slice(0, FEEDBACK_AGENTS).map(member) },
];

// -- the simulator, in its own process -----------------------------------------------------------

interface Placed {
  placed: Record<string, number>;
}

async function simulatorChild(): Promise<void> {
  const sim = await startPbxSimulator({ username: USER, secret: SECRET, agents, callers, callIntervalMs: 0, autoAnswerMs: 1_500, talkTimeMs: TALK.meanMs, queues, seed: SEED });
  const random = seededRandom(SEED);
  const talk = talkTimeSampler(TALK, random);
  const placed: Record<string, number> = Object.fromEntries(queues.map((q) => [q.name, 0]));
  const paused = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let running = false;
  let next = 0;
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const arrival = () => {
    if (!running) return;
    const queue = random.next() < FEEDBACK_SHARE ? 'geri-bildirim' : 'alo153';
    sim.placeCall(callers[next++ % callers.length], { queue, patienceMs: random.exponential(PATIENCE_MEAN_MS), maxWaitMs: MAX_WAIT_MS, talkTimeMs: talk() });
    placed[queue]!++;
    later(random.exponential(1000 / RATE), arrival);
  };
  const pause = () => {
    if (!running) return;
    const agent = agents[Math.floor(random.next() * agents.length)]!;
    if (!paused.has(agent.interface)) {
      paused.add(agent.interface);
      sim.pauseMember(agent.interface, true, { reason: REASONS[Math.floor(random.next() * REASONS.length)]! });
      later(random.exponential(PAUSE_MEAN_MS), () => {
        paused.delete(agent.interface);
        sim.pauseMember(agent.interface, false);
      });
    }
    later(random.exponential(1000 / PAUSES_PER_SECOND), pause);
  };
  let mark = process.cpuUsage();
  process.on('message', (message: unknown) => {
    switch (message) {
      case 'go':
        running = true;
        arrival();
        pause();
        process.send!('going');
        break;
      case 'end':
        // No more callers or pauses; pauses under way end as planned.
        running = false;
        process.send!({ placed } satisfies Placed);
        break;
      case 'status': {
        const views = sim.status();
        const talking = new Set(views.flatMap((v) => v.members.filter((m) => m.status === 2).map((m) => m.interface)));
        process.send!({ waiting: views.reduce((n, v) => n + v.entries.length, 0), talking: talking.size });
        break;
      }
      case 'cpu':
        process.send!({ cpuMs: cpuMsSince(mark) });
        mark = process.cpuUsage();
        break;
      case 'stop':
        running = false;
        for (const timer of timers) clearTimeout(timer);
        void sim.stop().then(() => process.exit(0));
        break;
    }
  });
  process.send!({ port: sim.port });
}

// -- the baselines, each in its own process ------------------------------------------------------

/** The collector's code path without the database: the reducer alone, or the reducer and the ledger. */
async function consumerChild(mode: 'reducer' | 'ledger', port: number): Promise<void> {
  const client = createAmiClient({ host: '127.0.0.1', port, username: USER, secret: SECRET, filters: collectorFilters() });
  const ledger = mode === 'ledger' ? createQueueLedger() : null;
  let state = createQueueMetricsState(Date.now());
  let events = 0;
  let facts = 0;
  client.onEvent((frame: AmiFrame) => {
    events++;
    const at = Date.now();
    const event = parseQueueEvent(frame);
    const next = event === null ? state : reduceQueueMetrics(state, event, at);
    if (ledger !== null) facts += ledger.step(state, next, event, event === null ? frame : null, at).length;
    state = next;
  });
  client.onResync((r) => {
    const listed = resync(state, r.queueStatus, r.at);
    state = r.channels === null ? listed : applyChannels(listed, r.channels, r.at);
    if (ledger !== null) facts += ledger.resynced(state, r.at).length;
  });
  const tick = setInterval(() => {
    if (ledger !== null) facts += ledger.tick(state, Date.now()).length;
  }, 1000);
  client.start();
  let mark = process.cpuUsage();
  process.on('message', (message: unknown) => {
    if (message === 'live') process.send!({ live: client.linkState.status === 'connected' });
    if (message === 'mark') {
      mark = process.cpuUsage();
      events = 0;
      facts = 0;
      process.send!('marked');
    }
    if (message === 'cpu') process.send!({ cpuMs: cpuMsSince(mark), events, facts });
    if (message === 'stop') {
      clearInterval(tick);
      void client.stop().then(() => process.exit(0));
    }
  });
  process.send!('ready');
}

// -- PostgreSQL backends' CPU --------------------------------------------------------------------

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of each backend of `database`, ms. */
async function backendCpu(admin: pg.Client, database: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
    } catch {
      // Gone, or another machine's PostgreSQL: not counted.
    }
  }
  return cpu;
}

const usedSince = (before: Map<number, number>, after: Map<number, number>) => [...after].reduce((ms, [pid, now]) => ms + now - (before.get(pid) ?? 0), 0);

// -- the run -------------------------------------------------------------------------------------

interface Result {
  lag: Figures;
  seconds: number;
  events: number;
  facts: number;
  batches: number;
  cpu: { collector: number; reducer: number; ledger: number; simulator: number; postgres: number | null };
  baselineEvents: { reducer: number; ledger: number; ledgerFacts: number };
  load: { start: number; end: number; min: number; max: number; mean: number };
  checks: Array<{ what: string; ok: boolean; detail: string }>;
  outcomes: Record<string, number>;
  placed: Record<string, number>;
  status: { droppedFacts: number; queuedFacts: number };
}

async function measure(url: string, database: string, sim: BenchChild, port: number): Promise<Result> {
  const db = openPostgres(url);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const baselines: BenchChild[] = [];
  try {
    await migrate(db);
    const pbx = { name: `127.0.0.1:${port}`, host: '127.0.0.1', port, username: USER, secret: SECRET };
    // The collector's own client, made as it makes it, so this process can count what it receives.
    const client = createAmiClient({ host: pbx.host, port: pbx.port, username: USER, secret: SECRET, filters: collectorFilters(), log: (line) => console.log(`  collector: ${line}`) });
    let events = 0;
    client.onEvent(() => void events++);
    const collector = await startQueueCollector({ db, pbx, client, log: (line) => console.log(`  ${line}`) });
    let measuring = false;
    let lags: number[] = [];
    let facts = 0;
    let batches = 0;
    collector.onCommitted((arrivals, committedAt) => {
      if (!measuring) return;
      batches++;
      facts += arrivals.length;
      for (const at of arrivals) lags.push(committedAt - at);
    });
    for (const mode of ['reducer', 'ledger'] as const) {
      const child = forkBench(import.meta.url, ['--consumer-child', mode, String(port)]);
      baselines.push(child);
      await child.next();
    }
    const [reducer, ledger] = baselines as [BenchChild, BenchChild];
    for (const deadline = Date.now() + 30_000; ; ) {
      const live = collector.status().live && (await Promise.all(baselines.map((b) => b.ask<{ live: boolean }>('live')))).every((b) => b.live);
      if (live) break;
      if (Date.now() > deadline) throw new Error('the collector and the baselines did not connect within 30 s');
      await sleep(100);
    }

    await sim.ask('go');
    console.log(`calls arriving; ${WARMUP_SECONDS} s warm-up …`);
    await sleep(WARMUP_SECONDS * 1000);
    await Promise.all(baselines.map((b) => b.ask('mark')));
    await sim.ask('cpu');
    const pgBefore = await backendCpu(admin, database);
    const cpuMark = process.cpuUsage();
    events = 0;
    lags = [];
    measuring = true;
    const started = performance.now();
    const loads = [load1()];
    console.log(`measuring for ${MINUTES} min …`);
    while (performance.now() - started < MINUTES * 60_000) {
      await sleep(Math.min(10_000, MINUTES * 60_000 - (performance.now() - started)));
      loads.push(load1());
      const s = collector.status();
      process.stdout.write(`  ${((performance.now() - started) / 1000).toFixed(0)} s: ${events.toLocaleString('en')} events, ${facts.toLocaleString('en')} facts committed, ${s.openCalls} calls open, lag of the last batch ${s.lastLagMs} ms, load ${load1().toFixed(2)}\n`);
    }
    const seconds = (performance.now() - started) / 1000;
    const collectorCpu = cpuMsSince(cpuMark);
    const receivedEvents = events;
    measuring = false;
    const pgAfter = await backendCpu(admin, database);
    const [reducerUse, ledgerUse] = await Promise.all([reducer.ask<{ cpuMs: number; events: number }>('cpu'), ledger.ask<{ cpuMs: number; events: number; facts: number }>('cpu')]);
    const { cpuMs: simCpu } = await sim.ask<{ cpuMs: number }>('cpu');
    const lag = figures(lags);

    // The load stops; the callers still waiting are answered or give up, then the rows must agree.
    const { placed } = await sim.ask<Placed>('end');
    console.log('load stopped; waiting for the queues to empty …');
    let status = await sim.ask<{ waiting: number; talking: number }>('status');
    for (const deadline = Date.now() + MAX_WAIT_MS + 20_000; status.waiting > 0 && Date.now() < deadline; ) {
      await sleep(500);
      status = await sim.ask('status');
    }
    await sleep(1500);
    await collector.flush();
    const q = async (sql: string) => Number((await admin.query<{ n: string }>(sql)).rows[0]!.n);
    const rows = await q('SELECT count(*) AS n FROM queue_calls');
    const waitingRows = await q('SELECT count(*) AS n FROM queue_calls WHERE outcome IS NULL');
    const talkingRows = await q("SELECT count(*) AS n FROM queue_calls WHERE outcome = 'answered' AND completed_at IS NULL");
    const offered = await q('SELECT coalesce(sum(offered), 0) AS n FROM queue_stats_15m');
    const leftRows = await q("SELECT count(*) AS n FROM queue_calls WHERE outcome IN ('answered', 'abandoned', 'timedOut', 'leftEmpty')");
    const leftRollup = await q('SELECT coalesce(sum(answered + abandoned + timed_out), 0) AS n FROM queue_stats_15m');
    const outcomes = Object.fromEntries((await admin.query<{ outcome: string | null; n: string }>('SELECT outcome, count(*) AS n FROM queue_calls GROUP BY outcome ORDER BY 2 DESC')).rows.map((r) => [r.outcome ?? 'waiting', Number(r.n)]));
    const placedTotal = Object.values(placed).reduce((a, b) => a + b, 0);
    const perQueue = (await admin.query<{ queue: string; n: string }>('SELECT queue, count(*) AS n FROM queue_calls GROUP BY queue')).rows;
    const byQueue = Object.fromEntries(perQueue.map((r) => [r.queue, Number(r.n)]));
    const st = collector.status();
    const checks = [
      { what: 'queue_calls rows = calls placed', ok: rows === placedTotal, detail: `${rows.toLocaleString('en')} rows, ${placedTotal.toLocaleString('en')} placed (${Object.entries(placed).map(([k, v]) => `${k} ${v} placed / ${byQueue[k] ?? 0} rows`).join(', ')})` },
      { what: 'no row left waiting but the callers still waiting', ok: waitingRows === status.waiting, detail: `${waitingRows} rows with outcome NULL, ${status.waiting} callers waiting at the simulator` },
      { what: 'rollups agree with the rows', ok: offered === rows && leftRollup === leftRows, detail: `sum(offered) ${offered.toLocaleString('en')}; answered + abandoned + timed out ${leftRollup.toLocaleString('en')} in the rollups, ${leftRows.toLocaleString('en')} rows` },
      { what: 'answered calls still talking', ok: true, detail: `${talkingRows} rows answered and not completed, ${status.talking} agents on a call at the simulator (not compared: an agent in use may also be ringing)` },
      { what: 'no fact dropped', ok: st.droppedFacts === 0, detail: `${st.droppedFacts} dropped, ${st.queuedFacts} queued at the end` },
    ];
    await collector.stop();
    return {
      lag,
      seconds,
      events: receivedEvents,
      facts,
      batches,
      cpu: {
        collector: collectorCpu / 1000 / seconds,
        reducer: reducerUse.cpuMs / 1000 / seconds,
        ledger: ledgerUse.cpuMs / 1000 / seconds,
        simulator: simCpu / 1000 / seconds,
        postgres: pgBefore.size === 0 && pgAfter.size === 0 ? null : usedSince(pgBefore, pgAfter) / 1000 / seconds,
      },
      baselineEvents: { reducer: reducerUse.events, ledger: ledgerUse.events, ledgerFacts: ledgerUse.facts },
      load: { start: loads[0]!, end: loads.at(-1)!, min: Math.min(...loads), max: Math.max(...loads), mean: loads.reduce((a, b) => a + b, 0) / loads.length },
      checks,
      outcomes,
      placed,
      status: { droppedFacts: st.droppedFacts, queuedFacts: st.queuedFacts },
    };
  } finally {
    await Promise.all(baselines.map((b) => b.stop()));
    await admin.end();
    await db.close();
  }
}

function report(r: Result, postgres: string): string {
  const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const load = `${r.load.mean.toFixed(2)} (${r.load.min.toFixed(2)}–${r.load.max.toFixed(2)})`;
  const share = (v: number) => `${(v * 100).toFixed(1)} %`;
  const verdict = r.lag.p99 <= TARGET_P99_MS ? 'met' : '**missed**';
  return [
    `${postgres}, the shared cluster at :5432, a throwaway database; the collector with its defaults (batches every 200 ms, pool 10).`,
    `Traffic: ${AGENTS} agents (alo153 all, geri-bildirim ${FEEDBACK_AGENTS}), Poisson ${RATE} calls/s (${(FEEDBACK_SHARE * 100).toFixed(0)} % to geri-bildirim), log-normal talk mean ${TALK.meanMs / 1000} s (sd ${TALK.sdMs / 1000} s), patience exponential mean ${PATIENCE_MEAN_MS / 1000} s, queue timeout ${MAX_WAIT_MS / 1000} s, ${NEVER_ANSWER} agents never answering, pauses ${PAUSES_PER_SECOND}/s of ${PAUSE_MEAN_MS / 60_000} min on average; ${WARMUP_SECONDS} s warm-up, then **${MINUTES} min measured** (the issue's figure is 10 min).`,
    `Calls placed from the first call to the end of the load: ${Object.entries(r.placed).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}; outcomes: ${Object.entries(r.outcomes).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}.`,
    '',
    '| measure | value | loadavg 1 min: mean (min–max) | target | |',
    '|---|--:|---|---|---|',
    `| lag, event arrival → commit, per fact: p50 / p95 / p99 / max ms | ${ms(r.lag.p50)} / ${ms(r.lag.p95)} / ${ms(r.lag.p99)} / ${ms(r.lag.max)} (${r.lag.count.toLocaleString('en')} facts in ${r.batches.toLocaleString('en')} batches) | ${load} | p99 ≤ ${TARGET_P99_MS} ms | ${verdict} |`,
    `| events received by the collector | ${(r.events / r.seconds).toFixed(0)}/s (${r.events.toLocaleString('en')} in ${r.seconds.toFixed(0)} s) | ${load} | | |`,
    `| facts committed | ${(r.facts / r.seconds).toFixed(0)}/s | ${load} | | |`,
    `| CPU, collector process (AMI client + reducer + ledger + writes) | ${share(r.cpu.collector)} of a core | ${load} | | |`,
    `| CPU, PostgreSQL backends of the bench's database | ${r.cpu.postgres === null ? 'not readable' : `${share(r.cpu.postgres)} of a core`} | ${load} | | |`,
    `| baseline: CPU, the desk's reducer alone on the same stream (own process) | ${share(r.cpu.reducer)} of a core (${r.baselineEvents.reducer.toLocaleString('en')} events) | ${load} | | |`,
    `| CPU, reducer + ledger, no database (own process) | ${share(r.cpu.ledger)} of a core (${r.baselineEvents.ledger.toLocaleString('en')} events, ${r.baselineEvents.ledgerFacts.toLocaleString('en')} facts) | ${load} | | |`,
    `| collector ÷ reducer alone | ${(r.cpu.collector / r.cpu.reducer).toFixed(1)}× (with the PostgreSQL backends: ${r.cpu.postgres === null ? '–' : `${((r.cpu.collector + r.cpu.postgres) / r.cpu.reducer).toFixed(1)}×`}) | ${load} | | |`,
    `| simulator process (the PBX, not measured against anything) | ${share(r.cpu.simulator)} of a core | ${load} | | |`,
    '',
    'Checks after the load stopped and the queues emptied:',
    '',
    ...r.checks.map((c) => `- ${c.ok ? 'ok' : '**FAILED**'}: ${c.what}: ${c.detail}.`),
  ].join('\n');
}

async function run(): Promise<void> {
  if (!(await postgresReachable())) return;
  const sim = forkBench(import.meta.url, ['--simulator-child']);
  try {
    const { port } = await sim.next<{ port: number }>();
    await withThrowawayDatabase(async (url, name) => {
      const postgres = await postgresVersion(url);
      const result = await measure(url, name, sim, port);
      const markdown = report(result, postgres);
      console.log(JSON.stringify(result, null, 2));
      console.log(`\n${markdown}\n`);
      if (process.env.BENCH_NO_RESULTS === '1') return;
      const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
      appendFileSync(RESULTS, `\n### Queue statistics collector at ${AGENTS} agents (issue 16, bench/queueStatsCollector.bench.ts), ${when} UTC\n\nMachine: ${machine()}, ${memory()}.\n\n${markdown}\n`);
      console.log(`appended to ${RESULTS}`);
    });
  } finally {
    await sim.stop();
  }
}

const consumer = process.argv.indexOf('--consumer-child');
if (process.argv.includes('--simulator-child')) await simulatorChild();
else if (consumer >= 0) await consumerChild(process.argv[consumer + 1] as 'reducer' | 'ledger', Number(process.argv[consumer + 2]));
else await run();
