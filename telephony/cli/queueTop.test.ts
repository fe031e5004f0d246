import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { PbxSimulator } from '../simulator/pbxSimulator.js';
import { startPbxSimulator } from '../simulator/pbxSimulator.js';
import { waitFor } from '../testing/waitFor.js';
import { parseArgs, USAGE, UsageError } from './queueTopFormat.js';
import { readSecretFile, SecretFileError } from './secretFile.js';

// queue-top as an operator runs it: a separate node process over real TCP to the simulator.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AGENTS = [
  { interface: 'Local/1001@sim-agent/n', name: 'Ayşe Yılmaz', stateInterface: 'Custom:1001' },
  { interface: 'Local/1002@sim-agent/n', name: 'Mehmet Demir', stateInterface: 'Custom:1002' },
];
const FIELDS = ['ts', 'countingSince', 'queue', 'waiting', 'longestWaitSec', 'answered', 'abandoned', 'asaSec', 'avgWaitAllSec', 'timedOut', 'avgTalkSec', 'serviceLevelPct', 'serviceLevel2Pct', 'abandonRatePct', 'agents'];

interface Run {
  child: ChildProcessWithoutNullStreams;
  lines: Array<Record<string, unknown>>;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number>;
}

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function queueTop(args: string[], env: Record<string, string> = {}): Run {
  const { QUEUE_TOP_AMI_SECRET: _inherited, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'telephony/cli/queueTop.ts', ...args], { cwd: root, env: { ...inherited, ...env } });
  let all = '';
  let partial = '';
  let err = '';
  const lines: Array<Record<string, unknown>> = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    all += chunk;
    const complete = (partial + chunk).split('\n');
    partial = complete.pop()!;
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGTERM');
    return exited;
  });
  return { child, lines, stdout: () => all, stderr: () => err, exited };
}

async function simulator(autoAnswerMs: number | null = 100): Promise<PbxSimulator> {
  const sim = await startPbxSimulator({
    username: 'lead',
    secret: 'p@ss:153',
    agents: AGENTS,
    callers: [{ number: '905321112233', name: 'Vatandaş Ali' }],
    callIntervalMs: 0,
    autoAnswerMs,
    talkTimeMs: 300,
  });
  cleanups.push(() => sim.stop());
  return sim;
}

const ami = (port: number, secret = 'p%40ss%3A153') => `ami://lead:${secret}@127.0.0.1:${port}`;

