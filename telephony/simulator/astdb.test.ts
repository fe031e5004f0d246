import { afterEach, describe, expect, it } from 'vitest';
import type { AmiHeader } from '../ami/amiFrame.js';
import { header } from '../ami/amiFrame.js';
import type { RawAmiClient } from '../testing/rawAmiClient.js';
import { connectRaw } from '../testing/rawAmiClient.js';
import { waitFor } from '../testing/waitFor.js';
import { createAstDb } from './astdb.js';
import type { PbxSimulator } from './pbxSimulator.js';
import { startPbxSimulator } from './pbxSimulator.js';

// The answers are Asterisk 22.10.1's main/db.c (manager_dbput, manager_dbget, manager_dbdel,
// manager_dbdeltree) and manager.c (astman_send_error/ack/listack, the list complete event,
// "Permission denied"); the recordings hold no DB action, so the texts are pinned here.

const FAMILY = 'alo153/incident';
const SOUND = 'custom/incident-4f1c2a9e';

let sim: PbxSimulator | null = null;
const clients: RawAmiClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await sim?.stop();
  sim = null;
});

async function start(): Promise<PbxSimulator> {
  sim = await startPbxSimulator({
    username: 'desk',
    secret: 'desk153',
    agents: [{ interface: 'Local/1001@sim-agent/n', name: 'Ayşe Yılmaz', stateInterface: 'Custom:1001' }],
    callers: [],
    callIntervalMs: 0,
    autoAnswerMs: null,
    talkTimeMs: 100,
    // An operator seat as README-ami.md gives it: no `system` write class.
    users: [{ username: 'seat', secret: 'seat153', write: ['agent', 'call', 'originate', 'reporting'] }],
  });
  return sim;
}

async function loggedIn(port: number, username = 'desk', secret = 'desk153'): Promise<RawAmiClient> {
  const client = await connectRaw(port);
  clients.push(client);
  client.send([
    ['Action', 'Login'],
    ['ActionID', 'l-1'],
    ['Username', username],
    ['Secret', secret],
  ]);
  await client.waitForFrames(3); // Response, FullyBooted, SuccessfulAuth
  return client;
}

/** Every frame the action is answered with: a Ping sent after it marks where the answer ends. */
async function ask(client: RawAmiClient, request: AmiHeader[]): Promise<AmiHeader[][]> {
  client.frames.length = 0;
  client.send(request);
  client.send([
    ['Action', 'Ping'],
    ['ActionID', 'end'],
  ]);
  await waitFor(() => client.frames.some((frame) => header(frame, 'ActionID') === 'end'), 5_000, 'the answer');
  return client.frames.filter((frame) => header(frame, 'ActionID') !== 'end').map((frame) => [...frame.headers]);
}

const error = (actionId: string, message: string) => [
  [
    ['Response', 'Error'],
    ['ActionID', actionId],
    ['Message', message],
  ],
];
const success = (actionId: string, message: string) => [
  [
    ['Response', 'Success'],
    ['ActionID', actionId],
    ['Message', message],
  ],
];

