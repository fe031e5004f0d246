/**
 * AMI event load at a 300-seat center (issue 16): how many events the PBX writes to its AMI
 * sessions before issue 16, as it ships now, and as proposed.
 *
 *   (a) before issue 16: BENCH_OPERATORS (300) operator desks, each its own session with the
 *                 operator filters of 2f34089 (`Event: Queue*`: every queue event, every
 *                 member's status) and BENCH_LEADS (10) team-lead desks with teamLeadFilters();
 *   (b) now:      the operator desks with today's operatorFilters (read from amiFilters.ts when
 *                 this runs: narrowed in b57ff1a to the callers of the queues and the desk's own
 *                 interface), the team-lead desks still holding their own session (their
 *                 fallback when the server's figures stop), and the server's one collector
 *                 session with collectorFilters() (server/queueStats/collector.ts);
 *   (c) proposed: as (b) without the team-lead sessions (the wallboard's figures come from the
 *                 server's live channel only).
 *
 * All run against the PBX simulator in a process of its own, on a manual clock (the same seed,
 * so exactly the same calls and events whatever the machine's speed): BENCH_AGENTS (300) agents in
 * alo153, Poisson arrivals BENCH_RATE (5) calls/s, log-normal talk (mean 40 s, sd 20 s), patience
 * exponential (mean 60 s); BENCH_WARMUP_SECONDS (60) of simulated time to reach the steady state,
 * then BENCH_SECONDS (60) counted. Every session is the desk's real AMI client
 * (telephony/ami/amiClient.ts) over TCP with its filters, so what is counted is what the simulator
 * wrote to it, as the simulator applies session filters the way Asterisk does (sessionFilter.ts):
 * its onEvent calls, and the bytes of each event as written (serializeFrame). One unfiltered
 * session in each set-up is the reference (everything the PBX generates; it also proves the runs
 * saw the same traffic) and is not in the totals. The simulator originates its callers, so each
 * call also gives an OriginateResponse (ActionID sim-originate-…) that every session keeping
 * OriginateResponse gets; a PBX's trunk calls give none, so totals are given with and without
 * them. Responses (login, filters, the resync's lists) are not events and are not counted. Also
 * measured: the simulator's CPU while it delivers the counted window (its fan-out and filtering:
 * a proxy for Asterisk's, not Asterisk's).
 *
 *   npm run bench:ami-load
 *   BENCH_OPERATORS=100 BENCH_SECONDS=20 BENCH_NO_RESULTS=1 npm run bench:ami-load   # quick
 *
 * With BENCH_OPERATORS below BENCH_AGENTS the operator sessions are a sample of the agents
 * (every k-th) and their figures are scaled to BENCH_AGENTS desks; the report says so.
 */
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAmiClient, type AmiClient, type AmiFilter } from '../telephony/ami/amiClient.js';
import * as amiFilters from '../telephony/ami/amiFilters.js';
import { header, serializeFrame } from '../telephony/ami/amiFrame.js';
import { configFromOptions, startSimulator, type PbxSimulatorOptions } from '../telephony/simulator/pbxSimulator.js';
import { manualScheduler } from '../telephony/simulator/simScheduler.js';
import { collectorFilters } from '../server/queueStats/collector.js';
import { cpuMsSince, forkBench, intFromEnv, load1, machine, memory, sleep } from './benchSupport.js';

const AGENTS = intFromEnv('BENCH_AGENTS', 300);
const OPERATORS = Math.min(AGENTS, intFromEnv('BENCH_OPERATORS', 300));
const LEADS = intFromEnv('BENCH_LEADS', 10);
const RATE = intFromEnv('BENCH_RATE', 5);
const SECONDS = intFromEnv('BENCH_SECONDS', 60);
const WARMUP_SECONDS = intFromEnv('BENCH_WARMUP_SECONDS', 60);
const SEED = 153;
/** Simulated time per step: small enough that no session's socket buffer gets near the simulator's 8 MB cut. */
const STEP_MS = 100;
const USER = 'bench';
const SECRET = 'bench-secret';
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
/** A Monday 10:00 in Istanbul: the simulator's clock (only the events' timestamps show it). */
const START = Date.parse('2026-12-07T07:00:00Z');

