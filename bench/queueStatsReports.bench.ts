/**
 * Queue statistics reports over a year of a large center (issue 16), on PostgreSQL.
 *
 * A throwaway database, migrated as the server migrates it, filled with SQL (INSERT … SELECT
 * generate_series, seeded with setseed, so every run has the same figures):
 *   - rollups for BENCH_DAYS (365) Istanbul days up to now: queue_stats_15m for 96 quarter hours
 *     × 3 queues (alo153 85 %, geri-bildirim 10 %, bilgi-edinme 5 % of the calls), 110 000 calls a
 *     weekday and 70 000 a weekend day (~36 M a year) shaped by the hour (peaks at 11:00 and
 *     15:00, a floor at night); answered 84–92 %, abandoned 4–10 %, the rest timed out; agent_day
 *     and agent_state_day for BENCH_AGENTS (500) agents every day (6 states and reasons, and 2 more
 *     pause reasons on about a third of the days: 6–8 rows per agent-day);
 *   - the raw tables at the size a month gives them, so the reports' independence of the raw
 *     volume shows: BENCH_RAW_CALLS (3 000 000) queue_calls over the last 30 days (a month of
 *     100 000 calls a day; callers drawn from 6 M numbers, so about one call in ten is a repeat
 *     within a week), and BENCH_INTERVALS (9 000 000) agent_intervals over the same 30 days (an
 *     answered call closes ~3 agent states: ringing, on call, available);
 *   - 12 collector gaps over the year.
 * Then VACUUM ANALYZE (what autovacuum does after a fill like this).
 *
 * Timed, warm, BENCH_RUNS (50) runs each after 3 warm-up runs, in rotating order so the machine's
 * load falls on all alike (a query whose BENCH_RUNS would take over BENCH_BUDGET_SECONDS (150) gets
 * fewer, at least 5, and the table says how many); the report functions themselves (server/queueStats/report.ts) over
 * the server's own PostgreSQL client (prepared statements, pool), without HTTP:
 *   a month by 15 minutes (target p99 ≤ 500 ms), a day by 15 minutes (≤ 100 ms), a month by day,
 *   a quarter by 15 minutes and a year by day (the longest spans report.ts allows), agent stats
 *   for a month, and the case-aware wallboard's figures (caseFigures: repeat calls over
 *   queue_calls, every half minute on team leads' screens) for a full day of calls.
 *   Baselines in the same run: `SELECT 1` and `SELECT count(*) FROM queue_stats_15m` over the month.
 * Also printed: EXPLAIN (ANALYZE, BUFFERS) of every statement the month query and agent stats
 * send (captured from the report functions, so they are the statements the server runs), and the
 * tables' sizes.
 *
 *   npm run bench:queue-reports
 *   BENCH_RAW_CALLS=300000 BENCH_INTERVALS=900000 BENCH_RUNS=10 BENCH_NO_RESULTS=1 npm run bench:queue-reports   # quick
 *   BENCH_POSTGRES_URL  admin connection (default TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres)
 */
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DAY_MS, ISTANBUL_OFFSET_MS } from '../core/istanbulTime.js';
import type { StatsInterval } from '../core/queueStats.js';
import { migrate } from '../server/db/migrate.js';
import { openPostgres } from '../server/db/postgresClient.js';
import type { SqlRunner } from '../server/db/sqlClient.js';
import { caseFigures } from '../server/queueStats/caseFigures.js';
import { agentStats, queueStats } from '../server/queueStats/report.js';
import { figures, intFromEnv, load1, machine, memory, postgresReachable, postgresVersion, withThrowawayDatabase, type Figures } from './benchSupport.js';

const DAYS = intFromEnv('BENCH_DAYS', 365);
const AGENTS = intFromEnv('BENCH_AGENTS', 500);
const RAW_CALLS = intFromEnv('BENCH_RAW_CALLS', 3_000_000);
const INTERVALS = intFromEnv('BENCH_INTERVALS', 9_000_000);
const RUNS = intFromEnv('BENCH_RUNS', 50);
const WARMUP_RUNS = 3;
/** A query slower than this budget allows for RUNS runs gets fewer (at least MIN_RUNS), and the table says how many. */
const BUDGET_SECONDS = intFromEnv('BENCH_BUDGET_SECONDS', 150);
const MIN_RUNS = 5;
const PBX = 'pbx1:5038';
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

// -- the data ------------------------------------------------------------------------------------

