import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { PbxSimulator } from '../simulator/pbxSimulator.js';
import { startPbxSimulator } from '../simulator/pbxSimulator.js';
import { waitFor } from '../testing/waitFor.js';
import { parseArgs, UsageError } from './queueTopFormat.js';

// queue-top as an operator runs it: a separate node process over real TCP to the simulator.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AGENTS = [
  { interface: 'Local/1001@sim-agent/n', name: 'Ayşe Yılmaz', stateInterface: 'Custom:1001' },
  { interface: 'Local/1002@sim-agent/n', name: 'Mehmet Demir', stateInterface: 'Custom:1002' },
];
const FIELDS = ['ts', 'queue', 'waiting', 'longestWaitSec', 'answered', 'abandoned', 'asaSec', 'avgWaitAllSec', 'timedOut', 'avgTalkSec', 'serviceLevelPct', 'serviceLevel2Pct', 'abandonRatePct', 'agents'];

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

function queueTop(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'telephony/cli/queueTop.ts', ...args], { cwd: root });
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
    // Two consecutive lines for the same queue are never identical but for the time.
    const strip = (l: Record<string, unknown>) => JSON.stringify({ ...l, ts: 0 });
    for (let i = 1; i < run.lines.length; i++) expect(strip(run.lines[i]!)).not.toBe(strip(run.lines[i - 1]!));
    expect(run.stderr()).not.toContain('p@ss');
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
    expect(() => parseArgs(['--ami', 'ami://h'], () => '')).toThrow(/USER:SECRET/);
  });
});