const agents = Array.from({ length: AGENTS }, (_, i) => ({ interface: `Local/${2000 + i}@sim-agent/n`, name: `Temsilci ${i + 1}`, stateInterface: `Custom:${2000 + i}` }));
const callers = Array.from({ length: 200 }, (_, i) => ({ number: `90532${String(1_000_000 + i * 7919).slice(-7)}`, name: i % 5 === 0 ? null : `Vatandaş ${i + 1}` }));

const simOptions: PbxSimulatorOptions = {
  username: USER,
  secret: SECRET,
  agents,
  callers,
  callIntervalMs: 0,
  autoAnswerMs: 1_500,
  talkTimeMs: 40_000,
  talkTime: { distribution: 'lognormal', meanMs: 40_000, sdMs: 20_000 },
  arrivalsPerSecond: RATE,
  patienceMeanMs: 60_000,
  seed: SEED,
};

// -- the simulator, in its own process, on a manual clock ----------------------------------------

async function simulatorChild(): Promise<void> {
  const scheduler = manualScheduler(START);
  const sim = await startSimulator(configFromOptions(simOptions), scheduler);
  let mark = process.cpuUsage();
  process.on('message', (message: unknown) => {
    if (message === 'stop') {
      void sim.stop().then(() => process.exit(0));
    } else if (message === 'cpu') {
      process.send!({ cpuMs: cpuMsSince(mark) });
      mark = process.cpuUsage();
    } else if (typeof message === 'object' && message !== null && 'advance' in message) {
      scheduler.advance((message as { advance: number }).advance);
      // Answered once the writes are handed to the sockets.
      setImmediate(() => process.send!({ at: scheduler.now() }));
    }
  });
  process.send!({ port: sim.port });
}

// -- the sessions --------------------------------------------------------------------------------

type Kind = 'operator' | 'team lead' | 'collector' | 'unfiltered';

interface Count {
  events: number;
  bytes: number;
}

interface Session extends Count {
  kind: Kind;
  client: AmiClient;
  /** The simulator's own callers' OriginateResponse (a trunk call has none). */
  simOriginate: Count;
  byName: Map<string, number>;
}

function openSession(port: number, kind: Kind, filters: readonly AmiFilter[]): Session {
  // No resync: its lists are responses, not counted, and 300 QueueStatus reads only slow the set-up.
  const client = createAmiClient({ host: '127.0.0.1', port, username: USER, secret: SECRET, filters, resyncOnConnect: false, pingIntervalMs: 600_000 });
  const session: Session = { kind, client, events: 0, bytes: 0, simOriginate: { events: 0, bytes: 0 }, byName: new Map() };
  client.onEvent((frame) => {
    const bytes = Buffer.byteLength(serializeFrame(frame.headers));
    session.events++;
    session.bytes += bytes;
    const name = frame.headers[0]?.[1] ?? '';
    session.byName.set(name, (session.byName.get(name) ?? 0) + 1);
    if (name === 'OriginateResponse' && header(frame, 'ActionID')?.startsWith('sim-originate-')) {
      session.simOriginate.events++;
      session.simOriginate.bytes += bytes;
    }
  });
  client.start();
  return session;
}

function resetCounts(session: Session): void {
  session.events = 0;
  session.bytes = 0;
  session.simOriginate = { events: 0, bytes: 0 };
  session.byName.clear();
}

