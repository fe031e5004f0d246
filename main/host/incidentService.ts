import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { AgentCall } from '../../core/call.js';
import { PhoneNumber, type CaseRecord, type CreatedCase, type NewCaseInput } from '../../core/case.js';
import type { Catalogue } from '../../core/catalogue.js';
import { findSubject } from '../../core/catalogue/lookup.js';
import { Incident, IncidentList, isActive, type IncidentAttachment } from '../../core/incident.js';
import { detectSurges, longestSurgeWindowMinutes, type Surge } from '../../core/incidentSurge.js';
import { incidentCaseOfCaller, recentUnattachedCases, replaceIncidents, storedIncidents } from '../../db/incidentStore.js';
import type { CentralApi } from './centralApi.js';
import { invalidField, notFound, type Handlers } from './dispatch.js';

type IncidentHandlers = Pick<Handlers, 'incidents.list' | 'incidents.attach' | 'incidents.surges' | 'incidents.declare' | 'incidents.close'>;

export interface IncidentServiceDeps {
  db: Database;
  catalogue: Catalogue;
  api: CentralApi;
  now: () => Date;
  /** The call on the desk now (ringing, answered, or ended and still on screen). */
  currentCall: () => AgentCall | null;
  /** The case desk's own requests, so an attached call is saved exactly as a typed one is. */
  createCase: (input: NewCaseInput) => CreatedCase | Promise<CreatedCase>;
  appendNote: (request: { caseId: number; text: string; linkedid: string | null }) => CaseRecord | Promise<CaseRecord>;
  /** The list changed: the UI's copy, and the pop's suggestions. */
  onChanged: (incidents: Incident[]) => void;
  /** Team leads only: surges are looked for and reported (`onSurges`), a new one also as a desktop notice. */
  watchSurges: boolean;
  onSurges: (surges: Surge[], appeared: Surge[]) => void;
  log: (line: string) => void;
}

export interface IncidentService {
  /** The incidents this desk knows to be active. */
  current(): Incident[];
  /** A whole list from the server (the live channel's `event: incidents`). */
  receive(list: IncidentList): void;
  /** Cases were saved or pulled: surges are looked for again (soon, once for a burst). */
  casesChanged(): void;
  handlers: IncidentHandlers;
  stop(): void;
}

/** A burst of pulled cases is looked at once; the clock moving a window on, every half minute. */
const SURGE_DEBOUNCE_MS = 1_000;
const SURGE_EVERY_MS = 30_000;

const surgeKey = (s: Surge) => `${s.subjectCode}\u0000${s.district}`;

/** `POST /api/v1/incidents/{id}/close`'s answer. */
const ClosedAnswer = z.object({ incident: Incident, resolved: z.number().int() });

const REPEAT_NOTE = 'Vatandaş aynı olay için tekrar aradı.';

/** Stored rows that no longer parse (a desk downgraded, a damaged file) are skipped, not fatal. */
function loadStored(db: Database): Incident[] {
  return storedIncidents(db).flatMap((body) => {
    const parsed = Incident.safeParse(JSON.parse(body));
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * The desk's mass incidents: the server's active list, kept in SQLite so that the pop offers them
 * and a call attaches in one key while the server is away (the case goes out with the rest of
 * the outbox, once). Declaring and closing go to the server, which decides who may.
 */
export function createIncidentService(deps: IncidentServiceDeps): IncidentService {
  const { db } = deps;
  let incidents = loadStored(db);

  let surges: Surge[] = [];
  let surgeTimer: ReturnType<typeof setTimeout> | null = null;
  const findSurges = () => {
    surgeTimer = null;
    const now = deps.now();
    const since = new Date(now.getTime() - longestSurgeWindowMinutes(deps.catalogue) * 60_000);
    const next = detectSurges(recentUnattachedCases(db, since), deps.catalogue, incidents, now);
    const known = new Set(surges.map(surgeKey));
    const appeared = next.filter((s) => !known.has(surgeKey(s)));
    const changed = appeared.length > 0 || next.length !== surges.length || next.some((s, i) => s.caseNumbers.length !== surges[i]?.caseNumbers.length);
    surges = next;
    if (changed) deps.onSurges(surges, appeared);
  };
  const casesChanged = () => {
    if (!deps.watchSurges || surgeTimer !== null) return;
    surgeTimer = setTimeout(findSurges, SURGE_DEBOUNCE_MS);
    surgeTimer.unref?.();
  };
  const surgeClock = deps.watchSurges ? setInterval(findSurges, SURGE_EVERY_MS) : null;
  surgeClock?.unref?.();
  if (deps.watchSurges) findSurges();

  const receive = (list: IncidentList) => {
    incidents = list.incidents.filter((i) => i.status === 'active');
    try {
      replaceIncidents(db, incidents);
    } catch (error) {
      deps.log(`incidents: could not keep the list offline: ${error instanceof Error ? error.name : 'unknown error'}`);
    }
    deps.onChanged(incidents);
    // A declared incident covers its surge.
    casesChanged();
  };

  const attach = async ({ incidentId, note }: { incidentId: string; note: string | null }): Promise<IncidentAttachment> => {
    const call = deps.currentCall();
    if (call === null) throw invalidField('incidentId', 'incident.noCall');
    const incident = incidents.find((i) => i.id === incidentId);
    if (!incident || !isActive(incident, deps.now())) throw notFound('incident');
    const phone = PhoneNumber.safeParse(call.callerNumber);
    const number = phone.success ? phone.data : null;
    const earlier = number === null ? null : incidentCaseOfCaller(db, incidentId, number, deps.now());
    if (earlier !== null) {
      const text = note === null || note.trim() === '' ? REPEAT_NOTE : `${REPEAT_NOTE} ${note}`;
      return { case: await deps.appendNote({ caseId: earlier.id, text, linkedid: call.linkedid }), securityCode: null, repeat: true };
    }
    const subject = findSubject(deps.catalogue, incident.subjectCode);
    const description = note === null || note.trim() === '' ? `Toplu olay: ${incident.message}` : `Toplu olay: ${incident.message}\n${note}`;
    const created = await deps.createCase({
      subject: subject?.name ?? incident.subjectCode,
      subjectCode: subject ? incident.subjectCode : null,
      type: 'complaint',
      channel: 'phone',
      priority: null,
      confidential: null,
      description,
      outcome: 'forwarded',
      resolution: null,
      unitCode: incident.unitCode,
      phone: number,
      citizenName: null,
      tcKimlikNo: null,
      address: null,
      linkedid: call.linkedid,
      draftId: null,
      incidentId,
    });
    return { ...created, repeat: false };
  };

  return {
    current: () => incidents,
    receive,
    casesChanged,
    stop() {
      if (surgeTimer !== null) clearTimeout(surgeTimer);
      if (surgeClock !== null) clearInterval(surgeClock);
    },
    handlers: {
      'incidents.list': () => ({ incidents }),
      'incidents.attach': attach,
      'incidents.surges': () => ({ surges }),
      'incidents.declare': async (declaration) => {
        const incident = await deps.api.json(Incident, 'POST', '/api/v1/incidents', declaration);
        // The live channel brings the list too; this makes it at once on this desk.
        receive({ incidents: [...incidents.filter((i) => i.id !== incident.id), incident] });
        return incident;
      },
      'incidents.close': async ({ id, resolution }) => {
        const { incident } = await deps.api.json(ClosedAnswer, 'POST', `/api/v1/incidents/${encodeURIComponent(id)}/close`, { resolution });
        receive({ incidents: incidents.filter((i) => i.id !== id) });
        return incident;
      },
    },
  };
}