describe('queue-top', () => {
  it('--json prints one line per queue with exactly the documented fields at every change', async () => {
    const sim = await simulator();
    const run = queueTop(['--ami', ami(sim.port), '--json']);
    await waitFor(() => run.lines.length >= 1, 15_000, 'the first lines');
    expect(Object.keys(run.lines[0]!)).toEqual(FIELDS);
    expect(Object.keys(run.lines[0]!.agents as object)).toEqual(['loggedIn', 'available', 'ringing', 'onCall', 'paused', 'wrapUp']);
    expect(run.lines[0]).toMatchObject({ queue: 'alo153', waiting: 0, answered: 0, asaSec: null, agents: { loggedIn: 2, available: 2 } });
    expect(new Date(run.lines[0]!.ts as string).toISOString()).toBe(run.lines[0]!.ts);
    sim.placeCall();
    await waitFor(() => run.lines.some((l) => l.answered === 1 && (l.agents as { onCall: number }).onCall === 0), 10_000, 'the call answered and ended');
    expect(run.lines.some((l) => l.waiting === 1)).toBe(true);
    expect(run.lines.some((l) => (l.agents as { ringing: number }).ringing === 1)).toBe(true);
    const last = run.lines.at(-1)!;
    expect(last).toMatchObject({ answered: 1, abandoned: 0, timedOut: 0, serviceLevelPct: 100, abandonRatePct: 0 });
    expect(last.asaSec).toBeGreaterThanOrEqual(0.1);
    expect([0, 1]).toContain(last.avgTalkSec); // 300 ms: AgentComplete's TalkTime is a difference of whole seconds
    // Two consecutive lines for the same queue are never identical but for the time, unless a
    // caller waits (then a line comes every second).
    const strip = (l: Record<string, unknown>) => JSON.stringify({ ...l, ts: 0 });
    for (let i = 1; i < run.lines.length; i++) if (run.lines[i]!.waiting === 0) expect(strip(run.lines[i]!)).not.toBe(strip(run.lines[i - 1]!));
    expect(run.stderr()).not.toContain('p@ss');
  });

  it('--json prints at least once a second while a caller waits, so the longest wait keeps up with Asterisk', async () => {
    const sim = await simulator(null);
    const run = queueTop(['--ami', ami(sim.port), '--json']);
    await waitFor(() => run.lines.length >= 1, 15_000, 'the first lines');
    sim.placeCall();
    await waitFor(() => run.lines.some((l) => l.waiting === 1), 10_000, 'the caller waiting');
    const from = run.lines.length;
    // Nothing happens on the PBX for 3.5 s (no one answers): the lines go on all the same.
    await new Promise((r) => setTimeout(r, 3_500));
    const waits = run.lines.slice(from).map((l) => l.longestWaitSec as number);
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(waits.at(-1)! - waits[0]!).toBeGreaterThanOrEqual(2);
  });

  it('--once prints after the first read of the PBX and exits 0; the table mode draws with ANSI', async () => {
    const sim = await simulator(null);
    sim.placeCall();
    const json = queueTop(['--ami', ami(sim.port), '--json', '--once']);
    expect(await json.exited).toBe(0);
    expect(json.lines).toHaveLength(1);
    expect(json.lines[0]).toMatchObject({ queue: 'alo153', waiting: 1, agents: { ringing: 1 } });
    const table = queueTop(['--ami', ami(sim.port), '--once']);
    expect(await table.exited).toBe(0);
    expect(table.stdout()).toContain('\x1b[2J');
    expect(table.stdout()).toMatch(/alo153\s+1\s+\d+s/);
  });

  it('--since-midnight carries the day over runs through the day file; without it counts start at zero', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'queue-top-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dayFile = path.join(dir, 'day.json');
    const sim = await simulator();
    const first = queueTop(['--ami', ami(sim.port), '--json', '--since-midnight', '--day-file', dayFile]);
    await waitFor(() => first.lines.length >= 1, 15_000);
    sim.placeCall();
    await waitFor(() => first.lines.some((l) => l.answered === 1), 10_000);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const again = queueTop(['--ami', ami(sim.port), '--json', '--once', '--since-midnight', '--day-file', dayFile]);
    expect(await again.exited).toBe(0);
    expect(again.lines[0]).toMatchObject({ answered: 1 });
    // The day counts from the first run's start, not from midnight: it says so.
    const firstStart = Date.parse(first.lines[0]!.countingSince as string);
    expect(Date.parse(again.lines[0]!.countingSince as string)).toBe(firstStart);
    expect(firstStart).toBeLessThanOrEqual(Date.parse(first.lines[0]!.ts as string));
    const fresh = queueTop(['--ami', ami(sim.port), '--json', '--once']);
    expect(await fresh.exited).toBe(0);
    expect(fresh.lines[0]).toMatchObject({ answered: 0 });
  });

  it('exits with a message on a wrong secret, and on bad arguments', async () => {
    const sim = await simulator();
    const wrong = queueTop(['--ami', ami(sim.port, 'nope'), '--json']);
    expect(await wrong.exited).toBe(77);
    expect(wrong.stderr()).toContain('refused the user name or secret');
    expect(wrong.stderr()).not.toContain('nope');
    const bad = queueTop(['--ami', 'http://x']);
    expect(await bad.exited).toBe(64);
    expect(bad.stderr()).toContain('usage: queue-top');
  });

  it('parses ami:// URLs with encoded secrets and the default port', () => {
    const args = parseArgs(['--ami', 'ami://desk:s%3Acr%40t@pbx.local', '--once'], () => '/tmp/x');
    expect(args).toMatchObject({ host: 'pbx.local', port: 5038, username: 'desk', secret: 's:cr@t', once: true, json: false, dayFile: '/tmp/x' });
    expect(() => parseArgs([], () => '')).toThrow(UsageError);
    expect(() => parseArgs(['--ami', 'ami://h'], () => '')).toThrow(/USER@HOST/);
  });

  it('takes the secret from QUEUE_TOP_AMI_SECRET or --secret-file, and marks one given in --ami', () => {
    const env = { QUEUE_TOP_AMI_SECRET: 'from:env' };
    expect(parseArgs(['--ami', 'ami://lead@pbx'], () => '', env)).toMatchObject({ username: 'lead', secret: 'from:env', secretSource: 'env', secretFile: null });
    expect(parseArgs(['--ami', 'ami://lead@pbx', '--secret-file', '/etc/q'], () => '', env)).toMatchObject({ secret: '', secretSource: 'file', secretFile: '/etc/q' });
    expect(parseArgs(['--ami', 'ami://lead@pbx', '--secret-file=/etc/q'], () => '')).toMatchObject({ secretSource: 'file', secretFile: '/etc/q' });
    // In the URL it still works, and overrides the environment; the run warns about it.
    expect(parseArgs(['--ami', 'ami://lead:s%40@pbx'], () => '', env)).toMatchObject({ secret: 's@', secretSource: 'argv' });
    expect(() => parseArgs(['--ami', 'ami://lead@pbx'], () => '', {})).toThrow(/no AMI secret.*--secret-file.*QUEUE_TOP_AMI_SECRET/);
    expect(() => parseArgs(['--ami', 'ami://lead:x@pbx', '--secret-file', '/etc/q'], () => '')).toThrow(/not both/);
    expect(USAGE).toContain('--secret-file');
    expect(USAGE).toContain('QUEUE_TOP_AMI_SECRET');
  });

  it('reads a secret file that only its owner can read, and refuses one others can', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'queue-top-secret-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'secret');
    writeFileSync(file, 'p@ss:153\n', { mode: 0o600 });
    chmodSync(file, 0o600);
    expect(readSecretFile(file)).toBe('p@ss:153');
    for (const loose of [0o640, 0o604, 0o644]) {
      chmodSync(file, loose);
      expect(() => readSecretFile(file)).toThrow(new RegExp(`can be read by other users \\(mode 0?${loose.toString(8)}\\); .*chmod 600`));
    }
    // Windows has no such bits to check.
    expect(readSecretFile(file, 'win32')).toBe('p@ss:153');
    expect(() => readSecretFile(path.join(dir, 'missing'))).toThrow(/cannot read the secret file .*ENOENT/);
    expect(() => readSecretFile(dir)).toThrow(SecretFileError);
    writeFileSync(path.join(dir, 'empty'), '', { mode: 0o600 });
    expect(() => readSecretFile(path.join(dir, 'empty'))).toThrow(/is empty/);
  });

  it('runs with the secret from the environment or a private file, warns when it is in --ami, refuses a readable file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'queue-top-secret-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const sim = await simulator(null);
    const noSecret = `ami://lead@127.0.0.1:${sim.port}`;

    const fromEnv = queueTop(['--ami', noSecret, '--json', '--once'], { QUEUE_TOP_AMI_SECRET: 'p@ss:153' });
    expect(await fromEnv.exited).toBe(0);
    expect(fromEnv.lines[0]).toMatchObject({ queue: 'alo153' });
    expect(fromEnv.stderr()).not.toContain('warning');

    const file = path.join(dir, 'ami-secret');
    writeFileSync(file, 'p@ss:153\n', { mode: 0o600 });
    chmodSync(file, 0o600);
    const fromFile = queueTop(['--ami', noSecret, '--secret-file', file, '--json', '--once']);
    expect(await fromFile.exited).toBe(0);
    expect(fromFile.lines[0]).toMatchObject({ queue: 'alo153' });
    expect(fromFile.stderr()).not.toContain('warning');

    chmodSync(file, 0o644);
    const readable = queueTop(['--ami', noSecret, '--secret-file', file, '--json', '--once']);
    expect(await readable.exited).toBe(78);
    expect(readable.stderr()).toContain(`queue-top: the secret file ${file} can be read by other users (mode 644); make it the owner's only: chmod 600 ${file}`);
    expect(readable.stderr()).not.toContain('p@ss');

    const inArgv = queueTop(['--ami', ami(sim.port), '--json', '--once']);
    expect(await inArgv.exited).toBe(0);
    expect(inArgv.stderr()).toMatch(/warning: the AMI secret in --ami can be read by every user of this machine \(ps\); use --secret-file PATH or QUEUE_TOP_AMI_SECRET/);
    expect(inArgv.stderr()).not.toContain('p@ss');

    const none = queueTop(['--ami', noSecret, '--json', '--once']);
    expect(await none.exited).toBe(64);
    expect(none.stderr()).toContain('no AMI secret');
  });
});