/** The Istanbul civil date `days` before today's, as YYYY-MM-DD. */
const istanbulDay = (daysBefore: number) => new Date(Math.floor((Date.now() + ISTANBUL_OFFSET_MS) / DAY_MS) * DAY_MS - daysBefore * DAY_MS).toISOString().slice(0, 10);

const AGENT = (a: string) => `'Local/' || (2000 + ${a}) || '@sim-agent/n'`;

/** Each step: what it writes, and the SQL. Parameters: $1 first day, $2 last day (Istanbul dates). */
function fillSteps(): Array<{ name: string; sql: string }> {
  const days = `generate_series('${istanbulDay(DAYS - 1)}'::date, '${istanbulDay(0)}'::date, interval '1 day')`;
  return [
    {
      name: `queue_stats_15m: ${DAYS} days × 96 quarter hours × 3 queues`,
      sql: `
        INSERT INTO queue_stats_15m (pbx, queue, start, offered, answered, answered_in_sl, answered_wait_sec, abandoned, abandoned_in_sl, abandoned_wait_sec,
                                     timed_out, timed_out_in_sl, timed_out_wait_sec, left_empty, unknown, max_wait_sec, completed, talk_sec, transferred,
                                     ring_no_answers, abandoned_by_wait)
        SELECT '${PBX}', queue, start, o, a, round(a * (0.7 + 0.2 * random())), a * (5 + 20 * random()), b, round(b * 0.4), b * (20 + 50 * random()),
               o - a - b, 0, (o - a - b) * 120.0, round((o - a - b) * 0.1), 0, CASE WHEN o = 0 THEN 0 ELSE 30 + 250 * random() END,
               a, a * (150 + 60 * random()), round(a * 0.03), round(o * 0.05),
               ARRAY[floor(b * 0.3), floor(b * 0.3), floor(b * 0.2), floor(b * 0.1), b - floor(b * 0.3) * 2 - floor(b * 0.2) - floor(b * 0.1)]::integer[]
          FROM (
            SELECT queue, start, o, a, least(o - a, round(o * (0.04 + 0.06 * random()))::int) AS b
              FROM (
                SELECT queue, start, o, round(o * (0.84 + 0.08 * random()))::int AS a
                  FROM (
                    SELECT q.queue, (d::date + quarter * interval '15 minutes') AT TIME ZONE 'Europe/Istanbul' AS start,
                           round(CASE WHEN extract(isodow FROM d) >= 6 THEN 70000 ELSE 110000 END * q.share
                                 * (0.02 + exp(-power(quarter / 4.0 - 11, 2) / 8) + 0.8 * exp(-power(quarter / 4.0 - 15, 2) / 6)) / 35.866
                                 * (0.85 + 0.3 * random()))::int AS o
                      FROM ${days} d
                     CROSS JOIN generate_series(0, 95) quarter
                     CROSS JOIN (VALUES ('alo153', 0.85), ('geri-bildirim', 0.10), ('bilgi-edinme', 0.05)) q(queue, share)
                     ORDER BY 2, 1) offered) answered) abandoned
         WHERE start < now()`,
    },
    {
      name: `agent_day: ${AGENTS} agents × ${DAYS} days`,
      sql: `
        INSERT INTO agent_day (pbx, agent, day, agent_name, answered, completed, talk_sec, ring_no_answers)
        SELECT '${PBX}', ${AGENT('a')}, d, 'Temsilci ' || (a + 1), x, x, x * (150 + 60 * random()), floor(random() * 8)
          FROM (SELECT d::date AS d, a, (120 + floor(random() * 110))::int AS x FROM ${days} d CROSS JOIN generate_series(0, ${AGENTS - 1}) a) s
         ORDER BY d, a`,
    },
    {
      name: `agent_state_day: ${AGENTS} agents × ${DAYS} days × 6–8 states and reasons`,
      sql: `
        INSERT INTO agent_state_day (pbx, agent, day, state, reason, seconds)
        SELECT '${PBX}', agent, d, state, reason, base * (0.7 + 0.6 * random())
          FROM (SELECT d::date AS d, ${AGENT('a')} AS agent, random() AS training, random() AS meeting FROM ${days} d CROSS JOIN generate_series(0, ${AGENTS - 1}) a) s
         CROSS JOIN (VALUES ('available', '', 5400), ('ringing', '', 1200), ('on-call', '', 16000), ('wrap-up', '', 2400),
                            ('paused', 'Yemek', 2700), ('paused', 'Çay', 1200), ('paused', 'Eğitim', 1800), ('paused', 'Toplantı', 1800)) st(state, reason, base)
         -- Drawn per agent-day (a random() here alone would be pushed down to the 8 VALUES rows).
         WHERE reason NOT IN ('Eğitim', 'Toplantı') OR (reason = 'Eğitim' AND training < 0.35) OR (reason = 'Toplantı' AND meeting < 0.35)
         ORDER BY d, agent`,
    },
    {
      name: `queue_calls: ${RAW_CALLS.toLocaleString('en')} calls over the last 30 days`,
      sql: `
        INSERT INTO queue_calls (pbx, queue, uniqueid, linkedid, caller_number, caller_name, entered_at, position, outcome, left_at, wait_sec,
                                 in_service_level, agent, agent_name, ring_no_answers, talk_sec, end_reason, completed_at)
        SELECT '${PBX}', queue, uid, uid, '905' || lpad(num::text, 9, '0'), CASE WHEN num % 5 = 0 THEN '' ELSE 'Vatandaş ' || num END,
               entered, 1 + floor(random() * 20)::int, outcome, entered + wait * interval '1 second', wait, wait < 20,
               CASE WHEN outcome = 'answered' THEN ${AGENT('ag')} END, CASE WHEN outcome = 'answered' THEN 'Temsilci ' || (ag + 1) END,
               CASE WHEN random() < 0.05 THEN 1 ELSE 0 END,
               CASE WHEN outcome = 'answered' THEN talk END, CASE WHEN outcome = 'answered' THEN (ARRAY['caller', 'agent', 'transfer'])[1 + floor(random() * 3)::int] END,
               CASE WHEN outcome = 'answered' THEN entered + (wait + talk) * interval '1 second' END
          FROM (
            SELECT i, (1764000000 + i)::text || '.' || i AS uid,
                   CASE WHEN r < 0.85 THEN 'alo153' WHEN r < 0.95 THEN 'geri-bildirim' ELSE 'bilgi-edinme' END AS queue,
                   floor(random() * 6000000)::int AS num,
                   now() - interval '30 days' * (1 - (i - 1)::float8 / ${RAW_CALLS}) AS entered,
                   CASE WHEN o < 0.88 THEN 'answered' WHEN o < 0.96 THEN 'abandoned' ELSE 'timedOut' END AS outcome,
                   round((random() * random() * 120)::numeric, 1)::float8 AS wait, (60 + floor(random() * 300))::int AS talk,
                   floor(random() * ${AGENTS})::int AS ag
              FROM (SELECT i, random() AS r, random() AS o FROM generate_series(1, ${RAW_CALLS}) i) g) c`,
    },
    {
      name: `agent_intervals: ${INTERVALS.toLocaleString('en')} agent states over the last 30 days`,
      sql: `
        INSERT INTO agent_intervals (pbx, agent, agent_name, state, reason, queue, started_at, ended_at)
        SELECT '${PBX}', ${AGENT('a')}, 'Temsilci ' || (a + 1), state, CASE WHEN state = 'paused' THEN 'Çay' ELSE '' END, NULL, started, started + secs * interval '1 second'
          FROM (
            SELECT floor(random() * ${AGENTS})::int AS a,
                   (ARRAY['ringing', 'on-call', 'available', 'ringing', 'on-call', 'available', 'wrap-up', 'paused'])[1 + (i % 8)] AS state,
                   now() - interval '30 days' * (1 - (i - 1)::float8 / ${INTERVALS}) AS started, (5 + random() * 300) AS secs
              FROM generate_series(1, ${INTERVALS}) i) s`,
    },
    {
      name: 'collector_state: the PBX, collecting for the year',
      sql: `INSERT INTO collector_state (pbx, collecting_since, alive_at) VALUES ('${PBX}', now() - interval '${DAYS} days', now())`,
    },
    {
      name: 'collector_gaps: 12 over the year',
      sql: `
        INSERT INTO collector_gaps (pbx, from_at, to_at, reason)
        SELECT '${PBX}', now() - (k * 30) * interval '1 day', now() - (k * 30) * interval '1 day' + (2 + k) * interval '1 minute', CASE WHEN k % 3 = 0 THEN 'collector-down' ELSE 'link-lost' END
          FROM generate_series(1, 12) k`,
    },
  ];
}

