import { afterEach, describe, expect, it } from 'vitest';
import type { QueueMetricsFeed } from '../queueMetrics/index.js';
import { createQueueMetricsFeed, selectQueue } from '../queueMetrics/index.js';
import type { PbxSimulator, PbxSimulatorOptions } from '../simulator/pbxSimulator.js';
import { AYSE, MEHMET, SECRET, startTestSimulator } from '../testing/simFixtures.js';
import { startRawAmiServer } from '../testing/rawAmiServer.js';
import { waitFor } from '../testing/waitFor.js';
import type { AmiClient, AmiClientOptions, AmiResync } from './amiClient.js';
import { createAmiClient } from './amiClient.js';
import type { AmiFrame } from './amiFrame.js';
import { header, serializeFrame } from './amiFrame.js';
import { operatorFilters, teamLeadFilters } from './amiFilters.js';
import { AmiCommandError, createQueueControl } from './queueControl.js';

const CALLERS = [
  { number: '905321112233', name: 'Vatandaş Ali' },
  { number: '905427654321', name: 'Fatma Şahin' },
  { number: '902125550142', name: null },
];

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const simulator = (overrides: Partial<PbxSimulatorOptions> = {}): Promise<PbxSimulator> =>
  startTestSimulator(cleanups, { callers: CALLERS, talkTimeMs: 60_000, ...overrides });

function client(port: number, overrides: Partial<AmiClientOptions> = {}): { client: AmiClient; logs: string[]; events: AmiFrame[]; resyncs: AmiResync[] } {
  const logs: string[] = [];
  const events: AmiFrame[] = [];
  const resyncs: AmiResync[] = [];
  const c = createAmiClient({ host: '127.0.0.1', port, username: 'desk', secret: SECRET, reconnect: { minMs: 20, maxMs: 200 }, log: (l) => logs.push(l), ...overrides });
  c.onEvent((e) => events.push(e));
  c.onResync((r) => resyncs.push(r));
  cleanups.push(() => c.stop());
  return { client: c, logs, events, resyncs };
}

function feedOf(c: AmiClient): QueueMetricsFeed {
  const feed = createQueueMetricsFeed(c);
  cleanups.push(async () => feed.dispose());
  return feed;
}

const alo = (feed: QueueMetricsFeed) => selectQueue(feed.state, 'alo153', Date.now());