async function connected(sessions: readonly Session[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (sessions.some((s) => s.client.linkState.status !== 'connected')) {
    if (Date.now() > deadline) throw new Error('sessions did not all log in within 120 s');
    await sleep(50);
  }
  // A session's actions run in order: once a Ping is answered, its filters are in place.
  await Promise.all(sessions.map((s) => s.client.action({ Action: 'Ping' })));
}

const totalEvents = (sessions: readonly Session[]) => sessions.reduce((n, s) => n + s.events, 0);

/** Until nothing more arrives for a while: all that was written for the simulated time so far is read. */
async function quiet(sessions: readonly Session[], ms = 300): Promise<void> {
  let last = -1;
  for (;;) {
    const now = totalEvents(sessions);
    if (now === last) return;
    last = now;
    await sleep(ms);
  }
}

type FilterSet = (iface: string) => AmiFilter[];

interface SetUpPlan {
  name: string;
  operatorFilters: FilterSet;
  operatorFiltersName: string;
  others: Array<{ kind: Kind; filters: AmiFilter[] }>;
}

interface SetUp {
  plan: SetUpPlan;
  sessions: Session[];
  reference: Session;
  simCpuMs: number;
  wallSeconds: number;
  load: [number, number];
}

async function runSetUp(plan: SetUpPlan): Promise<SetUp> {
  const sim = forkBench(import.meta.url, ['--simulator-child']);
  const sessions: Session[] = [];
  try {
    const { port } = await sim.next<{ port: number }>();
    const stride = AGENTS / OPERATORS;
    for (let i = 0; i < OPERATORS; i++) sessions.push(openSession(port, 'operator', plan.operatorFilters(agents[Math.floor(i * stride)]!.interface)));
    for (const other of plan.others) sessions.push(openSession(port, other.kind, other.filters));
    const reference = openSession(port, 'unfiltered', []);
    sessions.push(reference);
    const all = sessions;
    await connected(all);
    console.log(`${plan.name}: ${all.length} sessions logged in; ${WARMUP_SECONDS} s of simulated warm-up …`);
    const advance = async (seconds: number) => {
      for (let t = 0; t < seconds * 1000; t += STEP_MS) {
        await sim.ask({ advance: STEP_MS });
        // Let the sessions read what was written before the next step.
        await new Promise((resolve) => setImmediate(resolve));
        if ((t + STEP_MS) % 10_000 === 0) process.stdout.write(`  ${(t + STEP_MS) / 1000} s simulated, ${totalEvents(all).toLocaleString('en')} events read\n`);
      }
      await quiet(all);
    };
    await advance(WARMUP_SECONDS);
    all.forEach(resetCounts);
    await sim.ask('cpu');
    const loadBefore = load1();
    const started = performance.now();
    await advance(SECONDS);
    const wallSeconds = (performance.now() - started) / 1000;
    const { cpuMs } = await sim.ask<{ cpuMs: number }>('cpu');
    console.log(`${plan.name}: ${SECONDS} s simulated in ${wallSeconds.toFixed(1)} s; ${(totalEvents(all) - reference.events).toLocaleString('en')} events to the desks and the server, ${reference.events.toLocaleString('en')} unfiltered`);
    return { plan, sessions: sessions.filter((s) => s !== reference), reference, simCpuMs: cpuMs, wallSeconds, load: [loadBefore, load1()] };
  } finally {
    await Promise.all(sessions.map((s) => s.client.stop()));
    await sim.stop();
  }
}

// -- report --------------------------------------------------------------------------------------

interface Totals {
  kind: Kind;
  sessions: number;
  events: number;
  bytes: number;
  /** Without the simulator's callers' OriginateResponse. */
  trunkEvents: number;
  trunkBytes: number;
}

/** Per kind of session, operators scaled to BENCH_AGENTS desks when sampled. */
function totals(setUp: SetUp): Totals[] {
  const kinds: Kind[] = ['operator', 'team lead', 'collector'];
  return kinds
    .map((kind) => {
      const of = setUp.sessions.filter((s) => s.kind === kind);
      const scale = kind === 'operator' ? AGENTS / OPERATORS : 1;
      const add = (pick: (s: Session) => number) => of.reduce((n, s) => n + pick(s), 0) * scale;
      return {
        kind,
        sessions: Math.round(of.length * scale),
        events: add((s) => s.events),
        bytes: add((s) => s.bytes),
        trunkEvents: add((s) => s.events - s.simOriginate.events),
        trunkBytes: add((s) => s.bytes - s.simOriginate.bytes),
      };
    })
    .filter((t) => t.sessions > 0);
}

const sum = (rows: readonly Totals[], key: Exclude<keyof Totals, 'kind'>) => rows.reduce((n, r) => n + r[key], 0);
const int = (n: number) => Math.round(n).toLocaleString('en');
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function topNames(sessions: readonly Session[], count = 6): string {
  const names = new Map<string, number>();
  let all = 0;
  for (const s of sessions) {
    for (const [name, n] of s.byName) names.set(name, (names.get(name) ?? 0) + n);
    all += s.events;
  }
  if (all === 0) return 'nothing';
  return [...names]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, n]) => `${name} ${((100 * n) / all).toFixed(0)} %`)
    .join(', ');
}