interface Fill {
  name: string;
  seconds: number;
  rows: number;
}

async function fill(url: string): Promise<Fill[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const done: Fill[] = [];
  try {
    // A bulk load: nothing here needs to survive a crash.
    await client.query("SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SELECT setseed(0.153)");
    for (const step of fillSteps()) {
      const t0 = performance.now();
      const result = await client.query(step.sql);
      done.push({ name: step.name, seconds: (performance.now() - t0) / 1000, rows: result.rowCount ?? 0 });
      console.log(`  ${step.name}: ${(result.rowCount ?? 0).toLocaleString('en')} rows in ${done.at(-1)!.seconds.toFixed(1)} s`);
    }
    const t0 = performance.now();
    await client.query('VACUUM ANALYZE');
    done.push({ name: 'VACUUM ANALYZE', seconds: (performance.now() - t0) / 1000, rows: 0 });
  } finally {
    await client.end();
  }
  return done;
}

// -- the queries ---------------------------------------------------------------------------------

interface Query {
  name: string;
  target: number | null;
  run(db: SqlRunner): Promise<number>;
}

function queries(): Query[] {
  const month = { from: istanbulDay(30), to: istanbulDay(1) };
  const day = istanbulDay(1);
  const monthStart = new Date(Date.parse(`${month.from}T00:00:00Z`) - ISTANBUL_OFFSET_MS).toISOString();
  const monthEnd = new Date(Date.parse(`${istanbulDay(0)}T00:00:00Z`) - ISTANBUL_OFFSET_MS).toISOString();
  // The end of yesterday in Istanbul: the case-aware wallboard's "today" is then a whole day of calls.
  const endOfYesterday = new Date(Date.parse(`${istanbulDay(0)}T00:00:00Z`) - ISTANBUL_OFFSET_MS - 1000);
  const stats = (from: string, to: string, interval: StatsInterval) => async (db: SqlRunner) => (await queueStats(db, { from, to, interval })).rows.length;
  return [
    { name: 'baseline: SELECT 1', target: null, run: async (db) => (await db.query('SELECT 1')).length },
    {
      name: `baseline: SELECT count(*) FROM queue_stats_15m over the month`,
      target: null,
      run: async (db) => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM queue_stats_15m WHERE start >= $1 AND start < $2', [monthStart, monthEnd]))[0]!.n),
    },
    { name: `queueStats: a month (${month.from} … ${month.to}) by 15 minutes`, target: 500, run: stats(month.from, month.to, '15') },
    { name: `queueStats: a day (${day}) by 15 minutes`, target: 100, run: stats(day, day, '15') },
    { name: 'queueStats: the month by day', target: null, run: stats(month.from, month.to, 'day') },
    { name: 'queueStats: the month by hour', target: null, run: stats(month.from, month.to, '60') },
    { name: 'queueStats: a quarter (92 days) by 15 minutes, the longest it allows', target: null, run: stats(istanbulDay(92), istanbulDay(1), '15') },
    { name: 'queueStats: a year (365 days) by day', target: null, run: stats(istanbulDay(365), istanbulDay(1), 'day') },
    { name: 'agentStats: the month', target: null, run: async (db) => (await agentStats(db, month)).agents.length },
    { name: 'agentStats: a day', target: null, run: async (db) => (await agentStats(db, { from: day, to: day })).agents.length },
    {
      name: 'caseFigures (case-aware wallboard, every 30 s): repeat calls over a whole day of queue_calls',
      target: null,
      run: async (db) => (await caseFigures(db, endOfYesterday)).repeatCalls?.calls ?? 0,
    },
  ];
}

