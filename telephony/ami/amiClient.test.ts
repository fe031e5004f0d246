import { afterEach, describe, expect, it } from 'vitest';
import type { PbxLinkState } from '../../core/pbxLink.js';
import type { PbxSimulator, PbxSimulatorOptions } from '../simulator/pbxSimulator.js';
import { AYSE, SECRET, startTestSimulator } from '../testing/simFixtures.js';
import { startCountingProxy, startRawAmiServer } from '../testing/rawAmiServer.js';
import { waitFor } from '../testing/waitFor.js';
import type { AmiClient, AmiClientOptions } from './amiClient.js';
import { AmiActionError, createAmiClient } from './amiClient.js';
import type { AmiFrame } from './amiFrame.js';
import { header } from './amiFrame.js';

const ALI = { number: '905321112233', name: 'Vatandaş Ali' };

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const simulator = (overrides: Partial<PbxSimulatorOptions> = {}): Promise<PbxSimulator> =>
  startTestSimulator(cleanups, { callers: [ALI], talkTimeMs: 100, ...overrides });

interface Observed {
  client: AmiClient;
  states: PbxLinkState[];
  events: AmiFrame[];
  logs: string[];
}

function client(port: number, overrides: Partial<AmiClientOptions> = {}): Observed {
  const logs: string[] = [];
  const c = createAmiClient({
    host: '127.0.0.1',
    port,
    username: 'desk',
    secret: SECRET,
    reconnect: { minMs: 20, maxMs: 200 },
    log: (line) => logs.push(line),
    ...overrides,
  });
  const states: PbxLinkState[] = [];
  const events: AmiFrame[] = [];
  c.onLinkState((state) => states.push(state));
  c.onEvent((event) => events.push(event));
  cleanups.push(() => c.stop());
  return { client: c, states, events, logs };
}

const connected = (o: Observed) => waitFor(() => o.client.linkState.status === 'connected', 5_000, 'connected');

