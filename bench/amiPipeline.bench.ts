/**
 * AMI pipeline benchmark (npm run bench:ami).
 *
 * 1. Two 50 000-event bursts of real-shaped AMI traffic (the simulator's frames for 500 agents
 *    and Poisson arrivals, the same bytes every contender gets): "mixed", everything an unfiltered
 *    session gets (a few % of it queue events), and "queue events only", what a desk's filtered
 *    session gets (the team lead's session filters applied to the same traffic). Each is sent over
 *    a loopback socket from a worker thread, received in this thread by:
 *      - plain:     a bare socket frame splitter with header parsing — the physical reference;
 *      - am:        asterisk-manager 0.2.0 alone (its parser and 'managerevent');
 *      - client:    our AMI client alone (it owns its socket: asterisk-manager is NOT under it);
 *      - pipeline:  our client → typed events → queue metrics reducer (what the desk runs).
 *    Each is run ROUNDS times in rotating order; the median is reported, with ratios.
 * 2. The reducer on its own (typed events + reduce over the pre-split frames), events/s and µs per
 *    queue event, for both bursts.
 * 3. The simulator at 500 agents and 20 calls a second, one logged-in session reading every
 *    event: CPU % of one core over ~20 s (process.cpuUsage inside the simulator's own process).
 *
 * Appends a section to bench/RESULTS.md (BENCH_NO_RESULTS=1: print only).
 * BENCH_SIM_SECONDS sets the simulator measurement (default 20), BENCH_ROUNDS the rounds (7).
 */
import { fork } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createAmiClient } from '../telephony/ami/amiClient.js';
import { teamLeadFilters } from '../telephony/ami/amiFilters.js';
import type { AmiFrame } from '../telephony/ami/amiFrame.js';
import { serializeFrame } from '../telephony/ami/amiFrame.js';
import { createFrameSplitter } from '../telephony/ami/amiFrameSplitter.js';
import { createQueueMetricsState, parseQueueEvent, reduceQueueMetrics } from '../telephony/queueMetrics/index.js';
import type { QueueMetricsState } from '../telephony/queueMetrics/index.js';
import { agentDialplan, callFrames } from '../telephony/simulator/callFrames.js';
import { startPbxSimulator } from '../telephony/simulator/pbxSimulator.js';
import { createQueueModel } from '../telephony/simulator/queueModel.js';
import { manualScheduler } from '../telephony/simulator/simScheduler.js';
import { legacyFilter, passes } from '../telephony/simulator/sessionFilter.js';
import type { SimulatorConfig } from '../telephony/simulator/simTypes.js';
import { machine } from './benchSupport.js';

const EVENTS = 50_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const SIM_SECONDS = Number(process.env.BENCH_SIM_SECONDS ?? 20);
// Talk times average 20 s: by 25 s the load has reached its steady state (calls ending as fast as they come).
const SIM_WARMUP_SECONDS = 25;
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const SENTINEL = 'BenchEnd';

const agents = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ interface: `Local/${2000 + i}@sim-agent/n`, name: `Temsilci ${i + 1}`, stateInterface: `Custom:${2000 + i}` }));
const callers = Array.from({ length: 50 }, (_, i) => ({ number: `90532${String(1_000_000 + i * 7919).slice(-7)}`, name: i % 5 === 0 ? null : `Vatandaş ${i + 1}` }));

// -- the burst --------------------------------------------------------------------------------

interface Burst {
  name: string;
  bytes: Buffer;
  /** Of its EVENTS, those the reducer uses. */
  queueEvents: number;
}

const asBurst = (name: string, frames: readonly AmiFrame[]): Burst => {
  const text = frames.map((f) => serializeFrame(f.headers)).join('') + serializeFrame([['Event', SENTINEL], ['Privilege', 'system,all']]);
  return { name, bytes: Buffer.from(text, 'utf8'), queueEvents: frames.filter((f) => parseQueueEvent(f) !== null).length };
};

/**
 * EVENTS events as the simulator's 500-agent queue produces them, then a sentinel: everything
 * (mixed), and what passes a team lead's session filters (queue events only), from the same calls.
 */
