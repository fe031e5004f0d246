import { afterEach, describe, expect, it } from 'vitest';
import { AgentStatsReport, QueueStatsReport } from '../../core/queueStats.js';
import { startPbxSimulator, type PbxSimulator } from '../../telephony/simulator/pbxSimulator.js';
import { waitFor } from '../../telephony/testing/waitFor.js';
import { engines } from '../db/testEngines.js';
import { startTestServer, type TestServer } from '../testSupport.js';
import { startQueueCollector, type QueueCollector } from './collector.js';
import { istanbulDate, splitByIstanbulDay } from './factStore.js';
import { parsePbxUrls } from './pbxUrl.js';
import { clearOfMidnight } from './testing/clearOfMidnight.js';
import { createQueueFiguresHub, startQueueFiguresPublisher } from './liveFigures.js';
import { createSseParser } from '../../sync/client/sse.js';
import { QueueFiguresEvent } from '../../sync/protocol.js';
import { applyQueueDelta } from '../../core/queueDelta.js';
import type { QueueSnapshot } from '../../core/queue.js';
import { toQueueTiles } from '../../telephony/queueMetrics/wallboard.js';

// The collector as a center runs it: the PBX simulator over real TCP AMI, the server's database
// (PGlite and PostgreSQL), and the team lead reading the figures through the API.

const AGENTS = [
  { interface: 'Local/1001@sim-agent/n', name: 'Ayşe Yılmaz', stateInterface: 'Custom:1001' },
  { interface: 'Local/1002@sim-agent/n', name: 'Mehmet Demir', stateInterface: 'Custom:1002' },
];
const ALI = { number: '905321112233', name: 'Vatandaş Ali' };

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function simulator(talkTimeMs = 400): Promise<PbxSimulator> {
  const sim = await startPbxSimulator({ username: 'stats', secret: 's3cr3t:153', agents: AGENTS, callers: [ALI], callIntervalMs: 0, autoAnswerMs: 100, talkTimeMs });
  cleanups.push(() => sim.stop());
  return sim;
}

/** The collectors' and servers' clock: no test straddles Istanbul midnight. */
const clock = clearOfMidnight();
const serverClock = () => new Date(clock());

async function collector(server: TestServer, sim: PbxSimulator): Promise<QueueCollector> {
  const [pbx] = parsePbxUrls(`ami://stats:s3cr3t%3A153@127.0.0.1:${sim.port}`);
  const c = await startQueueCollector({ db: server.db, pbx: pbx!, flushMs: 50, now: clock });
  cleanups.push(() => c.stop());
  await waitFor(() => c.status().live, 5000);
  return c;
}