describe('AMI client: state rebuilt from the PBX after every (re)connect', () => {
  it('reads QueueStatus and CoreShowChannels after login; the feed shows a call in progress and a waiting caller', async () => {
    const sim = await simulator();
    sim.placeCall();
    sim.placeCall();
    sim.placeCall();
    // A caller being rung is still in the queue: wait until both agents answered.
    await waitFor(() => sim.status('alo153')[0]!.entries.length === 1, 5_000, 'two answered');
    const o = client(sim.port);
    const feed = feedOf(o.client);
    o.client.start();
    await waitFor(() => feed.live, 5_000, 'first resync');
    const [first] = o.resyncs;
    expect(first!.reason).toBe('connect');
    expect(first!.queueStatus.map((f) => header(f, 'Event'))).toEqual(['QueueParams', 'QueueMember', 'QueueMember', 'QueueEntry']);
    // Two caller pairs, two answered agent legs (Local pairs) and the waiting caller's pair.
    expect(first!.channels!.filter((f) => header(f, 'Application') === 'AppQueue')).toHaveLength(2);
    const snapshot = alo(feed)!;
    expect([snapshot.waiting, snapshot.agents.onCall, snapshot.agents.available]).toEqual([1, 2, 0]);
    // Calls answered before the desk connected are not counted as answered by it.
    expect(snapshot.sinceStart.answered).toBe(0);
  });

  it('after the PBX is killed and restarted mid-call: the right figures at once, no phantom callers, day counters kept', async () => {
    const sim = await simulator();
    const port = sim.port;
    const o = client(port);
    const feed = feedOf(o.client);
    o.client.start();
    await waitFor(() => feed.live, 5_000, 'first resync');
    sim.placeCall();
    sim.placeCall();
    sim.placeCall();
    await waitFor(() => alo(feed)!.agents.onCall === 2 && alo(feed)!.waiting === 1, 5_000, 'two calls talking, one waiting');
    expect(alo(feed)!.today.answered).toBe(2);

    await sim.kill(); // a crash: no Shutdown, every call gone
    await waitFor(() => !feed.live, 5_000, 'link loss seen');
    expect(alo(feed)!.waiting).toBe(1); // last known, flagged as not live
    await sim.restart();
    const resyncsBefore = o.resyncs.length;
    await waitFor(() => feed.live && o.resyncs.length > resyncsBefore, 5_000, 'resync after reconnect');

    const after = alo(feed)!;
    expect(after.waiting).toBe(0); // the caller who was waiting died with the PBX: no phantom
    expect(after.callers).toEqual([]);
    expect(after.agents).toMatchObject({ loggedIn: 2, available: 2, onCall: 0 });
    expect(after.today.answered).toBe(2); // our day's counters survive a PBX restart…
    expect(feed.state.queues.alo153!.pbx).toMatchObject({ fromResync: true, completed: 0 }); // …Asterisk's do not
    expect(o.client.linkState.status).toBe('connected');

    // And the new PBX's calls count on top.
    sim.placeCall();
    await waitFor(() => alo(feed)!.today.answered === 3, 5_000, 'a new call answered');
  });

  it('a call placed while the desk was away shows up waiting with its wait so far', async () => {
    const sim = await simulator({ autoAnswerMs: null });
    const o = client(sim.port);
    const feed = feedOf(o.client);
    o.client.start();
    await waitFor(() => feed.live);
    await sim.kill();
    await waitFor(() => !feed.live);
    await sim.restart();
    await sim.pauseMember(AYSE.interface, true, { reason: 'Mola' });
    await sim.pauseMember(MEHMET.interface, true, { reason: 'Mola' });
    sim.placeCall();
    await waitFor(() => feed.live && alo(feed)!.waiting === 1, 5_000, 'resynced with the waiting caller');
    const snapshot = alo(feed)!;
    expect(snapshot.callers[0]).toMatchObject({ position: 1, callerIdNum: '905321112233' });
    expect(snapshot.callers[0]!.linkedid).not.toBeNull(); // from CoreShowChannels
    expect(snapshot.agents).toMatchObject({ paused: 2, available: 0 });
  });

  it('on Shutdown (restart) it reconnects as soon as the PBX is back, and waits for FullyBooted before reading it', async () => {
    const sim = await simulator();
    const o = client(sim.port);
    let bootedAt = 0;
    let connectedAt = 0;
    o.client.onEvent((e) => {
      if (header(e, 'Event') === 'FullyBooted') bootedAt = Date.now();
    });
    o.client.onLinkState((state) => {
      if (state.status === 'connected') connectedAt = Date.now();
    });
    o.client.start();
    await waitFor(() => o.resyncs.length === 1);
    const restarted = sim.restart({ bootMs: 300 });
    await waitFor(() => o.events.some((e) => header(e, 'Event') === 'Shutdown'), 5_000, 'Shutdown');
    expect(o.logs.some((l) => l.includes('announced a shutdown (restart)'))).toBe(true);
    await restarted;
    await waitFor(() => o.resyncs.length === 2, 5_000, 'resync after the boot');
    const booted = o.events.findLastIndex((e) => header(e, 'Event') === 'FullyBooted');
    expect(booted).toBeGreaterThan(o.events.findIndex((e) => header(e, 'Event') === 'Shutdown'));
    // The login happened during boot; the resync only after FullyBooted arrived.
    expect(connectedAt).toBeLessThan(bootedAt);
    expect(o.resyncs[1]!.at).toBeGreaterThanOrEqual(bootedAt);
    expect(o.logs.some((l) => l.includes('PBX restarting'))).toBe(true);
  });

  it('delivers the resync in order with the events around it, even within one TCP chunk', async () => {
    const ev = (name: string) => serializeFrame([['Event', name], ['Privilege', 'agent,all']]);
    const list = (id: string, start: string, items: string[], complete: string) =>
      serializeFrame([['Response', 'Success'], ['ActionID', id], ['EventList', 'start'], ['Message', start]]) +
      items.join('') +
      serializeFrame([['Event', complete], ['ActionID', id], ['EventList', 'Complete'], ['ListItems', String(items.length)]]);
    const raw = await startRawAmiServer((request, id) => {
      const action = header(request, 'Action')?.toLowerCase();
      if (action === 'queuestatus') {
        const item = serializeFrame([['Event', 'QueueParams'], ['Queue', 'alo153'], ['ActionID', id]]);
        return ev('BeforeSnapshot') + list(id, 'Queue status will follow', [item], 'QueueStatusComplete') + ev('AfterSnapshot');
      }
      if (action === 'coreshowchannels') return ev('BeforeChannels') + list(id, 'Channels will follow', [], 'CoreShowChannelsComplete') + ev('AfterChannels');
      return null;
    });
    cleanups.push(() => raw.close());
    const order: string[] = [];
    const c = createAmiClient({ host: '127.0.0.1', port: raw.port, username: 'u', secret: 's', bootWaitMs: 10 });
    cleanups.push(() => c.stop());
    c.onEvent((e) => order.push(header(e, 'Event')!));
    c.onResync(() => order.push('resync'));
    c.start();
    await waitFor(() => order.includes('AfterChannels'), 5_000, 'the resync');
    expect(order).toEqual(['BeforeSnapshot', 'resync', 'AfterSnapshot', 'BeforeChannels', 'AfterChannels']);
  });

  it('sends its session filters after login, and Asterisk then cuts the events: an operator sees only its own agent events', async () => {
    const sim = await simulator();
    const operator = client(sim.port, { filters: operatorFilters(AYSE.interface) });
    const lead = client(sim.port, { filters: teamLeadFilters() });
    operator.client.start();
    lead.client.start();
    await waitFor(() => operator.resyncs.length === 1 && lead.resyncs.length === 1);
    sim.placeCall();
    sim.placeCall();
    await waitFor(() => lead.events.filter((e) => header(e, 'Event') === 'AgentConnect').length === 2, 5_000, 'both answered');
    await waitFor(() => operator.events.some((e) => header(e, 'Event') === 'AgentConnect'));
    const names = (o: typeof operator) => new Set(o.events.map((e) => header(e, 'Event')));
    const agentEvents = (o: typeof operator) => o.events.filter((e) => header(e, 'Event')?.startsWith('Agent')).map((e) => header(e, 'MemberName'));
    expect(agentEvents(operator)).toEqual(['Ayşe Yılmaz', 'Ayşe Yılmaz']);
    expect(agentEvents(lead).sort()).toEqual(['Ayşe Yılmaz', 'Ayşe Yılmaz', 'Mehmet Demir', 'Mehmet Demir']);
    for (const o of [operator, lead]) {
      expect(names(o).has('Newexten')).toBe(false);
      expect(names(o).has('VarSet')).toBe(false);
      expect(names(o).has('QueueCallerJoin')).toBe(true);
    }
    // Of the members' events, the operator gets its own only; the team lead everyone's.
    const members = (o: typeof operator) => new Set(o.events.filter((e) => header(e, 'Event')?.startsWith('QueueMember')).map((e) => header(e, 'Interface')));
    expect([...members(operator)]).toEqual([AYSE.interface]);
    expect(members(lead).size).toBe(2);
  });
});

