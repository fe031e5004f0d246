import { createStore } from 'zustand/vanilla';
import type { ScreenPop } from '../../../core/call.js';
import type { DeskError, ErrorCode } from '../../../core/contract.js';
import { callerContextOf, isActive, matchIncidents, type Incident, type IncidentAttachment, type IncidentSuggestion } from '../../../core/incident.js';
import { loadOnEachConnect, type DeskClient } from '../shared/api/deskClient.js';

/*
 * Mass incidents at the top of the pop: the host's suggestions for the caller, and those the
 * subject the operator picks points to. Alt+1..9 attaches the call to suggestion 1..9 in one key.
 */

/** Alt+1..Alt+9: as many as a key can pick. */
export const MAX_SUGGESTIONS = 9;

/** The desk's active incidents (`incidents.list`, then the `incidents.changed` pushes). */
export interface IncidentListState {
  incidents: readonly Incident[];
  /** False until the host answered once: the pop's own suggestions are taken as they came. */
  loaded: boolean;
}

export type IncidentListStore = ReturnType<typeof createIncidentListStore>;
export const createIncidentListStore = (initial: IncidentListState = { incidents: [], loaded: false }) =>
  createStore<IncidentListState>()(() => initial);

/** Asks the list on every (re)connect and follows the pushes. */
export function startIncidentListSync(client: DeskClient, store: IncidentListStore = createIncidentListStore()): { store: IncidentListStore; stop: () => void } {
  const load = async () => {
    const result = await client.call('incidents.list', {});
    if (result.ok) store.setState({ incidents: result.value.incidents, loaded: true });
  };
  const offs = [
    client.on('incidents.changed', (list) => store.setState({ incidents: list.incidents, loaded: true })),
    loadOnEachConnect(client, () => void load()),
  ];
  return { store, stop: () => offs.forEach((off) => off()) };
}

/**
 * What the box offers: the pop's own suggestions first (the host matched the caller's address,
 * open cases and earlier attachments), then the active incidents the picked subject falls under;
 * each incident once, at most nine. Once the list is known, a pop's suggestion shows the list's
 * fresher copy (calls attached so far), and one closed since the pop is dropped.
 */
export function mergeSuggestions(
  pop: Pick<ScreenPop, 'incidents' | 'previousCases'>,
  list: IncidentListState,
  subjectCode: string | null,
  now: Date,
): IncidentSuggestion[] {
  const byId = new Map(list.incidents.map((i) => [i.id, i]));
  const out: IncidentSuggestion[] = [];
  const seen = new Set<string>();
  for (const s of pop.incidents) {
    if (seen.has(s.incident.id)) continue;
    const fresh = byId.get(s.incident.id);
    if (list.loaded && (fresh === undefined || !isActive(fresh, now))) continue;
    seen.add(s.incident.id);
    out.push(fresh === undefined ? s : { ...s, incident: fresh });
  }
  if (subjectCode !== null && subjectCode !== '') {
    for (const s of matchIncidents(list.incidents, callerContextOf(pop.previousCases, null, subjectCode), now, MAX_SUGGESTIONS)) {
      if (seen.has(s.incident.id)) continue;
      seen.add(s.incident.id);
      out.push(s);
    }
  }
  return out.slice(0, MAX_SUGGESTIONS);
}

/** The keys as the browser reports them: only `code` is the same on every layout (Turkish Q and F alike). */
export interface KeyLike {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey?: boolean;
  repeat?: boolean;
}

/**
 * Alt+1..Alt+9 (not AltGr, which is Ctrl+Alt to the browser, nor with Shift or Meta): suggestion
 * 0..8, else null. A held key attaches once.
 */
export function altDigitIndex(event: KeyLike): number | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey === true || event.repeat === true) return null;
  const match = /^Digit([1-9])$/.exec(event.code);
  return match ? Number(match[1]) - 1 : null;
}

/** The key shown beside suggestion `index` (0-based). */
export const attachKeyLabel = (index: number): string => `Alt+${index + 1}`;

/** What the box says after an attach, or why one failed (a key under `incident.error`). */
export type AttachProblem = ErrorCode | 'noCall';

export function attachProblemOf(error: DeskError): AttachProblem {
  if (error.code === 'invalid-request' && error.issues?.some((i) => i.message === 'incident.noCall')) return 'noCall';
  return error.code;
}

export interface AttachState {
  busy: boolean;
  /** Incident ids attached during this pop, with what the host answered for the last of each. */
  attached: Readonly<Record<string, IncidentAttachment>>;
  last: { incidentId: string; attachment: IncidentAttachment } | null;
  problem: AttachProblem | null;
}

export const initialAttachState: AttachState = { busy: false, attached: {}, last: null, problem: null };

export function attachStarted(s: AttachState): AttachState {
  return { ...s, busy: true, problem: null };
}

export function attachDone(s: AttachState, incidentId: string, attachment: IncidentAttachment): AttachState {
  return { busy: false, attached: { ...s.attached, [incidentId]: attachment }, last: { incidentId, attachment }, problem: null };
}

export function attachFailed(s: AttachState, problem: AttachProblem): AttachState {
  return { ...s, busy: false, problem };
}
