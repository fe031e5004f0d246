import { afterEach, describe, expect, it } from 'vitest';
import type { QueueSnapshot } from '../../core/queue.js';
import type { SimAgent } from '../../telephony/simulator/pbxSimulator.js';
import { AYSE, MEHMET, SECRET, startTestSimulator } from '../../telephony/testing/simFixtures.js';
import { nextSnapshot } from './testing/queueSnapshots.js';
import { startTestDesk, type Cleanups } from './testing/testDesk.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const ZEYNEP: SimAgent = { interface: 'Local/1004@sim-agent/n', name: 'Zeynep Kaya', stateInterface: 'Custom:1004' };

const names = (s: QueueSnapshot) => s.agents.map((a) => a.name).sort();

async function leadDesk(port: number, env: Record<string, string> = {}) {
  const lines: string[] = [];
  const host = await startTestDesk(
    cleanups,
    { DESK_AMI_HOST: '127.0.0.1', DESK_AMI_PORT: String(port), DESK_AMI_USER: 'desk', DESK_AMI_SECRET: SECRET, DESK_ROLE: 'team-lead', ...env },
    { log: (l) => lines.push(l) },
  );
  return { host, lines };
}

describe('queue members the PBX changes without a member event', () => {
  it('`queue reload members`: an added member is read at once from its pause device, a removed one at the periodic check; the change is shown', async () => {
    const sim = await startTestSimulator(cleanups, { agents: [AYSE, MEHMET], callers: [], talkTimeMs: 1_000 });
    const { host, lines } = await leadDesk(sim.port, { DESK_QUEUE_RECONCILE_SEC: '2' });
    await nextSnapshot(host, (s) => names(s).length === 2);

    // 1002 out, 1004 in: Asterisk says nothing but the pause device of 1004.
    sim.reloadMembers('alo153', [AYSE, ZEYNEP]);
    const added = await nextSnapshot(host, (s) => names(s).includes('Zeynep Kaya'), 1500);
    // Read by QueueStatus at once (its name), not only guessed from the device.
    expect(added.memberChange?.added).toEqual([{ queue: 'alo153', interface: ZEYNEP.interface, name: 'Zeynep Kaya' }]);
    expect(added.memberChange?.reason).toBe('unknown-member');
    expect(names(added)).toEqual(['Ayşe Yılmaz', 'Zeynep Kaya']);
    expect(added.memberChange?.removed.map((m) => m.name)).toEqual(['Mehmet Demir']);
    expect(lines.some((l) => l.startsWith('queue members changed on the PBX (unknown-member): +Local/1004@sim-agent/n alo153, -Local/1002@sim-agent/n alo153'))).toBe(true);

    // Putting 1002 back sends nothing at all (its pause device is cached): the periodic check finds it.
    sim.reloadMembers('alo153', [AYSE, MEHMET, ZEYNEP]);
    const back = await nextSnapshot(host, (s) => names(s).includes('Mehmet Demir'), 5000);
    expect(back.memberChange).toMatchObject({ reason: 'periodic', removed: [] });
    expect(back.memberChange?.added.map((m) => m.name)).toEqual(['Mehmet Demir']);
  });

  it('reads the PBX again on a Reload (`core reload` sends Reload, never FullyBooted)', async () => {
    const sim = await startTestSimulator(cleanups, { agents: [AYSE, MEHMET], callers: [], talkTimeMs: 1_000 });
    const { host } = await leadDesk(sim.port, { DESK_QUEUE_RECONCILE_SEC: '0' });
    await nextSnapshot(host, (s) => names(s).length === 2);
    sim.reloadMembers('alo153', [AYSE]);
    // Nothing tells the desk yet: no event for a removed member, and no periodic check here.
    await new Promise((r) => setTimeout(r, 700));
    const still = await host.invoke('queue.snapshot', {});
    expect(still.ok && names(still.value as QueueSnapshot)).toEqual(['Ayşe Yılmaz', 'Mehmet Demir']);
    sim.reload();
    const after = await nextSnapshot(host, (s) => names(s).length === 1, 3000);
    expect(after.memberChange).toMatchObject({ reason: 'reload', added: [], removed: [{ name: 'Mehmet Demir' }] });
  });
});
