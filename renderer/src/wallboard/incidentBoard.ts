import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Catalogue } from '../../../core/catalogue.js';
import { subjectPath } from '../../../core/catalogue/lookup.js';
import type { ErrorCode } from '../../../core/contract.js';
import type { Incident, IncidentDeclaration } from '../../../core/incident.js';
import type { Surge } from '../../../core/incidentSurge.js';
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
  /** The action in flight (surgeKey or `close:<id>`), one at a time. */
  busy: string | null;
  problem: { key: string; code: ErrorCode } | null;
}

export type IncidentBoardStore = StoreApi<IncidentBoardState>;

export const initialIncidentBoardState: IncidentBoardState = { loaded: false, incidents: [], surges: [], catalogue: null, busy: null, problem: null };

export const surgeKey = (s: Pick<Surge, 'subjectCode' | 'district'>): string => `surge:${s.subjectCode}:${s.district}`;
export const closeKey = (id: string): string => `close:${id}`;

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

export interface IncidentBoard {
  store: IncidentBoardStore;
  /** Declares an incident from a surge; true when the server took it. */
  declare: (surge: Surge, message: string) => Promise<boolean>;
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

  const run = async (key: string, action: () => Promise<{ ok: true; value: Incident } | { ok: false; error: { code: ErrorCode } }>, after: (incident: Incident) => void): Promise<boolean> => {
    if (store.getState().busy !== null) return false;
    store.setState({ busy: key, problem: null });
    const result = await action();
    if (result.ok) {
      store.setState({ busy: null });
      after(result.value);
      return true;
    }
    store.setState({ busy: null, problem: { key, code: result.error.code } });
    return false;
  };

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
    close: (id, resolution) =>
      run(closeKey(id), () => client.call('incidents.close', { id, resolution }), () => store.setState((s) => ({ incidents: s.incidents.filter((i) => i.id !== id) }))),
    stop: () => offs.forEach((off) => off()),
  };
}
