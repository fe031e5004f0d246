import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Catalogue } from '../../../core/catalogue.js';
import { subjectPath } from '../../../core/catalogue/lookup.js';
import type { DeskError, ErrorCode } from '../../../core/contract.js';
import type { Incident, IncidentDeclaration } from '../../../core/incident.js';
import type { Surge } from '../../../core/incidentSurge.js';
import { istanbulDay, istanbulInstant } from '../../../core/istanbulTime.js';
import { loadOnEachConnect, type DeskClient } from '../shared/api/deskClient.js';

// The team lead's mass incidents: the active ones with the calls they gather, and the surges
// (many cases of one subject in one district) to declare one from in one step. The host pushes
// both; the board asks once on every (re)connect, like the case figures.

export interface IncidentBoardState {
  /** False until `incidents.list` answered: a board that cannot read them (the TV page) shows nothing. */
  loaded: boolean;
  incidents: readonly Incident[];
  surges: readonly Surge[];
  catalogue: Catalogue | null;
  /** The action in flight (surgeKey, `close:<id>` or NEW_INCIDENT_KEY), one at a time. */
  busy: string | null;
  /** The last refusal, for the row or form it came from; `issues` when the host said which fields. */
  problem: { key: string; code: ErrorCode; issues?: DeskError['issues'] } | null;
}

export type IncidentBoardStore = StoreApi<IncidentBoardState>;

export const initialIncidentBoardState: IncidentBoardState = { loaded: false, incidents: [], surges: [], catalogue: null, busy: null, problem: null };

export const surgeKey = (s: Pick<Surge, 'subjectCode' | 'district'>): string => `surge:${s.subjectCode}:${s.district}`;
export const closeKey = (id: string): string => `close:${id}`;
/** The team lead's own declaration (the "Yeni toplu olay" form). */
export const NEW_INCIDENT_KEY = 'declare:new';

/** The unit an incident of this subject goes to: the subject's default unit, else its nearest parent's, else the catalogue's triage unit. */
export function unitForSubject(catalogue: Catalogue | null, subjectCode: string): string | null {
  if (catalogue === null) return null;
  const path = subjectPath(catalogue, subjectCode);
  for (let i = path.length - 1; i >= 0; i--) {
    const unit = path[i]!.defaultUnit;
    if (unit) return unit;
  }
  return catalogue.triageUnit;
}

/** What operators tell callers until the lead writes better: Turkish, as the citizens hear it. */
export const defaultSurgeMessage = (surge: Pick<Surge, 'subjectName' | 'district'>): string =>
  `${surge.district} ilçesinde ${surge.subjectName} konusundaki sorun biliniyor; ilgili ekipler çalışıyor.`;

/** The declaration a surge makes in one step: its subject and district, its cases attached, starting now. */
export function declarationFromSurge(surge: Surge, unitCode: string, message: string, now: Date): IncidentDeclaration {
  return {
    subjectCode: surge.subjectCode,
    unitCode,
    districts: [surge.district],
    neighbourhoods: [],
    message: message.trim() === '' ? defaultSurgeMessage(surge) : message.trim(),
    startsAt: now.toISOString(),
    expectedEndAt: null,
    announceQueues: [],
    caseNumbers: [...surge.caseNumbers],
  };
}

/** A declaration by hand: what the lead chose; the board adds the start (its clock) and no cases. */
export type IncidentInput = Omit<IncidentDeclaration, 'startsAt' | 'caseNumbers'>;

/**
 * A `datetime-local` value ("2026-12-04T18:30", seconds optional) read as Istanbul civil time,
 * whatever zone the desk's machine is set to; null when it is no such time.
 */
export function istanbulLocalToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const civil = new Date(Date.UTC(year, month - 1, day));
  if (civil.getUTCMonth() !== month - 1) return null; // 31 February
  return new Date(istanbulInstant(istanbulDay(year, month, day), hour * 60 + minute).getTime() + second * 1000).toISOString();
}

