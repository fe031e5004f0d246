/**
 * AMI screen-pop benchmark (issue 15): from the moment the PBX writes the AgentCalled event for
 * this operator to the moment the screen-pop with the caller's history is painted in the
 * browser. Everything in between is real: the AMI socket, the desk host in browser mode (as
 * e2e/support/deskProcess.ts starts it) reading its store, the WebSocket to the page, React,
 * Debian's Chromium painting.
 *
 *   - The PBX is the simulator, in this process, under queue traffic: BENCH_AGENTS agents
 *     (default 300) in `alo153` taking Poisson arrivals (BENCH_ARRIVALS calls/s, default 10;
 *     log-normal talk, mean 20 s), every queue event of which reaches the desk through its
 *     operator session filters. The desk's own agent sits alone in a second queue that this
 *     benchmark places its callers into, and never answers: each call is hung up by the caller
 *     once its pop was painted, and the next one comes after a pause.
 *   - Two stores in the same run, in alternating rounds (BENCH_ROUNDS, default 4, so that the
 *     machine's changing load falls on both): an empty one (the baseline) and BENCH_FILE
 *     (bench/caseStoreData.ts: BENCH_CASES cases, default 1 000 000, built there first when
 *     missing; copied once, so the file stays as built). Every other caller has 130–160 past
 *     cases, the others fewer than 20; the empty store gets the same callers.
 *   - Start: the bytes of AgentCalled for this agent handed to the desk's socket (this process
 *     wraps socket writes and notes the instant). End: the page notes the instant after the
 *     frame that shows the pop with its history (a MutationObserver, then requestAnimationFrame,
 *     then a message task, which runs once that frame was painted). The two clocks are both
 *     the system's (performance.timeOrigin + now()); their offset is measured before every
 *     call by the round trip to the page with the shortest time, so the error is at most half
 *     of that round trip (reported).
 *   - The machine's 1-minute load average (os.loadavg) is sampled at every call and printed
 *     beside each figure: the machine is shared, and a figure means little without it.
 *   - Where the time goes, per store (medians): AgentCalled written → the pop's WebSocket
 *     message in the page (AMI, host, store, transport), → the pop in the DOM (parsing, React),
 *     → painted (the wait for the next frame, style, layout, paint).
 *
 *   npm run bench:screen-pop
 *   BENCH_FILE=/tmp/cases-1m.sqlite BENCH_CALLS=100 BENCH_NO_RESULTS=1 npm run bench:screen-pop
 *   BENCH_CALLS     measured calls per store (default 200, after 5 warm-up calls per round)
 *   BENCH_TRACE=dir a Chromium timeline trace of every round there (slows the page: not for figures)
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/openDatabase.js';
import { STORE_FILE } from '../main/host/privateDataDir.js';
import { startPbxSimulator, type PbxSimulator } from '../telephony/simulator/pbxSimulator.js';
import { startDesk, type DeskProcess } from '../e2e/support/deskProcess.js';
import { machine, percentile } from './benchSupport.js';
import { bulkLoadPragmas, callersByHistory, generateStore, HEAVY_MAX, HEAVY_MIN } from './caseStoreData.js';

const CASES = positiveInt('BENCH_CASES', 1_000_000);
const CALLS = positiveInt('BENCH_CALLS', 200);
const ROUNDS = positiveInt('BENCH_ROUNDS', 4);
const AGENTS = positiveInt('BENCH_AGENTS', 300);
const ARRIVALS = Number(process.env.BENCH_ARRIVALS ?? 10);
const WARM_UP = 5;
/** Between a call's end and the next AgentCalled, plus up to as much again at random. */
const GAP_MS = 250;
const TARGET_P99_MS = 50;
const TARGET_RATIO = 1.2;
const AGENT = 'Local/1001@sim-agent/n';
const POP_QUEUE = 'ekran';
const CREDENTIALS = { username: 'bench', secret: 'bench153' };
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

