import { randomBytes } from 'node:crypto';
import type { Incident } from '../../core/incident.js';
import type { SqlClient } from '../db/sqlClient.js';
import { listIncidents } from './incidents.js';

/** Where instances tell each other that an incident changed; the payload is the sender's id. */
export const INCIDENTS_CHANNEL = 'incidents_changed';

/** Longest a desk's list may lag behind a change it missed (a NOTIFY lost while reconnecting). */
const POLL_MS = 60_000;

export interface IncidentFeed {
  /** The active incidents as last read. */
  current(): Incident[];
  /** Runs with the active incidents after every change (this instance's and, via NOTIFY, the others'). */
  subscribe(listener: (incidents: Incident[]) => void): () => void;
  /** An incident changed through this instance (after its transaction committed). */
  changed(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The active incidents every live stream carries (`event: incidents`): few, small and public
 * (no citizen in them), so the whole list goes to every account on each change rather than a
 * delta; a desk replaces its copy with it. Read again on this instance's changes, on another
 * instance's NOTIFY and once a minute, so their attached counts stay fresh on the wallboard.
 */
export function createIncidentFeed(db: SqlClient, now: () => Date): IncidentFeed {
  const instanceId = randomBytes(8).toString('hex');
  const listeners = new Set<(incidents: Incident[]) => void>();
  let incidents: Incident[] = [];
  let unlisten: (() => Promise<void>) | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let reading: Promise<void> | null = null;
  let readAgain = false;
  let started: Promise<void> | null = null;

  const read = async (): Promise<void> => {
    if (reading) {
      readAgain = true;
      return reading;
    }
    reading = (async () => {
      do {
        readAgain = false;
        try {
          incidents = await listIncidents(db, true, now());
        } catch {
          return; // the database is away: the next change or poll reads again
        }
        for (const listener of listeners) listener(incidents);
      } while (readAgain);
    })().finally(() => {
      reading = null;
    });
    return reading;
  };

  return {
    current: () => incidents,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async changed() {
      await read();
      if (db.listen) await db.query('SELECT pg_notify($1, $2)', [INCIDENTS_CHANNEL, instanceId]).catch(() => undefined);
    },
    start() {
      started ??= (async () => {
        if (db.listen) {
          unlisten = await db
            .listen(INCIDENTS_CHANNEL, (payload) => {
              if (payload !== instanceId) void read();
            })
            .catch(() => null);
        }
        timer = setInterval(() => void read(), POLL_MS);
        timer.unref();
        await read();
      })();
      return started;
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await unlisten?.().catch(() => undefined);
      unlisten = null;
      await reading;
    },
  };
}