/** The form's fields, as the panel names them for its errors. */
export type IncidentField = 'subject' | 'unit' | 'districts' | 'neighbourhoods' | 'message' | 'expectedEnd' | 'queues';
/** Why a field is refused: the key under `incidents.form.errors`. */
export type IncidentFieldError = 'required' | 'districts' | 'tooLong' | 'time' | 'endBeforeStart' | 'queue' | 'invalid';

export interface IncidentDraft {
  subjectCode: string;
  unitCode: string;
  districts: readonly string[];
  neighbourhoods: readonly string[];
  message: string;
  /** A `datetime-local` value in Istanbul time, or ''. */
  expectedEnd: string;
  /** Comma-separated queue names, or ''. */
  announceQueues: string;
}

export const MESSAGE_MAX = 1000;
const QUEUE_NAME = /^[A-Za-z0-9_.-]+$/;

/** Checks the form before anything is sent: the input to declare, or the fields to fix. */
export function incidentInputFromDraft(draft: IncidentDraft): { ok: true; input: IncidentInput } | { ok: false; errors: Partial<Record<IncidentField, IncidentFieldError>> } {
  const errors: Partial<Record<IncidentField, IncidentFieldError>> = {};
  if (draft.subjectCode === '') errors.subject = 'required';
  if (draft.unitCode === '') errors.unit = 'required';
  if (draft.districts.length === 0) errors.districts = 'districts';
  const message = draft.message.trim();
  if (message === '') errors.message = 'required';
  else if (message.length > MESSAGE_MAX) errors.message = 'tooLong';
  let expectedEndAt: string | null = null;
  if (draft.expectedEnd.trim() !== '') {
    expectedEndAt = istanbulLocalToIso(draft.expectedEnd);
    if (expectedEndAt === null) errors.expectedEnd = 'time';
  }
  const queues = draft.announceQueues
    .split(',')
    .map((q) => q.trim())
    .filter((q) => q !== '');
  if (queues.some((q) => !QUEUE_NAME.test(q) || q.length > 80)) errors.queues = 'queue';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      subjectCode: draft.subjectCode,
      unitCode: draft.unitCode,
      districts: [...new Set(draft.districts)],
      neighbourhoods: [...new Set(draft.neighbourhoods)],
      message,
      expectedEndAt,
      announceQueues: [...new Set(queues)],
    },
  };
}

/** The form field a host's invalid-request issue names (`districts.0` → districts); null: the form as a whole. */
export function fieldOfIssuePath(path: string): IncidentField | null {
  const head = path.split('.')[0];
  switch (head) {
    case 'subjectCode':
      return 'subject';
    case 'unitCode':
      return 'unit';
    case 'districts':
      return 'districts';
    case 'neighbourhoods':
      return 'neighbourhoods';
    case 'message':
      return 'message';
    case 'expectedEndAt':
    case 'startsAt':
      return 'expectedEnd';
    case 'announceQueues':
      return 'queues';
    default:
      return null;
  }
}

/** The host's issues as field errors (the first per field): an end before the start by name, any other as invalid. */
export function fieldErrorsOfIssues(issues: DeskError['issues']): Partial<Record<IncidentField, IncidentFieldError>> {
  const errors: Partial<Record<IncidentField, IncidentFieldError>> = {};
  for (const issue of issues ?? []) {
    const field = fieldOfIssuePath(issue.path);
    if (field === null || errors[field]) continue;
    errors[field] =
      issue.message === 'expectedEnd.beforeStart'
        ? 'endBeforeStart'
        : issue.message === 'text.tooLong'
          ? 'tooLong'
          : issue.message === 'queue.invalid'
            ? 'queue'
            : issue.message === 'text.required' || issue.message === 'message.empty'
              ? 'required'
              : 'invalid';
  }
  return errors;
}