interface Timed extends Figures {
  query: Query;
  rows: number;
  loads: number[];
}

async function time(db: SqlRunner, list: readonly Query[]): Promise<Timed[]> {
  const samples = list.map(() => [] as number[]);
  const loads = list.map(() => [] as number[]);
  const rows = list.map(() => 0);
  const warm = list.map(() => [] as number[]);
  const once = async (i: number) => {
    const t0 = performance.now();
    rows[i] = await list[i]!.run(db);
    return performance.now() - t0;
  };
  for (let round = 0; round < WARMUP_RUNS; round++) for (let k = 0; k < list.length; k++) warm[(k + round) % list.length]!.push(await once((k + round) % list.length));
  const runs = warm.map((w) => Math.min(RUNS, Math.max(MIN_RUNS, Math.floor((BUDGET_SECONDS * 1000) / figures(w).p50))));
  for (let round = 0; round < RUNS; round++) {
    for (let k = 0; k < list.length; k++) {
      // Rotating order: no query always runs right after the same one.
      const i = (k + round) % list.length;
      if (samples[i]!.length >= runs[i]!) continue;
      samples[i]!.push(await once(i));
      loads[i]!.push(load1());
    }
    if ((round + 1) % 10 === 0) console.log(`  ${round + 1} of ${RUNS} rounds`);
  }
  return list.map((query, i) => ({ query, rows: rows[i]!, loads: loads[i]!, ...figures(samples[i]!) }));
}

