import { afterEach, describe, expect, it } from 'vitest';
import { header } from '../ami/amiFrame.js';
import type { RawAmiClient } from '../testing/rawAmiClient.js';
import { connectRaw } from '../testing/rawAmiClient.js';
import { waitFor } from '../testing/waitFor.js';
import type { PbxSimulator } from './pbxSimulator.js';
import { startPbxSimulator } from './pbxSimulator.js';

const AYSE = { interface: 'Local/1001@sim-agent/n', name: 'Ayşe Yılmaz', stateInterface: 'Custom:1001' };
const MEHMET = { interface: 'Local/1002@sim-agent/n', name: 'Mehmet Demir', stateInterface: 'Custom:1002' };

let sim: PbxSimulator | null = null;
const clients: RawAmiClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await sim?.stop();
  sim = null;
});

async function start(autoAnswerMs: number | null = 30): Promise<PbxSimulator> {
  sim = await startPbxSimulator({
    username: 'desk',
    secret: 'desk153',
    agents: [AYSE, MEHMET],
    callers: [{ number: '905321112233', name: 'Vatandaş Ali' }],
    callIntervalMs: 0,
    autoAnswerMs,
    talkTimeMs: 60,
  });
  return sim;
}

async function raw(port: number): Promise<RawAmiClient> {
  const client = await connectRaw(port);
  clients.push(client);
  return client;
}

async function loggedIn(port: number): Promise<RawAmiClient> {
  const client = await raw(port);
  client.send([
    ['Action', 'Login'],
    ['ActionID', 'l-1'],
    ['Username', 'desk'],
    ['Secret', 'desk153'],
  ]);
  await client.waitForFrames(3);
  client.frames.length = 0;
  return client;
}

