import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAmiClient } from '../ami/amiClient.js';
import { teamLeadFilters } from '../ami/amiFilters.js';
import { createQueueMetricsFeed } from '../queueMetrics/index.js';
import type { QueueTopArgs, QueueTopLine } from './queueTopFormat.js';
import { parseArgs, queueLine, renderTable, SECRET_ENV, USAGE, UsageError } from './queueTopFormat.js';
import { readSecretFile, SecretFileError } from './secretFile.js';

// queue-top: the wallboard's figures in a terminal, straight from Asterisk's AMI.
//   QUEUE_TOP_AMI_SECRET=… npm run queue-top -- --ami ami://USER@HOST:PORT [--json] [--once] [--since-midnight]
//   npm run queue-top -- --ami ami://USER@HOST:PORT --secret-file PATH …
// The secret is not taken from the command line by choice: every local user can read a
// process's arguments (ps, /proc/PID/cmdline). ami://USER:SECRET@… still works, with a warning.
// It connects with a team lead's session filters, rebuilds the queues from QueueStatus after
// every (re)connect, and prints at every change: an ANSI table, or with --json one line per
// queue. Log lines (link up/down, never caller data) go to stderr.

const EXIT_USAGE = 64;
const EXIT_AUTH = 77;
const EXIT_UNREACHABLE = 69;
/** EX_CONFIG: the secret file cannot be used as it is. */
const EXIT_CONFIG = 78;

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
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Istanbul', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  let lastJson = '';
  let saveTimer: NodeJS.Timeout | undefined;

  const countingSince = () => (args.sinceMidnight ? feed.state.countingSince : feed.state.startedAt);
  const lines = (now: number): QueueTopLine[] => feed.queues(now).map((q) => queueLine(q, args.sinceMidnight ? q.today : q.sinceStart, now, countingSince()));
  /** The period as the table's heading says it: a day counted from 11:02 says so. */
  const periodNow = () => {
    const since = countingSince();
    if (!args.sinceMidnight) return period;
    if (since === null) return `${period}, counting since: unknown`;
    return since > feed.state.day.startsAt ? `${period}, counting since ${clock.format(since)}` : period;
  };

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

  /** `everySecond`: the ticker's print while callers wait, a line even when the figures did not move. */
  function print(everySecond = false): void {
    const now = Date.now();
    const current = lines(now);
    if (args.json) {
      // Only when something a line shows changed (not every AMI event changes a figure), and
      // once a second while anyone waits.
      const key = JSON.stringify(current.map(({ ts: _ts, ...rest }) => rest));
      if (key === lastJson && !everySecond) return;
      lastJson = key;
      process.stdout.write(current.map((line) => JSON.stringify(line)).join('\n') + (current.length > 0 ? '\n' : ''));
    } else {
      process.stdout.write(renderTable(current, client.linkState, feed.live, periodNow(), now));
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
    // While anyone waits the longest wait grows with no event at all: at least once a second,
    // on screen and in --json alike (a line per change only would say 59 s when Asterisk says 61).
    if (!args.once) ticker = setInterval(() => feed.queues().some((q) => q.waiting > 0) && (args.json ? print(true) : draw()), 1_000);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void finish(0));
    client.start();
  });
}

async function main(): Promise<void> {
  let args: QueueTopArgs;
  try {
    args = parseArgs(process.argv.slice(2), defaultDayFile, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message ? `queue-top: ${error.message}\n` : ''}${USAGE}\n`);
    process.exitCode = error.message ? EXIT_USAGE : 0;
    return;
  }
  if (args.secretSource === 'argv') {
    process.stderr.write(`queue-top: warning: the AMI secret in --ami can be read by every user of this machine (ps); use --secret-file PATH or ${SECRET_ENV} instead\n`);
  }
  if (args.secretFile !== null) {
    try {
      args = { ...args, secret: readSecretFile(args.secretFile) };
    } catch (error) {
      if (!(error instanceof SecretFileError)) throw error;
      process.stderr.write(`queue-top: ${error.message}\n`);
      process.exitCode = EXIT_CONFIG;
      return;
    }
  }
  process.exitCode = await runQueueTop(args);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void main();
}
