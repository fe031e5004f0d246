import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueDelta, QueueSnapshot } from '../../core/queue.js';
import { readConfig } from './config.js';
import { startHost, type Host } from './host.js';
import { followQueue, nextSnapshot } from './testing/queueSnapshots.js';

const dirs: string[] = [];
const hosts: Host[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function desk(env: Record<string, string>, dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-queue-'))) {
  dirs.push(dataDir);
  const host = await startHost(readConfig({ DESK_DATA_DIR: dataDir, DESK_SIM_CALL_INTERVAL_MS: '0', DESK_SERVER_URL: 'off', ...env }), () => {});
  hosts.push(host);
  return { host, dataDir };
}

const me = (s: QueueSnapshot) => s.agents.find((a) => a.interface === 'Local/1001@sim-agent/n');

describe('queue service over the simulated PBX', () => {
  it("an operator pauses with a reason and unpauses; the figures say so", async () => {
    const { host } = await desk({});
    await nextSnapshot(host, (s) => me(s)?.state === 'available');
    expect(await host.invoke('agent.pause', { paused: true, reason: 'Yemek', queue: null })).toEqual({ ok: true, value: { ok: true } });
    const paused = await nextSnapshot(host, (s) => me(s)?.state === 'paused');
    expect(me(paused)?.pauseReason).toBe('Yemek');
    await host.invoke('agent.pause', { paused: false, reason: null, queue: null });
    await nextSnapshot(host, (s) => me(s)?.state === 'available');
  });

  it('a team lead pauses another agent; an operator may not', async () => {
    const operator = await desk({});
    expect(await operator.host.invoke('supervisor.pause', { interface: 'Local/1002@sim-agent/n', paused: true, reason: 'Mola', queue: null })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const lead = await desk({ DESK_ROLE: 'team-lead' });
    await nextSnapshot(lead.host, (s) => s.agents.length === 2);
    await lead.host.invoke('supervisor.pause', { interface: 'Local/1002@sim-agent/n', paused: true, reason: 'Eğitim', queue: null });
    const snap = await nextSnapshot(lead.host, (s) => s.agents.some((a) => a.interface === 'Local/1002@sim-agent/n' && a.state === 'paused'));
    expect(snap.agents.find((a) => a.interface === 'Local/1002@sim-agent/n')?.pauseReason).toBe('Eğitim');
  });

  it('pushes only what changed: a paused agent is one row of the delta, the others are not sent again', async () => {
    const { host } = await desk({ DESK_ROLE: 'team-lead' });
    await nextSnapshot(host, (s) => s.agents.length === 2);
    const deltas: QueueDelta[] = [];
    host.onEvent((name, payload) => {
      if (name === 'queue.delta') deltas.push(payload as QueueDelta);
    });
    await host.invoke('supervisor.pause', { interface: 'Local/1002@sim-agent/n', paused: true, reason: 'Mola', queue: null });
    await nextSnapshot(host, (s) => s.agents.some((a) => a.interface === 'Local/1002@sim-agent/n' && a.state === 'paused'));
    const pause = deltas.find((d) => d.agents !== undefined)!;
    expect(pause.agents).toEqual({ changed: [expect.objectContaining({ interface: 'Local/1002@sim-agent/n', state: 'paused', pauseReason: 'Mola' })], removed: [] });
    expect(pause.history).toBeUndefined();
  });

  it('a desk that follows the deltas holds exactly the board a fresh snapshot shows, calls coming and going', async () => {
    const { host } = await desk({ DESK_ROLE: 'team-lead', DESK_SIM_CALL_INTERVAL_MS: '300', DESK_SIM_AUTO_ANSWER_MS: '200', DESK_SIM_TALK_MS: '400' });
    const versions: Array<[number, number]> = [];
    host.onEvent((name, payload) => {
      if (name === 'queue.delta') versions.push([(payload as QueueDelta).baseVersion, (payload as QueueDelta).version]);
    });
    let held: QueueSnapshot | null = null;
    followQueue(host, (s) => (held = s));
    await nextSnapshot(host, (s) => (s.queues[0]?.day.answered ?? 0) >= 2);
    const fresh = await host.invoke('queue.snapshot', {});
    expect(fresh.ok && held).toEqual(fresh.ok && fresh.value);
    // One chain: each delta builds on the version before it.
    expect(versions.every(([base], i) => i === 0 || base === versions[i - 1]![1])).toBe(true);
  });

  it("the PBX's refusal reaches the user in its own words", async () => {
    const { host } = await desk({ DESK_ROLE: 'team-lead' });
    await nextSnapshot(host, (s) => s.agents.length > 0);
    expect(await host.invoke('supervisor.pause', { interface: 'Local/9999@nowhere/n', paused: true, reason: null, queue: null })).toMatchObject({
      ok: false,
      error: { code: 'pbx-refused', message: 'Interface not found' },
    });
  });

  it('after a call the operator is in wrap-up, then available again by itself; the day counters survive a restart', async () => {
    const { host, dataDir } = await desk({ DESK_SIM_CALL_INTERVAL_MS: '300', DESK_SIM_AUTO_ANSWER_MS: '200', DESK_SIM_TALK_MS: '300', DESK_WRAPUP_SEC: '1' });
    await nextSnapshot(host, (s) => me(s)?.state === 'wrap-up');
    const back = await nextSnapshot(host, (s) => me(s)?.state !== 'wrap-up' && me(s)?.state !== 'paused');
    expect(back.queues[0]?.day.answered).toBeGreaterThan(0);
    const answered = back.queues[0]!.day.answered;
    await host.close();
    hosts.splice(hosts.indexOf(host), 1);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'queue-day.json'), 'utf8'))).toBeTruthy();

    const again = await desk({}, dataDir);
    const first = await again.host.invoke('queue.snapshot', {});
    expect(first.ok && (first.value as QueueSnapshot).queues.find((q) => q.queue === 'alo153')?.day.answered).toBeGreaterThanOrEqual(answered);
  });

  it('wrap-up is one state: the tile counts the agent in wrap-up, as the table shows it', async () => {
    const { host } = await desk({ DESK_SIM_CALL_INTERVAL_MS: '300', DESK_SIM_AUTO_ANSWER_MS: '200', DESK_SIM_TALK_MS: '300', DESK_WRAPUP_SEC: '3' });
    const snap = await nextSnapshot(host, (s) => me(s)?.state === 'wrap-up');
    const tile = snap.queues.find((q) => q.queue === 'alo153')!;
    expect(tile.agents['wrap-up']).toBeGreaterThanOrEqual(1);
    expect(tile.agents.paused).toBe(snap.agents.filter((a) => a.state === 'paused').length);
  });

  // Issue 18: the operator's own break always wins over after-call work.
  const calls = { DESK_SIM_CALL_INTERVAL_MS: '300', DESK_SIM_AUTO_ANSWER_MS: '200', DESK_SIM_PATIENCE_MS: 'off' };
  /** Every state the desk shows from now on, as `state:reason:ownPause`. */
  const watch = (host: Host) => {
    const seen: string[] = [];
    followQueue(host, (s) => seen.push(`${me(s)?.state}:${me(s)?.pauseReason ?? ''}:${s.ownPause ? `${s.ownPause.reason}${s.ownPause.pending ? ' (pending)' : ''}` : ''}`));
    return seen;
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('a break asked during a call waits, shown as pending, and is taken when the call ends instead of the wrap-up: no next call is offered', async () => {
    const { host } = await desk({ ...calls, DESK_SIM_TALK_MS: '2000', DESK_WRAPUP_SEC: '1' });
    await nextSnapshot(host, (s) => me(s)?.state === 'on-call');
    expect(await host.invoke('agent.pause', { paused: true, reason: 'Yemek', queue: null })).toEqual({ ok: true, value: { ok: true } });
    // Still on the call, not paused at the PBX yet: the desk says the break is coming.
    const pending = await nextSnapshot(host, (s) => s.ownPause?.pending === true);
    expect(me(pending)?.state).toBe('on-call');
    expect(pending.ownPause).toEqual({ reason: 'Yemek', pending: true });
    const seen = watch(host);
    const taken = await nextSnapshot(host, (s) => me(s)?.state === 'paused');
    expect(me(taken)?.pauseReason).toBe('Yemek');
    expect(taken.ownPause).toEqual({ reason: 'Yemek', pending: false });
    // Well past the 1 s wrap-up, with callers waiting: still on the break, never rung.
    await sleep(2500);
    expect(seen.at(-1)).toBe('paused:Yemek:Yemek');
    expect(seen.filter((x) => /^(wrap-up|available|ringing)/.test(x))).toEqual([]);
  });

  it('a pending break can be cancelled during the call: the call then ends in wrap-up as usual', async () => {
    const { host } = await desk({ ...calls, DESK_SIM_TALK_MS: '1500', DESK_WRAPUP_SEC: '2' });
    await nextSnapshot(host, (s) => me(s)?.state === 'on-call');
    await host.invoke('agent.pause', { paused: true, reason: 'Mola', queue: null });
    await nextSnapshot(host, (s) => s.ownPause?.pending === true);
    expect(await host.invoke('agent.pause', { paused: false, reason: null, queue: null })).toEqual({ ok: true, value: { ok: true } });
    const cancelled = await nextSnapshot(host, (s) => s.ownPause === null);
    expect(me(cancelled)?.state).toBe('on-call');
    await nextSnapshot(host, (s) => me(s)?.state === 'wrap-up');
  });

  it('a break chosen during the wrap-up replaces it, with its reason, and outlasts the wrap-up timer', async () => {
    const { host } = await desk({ ...calls, DESK_SIM_TALK_MS: '300', DESK_WRAPUP_SEC: '2' });
    const wrapUp = await nextSnapshot(host, (s) => me(s)?.state === 'wrap-up');
    await sleep(300);
    await host.invoke('agent.pause', { paused: true, reason: 'Yemek', queue: null });
    const seen = watch(host);
    const onBreak = await nextSnapshot(host, (s) => me(s)?.state === 'paused' && me(s)?.pauseReason === 'Yemek');
    // The break's time counts from when it was chosen, not from the call's end.
    expect(me(onBreak)!.stateSince).toBeGreaterThanOrEqual(me(wrapUp)!.stateSince + 300);
    await sleep(3000);
    expect(seen.at(-1)).toBe('paused:Yemek:Yemek');
    expect(seen.filter((x) => /^(wrap-up|available|ringing)/.test(x))).toEqual([]);
  });

  it("the wrap-up timer ends only its own pause: a team lead's pause during the wrap-up is kept", async () => {
    const { host } = await desk({ ...calls, DESK_ROLE: 'team-lead', DESK_SIM_TALK_MS: '300', DESK_WRAPUP_SEC: '1' });
    await nextSnapshot(host, (s) => me(s)?.state === 'wrap-up');
    await host.invoke('supervisor.pause', { interface: 'Local/1001@sim-agent/n', paused: true, reason: 'Eğitim', queue: null });
    await nextSnapshot(host, (s) => me(s)?.pauseReason === 'Eğitim');
    await sleep(2000);
    const after = await host.invoke('queue.snapshot', {});
    expect(after.ok && me(after.value as QueueSnapshot)).toMatchObject({ state: 'paused', pauseReason: 'Eğitim' });
  });

  it('with DESK_PAUSE_DURING_CALL=at-once the PBX pauses during the call, as Asterisk does, and the reason shows on the call', async () => {
    const { host } = await desk({ ...calls, DESK_PAUSE_DURING_CALL: 'at-once', DESK_SIM_TALK_MS: '1500', DESK_WRAPUP_SEC: '1' });
    await nextSnapshot(host, (s) => me(s)?.state === 'on-call');
    await host.invoke('agent.pause', { paused: true, reason: 'Yemek', queue: null });
    const onCall = await nextSnapshot(host, (s) => s.ownPause !== null && s.ownPause !== undefined);
    expect(onCall.ownPause).toEqual({ reason: 'Yemek', pending: false });
    expect(me(onCall)?.state).toBe('on-call');
    const seen = watch(host);
    await nextSnapshot(host, (s) => me(s)?.state === 'paused');
    await sleep(2000);
    expect(seen.at(-1)).toBe('paused:Yemek:Yemek');
    expect(seen.filter((x) => /^(wrap-up|available|ringing)/.test(x))).toEqual([]);
  });

  it("a static member is shown as such, and logging out of its queue is refused in Asterisk's words, logged as such", async () => {
    const lines: string[] = [];
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-queue-'));
    dirs.push(dataDir);
    const host = await startHost(readConfig({ DESK_DATA_DIR: dataDir, DESK_SIM_CALL_INTERVAL_MS: '0', DESK_SERVER_URL: 'off' }), (l) => lines.push(l));
    hosts.push(host);
    const snap = await nextSnapshot(host, (s) => me(s) !== undefined);
    expect(me(snap)?.staticQueues).toEqual(me(snap)?.queues);
    expect(await host.invoke('agent.queueMembership', { queue: 'alo153', member: false })).toMatchObject({
      ok: false,
      error: { code: 'pbx-refused', message: 'Member not dynamic' },
    });
    expect(lines).toContain('PBX refused QueueRemove: Member not dynamic');
  });
});