describe('PBX simulator AMI protocol', () => {
  it('binds 127.0.0.1, greets with the banner and logs in like Asterisk 22', async () => {
    const { port } = await start();
    const client = await raw(port);
    await waitFor(() => client.banners.length === 1);
    expect(client.banners).toEqual(['Asterisk Call Manager/11.0.0']);
    client.send([
      ['Action', 'Login'],
      ['ActionID', 'desk-1'],
      ['Username', 'desk'],
      ['Secret', 'desk153'],
    ]);
    const [response, booted, auth] = await client.waitForFrames(3);
    expect(response!.headers).toEqual([
      ['Response', 'Success'],
      ['ActionID', 'desk-1'],
      ['Message', 'Authentication accepted'],
    ]);
    expect(header(booted!, 'Event')).toBe('FullyBooted');
    expect(header(auth!, 'Event')).toBe('SuccessfulAuth');
    expect(header(auth!, 'RemoteAddress')).toMatch(/^IPV4\/TCP\/127\.0\.0\.1\/\d+$/);
    expect(header(auth!, 'EventTV')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  });

  it('refuses actions before login and answers errors with Asterisk texts', async () => {
    const { port } = await start();
    const anonymous = await raw(port);
    anonymous.send([
      ['Action', 'QueueStatus'],
      ['ActionID', 'pre-1'],
    ]);
    expect((await anonymous.waitForFrames(1))[0]!.headers).toEqual([
      ['Response', 'Error'],
      ['ActionID', 'pre-1'],
      ['Message', 'Permission denied'],
    ]);
    const client = await loggedIn(port);
    client.send([
      ['Action', 'FooBar'],
      ['ActionID', 'x-5'],
    ]);
    client.send([['Action', 'Ping']]);
    await waitFor(() => client.frames.some((frame) => header(frame, 'Ping') === 'Pong'));
    const [unknown] = client.frames;
    expect(header(unknown!, 'Message')).toBe('Invalid/unknown command: FooBar. Use Action: ListCommands to show available commands.');
    const pong = client.frames.find((frame) => header(frame, 'Ping') === 'Pong')!;
    // Without an ActionID in the request there is none in the response (h-filter-and-errors).
    expect(pong.headers.map(([name]) => name)).toEqual(['Response', 'Ping', 'Timestamp']);
    expect(header(pong, 'Timestamp')).toMatch(/^\d{10}\.\d{6}$/);
  });

  it('answers a wrong secret after about a second, then closes', async () => {
    const { port } = await start();
    const observer = await loggedIn(port);
    const client = await raw(port);
    const sent = Date.now();
    client.send([
      ['Action', 'Login'],
      ['ActionID', 'bad-1'],
      ['Username', 'desk'],
      ['Secret', 'wrong'],
    ]);
    const [response] = await client.waitForFrames(1);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(900);
    expect(response!.headers).toEqual([
      ['Response', 'Error'],
      ['ActionID', 'bad-1'],
      ['Message', 'Authentication failed'],
    ]);
    await client.waitForClose();
    expect(observer.frames.map((frame) => header(frame, 'Event'))).toEqual(['InvalidPassword']);
  });

  it('says goodbye on Logoff and closes', async () => {
    const { port } = await start();
    const client = await loggedIn(port);
    client.send([
      ['Action', 'Logoff'],
      ['ActionID', 'bye'],
    ]);
    expect((await client.waitForFrames(1))[0]!.headers).toEqual([
      ['Response', 'Goodbye'],
      ['ActionID', 'bye'],
      ['Message', 'Thanks for all the fish.'],
    ]);
    await client.waitForClose();
  });

  it('sends call events to every logged-in session and to no one else', async () => {
    const { port } = await start();
    const first = await loggedIn(port);
    const second = await loggedIn(port);
    first.frames.length = 0; // the second login's SuccessfulAuth
    const anonymous = await raw(port);
    const linkedid = sim!.placeCall();
    const completed = (c: RawAmiClient) => c.frames.some((frame) => header(frame, 'Event') === 'AgentComplete');
    await waitFor(() => completed(first) && completed(second), 5_000, 'both sessions to see the call');
    await waitFor(() => first.frames.length === second.frames.length);
    expect(first.frames).toEqual(second.frames);
    expect(first.frames.every((frame) => header(frame, 'Event') !== undefined)).toBe(true);
    expect(header(first.frames.find((frame) => header(frame, 'Event') === 'AgentCalled')!, 'Linkedid')).toBe(linkedid);
    expect(anonymous.frames).toEqual([]);
  });

  it('shows a waiting caller in QueueStatus and QueueSummary, and filters by member', async () => {
    const { port } = await start(null);
    const client = await loggedIn(port);
    sim!.placeCall();
    sim!.placeCall();
    sim!.placeCall();
    await waitFor(() => client.frames.filter((frame) => header(frame, 'Event') === 'QueueCallerJoin').length === 3);
    client.frames.length = 0;
    client.send([
      ['Action', 'QueueStatus'],
      ['ActionID', 's-1'],
      ['Queue', 'alo153'],
    ]);
    await waitFor(() => client.frames.some((frame) => header(frame, 'Event') === 'QueueStatusComplete'));
    const items = client.frames.slice(1, -1);
    expect(items.map((frame) => [header(frame, 'Event'), header(frame, 'Status') ?? header(frame, 'Position') ?? header(frame, 'Calls')])).toEqual([
      ['QueueParams', '3'],
      ['QueueMember', '6'],
      ['QueueMember', '6'],
      ['QueueEntry', '1'],
      ['QueueEntry', '2'],
      ['QueueEntry', '3'],
    ]);
    expect(header(client.frames.at(-1)!, 'ListItems')).toBe('6');

    client.frames.length = 0;
    client.send([
      ['Action', 'QueueStatus'],
      ['ActionID', 's-2'],
      ['Member', MEHMET.interface],
    ]);
    client.send([
      ['Action', 'QueueSummary'],
      ['ActionID', 's-3'],
    ]);
    await waitFor(() => client.frames.some((frame) => header(frame, 'Event') === 'QueueSummaryComplete'));
    const member = client.frames.filter((frame) => header(frame, 'Event') === 'QueueMember');
    expect(member.map((frame) => header(frame, 'Name'))).toEqual(['Mehmet Demir']);
    const summary = client.frames.find((frame) => header(frame, 'Event') === 'QueueSummary')!;
    expect([header(summary, 'LoggedIn'), header(summary, 'Available'), header(summary, 'Callers')]).toEqual(['2', '0', '3']);
  });

  it('frees its port on stop so a new simulator can take it', async () => {
    const first = await start();
    const { port } = first;
    const client = await loggedIn(port);
    await first.stop();
    await client.waitForClose();
    sim = await startPbxSimulator({
      port,
      username: 'desk',
      secret: 'desk153',
      agents: [AYSE],
      callers: [],
      callIntervalMs: 0,
      autoAnswerMs: null,
      talkTimeMs: 100,
    });
    expect(sim.port).toBe(port);
    expect(() => sim!.placeCall()).toThrow(/no callers/);
  });

  it('applies session filters (legacy regex, ! to exclude, MatchCriteria) and Events: off', async () => {
    const { port } = await start();
    const legacy = await loggedIn(port);
    const criteria = await loggedIn(port);
    const silent = await loggedIn(port);
    legacy.frames.length = 0; // the other two logins' SuccessfulAuth
    criteria.frames.length = 0;
    legacy.send([['Action', 'Filter'], ['ActionID', 'f-1'], ['Operation', 'Add'], ['Filter', 'Event: Queue*']]);
    legacy.send([['Action', 'Filter'], ['ActionID', 'f-2'], ['Operation', 'Add'], ['Filter', '!Event: QueueMemberStatus']]);
    criteria.send([['Action', 'Filter'], ['ActionID', 'f-3'], ['Operation', 'Add'], ['MatchCriteria', 'name(AgentConnect)']]);
    criteria.send([['Action', 'Filter'], ['ActionID', 'f-4'], ['Operation', 'Add'], ['MatchCriteria', 'header(Interface),method(starts_with)'], ['Filter', 'Local/1002']]);
    criteria.send([['Action', 'Filter'], ['ActionID', 'f-5'], ['Operation', 'Add'], ['Filter', '(unclosed']]);
    criteria.send([['Action', 'Filter'], ['ActionID', 'f-6'], ['Operation', 'Remove'], ['Filter', 'x']]);
    silent.send([['Action', 'Events'], ['ActionID', 'e-1'], ['EventMask', 'off']]);
    await waitFor(() => legacy.frames.length >= 2 && criteria.frames.length >= 4 && silent.frames.length >= 1);
    expect(legacy.frames.map((f) => header(f, 'Message'))).toEqual(['Success', 'Success']);
    expect(criteria.frames.map((f) => header(f, 'Message'))).toEqual(['Success', 'Success', 'Filter did not compile.  Check the syntax of the filter given.', 'Unknown operation']);
    expect(silent.frames[0]!.headers).toEqual([['Response', 'Success'], ['ActionID', 'e-1'], ['Events', 'Off']]);
    for (const c of [legacy, criteria, silent]) c.frames.length = 0;
    sim!.placeCall();
    sim!.placeCall();
    await waitFor(() => criteria.frames.filter((f) => header(f, 'Event') === 'AgentComplete').length === 1, 5_000, 'calls done');
    expect(new Set(legacy.frames.map((f) => header(f, 'Event')))).toEqual(new Set(['QueueCallerJoin', 'QueueCallerLeave']));
    expect(criteria.frames.map((f) => `${header(f, 'Event')} ${header(f, 'MemberName')}`).sort()).toEqual([
      'AgentCalled Mehmet Demir',
      'AgentComplete Mehmet Demir',
      'AgentConnect Ayşe Yılmaz',
      'AgentConnect Mehmet Demir',
      'QueueMemberStatus Mehmet Demir',
      'QueueMemberStatus Mehmet Demir',
      'QueueMemberStatus Mehmet Demir',
    ]);
    expect(silent.frames).toEqual([]);
  });

  it('lists calls in progress with CoreShowChannels and hangs up a caller with Hangup', async () => {
    const { port } = await start(null);
    const client = await loggedIn(port);
    const linkedid = sim!.placeCall();
    await waitFor(() => client.frames.some((f) => header(f, 'Event') === 'AgentCalled'));
    client.frames.length = 0;
    client.send([['Action', 'CoreShowChannels'], ['ActionID', 'c-1']]);
    await waitFor(() => client.frames.some((f) => header(f, 'Event') === 'CoreShowChannelsComplete'));
    const items = client.frames.filter((f) => header(f, 'Event') === 'CoreShowChannel');
    expect(items.map((f) => [header(f, 'Channel')?.replace(/-[0-9a-f]{8}/, ''), header(f, 'Application')])).toEqual([
      ['Local/905321112233@sim-caller;1', 'Wait'],
      ['Local/905321112233@sim-caller;2', 'Queue'],
      ['Local/1001@sim-agent;1', 'AppQueue'],
      ['Local/1001@sim-agent;2', 'Wait'],
    ]);
    expect(items.every((f) => header(f, 'Linkedid') === linkedid && /^\d\d:\d\d:\d\d$/.test(header(f, 'Duration')!))).toBe(true);
    expect(items[0]!.headers.slice(0, 2)).toEqual([['Event', 'CoreShowChannel'], ['ActionID', 'c-1']]);
    client.frames.length = 0;
    client.send([['Action', 'Hangup'], ['ActionID', 'h-1'], ['Channel', header(items[1]!, 'Channel')!]]);
    client.send([['Action', 'Hangup'], ['ActionID', 'h-2'], ['Channel', 'PJSIP/none-00000000']]);
    await waitFor(() => client.frames.some((f) => header(f, 'ActionID') === 'h-2'));
    expect(header(client.frames[0]!, 'Message')).toBe('Channel Hungup');
    expect(client.frames.some((f) => header(f, 'Event') === 'QueueCallerAbandon')).toBe(true);
    expect(header(client.frames.find((f) => header(f, 'ActionID') === 'h-2')!, 'Message')).toBe('No such channel');
  });

  it('says Shutdown about half a second before it closes; kill() closes at once without it', async () => {
    const first = await start();
    const client = await loggedIn(first.port);
    const stopping = first.stop();
    await waitFor(() => client.frames.some((f) => header(f, 'Event') === 'Shutdown'));
    const announced = Date.now();
    expect(client.frames.at(-1)!.headers).toEqual([['Event', 'Shutdown'], ['Privilege', 'system,all'], ['Shutdown', 'Cleanly'], ['Restart', 'False']]);
    await client.waitForClose();
    expect(Date.now() - announced).toBeGreaterThanOrEqual(400);
    await stopping;
    const second = await start();
    const other = await loggedIn(second.port);
    await second.kill();
    await other.waitForClose();
    expect(other.frames.some((f) => header(f, 'Event') === 'Shutdown')).toBe(false);
    await second.restart();
    const again = await loggedIn(second.port);
    expect(again.closed).toBe(false);
  });
});
