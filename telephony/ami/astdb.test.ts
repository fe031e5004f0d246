import { afterEach, describe, expect, it } from 'vitest';
import type { PbxSimulator } from '../simulator/pbxSimulator.js';
import { SECRET, startTestSimulator } from '../testing/simFixtures.js';
import { waitFor } from '../testing/waitFor.js';
import type { AmiClient } from './amiClient.js';
import { createAmiClient } from './amiClient.js';
import { dbDel, dbGet, dbPut } from './astdb.js';
import {
  clearIncidentAnnouncement,
  INCIDENT_ANNOUNCEMENT_FAMILY,
  incidentAnnouncementEntry,
  incidentSoundName,
  setIncidentAnnouncement,
} from './incidentAnnouncement.js';

const INCIDENT_ID = '4F1C2A9E-7B3D-4C55-9A0E-2B6D8F1E3A70';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(username = 'desk', secret = SECRET): Promise<{ sim: PbxSimulator; client: AmiClient }> {
  const sim = await startTestSimulator(cleanups, {
    callers: [],
    talkTimeMs: 100,
    users: [{ username: 'seat', secret: 'seat153', write: ['agent', 'call', 'originate', 'reporting'] }],
  });
  const client = createAmiClient({ host: '127.0.0.1', port: sim.port, username, secret, resyncOnConnect: false });
  cleanups.push(() => client.stop());
  client.start();
  await waitFor(() => client.linkState.status === 'connected', 5_000, 'connected');
  return { sim, client };
}

describe('AstDB helpers against the simulator', () => {
  it('puts, gets and deletes; a missing key is null to get and false to delete', async () => {
    const { sim, client } = await setup();
    await dbPut(client, 'alo153/incident', 'alo153', 'custom/incident-1');
    expect(sim.astdb.get('alo153/incident', 'alo153')).toBe('custom/incident-1');
    expect(await dbGet(client, 'alo153/incident', 'alo153')).toBe('custom/incident-1');
    await dbPut(client, 'alo153/incident', 'alo153', 'Su kesintisi: Kadıköy'); // replaced; UTF-8 and `:` are fine
    expect(await dbGet(client, 'alo153/incident', 'alo153')).toBe('Su kesintisi: Kadıköy');
    expect(await dbDel(client, 'alo153/incident', 'alo153')).toBe(true);
    expect(await dbGet(client, 'alo153/incident', 'alo153')).toBeNull();
    expect(await dbDel(client, 'alo153/incident', 'alo153')).toBe(false);
    await dbPut(client, 'alo153/incident', 'empty', '');
    expect(await dbGet(client, 'alo153/incident', 'empty')).toBe('');
  });

  it('refuses CR/LF in family, key or value before sending anything', async () => {
    const { sim, client } = await setup();
    const invalid = { name: 'AmiActionError', code: 'invalid' };
    await expect(dbPut(client, 'alo153/incident', 'alo153', 'custom/a\r\nAction: Logoff')).rejects.toMatchObject(invalid);
    await expect(dbPut(client, 'alo153\n', 'alo153', 'x')).rejects.toMatchObject(invalid);
    await expect(dbGet(client, 'alo153/incident', 'alo153\r')).rejects.toMatchObject(invalid);
    await expect(dbDel(client, 'alo153/incident', 'a\nb')).rejects.toMatchObject(invalid);
    expect(sim.astdb.entries()).toEqual([]);
    expect(client.linkState.status).toBe('connected');
  });

  it("throws Asterisk's other refusals as AmiCommandError", async () => {
    const { client } = await setup('seat', 'seat153');
    await expect(dbPut(client, 'alo153/incident', 'alo153', 'x')).rejects.toMatchObject({ name: 'AmiCommandError', action: 'DBPut', asteriskMessage: 'Permission denied' });
    await expect(dbDel(client, 'alo153/incident', 'alo153')).rejects.toMatchObject({ asteriskMessage: 'Permission denied' });
    expect(await dbGet(client, 'alo153/incident', 'alo153')).toBeNull(); // reading needs `reporting` only
    await expect(dbGet(client, '', 'alo153')).rejects.toMatchObject({ asteriskMessage: 'No family specified.' });
  });
});

describe('incident announcements in the AstDB', () => {
  it('keeps one entry per queue where the dialplan reads it', async () => {
    const { sim, client } = await setup();
    const sound = incidentSoundName(INCIDENT_ID);
    expect(sound).toBe('custom/incident-4f1c2a9e-7b3d-4c55-9a0e-2b6d8f1e3a70');
    await setIncidentAnnouncement(client, 'alo153', sound);
    expect(sim.astdb.get(INCIDENT_ANNOUNCEMENT_FAMILY, 'alo153')).toBe(sound);
    // What the README's `DB(alo153/incident/alo153)` reads: family `alo153`, key `incident/alo153`.
    expect(sim.astdb.get('alo153', 'incident/alo153')).toBe(sound);
    expect(await clearIncidentAnnouncement(client, 'alo153')).toBe(true);
    expect(await clearIncidentAnnouncement(client, 'alo153')).toBe(false);
    expect(sim.astdb.entries()).toEqual([]);
  });

  it('refuses queue and sound names the dialplan would mangle', () => {
    expect(incidentAnnouncementEntry('geri-bildirim', 'custom/incident-1')).toEqual({ family: 'alo153/incident', key: 'geri-bildirim', value: 'custom/incident-1' });
    for (const queue of ['', 'alo/153', 'alo153 ', 'a'.repeat(81)]) expect(() => incidentAnnouncementEntry(queue, 'custom/x'), queue).toThrow(TypeError);
    for (const sound of ['', '/var/lib/x', 'custom/../x', 'custom/x.wav', 'a,noanswer', 'a&b', 'a?b', 'a:b', '${X}', 'custom/']) {
      expect(() => incidentAnnouncementEntry('alo153', sound), sound).toThrow(TypeError);
    }
    expect(() => incidentSoundName('../x')).toThrow(TypeError);
  });
});
