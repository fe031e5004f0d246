import type { Incident } from '../../core/incident.js';
import type { AmiClient } from '../../telephony/ami/amiClient.js';
import { clearIncidentAnnouncement, incidentSoundName, setIncidentAnnouncement } from '../../telephony/ami/incidentAnnouncement.js';

/**
 * What each queue should play, from the active incidents: the newest one's recording where two
 * announce on the same queue (closing that one brings the other's back).
 */
export function desiredAnnouncements(active: readonly Incident[]): Map<string, string> {
  const plays = new Map<string, string>();
  const newestFirst = [...active].filter((i) => i.status === 'active').sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  for (const incident of newestFirst) {
    const sound = incident.announcementSound ?? incidentSoundName(incident.id);
    for (const queue of incident.announceQueues) if (!plays.has(queue)) plays.set(queue, sound);
  }
  return plays;
}

export interface AnnouncementResult {
  set: number;
  cleared: number;
  /** Writes the PBX refused or did not answer (it is down): the caller says so in the log. */
  failed: number;
}

/**
 * Brings every PBX's AstDB in line for the queues an incident's change touched (those it
 * announced on before and after): DBPut where an active incident announces on the queue, DBDel
 * where none does any more. Stateless, so a restarted server needs no memory of what it wrote.
 * Each PBX's session is the server's own (its collector's): a desk needs no AMI write rights.
 */
export async function followIncident(
  clients: readonly AmiClient[],
  before: Incident | null,
  after: Incident,
  active: readonly Incident[],
): Promise<AnnouncementResult> {
  const touched = new Set([...(before?.announceQueues ?? []), ...after.announceQueues]);
  const desired = desiredAnnouncements(active);
  const result: AnnouncementResult = { set: 0, cleared: 0, failed: 0 };
  const writes: Promise<void>[] = [];
  for (const client of clients) {
    for (const queue of touched) {
      const sound = desired.get(queue);
      writes.push(
        sound === undefined
          ? clearIncidentAnnouncement(client, queue).then(() => void (result.cleared += 1))
          : setIncidentAnnouncement(client, queue, sound).then(() => void (result.set += 1)),
      );
    }
  }
  const settled = await Promise.allSettled(writes);
  result.failed = settled.filter((s) => s.status === 'rejected').length;
  return result;
}
