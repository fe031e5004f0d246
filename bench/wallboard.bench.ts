/**
 * Wallboard benchmark (issue 15): how smoothly a team lead's wallboard runs with 50 and with
 * 500 agents, ~200 callers waiting and ~10 queue events a second.
 *
 * Real parts: the PBX simulator in a process of its own (as a PBX is), the desk host in browser
 * mode connected to it as a team lead (session filters on, as in production), and the desk page
 * in Debian's Chromium at 1920×1080 on the wallboard. The simulator's load: every agent busy on
 * a call (exponential talk times), the queue topped up to WAITING callers who never hang up, and
 * a mean talk time chosen per size so that about EVENTS_PER_SEC queue events a second reach the
 * desk whatever the number of agents.
 *
 * Measured in the page over BENCH_SECONDS (default 30) after a warm-up: frames (requestAnimation-
 * Frame deltas) over 50 ms, the longest frame, frames a second, and the total time of long tasks
 * (PerformanceObserver 'longtask', tasks over 50 ms). 50 agents run first in the same run: the
 * baseline. The machine's load average is read before and after each window and written beside it.
 *
 *   npm run bench:wallboard
 *   BENCH_SECONDS=10 BENCH_NO_RESULTS=1 npm run bench:wallboard
 */
import { chromium, type Page } from '@playwright/test';
import { fork } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesk } from '../e2e/support/deskProcess.js';
import { createAmiClient } from '../telephony/ami/amiClient.js';
import { teamLeadFilters } from '../telephony/ami/amiFilters.js';
import { parseQueueEvent } from '../telephony/queueMetrics/index.js';
import { startPbxSimulator } from '../telephony/simulator/pbxSimulator.js';
import { machine, seededRandom } from './benchSupport.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARM_UP_SECONDS = 10;
const SIZES = [50, 500] as const;
const WAITING = 200;
const EVENTS_PER_SEC = 10;
/** Queue events a desk gets per answered call in the simulator (join, leave, AgentCalled/Connect/Complete, member status…), measured. */
const EVENTS_PER_CALL = 12;
const FRAME_BUDGET_MS = 50;
const USER = 'bench';
const SECRET = 'bench-secret';

const FIRST = ['Ayşe', 'Mehmet', 'Şule', 'Çağlar', 'Işıl', 'İsmail', 'Gülşen', 'Ömer', 'Zeynep', 'Ümit', 'Ceren', 'Oğuz', 'Derya', 'Hakan', 'Elif', 'Burak'];
const LAST = ['Yılmaz', 'Demir', 'Kaya', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Koç', 'Kurt', 'Özdemir', 'Erdoğan', 'Ünal', 'Işık'];
const agents = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    interface: `Local/${3000 + i}@sim-agent/n`,
    name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
    stateInterface: `Custom:${3000 + i}`,
  }));
const callers = Array.from({ length: 50 }, (_, i) => ({ number: `90532${String(1_000_000 + i * 7919).slice(-7)}`, name: `Vatandaş ${i + 1}` }));

// -- the simulator, in its own process ----------------------------------------------------------

async function simulatorChild(size: number): Promise<void> {
  // Every agent on a call: calls end at size / meanTalk a second, each making room for the next caller.
  const meanTalkMs = ((size * EVENTS_PER_CALL) / EVENTS_PER_SEC) * 1000;
  const random = seededRandom(153);
  const sim = await startPbxSimulator({ username: USER, secret: SECRET, agents: agents(size), callers, callIntervalMs: 0, autoAnswerMs: 1_000, talkTimeMs: meanTalkMs, seed: 153 });
  // The queue is kept at WAITING callers who never give up: the board's size stays put.
  const topUp = setInterval(() => {
    const status = sim.status('alo153')[0]!;
    for (let n = status.entries.length; n < WAITING; n++) sim.placeCall(undefined, { patienceMs: null, maxWaitMs: null, talkTimeMs: -Math.log(1 - random()) * meanTalkMs });
  }, 100);
  process.send!({ port: sim.port });
  process.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    clearInterval(topUp);
    void sim.stop().then(() => process.exit(0));
  });
}

