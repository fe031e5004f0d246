import type { AmiClient } from './amiClient.js';
import { dbDel, dbPut } from './astdb.js';

// Where a mass incident's announcement lives in Asterisk (issue 17; README-ami.md, "Mass-incident
// announcements (AstDB)"): one AstDB entry per queue, which the dialplan reads with DB() and
// plays before Queue(). Declaring the incident writes it, closing deletes it. The layout is
// defined here only: the server, the dialplan lines in the README and the tests all follow it.

/** The AstDB family; the key is the queue's name as Queue() is given it, the value the sound. */
export const INCIDENT_ANNOUNCEMENT_FAMILY = 'alo153/incident';

/** Where the incident recordings go, under Asterisk's sounds directory. */
export const INCIDENT_SOUND_DIR = 'custom';

export interface AstDbEntry {
  readonly family: string;
  readonly key: string;
  readonly value: string;
}

/**
 * As core/incident.ts takes announceQueues. No `/`: the key would nest one level deeper than the
 * dialplan's `DB(alo153/incident/<queue>)` (AstDB keys are one `/family/key` string).
 */
const QUEUE_NAME = /^[A-Za-z0-9_.-]{1,80}$/;

/**
 * A Playback file name that the dialplan passes through unharmed: no `,` (Playback's options),
 * `&` (a second file), `?` or `:` (ExecIf's separators), `(`, `)`, `"` or `$` (the `$[…]` test),
 * no `..`, no extension (Asterisk picks the format).
 */
const SOUND_NAME = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

/**
 * The sound file an incident's announcement is recorded to, e.g. `custom/incident-<id>`. The whole
 * id, not a prefix of it: two incidents must never share a recording.
 */
export function incidentSoundName(incidentId: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(incidentId)) throw new TypeError('incident id must be 1-64 letters, digits or dashes');
  return `${INCIDENT_SOUND_DIR}/incident-${incidentId.toLowerCase()}`;
}

/** Where `queue`'s announcement is kept. */
export function incidentAnnouncementKey(queue: string): Omit<AstDbEntry, 'value'> {
  if (!QUEUE_NAME.test(queue)) throw new TypeError('queue name must be 1-80 letters, digits, _ . or -');
  return { family: INCIDENT_ANNOUNCEMENT_FAMILY, key: queue };
}

/** The AstDB entry that makes `queue`'s callers hear `sound` before they wait. */
export function incidentAnnouncementEntry(queue: string, sound: string): AstDbEntry {
  if (!SOUND_NAME.test(sound)) throw new TypeError('sound must be a file name without extension: letters, digits, _ - and /');
  return { ...incidentAnnouncementKey(queue), value: sound };
}

/** Starts (or replaces) the announcement of `queue`. */
export async function setIncidentAnnouncement(client: AmiClient, queue: string, sound: string): Promise<void> {
  const { family, key, value } = incidentAnnouncementEntry(queue, sound);
  await dbPut(client, family, key, value);
}

/** Stops the announcement of `queue`; false when it had none. */
export function clearIncidentAnnouncement(client: AmiClient, queue: string): Promise<boolean> {
  const { family, key } = incidentAnnouncementKey(queue);
  return dbDel(client, family, key);
}