function report(setUps: readonly SetUp[]): { json: unknown; markdown: string } {
  const rows = setUps.map((setUp) => ({ setUp, totals: totals(setUp) }));
  const base = rows[0]!.totals;
  const perSecond = (n: number) => n / SECONDS;
  const lines = [
    '| set-up | sessions | events/s to all sessions | MB/s | without the simulator\'s caller OriginateResponse: events/s | per operator session: events/s (kB/s) | per team-lead / collector session: events/s | events × (a) | events × (a) without OriginateResponse | bytes × (a) | simulator CPU (share of a core while delivering) | loadavg 1 min (before → after) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    ...rows.map(({ setUp, totals: t }) => {
      const operator = t.find((r) => r.kind === 'operator')!;
      const lead = t.find((r) => r.kind === 'team lead');
      const collector = t.find((r) => r.kind === 'collector');
      const others = [lead ? `lead ${int(perSecond(lead.events / lead.sessions))}` : '', collector ? `collector ${int(perSecond(collector.events))}` : ''].filter(Boolean).join(' / ');
      return (
        `| ${setUp.plan.name} | ${t.map((r) => `${r.sessions} ${r.kind}`).join(' + ')} | ${int(perSecond(sum(t, 'events')))} | ${(perSecond(sum(t, 'bytes')) / 1024 / 1024).toFixed(2)} | ${int(perSecond(sum(t, 'trunkEvents')))} | ` +
        `${perSecond(operator.events / operator.sessions).toFixed(1)} (${(perSecond(operator.bytes / operator.sessions) / 1024).toFixed(1)}) | ${others} | ` +
        `${(sum(t, 'events') / sum(base, 'events')).toFixed(3)} | ${(sum(t, 'trunkEvents') / sum(base, 'trunkEvents')).toFixed(3)} | ${(sum(t, 'bytes') / sum(base, 'bytes')).toFixed(3)} | ` +
        `${(setUp.simCpuMs / 1000 / setUp.wallSeconds).toFixed(2)} (${(setUp.simCpuMs / 1000).toFixed(1)} s CPU in ${setUp.wallSeconds.toFixed(1)} s) | ${setUp.load[0].toFixed(2)} → ${setUp.load[1].toFixed(2)} |`
      );
    }),
    `| reference: one unfiltered session (everything the PBX generated) | 1 | ${int(perSecond(setUps[0]!.reference.events))} | ${(perSecond(setUps[0]!.reference.bytes) / 1024 / 1024).toFixed(2)} | ${int(perSecond(setUps[0]!.reference.events - setUps[0]!.reference.simOriginate.events))} | | | | | | | |`,
  ];
  const references = setUps.map((s) => `${int(s.reference.events)} (${int(s.reference.bytes)} bytes)`);
  const same = setUps.every((s) => s.reference.events === setUps[0]!.reference.events && s.reference.bytes === setUps[0]!.reference.bytes);
  const sampled = OPERATORS < AGENTS ? ` Operator sessions: ${OPERATORS} of the ${AGENTS} agents (every ${(AGENTS / OPERATORS).toFixed(1)}th), figures scaled to ${AGENTS}.` : '';
  const markdown = [
    `Over ${SECONDS} s of simulated traffic after ${WARMUP_SECONDS} s of warm-up: ${AGENTS} agents in alo153, Poisson ${RATE} calls/s, log-normal talk (mean 40 s, sd 20 s), patience exponential (mean 60 s), seed ${SEED}; simulator on a manual clock in its own process, every session the desk's AMI client over TCP.${sampled}`,
    '',
    ...setUps.map((s) => `- ${s.plan.name}: operators ${s.plan.operatorFiltersName}; ${s.plan.others.length === 0 ? 'nothing else' : [...new Set(s.plan.others.map((o) => o.kind))].map((kind) => `${s.plan.others.filter((o) => o.kind === kind).length} ${kind} (${JSON.stringify(s.plan.others.find((o) => o.kind === kind)!.filters)})`).join(', ')}.`),
    '',
    ...lines,
    '',
    `Totals over the ${SECONDS} s: ${rows.map(({ setUp, totals: t }) => `${setUp.plan.name} ${int(sum(t, 'events'))} events, ${mb(sum(t, 'bytes'))} MB`).join('; ')}. ` +
      `The unfiltered reference session got ${references.join(', ')}${same ? ': the same traffic in every set-up, byte for byte' : ': NOT the same traffic, the comparison is off'}.`,
    ...rows.map(({ setUp }) => {
      const of = (kind: Kind) => setUp.sessions.filter((s) => s.kind === kind);
      const parts = (['operator', 'team lead', 'collector'] as const).filter((k) => of(k).length > 0).map((k) => `${k === 'operator' ? 'an' : 'a'} ${k} session gets: ${topNames(of(k))}`);
      return `${setUp.plan.name}: ${parts.join('; ')}.`;
    }),
  ].join('\n');
  const json = {
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    agents: AGENTS,
    operatorsOpened: OPERATORS,
    rate: RATE,
    setUps: rows.map(({ setUp, totals: t }) => ({
      name: setUp.plan.name,
      operatorFilters: setUp.plan.operatorFiltersName,
      totals: t,
      ratioEvents: sum(t, 'events') / sum(base, 'events'),
      ratioEventsWithoutSimOriginate: sum(t, 'trunkEvents') / sum(base, 'trunkEvents'),
      ratioBytes: sum(t, 'bytes') / sum(base, 'bytes'),
      simCpuMs: setUp.simCpuMs,
      wallSeconds: setUp.wallSeconds,
      load: setUp.load,
    })),
    reference: setUps.map((s) => ({ events: s.reference.events, bytes: s.reference.bytes })),
  };
  return { json, markdown };
}

