import { z } from 'zod';
import { CaseRecord, LIMITS, cleanText, oneLine, type Address } from './case.js';
import { districtKey, neighbourhoodKey } from './catalogue/lookup.js';

/*
 * A mass incident: one outage (a water main in Kadıköy, a district without power) that hundreds
 * of citizens call about. The central server keeps them (server/incidents); every desk holds the
 * active ones so that a pop can offer them and a call can be attached in one key, offline too.
 */

const Instant = z.iso.datetime({ offset: true });
const AreaName = z.string().trim().min(1).max(LIMITS.addressPart);
/** A Playback file name the dialplan passes through unharmed (telephony/ami/incidentAnnouncement.ts says why). */
const SoundName = z.string().max(120).regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'sound.invalid');

export const IncidentStatus = z.enum(['active', 'closed']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** What can be said of an incident, each field once: a declaration has them all, a PATCH any of them. */
const IncidentFields = z.object({
  subjectCode: oneLine(64),
  unitCode: z.string().trim().min(1).max(64).regex(/^[a-z0-9-]+$/, 'unit.invalid'),
  districts: z.array(AreaName).min(1).max(39),
  neighbourhoods: z.array(AreaName).max(400),
  /** What operators tell callers, read out as written. */
  message: cleanText(1000).refine((s) => s.trim().length > 0, 'message.empty'),
  startsAt: Instant,
  expectedEndAt: Instant.nullable(),
  /** Queues whose callers hear the announcement before they wait (AMI DBPut, telephony/README-ami.md). */
  announceQueues: z.array(z.string().trim().min(1).max(80).regex(/^[A-Za-z0-9_.-]+$/, 'queue.invalid')).max(50),
  /** The recording played, under Asterisk's sounds; null: `custom/incident-<id>` (telephony/ami/incidentAnnouncement.ts). */
  announcementSound: SoundName.nullable(),
});

/** What a team lead or a department says when declaring one (POST /api/v1/incidents). */
export const IncidentDeclaration = IncidentFields.extend({
  neighbourhoods: IncidentFields.shape.neighbourhoods.default([]),
  expectedEndAt: IncidentFields.shape.expectedEndAt.default(null),
  announceQueues: IncidentFields.shape.announceQueues.default([]),
  announcementSound: IncidentFields.shape.announcementSound.default(null),
  /** Cases to attach at once: a surge declared from the cases that raised it. */
  caseNumbers: z.array(z.string().trim().min(1).max(40).regex(/^[A-Z0-9-]+$/)).max(500).default([]),
})
  .strict()
  .refine((d) => d.expectedEndAt === null || d.expectedEndAt > d.startsAt, { message: 'expectedEnd.beforeStart', path: ['expectedEndAt'] });
export type IncidentDeclaration = z.input<typeof IncidentDeclaration>;

/** PATCH: any of the declared fields but the cases to attach. */
export const IncidentUpdate = IncidentFields.partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'fields.empty');
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

export const IncidentClosing = z.object({ resolution: cleanText(LIMITS.resolution).refine((s) => s.trim().length > 0, 'resolution.empty') }).strict();