function makeBursts(): { mixed: Burst; queueOnly: Burst } {
  const config: SimulatorConfig = {
    port: 0,
    username: 'bench',
    secret: 'bench',
    queues: [{ name: 'alo153', strategy: 'rrmemory', serviceLevel: 20, members: agents(500).map((a) => ({ ...a, membership: 'static' as const, penalty: 0 })) }],
    callQueue: 'alo153',
    callers,
    callIntervalMs: 0,
    autoAnswerMs: 2_000,
    talkTimeMs: 20_000,
    talkTime: { distribution: 'lognormal', meanMs: 20_000, sdMs: 10_000 },
    arrivalsPerSecond: 20,
    patienceMeanMs: 60_000,
    seed: 153,
    ringTimeoutMs: 15_000,
    retryMs: 2_000,
    authFailDelayMs: 0,
  };
  const mixed: AmiFrame[] = [];
  const filtered: AmiFrame[] = [];
  const filters = teamLeadFilters().map((f) => legacyFilter(f as string));
  const dialplan = agentDialplan(config.autoAnswerMs, config.talkTimeMs);
  const scheduler = manualScheduler(Date.UTC(2026, 10, 23, 7, 0, 0));
  const model = createQueueModel(config, scheduler, (fact) => {
    for (const frame of callFrames(fact, dialplan)) {
      if (mixed.length < EVENTS) mixed.push(frame);
      if (filtered.length < EVENTS && passes(filters, frame.headers[0]![1], serializeFrame(frame.headers))) filtered.push(frame);
    }
  });
  while (filtered.length < EVENTS) scheduler.advance(1_000);
  model.stop();
  return { mixed: asBurst('mixed', mixed), queueOnly: asBurst('queue events only', filtered) };
}

// -- the sender (a worker thread: its CPU is not the receiver's) ------------------------------