/** BENCH_TRACE=dir: a Chromium timeline trace of each round's calls there (style, layout, paint, scripts), for finding where the time goes. */
const TRACE_DIR = process.env.BENCH_TRACE ?? '';
/**
 * The timeline with JavaScript samples and the stacks of forced layouts: a pop's phases are marked
 * in it (popA arrived, popD in the DOM, popP painted), so the work of each phase can be summed.
 */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.stack',
  'disabled-by-default-v8.cpu_profiler',
  'v8.execute',
  'blink.user_timing',
];
let traces = 0;

const epochNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// --- When AgentCalled leaves the PBX -----------------------------------------------------------

/** Linkedid → the instant the AgentCalled for AGENT was handed to a socket. */
const agentCalledAt = new Map<string, number>();

/**
 * The simulator writes each batch of events with one socket.write; wrapping write is the one
 * place that sees the bytes go without changing the simulator. Only text holding an
 * AgentCalled for this desk's agent is looked at further.
 */
function watchAgentCalled(): void {
  const write = net.Socket.prototype.write;
  net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk === 'string' && chunk.includes('Event: AgentCalled')) {
      const at = epochNow();
      for (const frame of chunk.split('\r\n\r\n')) {
        if (!frame.startsWith('Event: AgentCalled') || !frame.includes(`\r\nInterface: ${AGENT}\r\n`)) continue;
        const linkedid = /\r\nLinkedid: ([^\r]+)/.exec(frame)?.[1];
        if (linkedid !== undefined && !agentCalledAt.has(linkedid)) agentCalledAt.set(linkedid, at);
      }
    }
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof write;
}

// --- The page ------------------------------------------------------------------------------------

/**
 * Before the desk's own scripts: notes when each pop's WebSocket message arrives. Plain
 * JavaScript text: tsx would wrap named functions in a helper the page does not have.
 */
const ARRIVAL_PROBE = `(() => {
  window.popArrived = {};
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const at = performance.timeOrigin + performance.now();
        if (typeof event.data !== 'string' || !event.data.includes('"call.screenPop"')) return;
        const linkedid = /"linkedid":"([^"]+)"/.exec(event.data);
        if (linkedid !== null && !(linkedid[1] in window.popArrived)) {
          window.popArrived[linkedid[1]] = at;
          performance.mark('popA');
        }
      });
    }
  };
})()`;

