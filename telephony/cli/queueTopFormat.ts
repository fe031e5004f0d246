import { parseAmiUrl } from '../ami/amiUrl.js';
import type { PbxLinkState } from '../../core/pbxLink.js';
import type { QueueFigures, QueueSnapshot } from '../queueMetrics/index.js';

// queue-top's pure parts: arguments, the JSON line per queue, the ANSI table.

export interface QueueTopArgs {
  host: string;
  port: number;
  username: string;
  /** The secret from the URL or the environment; '' when it is to be read from `secretFile`. */
  secret: string;
  /** Where the secret came from: `argv` is visible to every local user in `ps` (warned about). */
  secretSource: 'argv' | 'env' | 'file';
  secretFile: string | null;
  json: boolean;
  once: boolean;
  sinceMidnight: boolean;
  /** Where the day's counters are kept between runs (for --since-midnight). */
  dayFile: string | null;
}

export class UsageError extends Error {}

/** The environment variable queue-top reads the AMI secret from. */
export const SECRET_ENV = 'QUEUE_TOP_AMI_SECRET';

export const USAGE = `usage: queue-top --ami ami://USER@HOST[:PORT] [--secret-file PATH] [--json] [--once] [--since-midnight] [--day-file PATH]

  --ami             the Asterisk manager interface (port 5038 by default)
  --secret-file     a file holding the AMI secret (one line), readable by its owner only
                    (chmod 600); without it the secret is read from ${SECRET_ENV}.
                    ami://USER:SECRET@HOST still works but puts the secret where every local
                    user can read it (ps, /proc): queue-top warns when it is given so
  --json            one JSON object per line per queue at every change
  --once            print after the first read of the PBX, then exit
  --since-midnight  count since midnight (Europe/Istanbul) instead of since start; the day's
                    counters are kept in --day-file between runs
  --day-file        default: a file per PBX in the system's temporary folder`;

export function parseArgs(
  argv: readonly string[],
  defaultDayFile: (host: string, port: number) => string,
  env: Readonly<Record<string, string | undefined>> = {},
): QueueTopArgs {
  let ami: string | null = null;
  let secretFile: string | null = null;
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
    else if (arg === '--secret-file') secretFile = value();
    else if (arg.startsWith('--secret-file=')) secretFile = arg.slice('--secret-file='.length);
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else throw new UsageError(`unknown argument ${arg}`);
  }
  if (ami === null) throw new UsageError('--ami is required');
  const url = parseAmiUrl(ami);
  if (url === null) throw new UsageError('--ami must look like ami://USER@HOST:PORT');
  const { host, port } = url;
  const inUrl = url.secret;
  const inEnv = env[SECRET_ENV] ?? '';
  if (inUrl !== '' && secretFile !== null) throw new UsageError('give the secret either in --ami or in --secret-file, not both');
  if (inUrl === '' && secretFile === null && inEnv === '') {
    throw new UsageError(`no AMI secret: put it in a file for --secret-file, or in ${SECRET_ENV}`);
  }
  const secretSource = secretFile !== null ? 'file' : inUrl !== '' ? 'argv' : 'env';
  return {
    host,
    port,
    username: url.username,
    secret: secretSource === 'file' ? '' : secretSource === 'argv' ? inUrl : inEnv,
    secretSource,
    secretFile,
    json,
    once,
    sinceMidnight,
    dayFile: dayFile ?? defaultDayFile(host, port),
  };
}

/** The line --json prints per queue, with exactly the documented fields in this order. */
export interface QueueTopLine {
  ts: string;
  /**
   * From when the figures count (ISO): queue-top's start, the day counters it kept, or midnight
   * once it ran through one; null when kept counters did not say. A run started at 11:00 does
   * not know the calls of the morning, and says so here.
   */
  countingSince: string | null;
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

export function queueLine(q: QueueSnapshot, f: QueueFigures, now: number, countingSince: number | null): QueueTopLine {
  return {
    ts: new Date(now).toISOString(),
    countingSince: countingSince === null ? null : new Date(countingSince).toISOString(),
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