const SERVER = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const burst = Buffer.from(workerData.burst);
let current = null;
const server = net.createServer((socket) => {
  current = socket;
  socket.setNoDelay(true);
  socket.on('error', () => {});
  socket.write('Asterisk Call Manager/11.0.0\\r\\n');
  let pending = '';
  socket.on('data', (chunk) => {
    pending += chunk.toString('latin1');
    for (let end; (end = pending.indexOf('\\r\\n\\r\\n')) >= 0; ) {
      const request = pending.slice(0, end);
      pending = pending.slice(end + 4);
      const id = (/^actionid:\\s*(.*)$/im.exec(request) || [])[1] || '';
      if (/^action:\\s*login/im.test(request)) {
        socket.write('Response: Success\\r\\nActionID: ' + id + '\\r\\nMessage: Authentication accepted\\r\\n\\r\\n');
        socket.write('Event: FullyBooted\\r\\nPrivilege: system,all\\r\\nUptime: 1\\r\\nLastReload: 1\\r\\nStatus: Fully Booted\\r\\n\\r\\n');
        parentPort.postMessage('logged-in');
      } else if (/^action:\\s*logoff/im.test(request)) {
        socket.end('Response: Goodbye\\r\\nActionID: ' + id + '\\r\\nMessage: Thanks for all the fish.\\r\\n\\r\\n');
      } else {
        socket.write('Response: Success\\r\\nActionID: ' + id + '\\r\\nPing: Pong\\r\\nTimestamp: 1.0\\r\\n\\r\\n');
      }
    }
  });
});
parentPort.on('message', (message) => {
  if (message === 'burst') current.write(burst);
  if (message === 'close') server.close();
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
`;

interface Sender {
  port: number;
  nextLogin(): Promise<void>;
  burst(): void;
  close(): Promise<void>;
}

async function startSender(bytes: Buffer): Promise<Sender> {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  const worker = new Worker(SERVER, { eval: true, workerData: { burst: shared } });
  let loginWaiter: (() => void) | null = null;
  const port = await new Promise<number>((resolve) => {
    worker.on('message', (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'port' in message) resolve((message as { port: number }).port);
      else if (message === 'logged-in') loginWaiter?.();
    });
  });
  return {
    port,
    nextLogin: () => new Promise<void>((resolve) => (loginWaiter = resolve)),
    burst: () => worker.postMessage('burst'),
    async close() {
      worker.postMessage('close');
      await worker.terminate();
    },
  };
}

// -- the receivers --------------------------------------------------------------------------

interface Receiver {
  name: string;
  /** Connects and logs in; resolves a function that starts waiting for the sentinel. */
  connect(port: number): Promise<{ done: Promise<number>; close(): Promise<void> }>;
}

/** The physical reference: split on the blank line, decode, split headers. Nothing else. */
const plain: Receiver = {
  name: 'plain splitter',
  async connect(port) {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let events = 0;
    let pending: Buffer = Buffer.alloc(0);
    let resolveDone: (n: number) => void = () => {};
    const done = new Promise<number>((resolve) => (resolveDone = resolve));
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let start = 0;
      for (let end; (end = pending.indexOf('\r\n\r\n', start)) >= 0; start = end + 4) {
        const lines = pending.toString('utf8', start, end).split('\r\n');
        const headers: Array<[string, string]> = [];
        for (const line of lines) {
          const colon = line.indexOf(': ');
          if (colon > 0) headers.push([line.slice(0, colon), line.slice(colon + 2)]);
        }
        if (headers[0]?.[0] === 'Event') {
          if (headers[0][1] === SENTINEL) resolveDone(events);
          else events++;
        }
      }
      pending = pending.subarray(start);
    });
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write('Action: Login\r\nActionID: p-1\r\nUsername: bench\r\nSecret: bench\r\n\r\n');
    return { done, close: async () => void socket.destroy() };
  },
};

type Manager = { on(name: string, listener: (event: Record<string, unknown>) => void): void; disconnect(): void };
const AsteriskManager = createRequire(import.meta.url)('asterisk-manager') as (port: number, host: string, user: string, secret: string, events: boolean) => Manager;

const am: Receiver = {
  name: 'asterisk-manager',
  async connect(port) {
    const manager = AsteriskManager(port, '127.0.0.1', 'bench', 'bench', true);
    let events = 0;
    let resolveDone: (n: number) => void = () => {};
    const done = new Promise<number>((resolve) => (resolveDone = resolve));
    manager.on('managerevent', (event) => {
      if (event.event === SENTINEL) resolveDone(events);
      else events++;
    });
    return { done, close: async () => manager.disconnect() };
  },
};

function ourClient(name: string, withReducer: boolean): Receiver {
  return {
    name,
    async connect(port) {
      const client = createAmiClient({ host: '127.0.0.1', port, username: 'bench', secret: 'bench', resyncOnConnect: false, pingIntervalMs: 600_000 });
      let events = 0;
      let state: QueueMetricsState = createQueueMetricsState(Date.now());
      let resolveDone: (n: number) => void = () => {};
      const done = new Promise<number>((resolve) => (resolveDone = resolve));
      const now = Date.now();
      client.onEvent((frame) => {
        const first = frame.headers[0];
        if (first !== undefined && first[1] === SENTINEL) {
          resolveDone(events);
          return;
        }
        events++;
        if (!withReducer) return;
        const event = parseQueueEvent(frame);
        if (event !== null) state = reduceQueueMetrics(state, event, now);
      });
      client.start();
      return {
        done: done.then((n) => {
          if (withReducer && Object.keys(state.queues).length === 0) throw new Error('the reducer saw no queue');
          return n;
        }),
        close: () => client.stop(),
      };
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function burstBench(bytes: Buffer): Promise<Map<string, number[]>> {
  const sender = await startSender(bytes);
  const receivers = [plain, am, ourClient('our client', false), ourClient('our pipeline', true)];
  const times = new Map<string, number[]>(receivers.map((r) => [r.name, []]));
  try {
    for (let round = 0; round < ROUNDS + 1; round++) {
      // Rotate the order so no contender always runs first (or after the same one).
      for (let k = 0; k < receivers.length; k++) {
        const receiver = receivers[(round + k) % receivers.length]!;
        const loggedIn = sender.nextLogin();
        const session = await receiver.connect(sender.port);
        await loggedIn;
        await new Promise((resolve) => setTimeout(resolve, 20));
        const started = process.hrtime.bigint();
        sender.burst();
        const events = await session.done;
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        await session.close();
        // Every receiver also got the FullyBooted that follows the login.
        if (events !== EVENTS + 1) throw new Error(`${receiver.name} counted ${events} events, not ${EVENTS + 1}`);
        if (round > 0) times.get(receiver.name)!.push(ms); // round 0 warms the JIT up
      }
    }
  } finally {
    await sender.close();
  }
  return times;
}

interface ReducerFigures {
  typedPerSec: number;
  pipelinePerSec: number;
  queueEventsPerSec: number;
  usPerQueueEvent: number;
  queueEvents: number;
}

function reducerBench(bytes: Buffer): ReducerFigures {
  const frames: AmiFrame[] = [];
  createFrameSplitter((f) => frames.push(f), () => undefined).push(bytes);
  frames.pop(); // the sentinel
  const typedMs: number[] = [];
  const reduceMs: number[] = [];
  let queueEvents = 0;
  for (let round = 0; round < ROUNDS + 1; round++) {
    let t = process.hrtime.bigint();
    const typed = [];
    for (const frame of frames) {
      const event = parseQueueEvent(frame);
      if (event !== null) typed.push(event);
    }
    const parsed = Number(process.hrtime.bigint() - t) / 1e6;
    queueEvents = typed.length;
    let state = createQueueMetricsState(Date.now());
    const now = Date.now();
    t = process.hrtime.bigint();
    for (const event of typed) state = reduceQueueMetrics(state, event, now);
    const reduced = Number(process.hrtime.bigint() - t) / 1e6;
    if (round > 0) {
      typedMs.push(parsed);
      reduceMs.push(reduced);
    }
  }
  return {
    typedPerSec: (frames.length / median(typedMs)) * 1000,
    pipelinePerSec: (frames.length / (median(typedMs) + median(reduceMs))) * 1000,
    queueEventsPerSec: (queueEvents / median(reduceMs)) * 1000,
    usPerQueueEvent: (median(reduceMs) * 1000) / queueEvents,
    queueEvents,
  };
}

// -- the simulator under load, in its own process -------------------------------------------

interface SimReport {
  cpuPct: number;
  userMs: number;
  systemMs: number;
  wallMs: number;
  calls: number;
  eventsRead: number;
}

async function simulatorChild(): Promise<void> {
  const sim = await startPbxSimulator({
    username: 'bench',
    secret: 'bench',
    agents: agents(500),
    callers,
    callIntervalMs: 0,
    arrivalsPerSecond: 20,
    autoAnswerMs: 2_000,
    talkTimeMs: 20_000,
    talkTime: { distribution: 'lognormal', meanMs: 20_000, sdMs: 10_000 },
    patienceMeanMs: 90_000,
    seed: 153,
  });
  process.send!({ port: sim.port });
  process.on('message', (message: unknown) => {
    if (message === 'measure') {
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      const before = sim.status('alo153')[0]!.vars.completed;
      setTimeout(() => {
        const used = process.cpuUsage(cpu);
        const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
        const calls = sim.status('alo153')[0]!.vars.completed - before;
        process.send!({ userMs: used.user / 1000, systemMs: used.system / 1000, wallMs, calls });
      }, SIM_SECONDS * 1000);
    }
    if (message === 'stop') void sim.stop().then(() => process.exit(0));
  });
}

async function simulatorBench(): Promise<SimReport> {
  const child = fork(fileURLToPath(import.meta.url), ['--simulator-child'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m: unknown) => resolve((m as { port: number }).port)));
  // One desk reading everything the simulator sends (unfiltered): the broadcast is part of the load.
  const socket = net.connect(port, '127.0.0.1');
  let bytesRead = 0;
  let eventsRead = 0;
  socket.on('data', (chunk: Buffer) => {
    bytesRead += chunk.length;
    for (let i = chunk.indexOf('Event: '); i >= 0; i = chunk.indexOf('Event: ', i + 7)) eventsRead++;
  });
  socket.write('Action: Login\r\nActionID: s-1\r\nUsername: bench\r\nSecret: bench\r\n\r\n');
  await new Promise((resolve) => setTimeout(resolve, SIM_WARMUP_SECONDS * 1000));
  const eventsBefore = eventsRead;
  child.send('measure');
  const report = await new Promise<{ userMs: number; systemMs: number; wallMs: number; calls: number }>((resolve) => child.once('message', (m: unknown) => resolve(m as never)));
  const events = eventsRead - eventsBefore;
  socket.destroy();
  child.send('stop');
  await new Promise((resolve) => child.once('exit', resolve));
  void bytesRead;
  return { ...report, cpuPct: ((report.userMs + report.systemMs) / report.wallMs) * 100, eventsRead: events };
}

// -- report ---------------------------------------------------------------------------------

interface BurstResult {
  burst: Burst;
  ms: Record<string, number>;
  reducer: ReducerFigures;
}

function burstTable({ burst, ms }: BurstResult): string[] {
  const amMs = ms['asterisk-manager']!;
  const plainMs = ms['plain splitter']!;
  return [
    '| receiver | ms | events/s | × asterisk-manager | × plain splitter |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(ms).map(
      ([name, value]) =>
        `| ${name} | ${value.toFixed(1)} | ${Math.round((EVENTS / value) * 1000).toLocaleString('en-US')} | ${(value / amMs).toFixed(2)} | ${(value / plainMs).toFixed(2)} |`,
    ),
    '',
    verdict(burst, ms['our pipeline']! / amMs),
  ];
}

const verdict = (burst: Burst, pipelineVsAm: number) =>
  pipelineVsAm <= 1.15
    ? `${burst.name}: our pipeline (client + typed events + reducer) takes ${pipelineVsAm.toFixed(2)}× asterisk-manager's time: within the 15 % target.`
    : `${burst.name}: our pipeline takes ${pipelineVsAm.toFixed(2)}× asterisk-manager's time: over the 15 % target.`;

const reducerLine = ({ burst, reducer }: BurstResult) =>
  `Reducer alone, ${burst.name} (over the pre-split frames, no socket): typed events ${Math.round(reducer.typedPerSec).toLocaleString('en-US')} frames/s; typed events + reduce ${Math.round(reducer.pipelinePerSec).toLocaleString('en-US')} frames/s; reduce only ${Math.round(reducer.queueEventsPerSec).toLocaleString('en-US')} queue events/s, ${reducer.usPerQueueEvent.toFixed(2)} µs per queue event (${reducer.queueEvents.toLocaleString('en-US')} per burst).`;

async function main(): Promise<void> {
  const bursts = makeBursts();
  const results: BurstResult[] = [];
  for (const burst of [bursts.mixed, bursts.queueOnly]) {
    console.log(`burst "${burst.name}": ${EVENTS} events, ${(burst.bytes.length / 1e6).toFixed(1)} MB, ${burst.queueEvents} of them queue events the reducer uses`);
    const times = await burstBench(burst.bytes);
    const ms = Object.fromEntries([...times].map(([name, values]) => [name, median(values)])) as Record<string, number>;
    results.push({ burst, ms, reducer: reducerBench(burst.bytes) });
  }
  console.log(`simulator: 500 agents, 20 calls/s, ${SIM_WARMUP_SECONDS} s warm-up then ${SIM_SECONDS} s measured…`);
  const sim = await simulatorBench();

  const [mixed, queueOnly] = results as [BurstResult, BurstResult];
  const section = [
    `\n## AMI pipeline (bench/amiPipeline.bench.ts), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${machine()}.`,
    '',
    `Two bursts of ${EVENTS.toLocaleString('en-US')} events from the simulator's traffic for 500 agents and Poisson arrivals: "mixed", everything an unfiltered session gets (${(mixed.burst.bytes.length / 1e6).toFixed(1)} MB, ${mixed.burst.queueEvents.toLocaleString('en-US')} of them queue events), and "queue events only", what the team lead's session filters let through from the same calls (${(queueOnly.burst.bytes.length / 1e6).toFixed(1)} MB, ${queueOnly.burst.queueEvents.toLocaleString('en-US')} queue events), which is what a desk receives. Each is one socket write from a worker thread over loopback, timed until the receiver handled the last event; median of ${ROUNDS} rounds after one warm-up round, contenders in rotating order, asterisk-manager measured on the same burst in the same run.`,
    'Our client owns its socket and does not use asterisk-manager underneath (telephony/ami/amiClient.ts says why); "asterisk-manager" is that package alone parsing the same bytes into its objects, with no typed events and no reducer.',
    '',
    `Mixed burst:`,
    '',
    ...burstTable(mixed),
    '',
    `Queue events only:`,
    '',
    ...burstTable(queueOnly),
    '',
    reducerLine(mixed),
    reducerLine(queueOnly),
    `Simulator, 500 agents, Poisson 20 calls/s, log-normal talk (mean 20 s), one unfiltered session reading: ${sim.cpuPct.toFixed(1)} % of one core over ${(sim.wallMs / 1000).toFixed(1)} s (user ${Math.round(sim.userMs)} ms, system ${Math.round(sim.systemMs)} ms), ${sim.calls} calls completed, ${Math.round((sim.eventsRead / sim.wallMs) * 1000).toLocaleString('en-US')} events/s sent.`,
    '',
  ].join('\n');
  console.log(section);
  if (process.env.BENCH_NO_RESULTS === '1') return;
  if (!existsSync(RESULTS)) writeFileSync(RESULTS, '# Benchmark results\n\nEach section is appended by its benchmark; newest run last.\n');
  appendFileSync(RESULTS, section);
  console.log(`appended to ${RESULTS}`);
}

if (process.argv.includes('--simulator-child')) void simulatorChild();
else
  void main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