describe('simulator AstDB over AMI as Asterisk 22 answers it', () => {
  it('DBPut, DBGet and DBDel succeed with the exact frames, and the AstDB shows the entry', async () => {
    const { port } = await start();
    const client = await loggedIn(port);

    expect(await ask(client, [['Action', 'DBPut'], ['ActionID', 'p-1'], ['Family', FAMILY], ['Key', 'alo153'], ['Val', SOUND]])).toEqual(success('p-1', 'Updated database successfully'));
    expect(sim!.astdb.get(FAMILY, 'alo153')).toBe(SOUND);
    // One flat `/family/key`: the dialplan's DB(alo153/incident/alo153) splits at the first `/`.
    expect(sim!.astdb.get('alo153', 'incident/alo153')).toBe(SOUND);

    expect(await ask(client, [['Action', 'DBGet'], ['ActionID', 'g-1'], ['Family', FAMILY], ['Key', 'alo153']])).toEqual([
      [
        ['Response', 'Success'],
        ['ActionID', 'g-1'],
        ['EventList', 'start'],
        ['Message', 'Result will follow'],
      ],
      [
        ['Event', 'DBGetResponse'],
        ['Family', FAMILY],
        ['Key', 'alo153'],
        ['Val', SOUND],
        ['ActionID', 'g-1'],
      ],
      [
        ['Event', 'DBGetComplete'],
        ['ActionID', 'g-1'],
        ['EventList', 'Complete'],
        ['ListItems', '1'],
      ],
    ]);

    expect(await ask(client, [['Action', 'DBDel'], ['ActionID', 'd-1'], ['Family', FAMILY], ['Key', 'alo153']])).toEqual(success('d-1', 'Key deleted successfully'));
    expect(sim!.astdb.get(FAMILY, 'alo153')).toBeUndefined();
    expect(await ask(client, [['Action', 'DBGet'], ['ActionID', 'g-2'], ['Family', FAMILY], ['Key', 'alo153']])).toEqual(error('g-2', 'Database entry not found'));
    expect(await ask(client, [['Action', 'DBDel'], ['ActionID', 'd-2'], ['Family', FAMILY], ['Key', 'alo153']])).toEqual(error('d-2', 'Database entry could not be deleted'));
  });

  it('answers without ActionID headers when the request has none; DBPut without Val stores an empty value', async () => {
    const { port } = await start();
    const client = await loggedIn(port);
    expect(await ask(client, [['Action', 'dbput'], ['Family', FAMILY], ['Key', 'geri-bildirim']])).toEqual([
      [
        ['Response', 'Success'],
        ['Message', 'Updated database successfully'],
      ],
    ]);
    expect(sim!.astdb.get(FAMILY, 'geri-bildirim')).toBe('');
    const answer = await ask(client, [['Action', 'DBGet'], ['Family', FAMILY], ['Key', 'geri-bildirim']]);
    expect(answer.map((frame) => frame.map(([name]) => name))).toEqual([
      ['Response', 'EventList', 'Message'],
      ['Event', 'Family', 'Key', 'Val'],
      ['Event', 'EventList', 'ListItems'],
    ]);
    expect(answer[1]![3]).toEqual(['Val', '']);
  });

  it('refuses a missing Family or Key with each action’s own text', async () => {
    const { port } = await start();
    const client = await loggedIn(port);
    const cases: Array<[string, AmiHeader[], string]> = [
      ['DBPut', [['Key', 'alo153'], ['Val', SOUND]], 'No family specified'],
      ['DBPut', [['Family', FAMILY], ['Val', SOUND]], 'No key specified'],
      // An empty or blank value is no value (astman_get_header skips leading blanks).
      ['DBPut', [['Family', '  '], ['Key', 'alo153']], 'No family specified'],
      ['DBGet', [['Key', 'alo153']], 'No family specified.'],
      ['DBGet', [['Family', FAMILY], ['Key', '']], 'No key specified.'],
      ['DBDel', [['Key', 'alo153']], 'No family specified.'],
      ['DBDel', [['Family', FAMILY]], 'No key specified.'],
      ['DBDelTree', [['Key', 'alo153']], 'No family specified.'],
    ];
    for (const [action, fields, message] of cases) {
      expect(await ask(client, [['Action', action], ['ActionID', 'e-1'], ...fields]), `${action} ${JSON.stringify(fields)}`).toEqual(error('e-1', message));
    }
    expect(sim!.astdb.entries()).toEqual([]);
  });

  it('DBDelTree deletes a family or a key tree, and says when there was nothing', async () => {
    const { port } = await start();
    const client = await loggedIn(port);
    sim!.astdb.put(FAMILY, 'alo153', SOUND);
    sim!.astdb.put(FAMILY, 'geri-bildirim', SOUND);
    sim!.astdb.put('alo153/other', 'x', 'kept');
    expect(await ask(client, [['Action', 'DBDelTree'], ['ActionID', 't-1'], ['Family', FAMILY], ['Key', 'alo153']])).toEqual(success('t-1', 'Key tree deleted successfully'));
    expect(await ask(client, [['Action', 'DBDelTree'], ['ActionID', 't-2'], ['Family', FAMILY]])).toEqual(success('t-2', 'Key tree deleted successfully'));
    expect(sim!.astdb.entries()).toEqual([['/alo153/other/x', 'kept']]);
    expect(await ask(client, [['Action', 'DBDelTree'], ['ActionID', 't-3'], ['Family', FAMILY]])).toEqual(error('t-3', 'Database entry not found'));
  });

  it('needs write `system` to change the AstDB (`reporting` is enough to read it), as db.c registers the actions', async () => {
    const { port } = await start();
    const seat = await loggedIn(port, 'seat', 'seat153');
    for (const action of ['DBPut', 'DBDel', 'DBDelTree']) {
      expect(await ask(seat, [['Action', action], ['ActionID', 'x-1'], ['Family', FAMILY], ['Key', 'alo153'], ['Val', SOUND]])).toEqual(error('x-1', 'Permission denied'));
    }
    expect(sim!.astdb.entries()).toEqual([]);
    expect(await ask(seat, [['Action', 'DBGet'], ['ActionID', 'x-2'], ['Family', FAMILY], ['Key', 'alo153']])).toEqual(error('x-2', 'Database entry not found'));
  });

  it('keeps the AstDB across a restart, as Asterisk keeps its database file', async () => {
    const started = await start();
    started.astdb.put(FAMILY, 'alo153', SOUND);
    await started.restart();
    const client = await loggedIn(started.port);
    expect((await ask(client, [['Action', 'DBGet'], ['ActionID', 'g-1'], ['Family', FAMILY], ['Key', 'alo153']]))[1]).toContainEqual(['Val', SOUND]);
  });
});

describe('the AstDB store', () => {
  it('deletes trees as SQLite LIKE matches them: whole path segments, ASCII case folded, `_` a wildcard', () => {
    const db = createAstDb();
    db.put('alo153/incident', 'alo153', 'a');
    db.put('alo153/incidents', 'alo153', 'b'); // a sibling whose name merely starts the same
    db.put('ALO153/Incident', 'geri_bildirim', 'c');
    db.put('alo153/incident', 'geri-bildirim', 'd');
    db.put('İstanbul', 'x', 'e');
    expect(db.delTree('alo153/incident', 'geri_bildirim')).toBe(2); // `_` matched `-` too
    expect(db.delTree('alo153/incident')).toBe(1);
    expect(db.delTree('istanbul')).toBe(0); // İ is not ASCII: SQLite does not fold it
    expect(db.entries()).toEqual([
      ['/alo153/incidents/alo153', 'b'],
      ['/İstanbul/x', 'e'],
    ]);
    expect(db.del('alo153/incidents', 'alo153')).toBe(true);
    expect(db.del('alo153/incidents', 'alo153')).toBe(false);
  });
});