describe('AMI client against the simulator over TCP', () => {
  it('logs in, answers Ping through action() and lists QueueStatus through listAction()', async () => {
    const sim = await simulator();
    const o = client(sim.port);
    expect(o.client.linkState).toEqual({ status: 'stopped' });
    o.client.start();
    await connected(o);
    expect(o.states.map((s) => s.status)).toEqual(['connecting', 'connected']);

    const pong = await o.client.action({ Action: 'Ping' });
    expect([header(pong, 'Response'), header(pong, 'Ping')]).toEqual(['Success', 'Pong']);
    expect(header(pong, 'ActionID')).toMatch(/^desk-[0-9a-f]{6}-\d+$/);

    const status = await o.client.listAction({ Action: 'QueueStatus' });
    expect(header(status.response, 'EventList')).toBe('start');
    expect(status.items.map((item) => header(item, 'Event'))).toEqual(['QueueParams', 'QueueMember', 'QueueMember']);
    expect(status.items.map((item) => header(item, 'Name') ?? header(item, 'Queue'))).toEqual(['alo153', 'Ayşe Yılmaz', 'Mehmet Demir']);
    expect(header(status.complete!, 'ListItems')).toBe('3');
    // List items are the action's, not unsolicited events.
    expect(o.events.map((event) => header(event, 'Event'))).toEqual(['FullyBooted', 'SuccessfulAuth']);
  });

  it('resolves an error response, with no list, instead of rejecting', async () => {
    const sim = await simulator();
    const o = client(sim.port);
    o.client.start();
    await connected(o);
    const unknown = await o.client.listAction({ Action: 'FooBar' });
    expect(header(unknown.response, 'Message')).toBe('Invalid/unknown command: FooBar. Use Action: ListCommands to show available commands.');
    expect([unknown.items, unknown.complete]).toEqual([[], null]);
    await expect(o.client.action({ Action: 'Ping', ActionID: 'mine' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(o.client.action({ Action: 'QueuePause', Reason: 'Lunch\r\nAction: Logoff' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('delivers an automatic call to the configured agent: AgentCalled, AgentConnect, AgentComplete', async () => {
    const sim = await simulator({ callIntervalMs: 30 });
    const o = client(sim.port);
    o.client.start();
    await waitFor(
      () => o.events.some((event) => header(event, 'Event') === 'AgentComplete' && header(event, 'Interface') === AYSE.interface),
      5_000,
      'a completed call for Ayşe',
    );
    const first = o.events.find((event) => header(event, 'Event') === 'AgentCalled' && header(event, 'Interface') === AYSE.interface)!;
    const linkedid = header(first, 'Linkedid');
    const ofThisCall = o.events
      .filter((event) => header(event, 'Linkedid') === linkedid && header(event, 'Event')?.startsWith('Agent'))
      .map((event) => header(event, 'Event'));
    expect(ofThisCall).toEqual(['AgentCalled', 'AgentConnect', 'AgentComplete']);
    expect(header(first, 'CallerIDName')).toBe('Vatandaş Ali');
    // Log lines are about the link only.
    const logText = o.logs.join('\n');
    expect(logText).not.toContain(SECRET);
    expect(logText).not.toContain(ALI.number);
    expect(logText).not.toContain('Vatandaş');
  });

  it('stops at auth-failed on a wrong secret and does not try again', async () => {
    const sim = await simulator();
    const proxy = await startCountingProxy(sim.port);
    cleanups.push(() => proxy.close());
    const o = client(proxy.port, { secret: 'wrong-secret' });
    o.client.start();
    await waitFor(() => o.client.linkState.status === 'auth-failed', 5_000, 'auth-failed');
    await new Promise((resolve) => setTimeout(resolve, 600)); // 30 reconnect delays' worth
    expect(proxy.attempts).toBe(1);
    expect(o.states.map((s) => s.status)).toEqual(['connecting', 'auth-failed']);
    await expect(o.client.action({ Action: 'Ping' })).rejects.toBeInstanceOf(AmiActionError);
    expect(o.logs.join('\n')).not.toContain('wrong-secret');
  });

  it('goes reconnecting when the PBX goes away and comes back connected on the same port', async () => {
    const sim = await simulator();
    const port = sim.port;
    const o = client(port);
    o.client.start();
    await connected(o);
    const pending = o.client.listAction({ Action: 'QueueStatus' }).then(
      () => 'answered',
      (error: AmiActionError) => error.code,
    );
    await sim.stop();
    await waitFor(() => o.client.linkState.status === 'reconnecting', 5_000, 'reconnecting');
    expect(o.events.map((event) => header(event, 'Event')).at(-1)).toBe('Shutdown');
    const reconnecting = o.client.linkState as Extract<PbxLinkState, { status: 'reconnecting' }>;
    expect(reconnecting.retryAt).toBeGreaterThan(Date.now() - 1_000);
    expect(reconnecting.reason).not.toBe('');
    expect(['answered', 'link-lost']).toContain(await pending);
    await new Promise((resolve) => setTimeout(resolve, 100)); // a few refused attempts
    const restarted = await simulator({ port });
    expect(restarted.port).toBe(port);
    await connected(o);
    const statuses = o.states.map((s) => s.status);
    expect(statuses.slice(0, 3)).toEqual(['connecting', 'connected', 'reconnecting']);
    expect(statuses.at(-1)).toBe('connected');
    // Retries stay 'reconnecting' (with a new retryAt) rather than flickering through 'connecting'.
    expect(statuses.slice(2, -1).every((status) => status === 'reconnecting')).toBe(true);
    expect(statuses.length).toBeGreaterThan(4);
    expect((await o.client.action({ Action: 'Ping' })).headers[0]).toEqual(['Response', 'Success']);
  });

  it('logs off on stop() and stays stopped', async () => {
    const sim = await simulator();
    const proxy = await startCountingProxy(sim.port);
    cleanups.push(() => proxy.close());
    const o = client(proxy.port);
    o.client.start();
    await connected(o);
    await o.client.stop();
    expect(o.client.linkState).toEqual({ status: 'stopped' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(proxy.attempts).toBe(1);
    await expect(o.client.action({ Action: 'Ping' })).rejects.toMatchObject({ code: 'stopped' });
  });

  it('connects again when start() is called while stop() is logging off', async () => {
    const sim = await simulator();
    const o = client(sim.port);
    o.client.start();
    await connected(o);
    const stopped = o.client.stop();
    o.client.start();
    await stopped;
    await connected(o);
    expect(o.states.map((s) => s.status)).toEqual(['connecting', 'connected', 'stopped', 'connecting', 'connected']);
  });
});

describe('AMI client against a misbehaving server', () => {
  it('skips a malformed and an oversized frame and keeps the link', async () => {
    const raw = await startRawAmiServer();
    cleanups.push(() => raw.close());
    const o = client(raw.port);
    o.client.start();
    await connected(o);
    raw.inject('Event: Broken\r\nthis line has no separator\r\n\r\n');
    raw.inject(`Event: Huge\r\nData: ${'x'.repeat(100 * 1024)}\r\n\r\n`);
    raw.inject('Event: AgentCalled\r\nPrivilege: agent,all\r\nCallerIDName: Vatandaş Ali\r\n\r\n');
    await waitFor(() => o.events.some((event) => header(event, 'Event') === 'AgentCalled'), 5_000, 'the good event');
    expect(o.events.map((event) => header(event, 'Event'))).toEqual(['AgentCalled']);
    expect(o.logs.filter((line) => line.includes('frame skipped'))).toHaveLength(2);
    expect(o.client.linkState.status).toBe('connected');
    expect(header(await o.client.action({ Action: 'Ping' }), 'Ping')).toBe('Pong');
    expect(raw.connections).toBe(1);
  });

  it('does not let a flood of garbage and unknown ActionIDs flood the log: a few lines, then one summary per kind', async () => {
    const raw = await startRawAmiServer();
    cleanups.push(() => raw.close());
    let clock = 1_700_000_000_000;
    // Pings often enough for the summaries to come soon, with time to answer behind the flood.
    const o = client(raw.port, { pingIntervalMs: 1_000, bootWaitMs: 60_000, now: () => clock });
    o.client.start();
    await connected(o);
    /** The lines the PBX caused, and the summaries of them. */
    const flood = () => o.logs.filter((line) => /frame skipped|unknown or expired ActionID|^AMI: |^AMI client stopped$/.test(line));
    // 35 000 of each, as a broken PBX sent in 30 s; then one good event to know they were read.
    const FLOOD = 35_000;
    raw.inject('Event: Broken\r\nthis line has no separator\r\n\r\n'.repeat(FLOOD));
    raw.inject('Response: Success\r\nActionID: not-ours-1\r\nMessage: Pong\r\n\r\n'.repeat(FLOOD));
    raw.inject('Event: AgentCalled\r\nPrivilege: agent,all\r\n\r\n');
    await waitFor(() => o.events.some((event) => header(event, 'Event') === 'AgentCalled'), 15_000, 'the good event');
    expect(flood().filter((line) => /^AMI malformed frame skipped \(\d+ bytes\)$/.test(line))).toHaveLength(5);
    expect(flood().filter((line) => line === 'AMI response for an unknown or expired ActionID ignored')).toHaveLength(5);
    expect(flood().filter((line) => line.startsWith('AMI: '))).toEqual([]);

    // The interval is over (the client's clock): its next ping writes the summaries.
    clock += 10_000;
    await waitFor(() => flood().filter((line) => line.startsWith('AMI: ')).length === 2, 5_000, 'the summaries');
    expect(flood().filter((line) => line.startsWith('AMI: ')).sort()).toEqual([
      `AMI: ${FLOOD - 5} more malformed frames skipped within 10 s`,
      `AMI: ${FLOOD - 5} more responses for an unknown or expired ActionID ignored within 10 s`,
    ]);
    expect(flood().length).toBe(12);
    expect(o.client.linkState.status).toBe('connected');

    // A new interval logs again, up to its own five.
    raw.inject('Event: Broken\r\nthis line has no separator\r\n\r\n'.repeat(7));
    await waitFor(() => flood().length === 17, 5_000, 'the next interval\'s lines');
    await o.client.stop();
    expect(flood().slice(17, 19)).toEqual(['AMI: 2 more malformed frames skipped within 10 s', 'AMI client stopped']);
  });

  it('treats a Ping left unanswered for one interval as a dead link and reconnects', async () => {
    const raw = await startRawAmiServer();
    cleanups.push(() => raw.close());
    const o = client(raw.port, { pingIntervalMs: 50 });
    o.client.start();
    await connected(o);
    raw.answerPings = false;
    await waitFor(() => o.client.linkState.status === 'reconnecting', 5_000, 'reconnecting');
    expect(o.client.linkState).toMatchObject({ reason: 'no answer to Ping within 50 ms' });
    raw.answerPings = true;
    await connected(o);
    expect(raw.connections).toBe(2);
  });
});
