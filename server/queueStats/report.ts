import { z } from 'zod';
import { csvDocument, decimal, type CsvCell } from '../../core/csv.js';
import { DAY_MS, ISTANBUL_OFFSET_MS } from '../../core/istanbulTime.js';
import {
  StatsDate,
  StatsInterval,
  type AgentStatsReport,
  type AgentStatsRow,
  type CollectorGap,
  type QueueStatsReport,
  type QueueStatsRow,
} from '../../core/queueStats.js';
import type { CallTally } from '../../telephony/queueMetrics/callTally.js';
import { figuresOf } from '../../telephony/queueMetrics/selectors.js';
import { isoInstant, type SqlRunner } from '../db/sqlClient.js';

// The reports read the rollups only (migration 0010 says why), and compute every ratio with the
// desk's own figuresOf over the same sums the desk's reducer keeps: a day here and the desk's
// "today" tile are one definition.

/** Longest span per request: a quarter by 15-minute intervals, a year by days. */
const MAX_DAYS = { '15': 92, '30': 92, '60': 92, day: 366 } as const;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

export const QueueStatsQuery = z
  .object({
    from: StatsDate,
    to: StatsDate,
    interval: StatsInterval.default('60'),
    queue: z.string().min(1).max(80).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => dayNumber(q.from) <= dayNumber(q.to), { message: 'range.reversed', path: ['to'] })
  .refine((q) => dayNumber(q.to) - dayNumber(q.from) < MAX_DAYS[q.interval], { message: 'range.tooLong', path: ['to'] });
export type QueueStatsQuery = z.infer<typeof QueueStatsQuery>;

export const AgentStatsQuery = z
  .object({ from: StatsDate, to: StatsDate, format: z.enum(['json', 'csv']).default('json') })
  .refine((q) => dayNumber(q.from) <= dayNumber(q.to), { message: 'range.reversed', path: ['to'] })
  .refine((q) => dayNumber(q.to) - dayNumber(q.from) < MAX_DAYS.day, { message: 'range.tooLong', path: ['to'] });
export type AgentStatsQuery = z.infer<typeof AgentStatsQuery>;

/** The instants of Istanbul's midnight starting `from` and ending `to` (inclusive days). */
export function rangeBounds(from: string, to: string): { start: Date; end: Date } {
  return { start: new Date(dayNumber(from) * DAY_MS - ISTANBUL_OFFSET_MS), end: new Date((dayNumber(to) + 1) * DAY_MS - ISTANBUL_OFFSET_MS) };
}

interface Sums {
  queue: string;
  bucket: string | null;
  offered: number;
  answered: number;
  answered_in_sl: number;
  answered_wait_sec: number;
  abandoned: number;
  abandoned_in_sl: number;
  abandoned_wait_sec: number;
  timed_out: number;
  timed_out_in_sl: number;
  timed_out_wait_sec: number;
  left_empty: number;
  unknown: number;
  max_wait_sec: number;
  completed: number;
  talk_sec: number;
  transferred: number;
  ring_no_answers: number;
  by_wait: number[];
}

/** The rollup columns a CallTally is made of (rollupTally). */
export const TALLY_COLUMNS = [
  'answered',
  'answered_in_sl',
  'answered_wait_sec',
  'abandoned',
  'abandoned_in_sl',
  'abandoned_wait_sec',
  'timed_out',
  'timed_out_in_sl',
  'timed_out_wait_sec',
  'completed',
  'talk_sec',
] as const;

/** Every rollup column a report sums. */
const SUMMED = [...TALLY_COLUMNS, 'offered', 'left_empty', 'unknown', 'transferred', 'ring_no_answers'] as const;

/** An interval's first instant as SQL: quarter hours are stored; longer intervals are sums of them. */
function bucketSql(interval: StatsInterval): string {
  if (interval === '15') return 'start';
  const seconds = interval === 'day' ? 86_400 : Number(interval) * 60;
  const shift = ISTANBUL_OFFSET_MS / 1000;
  return `to_timestamp(floor((extract(epoch FROM start) + ${shift}) / ${seconds}) * ${seconds} - ${shift})`;
}

/** A queue's quarter-hour sums as the reducer's CallTally: the desk's figuresOf then computes every ratio. */
export function rollupTally(s: Pick<Sums, (typeof TALLY_COLUMNS)[number]>): CallTally {
  return {
    answered: s.answered,
    answeredInSl: s.answered_in_sl,
    answeredWaitSec: s.answered_wait_sec,
    abandoned: s.abandoned,
    abandonedInSl: s.abandoned_in_sl,
    abandonedWaitSec: s.abandoned_wait_sec,
    timedOut: s.timed_out,
    timedOutInSl: s.timed_out_in_sl,
    timedOutWaitSec: s.timed_out_wait_sec,
    completed: s.completed,
    talkSec: s.talk_sec,
  };
}

function toRow(s: Sums): QueueStatsRow {
  const f = figuresOf(rollupTally(s));
  const left = s.answered + s.abandoned + s.timed_out;
  return {
    queue: s.queue,
    ...(s.bucket === null ? {} : { start: isoInstant(s.bucket) }),
    offered: s.offered,
    answered: s.answered,
    abandoned: s.abandoned,
    timedOut: s.timed_out,
    leftEmpty: s.left_empty,
    unknown: s.unknown,
    asaSec: f.asaSec,
    avgWaitAllSec: f.avgWaitAllSec,
    maxWaitSec: left === 0 ? null : Math.round(s.max_wait_sec * 10) / 10,
    avgTalkSec: f.avgTalkSec,
    serviceLevelPct: f.serviceLevelPct,
    serviceLevel2Pct: f.serviceLevel2Pct,
    abandonRatePct: f.abandonRatePct,
    transferred: s.transferred,
    ringNoAnswers: s.ring_no_answers,
    abandonedByWait: s.by_wait,
  };
}

function addSums(a: Sums, b: Sums): Sums {
  const sum = { ...a };
  for (const key of SUMMED) sum[key] = a[key] + b[key];
  sum.max_wait_sec = Math.max(a.max_wait_sec, b.max_wait_sec);
  sum.by_wait = a.by_wait.map((n, i) => n + (b.by_wait[i] ?? 0));
  return sum;
}

async function gapsIn(db: SqlRunner, start: Date, end: Date): Promise<CollectorGap[]> {
  const rows = await db.query<{ pbx: string; from_at: unknown; to_at: unknown; reason: CollectorGap['reason'] }>(
    `SELECT pbx, from_at, to_at, reason FROM collector_gaps WHERE from_at < $2 AND (to_at IS NULL OR to_at > $1) ORDER BY from_at, pbx`,
    [start.toISOString(), end.toISOString()],
  );
  return rows.map((r) => ({ pbx: r.pbx, from: isoInstant(r.from_at), to: r.to_at === null ? null : isoInstant(r.to_at), reason: r.reason }));
}

export async function queueStats(db: SqlRunner, query: Omit<QueueStatsQuery, 'format'>): Promise<QueueStatsReport> {
  const { start, end } = rangeBounds(query.from, query.to);
  const params: unknown[] = [start.toISOString(), end.toISOString()];
  if (query.queue !== undefined) params.push(query.queue);
  const sums = await db.query<Record<string, unknown>>(
    `SELECT queue, ${bucketSql(query.interval)} AS bucket,
            ${SUMMED.map((c) => `sum(${c})::float8 AS ${c}`).join(', ')},
            max(max_wait_sec)::float8 AS max_wait_sec,
            ${[1, 2, 3, 4, 5].map((i) => `sum(abandoned_by_wait[${i}])::int AS w${i}`).join(', ')}
       FROM queue_stats_15m
      WHERE start >= $1 AND start < $2 ${query.queue !== undefined ? 'AND queue = $3' : ''}
      GROUP BY queue, bucket
      ORDER BY bucket, queue`,
    params,
  );
  const rows: Sums[] = sums.map((r) => {
    const s = { queue: String(r.queue), bucket: r.bucket as string, max_wait_sec: Number(r.max_wait_sec), by_wait: [1, 2, 3, 4, 5].map((i) => Number(r[`w${i}`])) } as Sums;
    for (const key of SUMMED) s[key] = Number(r[key]);
    return s;
  });
  const totals = new Map<string, Sums>();
  for (const row of rows) {
    const total = totals.get(row.queue);
    totals.set(row.queue, total === undefined ? { ...row, bucket: null } : addSums(total, row));
  }
  return {
    from: query.from,
    to: query.to,
    interval: query.interval,
    rows: rows.map(toRow),
    totals: [...totals.values()].sort((a, b) => a.queue.localeCompare(b.queue)).map(toRow),
    gaps: await gapsIn(db, start, end),
  };
}

/** Agent intervals not closed yet (the collector's current states), so today's figures include the state an agent is in now. */
export type OpenAgentTime = ReadonlyArray<{ agent: string; agentName: string; state: string; reason: string; from: number }>;

export async function agentStats(db: SqlRunner, query: Omit<AgentStatsQuery, 'format'>, open: OpenAgentTime = [], now = Date.now()): Promise<AgentStatsReport> {
  const { start, end } = rangeBounds(query.from, query.to);
  const days = [query.from, query.to];
  const calls = await db.query<{ agent: string; name: string; answered: number; completed: number; talk_sec: number; rna: number }>(
    `SELECT agent, max(agent_name) AS name, sum(answered)::int AS answered, sum(completed)::int AS completed,
            sum(talk_sec)::float8 AS talk_sec, sum(ring_no_answers)::int AS rna
       FROM agent_day WHERE day BETWEEN $1 AND $2 GROUP BY agent`,
    days,
  );
  // Names come from the day rollups too: the raw intervals are never read (a month of them is millions of rows).
  const states = await db.query<{ agent: string; state: string; reason: string; seconds: number; name: string }>(
    `SELECT agent, state, reason, sum(seconds)::float8 AS seconds, max(agent_name) AS name FROM agent_state_day WHERE day BETWEEN $1 AND $2 GROUP BY agent, state, reason`,
    days,
  );
  const byAgent = new Map<string, AgentStatsRow & { completed: number; talkSec: number; readySec: number; busySec: number }>();
  const row = (agent: string, name = '') => {
    let entry = byAgent.get(agent);
    if (entry === undefined) {
      entry = { agent, name, answered: 0, avgTalkSec: null, ringNoAnswers: 0, loggedInSec: 0, pausedSec: {}, wrapUpSec: 0, onCallSec: 0, occupancyPct: null, completed: 0, talkSec: 0, readySec: 0, busySec: 0 };
      byAgent.set(agent, entry);
    }
    if (entry.name === '' && name !== '') entry.name = name;
    return entry;
  };
  for (const c of calls) Object.assign(row(c.agent, c.name), { answered: c.answered, ringNoAnswers: c.rna, completed: c.completed, talkSec: c.talk_sec });
  const addState = (entry: ReturnType<typeof row>, state: string, reason: string, secs: number) => {
    entry.loggedInSec += secs;
    if (state === 'paused') entry.pausedSec[reason] = (entry.pausedSec[reason] ?? 0) + secs;
    if (state === 'wrap-up') entry.wrapUpSec += secs;
    if (state === 'on-call') entry.onCallSec += secs;
    if (state !== 'paused') entry.readySec += secs;
    if (state === 'on-call' || state === 'ringing' || state === 'wrap-up') entry.busySec += secs;
  };
  for (const s of states) addState(row(s.agent, s.name), s.state, s.reason, Number(s.seconds));
  for (const o of open) {
    const from = Math.max(o.from, start.getTime());
    const to = Math.min(now, end.getTime());
    if (to > from) addState(row(o.agent, o.agentName), o.state, o.reason, (to - from) / 1000);
  }
  const round = (n: number) => Math.round(n);
  const agents = [...byAgent.values()].map(({ completed, talkSec, readySec, busySec, ...entry }) => ({
    ...entry,
    name: entry.name || entry.agent,
    avgTalkSec: completed === 0 ? null : Math.round((talkSec / completed) * 10) / 10,
    loggedInSec: round(entry.loggedInSec),
    wrapUpSec: round(entry.wrapUpSec),
    onCallSec: round(entry.onCallSec),
    pausedSec: Object.fromEntries(Object.entries(entry.pausedSec).map(([k, v]) => [k, round(v)])),
    occupancyPct: readySec === 0 ? null : Math.round((busySec / readySec) * 1000) / 10,
  }));
  const order = new Intl.Collator('tr');
  agents.sort((a, b) => order.compare(a.name, b.name) || a.agent.localeCompare(b.agent));
  return { from: query.from, to: query.to, agents, gaps: await gapsIn(db, start, end) };
}

const pct = (n: number | null): CsvCell => (n === null ? null : decimal(n, 1));

/** Team leads' spreadsheet: the same columns as the screen, in Turkish. */
export function queueStatsCsv(report: QueueStatsReport): string {
  const header = ['Kuyruk', 'Başlangıç', 'Gelen', 'Cevaplanan', 'Terk edilen', 'Zaman aşımı', 'Boş kuyruktan çıkan', 'Bilinmeyen', 'Ort. cevap süresi (sn)', 'Ort. bekleme (sn)', 'En uzun bekleme (sn)', 'Ort. görüşme (sn)', 'Hizmet düzeyi %', 'Hizmet düzeyi 2 %', 'Terk oranı %'];
  const line = (r: QueueStatsRow, start: string): CsvCell[] => [
    r.queue,
    start,
    r.offered,
    r.answered,
    r.abandoned,
    r.timedOut,
    r.leftEmpty,
    r.unknown,
    pct(r.asaSec),
    pct(r.avgWaitAllSec),
    pct(r.maxWaitSec),
    pct(r.avgTalkSec),
    pct(r.serviceLevelPct),
    pct(r.serviceLevel2Pct),
    pct(r.abandonRatePct),
  ];
  const istanbul = (iso: string) => new Date(Date.parse(iso) + ISTANBUL_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
  return csvDocument([header, ...report.rows.map((r) => line(r, istanbul(r.start!))), ...report.totals.map((r) => line(r, 'Toplam'))]);
}

export function agentStatsCsv(report: AgentStatsReport): string {
  const reasons = [...new Set(report.agents.flatMap((a) => Object.keys(a.pausedSec)))].sort();
  const header = ['Temsilci', 'Arayüz', 'Cevaplanan', 'Ort. görüşme (sn)', 'Cevapsız çalma', 'Oturum (sn)', 'Görüşmede (sn)', 'Çağrı sonrası (sn)', ...reasons.map((r) => `Mola: ${r || '(nedensiz)'} (sn)`), 'Doluluk %'];
  return csvDocument([
    header,
    ...report.agents.map((a): CsvCell[] => [a.name, a.agent, a.answered, pct(a.avgTalkSec), a.ringNoAnswers, a.loggedInSec, a.onCallSec, a.wrapUpSec, ...reasons.map((r) => a.pausedSec[r] ?? 0), pct(a.occupancyPct)]),
  ]);
}