/** Every `queues` event of the live channel, as a desk reads it. */
async function queueEvents(url: string, authorization: string): Promise<{ events: QueueFiguresEvent[]; stop(): void }> {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/v1/sync/events`, { headers: { authorization }, signal: controller.signal });
  expect(res.status).toBe(200);
  const events: QueueFiguresEvent[] = [];
  const parser = createSseParser((e) => {
    if (e.event === 'queues') events.push(QueueFiguresEvent.parse(JSON.parse(e.data)));
  });
  void (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        parser.push(value);
      }
    } catch {
      // aborted
    }
  })();
  return { events, stop: () => controller.abort() };
}

/** Today, on the tests' clock. */
function range(): string {
  return `from=${istanbulDate(clock())}&to=${istanbulDate(clock())}`;
}

describe('splitByIstanbulDay', () => {
  it('cuts an interval at Istanbul midnight (21:00 UTC)', () => {
    expect(splitByIstanbulDay(Date.parse('2026-12-03T20:30:00Z'), Date.parse('2026-12-03T21:15:00Z'))).toEqual([
      { day: '2026-12-03', seconds: 1800 },
      { day: '2026-12-04', seconds: 900 },
    ]);
  });
});

describe('parsePbxUrls', () => {
  it('reads several PBXs and never quotes a secret in its errors', () => {
    expect(parsePbxUrls('ami://a:p%40ss@pbx1:5038, ami://b:x@pbx2')).toMatchObject([
      { name: 'pbx1:5038', username: 'a', secret: 'p@ss' },
      { name: 'pbx2:5038', username: 'b', secret: 'x' },
    ]);
    expect(parsePbxUrls('')).toEqual([]);
    expect(() => parsePbxUrls('ami://a:ok@pbx1,http://b:topsecret@pbx2')).toThrow(/entry 2 must look like/);
    expect(() => parsePbxUrls('ami://a:topsecret@pbx1,http://b:topsecret@pbx2')).not.toThrow(/topsecret/);
    expect(() => parsePbxUrls('ami://nosecret@pbx1')).toThrow(RangeError);
  });
});

describe.each(engines)('queue statistics on $name', (engine) => {
  it('records answered, abandoned and timed-out calls and agents, and answers team leads only', { timeout: 60_000 }, async () => {
    let running: QueueCollector | null = null;
    // As startServer wires it: the agent states still open count in today's figures.
    const server = await startTestServer(engine, { now: serverClock, openAgentTime: () => running?.openAgentStates() ?? [] });
    cleanups.push(() => server.close());
    const sim = await simulator();
    const c = await collector(server, sim);
    running = c;

    // Two answered calls; then, with everyone paused, one caller hangs up and one times out.
    const first = sim.placeCall(ALI);
    const second = sim.placeCall({ number: '905441234567', name: 'Vatandaş Zehra' });
    await waitFor(() => c.state.queues.alo153?.today.completed === 2, 10_000);
    sim.pauseMember('Local/1001@sim-agent/n', true, { reason: 'Yemek' });
    sim.pauseMember('Local/1002@sim-agent/n', true, { reason: 'Toplantı' });
    sim.placeCall({ number: '905059876543', name: 'Vatandaş Mert' }, { patienceMs: 300 });
    sim.placeCall({ number: '905337654321', name: 'Vatandaş Deniz' }, { maxWaitMs: 600 });
    await waitFor(() => (c.state.queues.alo153?.today.abandoned ?? 0) + (c.state.queues.alo153?.today.timedOut ?? 0) === 2, 10_000);
    await c.flush();
    expect([first, second]).toHaveLength(2);

    const lead = await server.auth('lead');
    const res = await server.app.inject({ method: 'GET', url: `/api/v1/queue-stats?${range()}&interval=day`, headers: lead });
    expect(res.statusCode).toBe(200);
    const report = QueueStatsReport.parse(res.json());
    const [total] = report.totals;
    // The same figures the desk's reducer holds for today.
    const desk = c.state.queues.alo153!.today;
    expect(total).toMatchObject({ queue: 'alo153', offered: 4, answered: 2, abandoned: 1, timedOut: 1, unknown: 0 });
    expect(total!.answered).toBe(desk.answered);
    expect(total!.avgTalkSec).not.toBeNull();
    expect(total!.abandonRatePct).toBe(25);
    expect(total!.abandonedByWait).toEqual([1, 0, 0, 0, 0]);
    expect(report.gaps).toEqual([]);

    // Quarter hours add up to the day.
    const quarters = QueueStatsReport.parse((await server.app.inject({ method: 'GET', url: `/api/v1/queue-stats?${range()}&interval=15`, headers: lead })).json());
    expect(quarters.rows.reduce((sum, r) => sum + r.offered, 0)).toBe(4);
    expect(quarters.rows.every((r) => new Date(r.start!).getTime() % (15 * 60_000) === 0)).toBe(true);

    // Every call one row, with the agent who took it and what Asterisk said of its talk time.
    const calls = await server.db.query<{ caller_number: string; outcome: string; agent: string | null; talk_sec: number | null; linkedid: string }>(
      'SELECT caller_number, outcome, agent, talk_sec, linkedid FROM queue_calls ORDER BY entered_at',
    );
    expect(calls.map((r) => [r.caller_number, r.outcome])).toEqual([
      ['905321112233', 'answered'],
      ['905441234567', 'answered'],
      ['905059876543', 'abandoned'],
      ['905337654321', 'timedOut'],
    ]);
    expect(calls[0]).toMatchObject({ linkedid: first });
    expect(calls.slice(0, 2).every((r) => r.agent !== null && r.talk_sec !== null)).toBe(true);

    const agents = AgentStatsReport.parse((await server.app.inject({ method: 'GET', url: `/api/v1/agent-stats?${range()}`, headers: lead })).json());
    expect(agents.agents.map((a) => a.name)).toEqual(['Ayşe Yılmaz', 'Mehmet Demir']);
    expect(agents.agents.reduce((sum, a) => sum + a.answered, 0)).toBe(2);
    // Both are paused now: the open pause counts, under its reason.
    expect(Object.keys(agents.agents[0]!.pausedSec)).toEqual(['Yemek']);
    expect(Object.keys(agents.agents[1]!.pausedSec)).toEqual(['Toplantı']);

    const csv = await server.app.inject({ method: 'GET', url: `/api/v1/queue-stats?${range()}&interval=60&format=csv`, headers: lead });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('Hizmet düzeyi %');
    expect(csv.body).toContain('Toplam');

    for (const username of ['operator', 'feedback', 'fen']) {
      const other = await server.auth(username);
      expect((await server.app.inject({ method: 'GET', url: `/api/v1/queue-stats?${range()}`, headers: other })).statusCode).toBe(403);
      expect((await server.app.inject({ method: 'GET', url: `/api/v1/agent-stats?${range()}`, headers: other })).statusCode).toBe(403);
    }
    expect((await server.app.inject({ method: 'GET', url: `/api/v1/queue-stats?${range()}` })).statusCode).toBe(401);
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/queue-stats?from=2026-12-05&to=2026-12-01', headers: lead })).statusCode).toBe(400);
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/queue-stats?from=2026-01-01&to=2026-12-31&interval=15', headers: lead })).statusCode).toBe(400);
  });

  it('says which span it missed when the PBX drops, and ends the calls it lost sight of as unknown', { timeout: 60_000 }, async () => {
    const server = await startTestServer(engine, { now: serverClock });
    cleanups.push(() => server.close());
    const sim = await simulator();
    const c = await collector(server, sim);
    sim.pauseMember('Local/1001@sim-agent/n', true, { reason: 'Yemek' });
    sim.pauseMember('Local/1002@sim-agent/n', true, { reason: 'Yemek' });
    sim.placeCall(ALI);
    await waitFor(() => c.state.queues.alo153?.callers.length === 1, 5000);
    await sim.kill();
    await waitFor(() => !c.status().live, 5000);
    // Asterisk restarted: the waiting caller is gone, and nobody can say how.
    await sim.restart();
    await waitFor(() => c.status().live, 10_000);
    await c.flush();

    const lead = await server.auth('lead');
    const report = QueueStatsReport.parse((await server.app.inject({ method: 'GET', url: `/api/v1/queue-stats?${range()}&interval=day`, headers: lead })).json());
    expect(report.totals[0]).toMatchObject({ offered: 1, answered: 0, abandoned: 0, timedOut: 0, unknown: 1 });
    expect(report.gaps).toHaveLength(1);
    expect(report.gaps[0]).toMatchObject({ reason: 'link-lost', pbx: `127.0.0.1:${sim.port}` });
    expect(Date.parse(report.gaps[0]!.to!)).toBeGreaterThanOrEqual(Date.parse(report.gaps[0]!.from));
  });

  it('ends a call in progress when the PBX restarts under it: answered, its talk time unknown, not made up', { timeout: 60_000 }, async () => {
    const server = await startTestServer(engine, { now: serverClock });
    cleanups.push(() => server.close());
    const sim = await simulator(60_000);
    const c = await collector(server, sim);
    sim.placeCall(ALI);
    await waitFor(() => c.state.queues.alo153?.today.answered === 1, 10_000);
    await sim.kill();
    await waitFor(() => !c.status().live, 5000);
    await sim.restart();
    await waitFor(() => c.status().live, 10_000);
    await c.flush();
    const [row] = await server.db.query<{ outcome: string; end_reason: string | null; talk_sec: number | null; completed_at: unknown }>('SELECT outcome, end_reason, talk_sec, completed_at FROM queue_calls');
    expect(row).toMatchObject({ outcome: 'answered', end_reason: 'unknown', talk_sec: null });
    expect(row!.completed_at).not.toBeNull();
    const lead = await server.auth('lead');
    const report = QueueStatsReport.parse((await server.app.inject({ method: 'GET', url: `/api/v1/queue-stats?${range()}&interval=day`, headers: lead })).json());
    expect(report.totals[0]).toMatchObject({ offered: 1, answered: 1, avgTalkSec: null });
    expect(report.gaps).toHaveLength(1);
  });

  it('counts a caller who calls again within the week as a repeat call', { timeout: 60_000 }, async () => {
    const server = await startTestServer(engine, { now: serverClock });
    cleanups.push(() => server.close());
    const sim = await simulator();
    const c = await collector(server, sim);
    sim.placeCall(ALI);
    await waitFor(() => c.state.queues.alo153?.today.completed === 1, 10_000);
    sim.placeCall(ALI);
    await waitFor(() => c.state.queues.alo153?.today.completed === 2, 10_000);
    await c.flush();
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/case-stats/today', headers: await server.auth('lead') });
    expect(res.json<{ repeatCalls: unknown }>().repeatCalls).toEqual({ calls: 2, repeats: 1, pct: 50 });
  });

  it('names the span the server itself was down when it starts again', { timeout: 60_000 }, async () => {
    const server = await startTestServer(engine, { now: serverClock });
    cleanups.push(() => server.close());
    const sim = await simulator();
    const c = await collector(server, sim);
    await c.flush();
    await c.stop();
    cleanups.pop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await collector(server, sim);
    const c2Flushed = () => again.flush();
    const lead = await server.auth('lead');
    // The first resync closes the gap; the batch that says so is written within a flush.
    await c2Flushed();
    const report = QueueStatsReport.parse((await server.app.inject({ method: 'GET', url: `/api/v1/queue-stats?${range()}`, headers: lead })).json());
    expect(report.gaps).toEqual([expect.objectContaining({ reason: 'collector-down', to: expect.any(String) })]);
  });

  it('puts the live figures on the live channel for team leads, the day counted from the database, and for nobody else', { timeout: 60_000 }, async () => {
    const hub = createQueueFiguresHub();
    const server = await startTestServer(engine, { now: serverClock, queueFigures: hub });
    cleanups.push(() => server.close());
    const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const sim = await simulator();
    // A day already under way: one call recorded before this collector started.
    const first = await collector(server, sim);
    sim.placeCall(ALI);
    await waitFor(() => first.state.queues.alo153?.today.completed === 1, 10_000);
    await first.stop();
    cleanups.pop();
    const c = await collector(server, sim);
    expect(c.state.queues.alo153?.today.answered).toBe(1);
    const publisher = startQueueFiguresPublisher({ collectors: [c], now: clock, publish: hub.publish });
    cleanups.push(async () => publisher.stop());

    const lead = await queueEvents(url, (await server.auth('lead')).authorization);
    const operator = await queueEvents(url, (await server.auth('operator')).authorization);
    cleanups.push(async () => {
      lead.stop();
      operator.stop();
    });
    sim.pauseMember('Local/1001@sim-agent/n', true, { reason: 'Yemek' });
    sim.pauseMember('Local/1002@sim-agent/n', true, { reason: 'Yemek' });
    sim.placeCall({ number: '905441234567', name: 'Vatandaş Zehra' });
    await waitFor(() => c.state.queues.alo153?.callers.length === 1, 5000);
    // The snapshot, then deltas that build on it, end where the collector is.
    let view: QueueSnapshot | null = null;
    await waitFor(() => {
      view = null;
      for (const event of lead.events) {
        if (event.snapshot) view = event.snapshot;
        else if (event.delta && view) view = applyQueueDelta(view, event.delta);
      }
      const queue = (view as QueueSnapshot | null)?.queues.find((q) => q.queue === 'alo153');
      return queue?.waiting.length === 1 && (view as QueueSnapshot | null)?.agents.every((a) => a.state === 'paused') === true;
    }, 5000);
    const shown = (view as unknown as QueueSnapshot).queues.find((q) => q.queue === 'alo153')!;
    expect(shown.day.answered).toBe(1);
    expect(shown.day).toEqual(toQueueTiles(c.state, clock()).find((q) => q.queue === 'alo153')!.day);
    // Masked as on a team lead's desk.
    expect(shown.waiting[0]!.callerNumber).not.toContain('1234567');
    expect(lead.events[0]!.links).toEqual([{ pbx: `127.0.0.1:${sim.port}`, live: true }]);
    expect(operator.events).toEqual([]);
  });
});
