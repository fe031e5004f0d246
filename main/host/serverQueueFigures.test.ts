import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../server/start.js';
import { parsePbxUrls } from '../../server/queueStats/pbxUrl.js';
import { clearOfMidnight } from '../../server/queueStats/testing/clearOfMidnight.js';
import { startPbxSimulator } from '../../telephony/simulator/pbxSimulator.js';
import { waitFor } from '../../telephony/testing/waitFor.js';
import { nextSnapshot } from './testing/queueSnapshots.js';
import { invokeValue, startTestDesk, type Cleanups } from './testing/testDesk.js';
import { teamLeadDeskEnv } from './testing/teamLeadDesk.js';
import type { CaseFigures } from '../../core/queueStats.js';

// A team lead's wallboard fed by the central server's collector (issue 16): one PBX, the server
// started as `npm run server` starts it with SERVER_AMI_URL, and the team lead's desk on it.

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

const AGENTS = [
  { interface: 'Local/1001@sim-agent/n', name: 'Ayşe Yılmaz', stateInterface: 'Custom:1001' },
  { interface: 'Local/1002@sim-agent/n', name: 'Mehmet Demir', stateInterface: 'Custom:1002' },
];

describe("a team lead's wallboard from the server's queue collector", () => {
  it('shows the calls of the day the desk did not see, and falls back to its own session when the server stops', { timeout: 60_000 }, async () => {
    const sim = await startPbxSimulator({
      username: 'pbx',
      secret: 'pbx153',
      agents: AGENTS,
      callers: [{ number: '905321112233', name: 'Vatandaş Ali' }],
      callIntervalMs: 0,
      autoAnswerMs: 100,
      talkTimeMs: 300,
    });
    cleanups.push(() => sim.stop());
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'server-stats-'));
    // The server counts "today" on a clock that keeps this test clear of Istanbul midnight.
    const clock = clearOfMidnight();
    const server = await startServer(
      { port: 0, host: '127.0.0.1', databaseUrl: null, dataDir, demo: true, pbxs: parsePbxUrls(`ami://pbx:pbx153@127.0.0.1:${sim.port}`) },
      false,
      () => new Date(clock()),
    );
    cleanups.push(async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const [collector] = server.collectors;
    await waitFor(() => collector!.status().live, 5_000);
    // Before the team lead's desk starts: a call it can never see on its own session.
    sim.placeCall();
    await waitFor(() => collector!.state.queues.alo153?.today.completed === 1, 10_000);

    const lead = await startTestDesk(cleanups, teamLeadDeskEnv(server.url, sim.port));
    const fromServer = await nextSnapshot(lead, (s) => s.queues.find((q) => q.queue === 'alo153')?.day.answered === 1, 10_000);
    expect(fromServer.agents.map((a) => a.name).sort()).toEqual(['Ayşe Yılmaz', 'Mehmet Demir']);
    expect(fromServer.agents.find((a) => a.callsAnswered === 1)).toBeDefined();
    // What the calls became, read from the same server: one call today, no repeat.
    const pushed = new Promise<unknown>((resolve) => lead.onEvent((name, payload) => name === 'wallboard.caseFigures' && resolve(payload)));
    const first = await invokeValue<CaseFigures | null>(lead, 'wallboard.caseFigures');
    const figures = first ?? ((await pushed) as CaseFigures);
    expect(figures.repeatCalls).toEqual({ calls: 1, repeats: 0, pct: 0 });

    // The server goes away: within seconds the desk shows what its own session saw (no call).
    await server.stop();
    cleanups.pop();
    const own = await nextSnapshot(lead, (s) => s.queues.find((q) => q.queue === 'alo153')?.day.answered === 0, 10_000);
    expect(own.agents).toHaveLength(2);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