/** Notes, per Linkedid, when its pop with the history is in the DOM and the instant after the frame that first shows it. */
const PROBE = `(() => {
  window.popPainted = {};
  window.popInDom = {};
  const seen = new Set();
  const check = () => {
    const pop = document.querySelector('[data-testid="screen-pop"]');
    const linkedid = pop === null ? null : pop.getAttribute('data-linkedid');
    if (linkedid === null || seen.has(linkedid)) return;
    if (pop.querySelector('[data-testid="screen-pop-history"]') === null) return;
    seen.add(linkedid);
    window.popInDom[linkedid] = performance.timeOrigin + performance.now();
    performance.mark('popD');
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.popPainted[linkedid] = performance.timeOrigin + performance.now();
        performance.mark('popP');
      };
      channel.port2.postMessage(null);
    });
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

/** Page clock minus this process's clock, from the quickest of a few round trips. */
async function clockOffset(page: Page): Promise<{ offset: number; roundTrip: number }> {
  let best = { offset: 0, roundTrip: Infinity };
  for (let i = 0; i < 4; i++) {
    const sent = epochNow();
    const pageNow = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const back = epochNow();
    if (back - sent < best.roundTrip) best = { offset: pageNow - (sent + back) / 2, roundTrip: back - sent };
  }
  return best;
}

/** The page's instants for one pop: message arrived, in the DOM, painted. */
interface PageTimes {
  arrived: number;
  inDom: number;
  painted: number;
}

/** Polled from here: the desk's CSP forbids the string evaluation waitForFunction uses. */
async function pageTimes(page: Page, linkedid: string): Promise<PageTimes> {
  const deadline = Date.now() + 10_000;
  const id = JSON.stringify(linkedid);
  for (;;) {
    const times = (await page.evaluate(
      `window.popPainted[${id}] === undefined ? null : { arrived: window.popArrived[${id}], inDom: window.popInDom[${id}], painted: window.popPainted[${id}] }`,
    )) as PageTimes | null;
    if (times !== null) return times;
    if (Date.now() > deadline) throw new Error(`call ${linkedid}: the desk never painted its pop`);
    await sleep(10);
  }
}

// --- A round -------------------------------------------------------------------------------------

interface Sample {
  ms: number;
  /** AgentCalled written → message in the page, → in the DOM, → painted. */
  parts: [number, number, number];
  heavy: boolean;
  load: number;
  roundTrip: number;
}

interface Store {
  label: string;
  /** The desk's data folder, kept from round to round: the big store is copied in once. */
  dataDir: string;
}

async function measureRound(
  browser: Browser,
  sim: PbxSimulator,
  store: Store,
  callers: readonly { number: string; heavy: boolean }[],
  calls: number,
): Promise<Sample[]> {
  let desk: DeskProcess | null = null;
  const context = await browser.newContext({ locale: 'tr-TR', timezoneId: 'Europe/Istanbul' });
  await context.addInitScript(ARRIVAL_PROBE);
  try {
    desk = await startDesk({
      DESK_DATA_DIR: store.dataDir,
      DESK_SERVER_URL: 'off',
      DESK_AMI_HOST: '127.0.0.1',
      DESK_AMI_PORT: String(sim.port),
      DESK_AMI_USER: CREDENTIALS.username,
      DESK_AMI_SECRET: CREDENTIALS.secret,
      DESK_AGENT_INTERFACE: AGENT,
      DESK_AGENT_NAME: 'Ayşe Yılmaz',
    });
    const page = await context.newPage();
    await page.goto(desk.url);
    await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="case-list"][data-loaded="true"]', { timeout: 30_000 });
    await page.bringToFront();
    await page.evaluate(PROBE);
    // Let the start-up reads (recent cases, the first search page, queue status) settle.
    await sleep(2000);
    if (TRACE_DIR) await browser.startTracing(page, { path: path.join(TRACE_DIR, `${store.label.replace(/\W+/g, '-')}-${++traces}.json`), categories: TRACE_CATEGORIES });

    const samples: Sample[] = [];
    for (let i = 0; i < WARM_UP + calls; i++) {
      const caller = callers[i % callers.length]!;
      const { offset, roundTrip } = await clockOffset(page);
      const linkedid = sim.placeCall({ number: caller.number, name: null }, { queue: POP_QUEUE });
      const { arrived, inDom, painted } = await pageTimes(page, linkedid);
      const written = agentCalledAt.get(linkedid);
      if (written === undefined) throw new Error(`call ${linkedid}: no AgentCalled for ${AGENT} was written`);
      if (i >= WARM_UP) {
        const parts: Sample['parts'] = [arrived - offset - written, inDom - arrived, painted - inDom];
        samples.push({ ms: painted - offset - written, parts, heavy: caller.heavy, load: loadavg()[0]!, roundTrip });
      }
      sim.hangUpCaller(linkedid);
      await page.waitForSelector(`[data-testid="screen-pop"][data-linkedid="${linkedid}"][data-phase="ended"]`, { timeout: 10_000 });
      await sleep(GAP_MS + Math.random() * GAP_MS);
    }
    if (TRACE_DIR) await browser.stopTracing();
    return samples;
  } finally {
    await context.close();
    await desk?.stop();
  }
}

// --- The run -------------------------------------------------------------------------------------

/** BENCH_FILE, built first when missing; or a store built in a temp folder for this run. */
function benchStore(): { file: string; cleanup: () => void } {
  const given = process.env.BENCH_FILE;
  const dir = given === undefined ? mkdtempSync(path.join(tmpdir(), 'bench-store-')) : null;
  const file = given ?? path.join(dir!, 'cases.sqlite');
  if (!existsSync(file)) {
    console.log(`building ${CASES.toLocaleString('en')} cases in ${file} (bench/caseStoreData.ts)…`);
    const db = openDatabase(file);
    bulkLoadPragmas(db);
    generateStore(db, { cases: CASES, citizens: Math.max(10, Math.round(CASES / 10)) }, (line) => process.stdout.write(`\r  ${line}`));
    process.stdout.write('\n');
    db.close();
  }
  return { file, cleanup: () => dir !== null && rmSync(dir, { recursive: true, force: true }) };
}

function trafficAgents(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    interface: `Local/${2000 + i}@sim-agent/n`,
    name: `Temsilci ${i + 1}`,
    stateInterface: `Custom:${2000 + i}`,
    membership: 'static' as const,
    penalty: 0,
  }));
}

interface Row {
  label: string;
  samples: Sample[];
}

function summarize(rows: readonly Row[], info: { cases: number; baselineP99: number }): string {
  const ms = (v: number) => v.toFixed(1);
  const lines = rows.map(({ label, samples }) => {
    const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
    const loads = samples.map((s) => s.load);
    const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
    const p99 = percentile(sorted, 99);
    const isTarget = label.startsWith(`${info.cases.toLocaleString('en')} cases, all`);
    const verdict = isTarget
      ? `p99 ≤ ${TARGET_P99_MS} ms and ≤ ${TARGET_RATIO}× empty: ${p99 <= TARGET_P99_MS && p99 <= TARGET_RATIO * info.baselineP99 ? 'met' : 'MISSED'}`
      : '';
    return `| ${label} | ${sorted.length} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(p99)} | ${ms(sorted.at(-1)!)} | ${(p99 / info.baselineP99).toFixed(2)} | ${mean.toFixed(2)} (${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}) | ${verdict} |`;
  });
  return [
    '| store, callers | n | p50 ms | p95 ms | p99 ms | max ms | p99 ÷ empty p99 | load, 1-min avg: mean (min–max) | target |',
    '|---|--:|--:|--:|--:|--:|--:|--:|---|',
    ...lines,
  ].join('\n');
}

async function main(): Promise<void> {
  const store = benchStore();
  const db = openDatabase(store.file);
  const cases = db.prepare<[], number>('SELECT count(*) FROM cases').pluck().get()!;
  const { heavy, ordinary } = callersByHistory(db);
  db.close();
  if (heavy.length === 0 || ordinary.length === 0) throw new Error(`${store.file} has no callers with ${HEAVY_MIN}–${HEAVY_MAX} cases, or none with few`);
  // Every other call from a frequent caller; each round its own callers, the same for both stores.
  const perRound = 2 * Math.ceil((Math.ceil(CALLS / ROUNDS) + WARM_UP) / 2);
  const callers = Array.from({ length: perRound * ROUNDS }, (_, i) =>
    i % 2 === 0 ? { number: heavy[(i / 2) % heavy.length]!, heavy: true } : { number: ordinary[((i - 1) / 2) % ordinary.length]!, heavy: false },
  );

  watchAgentCalled();
  const sim = await startPbxSimulator({
    port: 0,
    ...CREDENTIALS,
    agents: [],
    queues: [
      { name: 'alo153', strategy: 'rrmemory', serviceLevel: 20, members: trafficAgents(AGENTS) },
      {
        name: POP_QUEUE,
        strategy: 'rrmemory',
        serviceLevel: 20,
        members: [{ interface: AGENT, name: 'Ayşe Yılmaz', stateInterface: 'Custom:1001', membership: 'static', penalty: 0, answerAfterMs: null }],
      },
    ],
    callers: Array.from({ length: 50 }, (_, i) => ({ number: `90532${String(1_000_000 + i * 7919).slice(-7)}`, name: null })),
    callIntervalMs: 0,
    arrivalsPerSecond: ARRIVALS,
    autoAnswerMs: 1500,
    talkTimeMs: 20_000,
    talkTime: { distribution: 'lognormal', meanMs: 20_000, sdMs: 10_000 },
    patienceMeanMs: 60_000,
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const stores: Store[] = [
    { label: 'empty store', dataDir: mkdtempSync(path.join(tmpdir(), 'bench-screen-pop-')) },
    { label: `${cases.toLocaleString('en')} cases`, dataDir: mkdtempSync(path.join(tmpdir(), 'bench-screen-pop-')) },
  ];
  copyFileSync(store.file, path.join(stores[1]!.dataDir, STORE_FILE));
  const samples = new Map<Store, Sample[]>(stores.map((s) => [s, []]));
  try {
    // Traffic first: talk times average 20 s, so by then calls end as fast as they come.
    console.log(`queue traffic: ${AGENTS} agents, ${ARRIVALS} calls/s; warming up 20 s…`);
    await sleep(20_000);
    for (let round = 0; round < ROUNDS; round++) {
      const calls = Math.ceil(CALLS / ROUNDS);
      for (const s of stores) {
        console.log(`round ${round + 1}/${ROUNDS}: ${s.label}, ${calls} calls…`);
        const taken = await measureRound(browser, sim, s, callers.slice(round * perRound, (round + 1) * perRound), calls);
        samples.get(s)!.push(...taken);
      }
    }
  } finally {
    await browser.close();
    await sim.stop();
    for (const s of stores) rmSync(s.dataDir, { recursive: true, force: true });
    store.cleanup();
  }

  const empty = samples.get(stores[0]!)!;
  const full = samples.get(stores[1]!)!;
  const baselineP99 = percentile(empty.map((s) => s.ms).sort((a, b) => a - b), 99);
  const rows: Row[] = [
    { label: 'empty store (baseline), all callers', samples: empty },
    { label: `${stores[1]!.label}, all callers`, samples: full },
    { label: `${stores[1]!.label}, callers with ${HEAVY_MIN}–${HEAVY_MAX} past cases`, samples: full.filter((s) => s.heavy) },
    { label: `${stores[1]!.label}, callers with fewer than 20`, samples: full.filter((s) => !s.heavy) },
  ];
  const roundTrips = [...empty, ...full].map((s) => s.roundTrip).sort((a, b) => a - b);
  const table = summarize(rows, { cases, baselineP99 });
  const median = (samples: readonly Sample[], k: number) => percentile(samples.map((s) => s.parts[k]!).sort((a, b) => a - b), 50).toFixed(1);
  const split = rows
    .slice(0, 2)
    .map(({ label, samples }) => `${label.replace(/, all callers$/, '')}: ${median(samples, 0)} + ${median(samples, 1)} + ${median(samples, 2)} ms`)
    .join('; ');
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const section = [
    `### AMI AgentCalled → screen-pop painted (issue 15, bench/amiScreenPop.bench.ts), ${when} UTC`,
    '',
    `Machine: ${machine()}; Chromium (Debian), desk in browser mode, server off. Queue traffic: the simulator with ${AGENTS} agents and ${ARRIVALS} Poisson calls/s (log-normal talk, mean 20 s) on the desk's operator filters; ${ROUNDS} alternating rounds per store, ${WARM_UP} warm-up calls each; clock offset to the page within ±${(percentile(roundTrips, 50) / 2).toFixed(2)} ms (half the median shortest round trip).`,
    '',
    table,
    '',
    `Where the time goes (medians: AgentCalled written → pop message in the page + → pop in the DOM + → painted): ${split}.`,
    '',
  ].join('\n');
  console.log(`\n${section}`);
  if (!process.env.BENCH_NO_RESULTS) appendFileSync(RESULTS, `\n${section}`);
}

await main();