describe('queue control functions against the simulator', () => {
  it('pauses with a reason and unpauses; errors carry Asterisk texts', async () => {
    const sim = await simulator();
    const o = client(sim.port);
    const feed = feedOf(o.client);
    const control = createQueueControl(o.client);
    cleanups.push(async () => control.dispose());
    o.client.start();
    await waitFor(() => feed.live);
    await control.pause({ interface: AYSE.interface, queue: 'alo153', reason: 'Yemek' });
    await waitFor(() => feed.agents().find((a) => a.name === 'Ayşe Yılmaz')?.activity === 'paused');
    expect(feed.agents().find((a) => a.name === 'Ayşe Yılmaz')!.pausedReason).toBe('Yemek');
    await control.unpause({ interface: AYSE.interface });
    await waitFor(() => feed.agents().find((a) => a.name === 'Ayşe Yılmaz')?.activity === 'available');
    await expect(control.pause({ interface: 'Local/9999@sim-agent/n' })).rejects.toMatchObject({ name: 'AmiCommandError', asteriskMessage: 'Interface not found' });
  });

  it('adds a PJSIP member to a queue, refuses it twice, removes it', async () => {
    const sim = await simulator();
    const o = client(sim.port);
    const feed = feedOf(o.client);
    const control = createQueueControl(o.client);
    o.client.start();
    await waitFor(() => feed.live);
    await control.addMember({ queue: 'alo153', interface: 'PJSIP/1004', memberName: 'Can Öztürk (WebRTC)', stateInterface: 'PJSIP/1004' });
    await waitFor(() => alo(feed)!.agents.loggedIn === 3);
    await expect(control.addMember({ queue: 'alo153', interface: 'PJSIP/1004' })).rejects.toThrow('Unable to add interface: Already there');
    await expect(control.removeMember({ queue: 'alo153', interface: AYSE.interface })).rejects.toThrow('Member not dynamic');
    await control.removeMember({ queue: 'alo153', interface: 'PJSIP/1004' });
    await waitFor(() => alo(feed)!.agents.loggedIn === 2);
    await expect(control.removeMember({ queue: 'nope', interface: 'PJSIP/1004' })).rejects.toBeInstanceOf(AmiCommandError);
  });

  it('hangs up the agent leg of a call in progress (AgentComplete Reason: agent)', async () => {
    const sim = await simulator();
    const o = client(sim.port);
    const control = createQueueControl(o.client);
    o.client.start();
    await waitFor(() => o.resyncs.length === 1);
    sim.placeCall();
    await waitFor(() => o.events.some((e) => header(e, 'Event') === 'AgentConnect'));
    const agentLeg = header(o.events.find((e) => header(e, 'Event') === 'AgentConnect')!, 'DestChannel')!;
    await control.hangup(agentLeg);
    await waitFor(() => o.events.some((e) => header(e, 'Event') === 'AgentComplete'));
    expect(header(o.events.find((e) => header(e, 'Event') === 'AgentComplete')!, 'Reason')).toBe('agent');
    await expect(control.hangup('PJSIP/9999-00000000')).rejects.toThrow('No such channel');
  });

  it('originates call-backs: answered, busy, synchronous; and ChanSpy to a team lead phone', async () => {
    const sim = await simulator();
    const o = client(sim.port);
    const control = createQueueControl(o.client);
    o.client.start();
    await waitFor(() => o.resyncs.length === 1);
    const callBack = { context: 'callback-agent', exten: '1002', callerId: '"Alo 153" <153>', variables: { TALKSEC: '1' } };
    const [answered, busy, bad, spy] = await Promise.all([
      control.originate({ channel: 'Local/905321112233@outside/n', ...callBack }),
      control.originate({ channel: 'Local/905000000000@outside/n', ...callBack }),
      control.originate({ channel: 'Local/123@no-such-context/n', ...callBack }),
      control.spy({ supervisorChannel: 'PJSIP/2001', agentDevice: 'Local/1001@sim-agent', mode: 'whisper' }),
    ]);
    expect(answered).toMatchObject({ success: true, reason: 4, reasonText: 'answered' });
    expect(answered.uniqueid).toMatch(/^\d+\.\d+$/);
    expect(busy).toMatchObject({ success: false, reason: 5, reasonText: 'busy', uniqueid: null });
    expect(bad).toMatchObject({ success: false, reason: 0 });
    expect(spy).toMatchObject({ success: true, reason: 4 });
    // A synchronous Originate: the answer comes when the callee answers, with no OriginateResponse.
    const started = Date.now();
    const sync = await control.originate({ channel: 'Local/905321112299@outside/n', ...callBack, async: false });
    expect(sync.success).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  });
});