// -- plans and sizes -------------------------------------------------------------------------------

/** A runner that writes down every statement it is given, with its parameters. */
function recording(db: SqlRunner, log: Array<{ sql: string; params: readonly unknown[] }>): SqlRunner {
  return {
    query: (sql, params = []) => {
      log.push({ sql, params });
      return db.query(sql, params);
    },
    exec: (sql) => db.exec(sql),
  };
}

interface Plan {
  title: string;
  lines: string[];
  executionMs: number;
}

async function explain(db: SqlRunner, url: string, label: string, call: (db: SqlRunner) => Promise<unknown>): Promise<Plan[]> {
  const log: Array<{ sql: string; params: readonly unknown[] }> = [];
  await call(recording(db, log));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const plans: Plan[] = [];
  try {
    for (const [n, statement] of log.entries()) {
      const result = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, [...statement.params]);
      const lines = result.rows.map((r) => `    ${r['QUERY PLAN']}`);
      const execution = /Execution Time: ([\d.]+) ms/.exec(lines.at(-1) ?? '');
      plans.push({
        title: `${label}, statement ${n + 1} of ${log.length}: ${statement.sql.replace(/\s+/g, ' ').trim().slice(0, 160)}…`,
        lines,
        executionMs: execution ? Number(execution[1]) : NaN,
      });
    }
  } finally {
    await client.end();
  }
  return plans;
}

const planText = (plans: readonly Plan[]) => plans.flatMap((p) => [p.title, ...p.lines]).join('\n');

async function sizes(url: string): Promise<Array<{ table: string; rows: number; total: string; indexes: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = ['queue_stats_15m', 'agent_day', 'agent_state_day', 'queue_calls', 'agent_intervals'];
    const out = [];
    for (const table of tables) {
      const [row] = (
        await client.query<{ rows: string; total: string; indexes: string }>(
          `SELECT (SELECT count(*) FROM ${table})::text AS rows, pg_size_pretty(pg_total_relation_size($1)) AS total, pg_size_pretty(pg_indexes_size($1)) AS indexes`,
          [table],
        )
      ).rows;
      out.push({ table, rows: Number(row!.rows), total: row!.total, indexes: row!.indexes });
    }
    return out;
  } finally {
    await client.end();
  }
}

// -- report --------------------------------------------------------------------------------------

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

function table(timed: readonly Timed[]): string {
  const one = timed[0]!;
  const countRow = timed[1]!;
  return [
    '| query | rows answered | runs | p50 ms | p95 ms | p99 ms | max ms | p50 ÷ SELECT 1 | p50 ÷ count(*) month | loadavg 1 min: mean (min–max) | target p99 | |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|---|',
    ...timed.map((t) => {
      const mean = t.loads.reduce((a, b) => a + b, 0) / t.loads.length;
      const verdict = t.query.target === null ? '' : t.p99 <= t.query.target ? 'ok' : '**over**';
      return (
        `| ${t.query.name} | ${t.rows.toLocaleString('en')} | ${t.count} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.p99)} | ${ms(t.max)} | ${(t.p50 / one.p50).toFixed(1)}× | ${(t.p50 / countRow.p50).toFixed(1)}× | ` +
        `${mean.toFixed(2)} (${Math.min(...t.loads).toFixed(2)}–${Math.max(...t.loads).toFixed(2)}) | ${t.query.target === null ? '' : `≤ ${t.query.target}`} | ${verdict} |`
      );
    }),
  ].join('\n');
}

