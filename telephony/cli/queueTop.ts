import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAmiClient } from '../ami/amiClient.js';
import { teamLeadFilters } from '../ami/amiFilters.js';
import { createQueueMetricsFeed } from '../queueMetrics/index.js';
import type { QueueTopArgs, QueueTopLine } from './queueTopFormat.js';
import { parseArgs, queueLine, renderTable, USAGE, UsageError } from './queueTopFormat.js';

// queue-top: the wallboard's figures in a terminal, straight from Asterisk's AMI.
//   npm run queue-top -- --ami ami://USER:SECRET@HOST:PORT [--json] [--once] [--since-midnight]
// It connects with a team lead's session filters, rebuilds the queues from QueueStatus after
// every (re)connect, and prints at every change: an ANSI table, or with --json one line per
// queue. Log lines (link up/down, never caller data) go to stderr.

const EXIT_USAGE = 64;
const EXIT_AUTH = 77;
const EXIT_UNREACHABLE = 69;

const defaultDayFile = (host: string, port: number) => path.join(os.tmpdir(), `alo153-queue-top-${host.replace(/[^a-zA-Z0-9.-]/g, '_')}-${port}.json`);

function readDayFile(file: string | null): string | null {
  if (file === null) return null;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function writeDayFile(file: string, json: string): void {
  try {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, json, { mode: 0o600 });
    renameSync(temp, file);
  } catch (error) {
    process.stderr.write(`queue-top: cannot keep the day's counters in ${file} (${error instanceof Error ? error.name : 'error'})\n`);
  }
}

export async function runQueueTop(args: QueueTopArgs): Promise<number> {
  const verbose = (line: string) => {
    if (!args.json || process.env.QUEUE_TOP_VERBOSE) process.stderr.write(`queue-top: ${line}\n`);
  };
  const client = createAmiClient({
    host: args.host,
    port: args.port,
    username: args.username,
    secret: args.secret,
    filters: teamLeadFilters(),
    log: (line) => {
      if (args.json) process.stderr.write(`queue-top: ${line}\n`);
    },
  });
  const feed = createQueueMetricsFeed(client, { dayCounters: args.sinceMidnight ? readDayFile(args.dayFile) : null });
  const period = args.sinceMidnight ? 'since midnight (Europe/Istanbul)' : 'since queue-top started';
  let lastJson = '';
  let saveTimer: NodeJS.Timeout | undefined;

  const lines = (now: number): QueueTopLine[] => feed.queues(now).map((q) => queueLine(q, args.sinceMidnight ? q.today : q.sinceStart, now));

  // The table is redrawn at most five times a second; JSON lines follow every change.
  let drawTimer: NodeJS.Timeout | undefined;
  let drawnAt = 0;
  function draw(): void {
    if (args.json) return print();
    if (drawTimer !== undefined) return;
    const wait = Math.max(0, drawnAt + 200 - Date.now());
    drawTimer = setTimeout(() => {
      drawTimer = undefined;
      drawnAt = Date.now();
      print();
    }, wait);
  }

  function print(): void {
    const now = Date.now();
    const current = lines(now);
    if (args.json) {
      // Only when something a line shows changed (not every AMI event changes a figure).
      const key = JSON.stringify(current.map(({ ts: _ts, ...rest }) => rest));
      if (key === lastJson) return;
      lastJson = key;
      process.stdout.write(current.map((line) => JSON.stringify(line)).join('\n') + (current.length > 0 ? '\n' : ''));
    } else {
      process.stdout.write(renderTable(current, client.linkState, feed.live, period, now));
    }
  }

  function saveDay(): void {
    if (!args.sinceMidnight || args.dayFile === null) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => writeDayFile(args.dayFile!, feed.serializeDayCounters()), 1_000);
  }

  return new Promise<number>((resolve) => {
    let finished = false;
    let ticker: NodeJS.Timeout | undefined;
    const finish = async (code: number) => {
      if (finished) return;
      finished = true;
      clearInterval(ticker);
      clearTimeout(drawTimer);
      clearTimeout(saveTimer);
      if (args.sinceMidnight && args.dayFile !== null) writeDayFile(args.dayFile, feed.serializeDayCounters());
      feed.dispose();
      await client.stop();
      resolve(code);
    };

    feed.onChange((_state, change) => {
      if (change === 'resync' && args.once) {
        print();
        void finish(0);
        return;
      }
      if (!args.once) draw();
      if (change === 'event') saveDay();
    });
    client.onLinkState((link) => {
      if (link.status === 'auth-failed') {
        process.stderr.write('queue-top: the PBX refused the user name or secret\n');
        void finish(EXIT_AUTH);
      } else if (link.status === 'reconnecting' && args.once && feed.state.lastResyncAt === null) {
        process.stderr.write(`queue-top: cannot reach ${args.host}:${args.port} (${link.reason})\n`);
        void finish(EXIT_UNREACHABLE);
      } else if (!args.json && !args.once) {
        draw();
      }
      verbose(`link ${link.status}`);
    });
    // Waits grow with the clock: the table follows it every second while someone waits.
    if (!args.json && !args.once) ticker = setInterval(() => feed.queues().some((q) => q.waiting > 0) && draw(), 1_000);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void finish(0));
    client.start();
  });
}

async function main(): Promise<void> {
  let args: QueueTopArgs;
  try {
    args = parseArgs(process.argv.slice(2), defaultDayFile);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message ? `queue-top: ${error.message}\n` : ''}${USAGE}\n`);
    process.exitCode = error.message ? EXIT_USAGE : 0;
    return;
  }
  process.exitCode = await runQueueTop(args);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void main();
}