async function startSimulatorProcess(size: number): Promise<{ port: number; stop(): Promise<void> }> {
  const child = fork(fileURLToPath(import.meta.url), ['--simulator-child', String(size)], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: unknown) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return {
    port,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}

// -- the page ---------------------------------------------------------------------------------

/** Frame deltas and long tasks, from now on. Plain JavaScript text: the page has no tsx helpers. */
const PROBE = `(() => {
  const probe = { frames: [], longTasks: [], running: true };
  window.wallboardProbe = probe;
  let last = 0;
  const loop = (t) => {
    if (last > 0) probe.frames.push(t - last);
    last = t;
    if (probe.running) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (probe.running) probe.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
})()`;

const COLLECT = `(() => {
  const probe = window.wallboardProbe;
  probe.running = false;
  return { frames: probe.frames, longTasks: probe.longTasks, rows: document.querySelectorAll('[data-testid="agent-row"]').length };
})()`;

const numberIn = async (page: Page, testId: string): Promise<number> => Number(((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\D/g, '') || 0);

interface Run {
  agents: number;
  waiting: number;
  framesOver: number;
  longestFrameMs: number;
  fps: number;
  longTaskMs: number;
  longTasks: number;
  rowsInDom: number;
  queueEventsPerSec: number;
  loadBefore: number;
  loadAfter: number;
}

/** Counts the queue events a team lead's desk receives (the same session filters). */
function countQueueEvents(port: number) {
  const client = createAmiClient({ host: '127.0.0.1', port, username: USER, secret: SECRET, filters: teamLeadFilters(), resyncOnConnect: false, pingIntervalMs: 600_000 });
  let count = 0;
  client.onEvent((frame) => {
    if (parseQueueEvent(frame) !== null) count++;
  });
  client.start();
  return { read: () => count, stop: () => client.stop() };
}

async function measure(size: number, browser: Awaited<ReturnType<typeof chromium.launch>>): Promise<Run> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-wallboard-'));
  const sim = await startSimulatorProcess(size);
  const desk = await startDesk({
    DESK_DATA_DIR: dir,
    DESK_SERVER_URL: 'off',
    DESK_ROLE: 'team-lead',
    DESK_AMI_HOST: '127.0.0.1',
    DESK_AMI_PORT: String(sim.port),
    DESK_AMI_USER: USER,
    DESK_AMI_SECRET: SECRET,
  });
  const events = countQueueEvents(sim.port);
  const context = await browser.newContext({ locale: 'tr-TR', timezoneId: 'Europe/Istanbul', viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    await page.goto(desk.url);
    const tab = page.getByTestId('tab-wallboard');
    if (await tab.isVisible().catch(() => false)) await tab.click();
    const deadline = Date.now() + 60_000;
    while ((await numberIn(page, 'agent-count').catch(() => 0)) < size || (await numberIn(page, 'queue-waiting').catch(() => 0)) < WAITING * 0.9) {
      if (Date.now() > deadline) throw new Error(`${size} agents: the wallboard never showed them all with ${WAITING} waiting`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, WARM_UP_SECONDS * 1000));

    const loadBefore = loadavg()[0]!;
    const eventsBefore = events.read();
    const started = Date.now();
    await page.evaluate(PROBE);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const { frames, longTasks, rows } = (await page.evaluate(COLLECT)) as { frames: number[]; longTasks: number[]; rows: number };
    const elapsedSec = (Date.now() - started) / 1000;
    const queueEventsPerSec = (events.read() - eventsBefore) / elapsedSec;
    const loadAfter = loadavg()[0]!;
    const waiting = await numberIn(page, 'queue-waiting');
    const frameTime = frames.reduce((a, b) => a + b, 0);
    return {
      agents: size,
      waiting,
      framesOver: frames.filter((f) => f > FRAME_BUDGET_MS).length,
      longestFrameMs: Math.max(0, ...frames),
      fps: frames.length / (frameTime / 1000),
      longTaskMs: longTasks.reduce((a, b) => a + b, 0),
      longTasks: longTasks.length,
      rowsInDom: rows,
      queueEventsPerSec,
      loadBefore,
      loadAfter,
    };
  } finally {
    await context.close();
    await events.stop();
    await desk.stop();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const runs: Run[] = [];
  try {
    for (const size of SIZES) {
      console.log(`${size} agents, ${WAITING} waiting: ${WARM_UP_SECONDS} s warm-up, then ${SECONDS} s measured…`);
      runs.push(await measure(size, browser));
      console.log(runs.at(-1));
    }
  } finally {
    await browser.close();
  }
  const base = runs[0]!;
  const row = (r: Run) =>
    `| ${r.agents} agents, ${r.waiting} waiting, ${r.queueEventsPerSec.toFixed(1)} queue events/s | ${r.framesOver} | ${r.longestFrameMs.toFixed(0)} | ${r.fps.toFixed(1)} | ${(r.longTaskMs / 1000).toFixed(2)} s (${r.longTasks}) | ${r.rowsInDom} | ${r === base ? 'baseline' : `${(r.fps / base.fps).toFixed(2)}× fps, ${r.framesOver - base.framesOver >= 0 ? '+' : ''}${r.framesOver - base.framesOver} frames over ${FRAME_BUDGET_MS} ms`} | ${r.loadBefore.toFixed(2)} → ${r.loadAfter.toFixed(2)} |`;
  const big = runs.at(-1)!;
  const verdict =
    big.framesOver === 0
      ? `At ${big.agents} agents no frame took over ${FRAME_BUDGET_MS} ms: target met.`
      : `At ${big.agents} agents ${big.framesOver} frames took over ${FRAME_BUDGET_MS} ms: target (none) missed.`;
  const section = [
    `\n### Wallboard at 50 and 500 agents (issue 15, bench/wallboard.bench.ts): ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${machine()}; Chromium (Debian), headless, 1920×1080.`,
    '',
    `A team lead's desk (browser mode, session filters on) on the wallboard, the PBX simulator in its own process: every agent on a call, the queue kept at ${WAITING} callers, talk times chosen for ~${EVENTS_PER_SEC} queue events/s at either size. ${SECONDS} s measured per size after ${WARM_UP_SECONDS} s of warm-up; frames are requestAnimationFrame deltas, long tasks PerformanceObserver 'longtask' entries (over 50 ms). Load is the 1-minute load average before → after the window (2 cores shared with other sessions).`,
    '',
    `| run | frames over ${FRAME_BUDGET_MS} ms | longest frame ms | fps | long tasks (count) | agent rows in the DOM | vs 50 agents | load avg |`,
    '|---|---:|---:|---:|---:|---:|---|---|',
    ...runs.map(row),
    '',
    verdict,
    '',
  ].join('\n');
  console.log(section);
  if (process.env.BENCH_NO_RESULTS !== '1') appendFileSync(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), section);
}

if (process.argv.includes('--simulator-child')) void simulatorChild(Number(process.argv.at(-1)));
else
  void main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
