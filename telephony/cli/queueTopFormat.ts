import type { PbxLinkState } from '../../core/pbxLink.js';
import type { QueueFigures, QueueSnapshot } from '../queueMetrics/index.js';

// queue-top's pure parts: arguments, the JSON line per queue, the ANSI table.

export interface QueueTopArgs {
  host: string;
  port: number;
  username: string;
  secret: string;
  json: boolean;
  once: boolean;
  sinceMidnight: boolean;
  /** Where the day's counters are kept between runs (for --since-midnight). */
  dayFile: string | null;
}

export class UsageError extends Error {}

export const USAGE = `usage: queue-top --ami ami://USER:SECRET@HOST[:PORT] [--json] [--once] [--since-midnight] [--day-file PATH]

  --ami             the Asterisk manager interface (port 5038 by default)
  --json            one JSON object per line per queue at every change
  --once            print after the first read of the PBX, then exit
  --since-midnight  count since midnight (Europe/Istanbul) instead of since start; the day's
                    counters are kept in --day-file between runs
  --day-file        default: a file per PBX in the system's temporary folder`;

export function parseArgs(argv: readonly string[], defaultDayFile: (host: string, port: number) => string): QueueTopArgs {
  let ami: string | null = null;
  let json = false;
  let once = false;
  let sinceMidnight = false;
  let dayFile: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--ami') ami = value();
    else if (arg.startsWith('--ami=')) ami = arg.slice(6);
    else if (arg === '--json') json = true;
    else if (arg === '--once') once = true;
    else if (arg === '--since-midnight') sinceMidnight = true;
    else if (arg === '--day-file') dayFile = value();
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else throw new UsageError(`unknown argument ${arg}`);
  }
  if (ami === null) throw new UsageError('--ami is required');
  let url: URL;
  try {
    url = new URL(ami);
  } catch {
    throw new UsageError('--ami must look like ami://USER:SECRET@HOST:PORT');
  }
  if (url.protocol !== 'ami:' || url.hostname === '' || url.username === '') throw new UsageError('--ami must look like ami://USER:SECRET@HOST:PORT');
  const port = url.port === '' ? 5038 : Number(url.port);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return {
    host,
    port,
    username: decodeURIComponent(url.username),
    secret: decodeURIComponent(url.password),
    json,
    once,
    sinceMidnight,
    dayFile: dayFile ?? defaultDayFile(host, port),
  };
}

/** The line --json prints per queue, with exactly the documented fields in this order. */
export interface QueueTopLine {
  ts: string;
  queue: string;
  waiting: number;
  longestWaitSec: number;
  answered: number;
  abandoned: number;
  asaSec: number | null;
  avgWaitAllSec: number | null;
  timedOut: number;
  avgTalkSec: number | null;
  serviceLevelPct: number | null;
  serviceLevel2Pct: number | null;
  abandonRatePct: number | null;
  agents: { loggedIn: number; available: number; ringing: number; onCall: number; paused: number; wrapUp: number };
}

export function queueLine(q: QueueSnapshot, f: QueueFigures, now: number): QueueTopLine {
  return {
    ts: new Date(now).toISOString(),
    queue: q.queue,
    waiting: q.waiting,
    longestWaitSec: q.longestWaitSec,
    answered: f.answered,
    abandoned: f.abandoned,
    asaSec: f.asaSec,
    avgWaitAllSec: f.avgWaitAllSec,
    timedOut: f.timedOut,
    avgTalkSec: f.avgTalkSec,
    serviceLevelPct: f.serviceLevelPct,
    serviceLevel2Pct: f.serviceLevel2Pct,
    abandonRatePct: f.abandonRatePct,
    agents: {
      loggedIn: q.agents.loggedIn,
      available: q.agents.available,
      ringing: q.agents.ringing,
      onCall: q.agents.onCall,
      paused: q.agents.paused,
      wrapUp: q.agents.wrapUp,
    },
  };
}

const ESC = '\x1b[';
const bold = (s: string) => `${ESC}1m${s}${ESC}0m`;
const red = (s: string) => `${ESC}31m${s}${ESC}0m`;
const dim = (s: string) => `${ESC}2m${s}${ESC}0m`;

const num = (value: number | null, suffix = '') => (value === null ? '–' : `${value}${suffix}`);

function pad(text: string, width: number, right = false): string {
  // Width by code points: queue names are UTF-8 ("geri-bildirim", Turkish names in future).
  const length = [...text].length;
  const fill = ' '.repeat(Math.max(0, width - length));
  return right ? fill + text : text + fill;
}

function linkText(link: PbxLinkState, live: boolean): string {
  switch (link.status) {
    case 'connected':
      return live ? 'connected' : 'connected, reading the PBX…';
    case 'reconnecting':
      return red(`reconnecting (${link.reason})`);
    default:
      return red(link.status);
  }
}

/** The full screen: cursor home, clear, then the table. */
export function renderTable(lines: QueueTopLine[], link: PbxLinkState, live: boolean, period: string, now: number): string {
  const columns: Array<[string, number]> = [
    ['queue', 16],
    ['wait', 5],
    ['longest', 8],
    ['ans', 5],
    ['abd', 5],
    ['t/o', 4],
    ['ASA', 6],
    ['avgWait', 8],
    ['talk', 6],
    ['SL%', 6],
    ['SL2%', 6],
    ['abd%', 6],
    ['in', 4],
    ['avail', 6],
    ['ring', 5],
    ['call', 5],
    ['pause', 6],
    ['wrap', 5],
  ];
  const head = columns.map(([name, width], i) => pad(name, width, i > 0)).join(' ');
  const rows = lines.map((l) => {
    const cells = [
      l.queue,
      String(l.waiting),
      `${l.longestWaitSec}s`,
      String(l.answered),
      String(l.abandoned),
      String(l.timedOut),
      num(l.asaSec, 's'),
      num(l.avgWaitAllSec, 's'),
      num(l.avgTalkSec, 's'),
      num(l.serviceLevelPct),
      num(l.serviceLevel2Pct),
      num(l.abandonRatePct),
      String(l.agents.loggedIn),
      String(l.agents.available),
      String(l.agents.ringing),
      String(l.agents.onCall),
      String(l.agents.paused),
      String(l.agents.wrapUp),
    ];
    const row = cells.map((cell, i) => pad(cell, columns[i]![1], i > 0)).join(' ');
    return l.waiting > 0 && l.agents.available === 0 ? red(row) : row;
  });
  const title = `${bold('queue-top')}  ${new Date(now).toISOString().replace('T', ' ').slice(0, 19)} UTC  ${linkText(link, live)}  ${dim(`counts ${period}`)}`;
  return `${ESC}H${ESC}2J${title}\n\n${bold(head)}\n${rows.join('\n')}\n`;
}