export interface IncidentBoard {
  store: IncidentBoardStore;
  /** Declares an incident from a surge; true when the server took it. */
  declare: (surge: Surge, message: string) => Promise<boolean>;
  /** Declares one by hand (the "Yeni toplu olay" form), starting now with no cases; true when the server took it. */
  declareIncident: (input: IncidentInput) => Promise<boolean>;
  /** Closes one with its resolution; true when the server took it. */
  close: (id: string, resolution: string) => Promise<boolean>;
  stop: () => void;
}

export function startIncidentBoard(client: DeskClient, clock: () => number = Date.now, store: IncidentBoardStore = createStore<IncidentBoardState>(() => initialIncidentBoardState)): IncidentBoard {
  const load = async () => {
    const [list, surges, catalogue] = await Promise.all([client.call('incidents.list', {}), client.call('incidents.surges', {}), client.call('catalogue.get', {})]);
    store.setState((s) => ({
      loaded: s.loaded || list.ok,
      incidents: list.ok ? list.value.incidents : s.incidents,
      surges: surges.ok ? surges.value.surges : s.surges,
      catalogue: catalogue.ok ? catalogue.value : s.catalogue,
    }));
  };
  const offs = [
    client.on('incidents.changed', (list) => store.setState({ incidents: list.incidents, loaded: true })),
    client.on('incidents.surges', (list) => store.setState({ surges: list.surges })),
    loadOnEachConnect(client, () => void load()),
  ];

  const run = async (key: string, action: () => Promise<{ ok: true; value: Incident } | { ok: false; error: Pick<DeskError, 'code' | 'issues'> }>, after: (incident: Incident) => void): Promise<boolean> => {
    if (store.getState().busy !== null) return false;
    store.setState({ busy: key, problem: null });
    const result = await action();
    if (result.ok) {
      store.setState({ busy: null });
      after(result.value);
      return true;
    }
    const { code, issues } = result.error;
    store.setState({ busy: null, problem: issues && issues.length > 0 ? { key, code, issues } : { key, code } });
    return false;
  };
  // The pushes follow; until then the board shows what it did.
  const show = (incident: Incident) => store.setState((s) => ({ incidents: [...s.incidents.filter((i) => i.id !== incident.id), incident] }));

  return {
    store,
    declare: (surge, message) => {
      const unitCode = unitForSubject(store.getState().catalogue, surge.subjectCode);
      if (unitCode === null) {
        store.setState({ problem: { key: surgeKey(surge), code: 'invalid-request' } });
        return Promise.resolve(false);
      }
      return run(
        surgeKey(surge),
        () => client.call('incidents.declare', declarationFromSurge(surge, unitCode, message, new Date(clock()))),
        (incident) =>
          // The pushes follow; until then the board shows what it did.
          store.setState((s) => ({
            incidents: [...s.incidents.filter((i) => i.id !== incident.id), incident],
            surges: s.surges.filter((x) => surgeKey(x) !== surgeKey(surge)),
          })),
      );
    },
    declareIncident: (input) => {
      const startsAt = new Date(clock()).toISOString();
      if (input.expectedEndAt != null && Date.parse(input.expectedEndAt) <= Date.parse(startsAt)) {
        // What the server would say, without the round trip.
        store.setState({ problem: { key: NEW_INCIDENT_KEY, code: 'invalid-request', issues: [{ path: 'expectedEndAt', message: 'expectedEnd.beforeStart' }] } });
        return Promise.resolve(false);
      }
      return run(NEW_INCIDENT_KEY, () => client.call('incidents.declare', { ...input, startsAt, caseNumbers: [] }), show);
    },
    close: (id, resolution) =>
      run(closeKey(id), () => client.call('incidents.close', { id, resolution }), () => store.setState((s) => ({ incidents: s.incidents.filter((i) => i.id !== id) }))),
    stop: () => offs.forEach((off) => off()),
  };
}