export const Incident = z.object({
  id: z.uuid(),
  subjectCode: z.string(),
  unitCode: z.string(),
  districts: z.array(z.string()),
  neighbourhoods: z.array(z.string()),
  message: z.string(),
  startsAt: Instant,
  expectedEndAt: Instant.nullable(),
  announceQueues: z.array(z.string()),
  announcementSound: z.string().nullable(),
  status: IncidentStatus,
  resolution: z.string().nullable(),
  closedAt: Instant.nullable(),
  /** Who declared it (display name). */
  declaredBy: z.string(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int().positive(),
  /** Cases attached so far. */
  attachedCount: z.number().int().min(0),
  /** Of those, attached in the last 15 minutes (the wallboard's figure). */
  attachedRecently: z.number().int().min(0).default(0),
});
export type Incident = z.infer<typeof Incident>;

/** `GET /api/v1/incidents` and the live channel's `event: incidents`. */
export const IncidentList = z.object({ incidents: z.array(Incident) });
export type IncidentList = z.infer<typeof IncidentList>;

/** What attaching a call gave: the new case (with the code to read out), or the caller's earlier one with a note. */
export const IncidentAttachment = z.object({
  case: CaseRecord,
  /** Null when the call was added to the caller's existing case. */
  securityCode: z.string().nullable(),
  repeat: z.boolean(),
});
export type IncidentAttachment = z.infer<typeof IncidentAttachment>;

/** What a pop knows of its caller, for matching. */
export interface CallerContext {
  /** The caller's known address's district (their latest case's), free text. */
  district: string | null;
  neighbourhood: string | null;
  /** Subject codes of the caller's open cases, and incidents they are already attached to. */
  openCaseSubjects: readonly string[];
  attachedIncidentIds: readonly string[];
  /** What the operator has picked or typed in the subject box so far. */
  subjectCode: string | null;
}

/** Why an incident is offered for this caller, the strongest first. */
export const MatchReason = z.enum(['attached', 'neighbourhood', 'district', 'open-case', 'subject']);
export type MatchReason = z.infer<typeof MatchReason>;

export const IncidentSuggestion = z.object({ incident: Incident, reason: MatchReason });
export type IncidentSuggestion = z.infer<typeof IncidentSuggestion>;

/**
 * What the desk knows of a caller for matching: where they live (the address on record, else
 * their latest case's), what their open cases are about, which incidents they called about.
 */
export function callerContextOf(cases: readonly CaseRecord[], address: Address | null, subjectCode: string | null = null): CallerContext {
  const located = address?.district ? address : (cases.find((c) => c.address?.district)?.address ?? null);
  return {
    district: located?.district ?? null,
    neighbourhood: located?.neighbourhood ?? null,
    openCaseSubjects: cases.filter((c) => c.sla !== 'done' && c.subjectCode !== null).map((c) => c.subjectCode!),
    attachedIncidentIds: cases.flatMap((c) => (c.incidentId ? [c.incidentId] : [])),
    subjectCode,
  };
}

/** Is the subject code the incident's own or below it (su.kesinti under su)? */
const underSubject = (code: string, incidentSubject: string) => code === incidentSubject || code.startsWith(`${incidentSubject}.`);

/** An incident's places folded once, not on every pop: up to 39 districts and 400 neighbourhoods each. */
const foldedPlaces = new WeakMap<Incident, { districts: ReadonlySet<string>; neighbourhoods: ReadonlySet<string> }>();
function placesOf(incident: Incident) {
  let places = foldedPlaces.get(incident);
  if (!places) {
    places = { districts: new Set(incident.districts.map(districtKey)), neighbourhoods: new Set(incident.neighbourhoods.map(neighbourhoodKey)) };
    foldedPlaces.set(incident, places);
  }
  return places;
}

const RANK: Record<MatchReason, number> = { attached: 0, neighbourhood: 1, district: 2, 'open-case': 3, subject: 4 };

/** Active now: declared, started, not closed. An incident whose expected end passed is still active until closed. */
export function isActive(incident: Incident, now: Date): boolean {
  return incident.status === 'active' && Date.parse(incident.startsAt) <= now.getTime();
}

/**
 * The active incidents this caller may be calling about, most likely first: one they are already
 * attached to, then their neighbourhood, their district, an open case of theirs under the
 * incident's subject, and the subject being typed. At most `limit` (Alt+1..9 pick them).
 */
export function matchIncidents(incidents: readonly Incident[], caller: CallerContext, now: Date, limit = 9): IncidentSuggestion[] {
  const district = caller.district === null ? null : districtKey(caller.district);
  const neighbourhood = caller.neighbourhood === null ? null : neighbourhoodKey(caller.neighbourhood);
  const out: IncidentSuggestion[] = [];
  for (const incident of incidents) {
    if (!isActive(incident, now)) continue;
    const reason = reasonFor(incident, caller, district, neighbourhood);
    if (reason !== null) out.push({ incident, reason });
  }
  out.sort((a, b) => RANK[a.reason] - RANK[b.reason] || Date.parse(b.incident.startsAt) - Date.parse(a.incident.startsAt));
  return out.slice(0, limit);
}

function reasonFor(incident: Incident, caller: CallerContext, district: string | null, neighbourhood: string | null): MatchReason | null {
  if (caller.attachedIncidentIds.includes(incident.id)) return 'attached';
  const places = placesOf(incident);
  const inDistrict = district !== null && places.districts.has(district);
  if (inDistrict && neighbourhood !== null && places.neighbourhoods.has(neighbourhood)) return 'neighbourhood';
  // An incident naming neighbourhoods covers those only; one naming none covers the whole district.
  if (inDistrict && (incident.neighbourhoods.length === 0 || neighbourhood === null)) return 'district';
  // An old open case about water is no reason to offer another district's water cut.
  const elsewhere = district !== null && !inDistrict;
  if (!elsewhere && caller.openCaseSubjects.some((s) => underSubject(s, incident.subjectCode))) return 'open-case';
  if (caller.subjectCode !== null && underSubject(caller.subjectCode, incident.subjectCode)) return 'subject';
  return null;
}