async function run(): Promise<void> {
  if (!(await postgresReachable())) return;
  await withThrowawayDatabase(async (url) => {
    const db = openPostgres(url, 4);
    try {
      await migrate(db);
      const version = await postgresVersion(url);
      const settings = await db.query<{ name: string; setting: string; unit: string | null }>(
        "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit')",
      );
      console.log(`filling ${DAYS} days of rollups for ${AGENTS} agents, ${RAW_CALLS.toLocaleString('en')} calls and ${INTERVALS.toLocaleString('en')} agent states …`);
      const filled = await fill(url);
      const tableSizes = await sizes(url);
      const month = { from: istanbulDay(30), to: istanbulDay(1) };
      // The month's statement as report.ts sends it, to time the database and driver without the report's shaping.
      const log: Array<{ sql: string; params: readonly unknown[] }> = [];
      await queueStats(recording(db, log), { ...month, interval: '15' });
      const list = queries();
      list.splice(3, 0, { name: '… its SQL alone (db.query of the same statement: PostgreSQL and the driver, no shaping)', target: null, run: async (r) => (await r.query(log[0]!.sql, log[0]!.params)).length });
      console.log(`timing ${RUNS} runs of each query after ${WARMUP_RUNS} warm-up runs …`);
      const timed = await time(db, list);
      const monthPlans = await explain(db, url, 'queueStats month by 15 minutes', (r) => queueStats(r, { ...month, interval: '15' }));
      const agentPlans = await explain(db, url, 'agentStats month', (r) => agentStats(r, month));
      const plans = [...monthPlans, ...agentPlans];
      // RESULTS gets the month's sums and agent stats' slowest statement; stdout has them all.
      const slowestAgent = agentPlans.reduce((a, b) => (b.executionMs > a.executionMs ? b : a));
      const planSummary = `Execution times in PostgreSQL (EXPLAIN ANALYZE): ${plans.map((p) => `${p.title.slice(0, p.title.indexOf(':'))} ${p.executionMs.toFixed(1)} ms`).join('; ')}.`;

      const summary = {
        postgres: version,
        settings: Object.fromEntries(settings.map((s) => [s.name, `${s.setting}${s.unit ?? ''}`])),
        fill: filled,
        tables: tableSizes,
        queries: timed.map((t) => ({ name: t.query.name, rows: t.rows, count: t.count, p50: t.p50, p95: t.p95, p99: t.p99, max: t.max, target: t.query.target, load: t.loads })),
      };
      console.log(JSON.stringify({ ...summary, queries: summary.queries.map((q) => ({ ...q, load: undefined })) }, null, 2));
      const markdown = [
        `${version} (${settings.map((s) => `${s.name} ${s.setting}${s.unit ?? ''}`).join(', ')}), the shared cluster at :5432, the database a throwaway one.`,
        `Generated: ${DAYS} days of rollups up to now and ${AGENTS} agents; the raw tables at a month's size. ${filled.map((f) => `${f.name}${f.rows ? ` (${f.rows.toLocaleString('en')} rows)` : ''} ${f.seconds.toFixed(0)} s`).join('; ')}.`,
        '',
        '| table | rows | size with indexes | of it indexes |',
        '|---|--:|--:|--:|',
        ...tableSizes.map((s) => `| ${s.table} | ${s.rows.toLocaleString('en')} | ${s.total} | ${s.indexes} |`),
        '',
        `The report functions of server/queueStats/report.ts (and caseFigures) over the server's PostgreSQL client, no HTTP; ${RUNS} warm runs each after ${WARMUP_RUNS} warm-up runs (fewer, as the runs column says, where ${RUNS} would take over ${BUDGET_SECONDS} s), in rotating order; loadavg sampled after every run.`,
        '',
        table(timed),
      ].join('\n');
      console.log(`\n${markdown}\n\n${planText(plans)}\n\n${planSummary}\n`);
      if (process.env.BENCH_NO_RESULTS === '1') return;
      const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
      appendFileSync(
        RESULTS,
        `\n### Queue statistics reports over a year (issue 16, bench/queueStatsReports.bench.ts), ${when} UTC\n\nMachine: ${machine()}, ${memory()}.\n\n${markdown}\n\n` +
          `${planSummary}\n\nEXPLAIN (ANALYZE, BUFFERS) as this run gave them (statements captured from the report functions; the month's sums and agent stats' slowest):\n\n\`\`\`\n${planText([monthPlans[0]!, slowestAgent])}\n\`\`\`\n`,
      );
      console.log(`appended to ${RESULTS}`);
    } finally {
      await db.close();
    }
  });
}

await run();