/** operatorFilters as they were before issue 16 narrowed them (2f34089, telephony/ami/amiFilters.ts). */
function operatorFiltersBeforeIssue16(agentInterface: string): AmiFilter[] {
  return ['Event: Queue*', `Interface: ${amiFilters.filterLiteral(agentInterface)}`, 'Event: (Soft)?HangupRequest', 'Event: OriginateResponse', 'Event: (FullyBooted|Shutdown|Reload)', 'Device: Queue:.*_pause_'];
}

async function run(): Promise<void> {
  // A narrowed set under its own name, if amiFilters.ts ever exports one beside operatorFilters.
  const exported = amiFilters as unknown as Record<string, unknown>;
  const narrowed = typeof exported.narrowOperatorFilters === 'function' ? (exported.narrowOperatorFilters as FilterSet) : amiFilters.operatorFilters;
  const narrowedName = `${typeof exported.narrowOperatorFilters === 'function' ? 'narrowOperatorFilters' : "today's operatorFilters"} (${JSON.stringify(narrowed('<iface>'))})`;
  const leads = Array.from({ length: LEADS }, () => ({ kind: 'team lead' as const, filters: amiFilters.teamLeadFilters() }));
  const collector = { kind: 'collector' as const, filters: collectorFilters() };
  const plans: SetUpPlan[] = [
    { name: '(a) before issue 16', operatorFilters: operatorFiltersBeforeIssue16, operatorFiltersName: `as of 2f34089 (${JSON.stringify(operatorFiltersBeforeIssue16('<iface>'))})`, others: leads },
    { name: '(b) now', operatorFilters: narrowed, operatorFiltersName: narrowedName, others: [...leads, collector] },
    { name: '(c) proposed', operatorFilters: narrowed, operatorFiltersName: narrowedName, others: [collector] },
  ];
  const setUps: SetUp[] = [];
  for (const plan of plans) setUps.push(await runSetUp(plan));
  const { json, markdown } = report(setUps);
  console.log(JSON.stringify(json, null, 2));
  console.log(`\n${markdown}\n`);
  if (process.env.BENCH_NO_RESULTS === '1') return;
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  appendFileSync(RESULTS, `\n### AMI events at a ${AGENTS}-seat center (issue 16, bench/amiEventLoad.bench.ts), ${when} UTC\n\nMachine: ${machine()}, ${memory()}.\n\n${markdown}\n`);
  console.log(`appended to ${RESULTS}`);
}

if (process.argv.includes('--simulator-child')) await simulatorChild();
else await run();
