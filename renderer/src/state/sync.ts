import type { CaseRecord } from '../../../core/case.js';
import type { DeskClient } from '../api/deskClient.js';
import type { CallStore } from './callStore.js';
import { screenPopChanged } from './callStore.js';
import type { CasesStore } from './casesStore.js';
import { caseSaved, listLoaded } from './casesStore.js';
import type { HostStore } from './hostStore.js';
import { connectionChanged, loadFailed, snapshotLoaded } from './hostStore.js';
import type { LinkStore } from './linkStore.js';
import { hostLost, linkChanged } from './linkStore.js';

export interface DeskStores {
  host: HostStore;
  link: LinkStore;
  call: CallStore;
  cases: CasesStore;
}

export const CASES_PAGE = 100;

/**
 * The host pushes, the UI never polls: on every (re)connect load a snapshot and the case list,
 * then follow events. An event that arrives while the snapshot is on its way is at least as new
 * as the snapshot, so the snapshot must not overwrite it.
 */
export function startSync(client: DeskClient, stores: DeskStores): { refresh: () => Promise<void>; stop: () => void } {
  const seen = { link: 0, screenPop: 0 };
  let generation = 0;
  let savedMeanwhile: CaseRecord[] | null = null;

  const offs = [
    client.on('pbx.link', (link) => {
      seen.link++;
      stores.link.setState((s) => linkChanged(s, link), true);
    }),
    client.on('call.screenPop', (pop) => {
      seen.screenPop++;
      stores.call.setState((s) => screenPopChanged(s, pop), true);
    }),
    client.on('cases.saved', (record) => {
      savedMeanwhile?.push(record);
      stores.cases.setState((s) => caseSaved(s, record), true);
    }),
  ];

  async function refresh(): Promise<void> {
    const gen = ++generation;
    const mark = { ...seen };
    const saved: CaseRecord[] = [];
    savedMeanwhile = saved;
    const [snapshot, list] = await Promise.all([
      client.call('desk.snapshot', {}),
      client.call('cases.list', { limit: CASES_PAGE }),
    ]);
    if (gen !== generation) return;
    savedMeanwhile = null;

    if (snapshot.ok) {
      const snap = snapshot.value;
      stores.host.setState((s) => snapshotLoaded(s, snap), true);
      if (seen.link === mark.link) stores.link.setState((s) => linkChanged(s, snap.link), true);
      if (seen.screenPop === mark.screenPop) stores.call.setState((s) => screenPopChanged(s, snap.screenPop), true);
    }
    if (list.ok) stores.cases.setState((s) => listLoaded(s, list.value, saved), true);

    // A dropped connection bumped the generation above; what fails here needs a manual retry.
    const error = !snapshot.ok ? snapshot.error : !list.ok ? list.error : null;
    stores.host.setState((s) => loadFailed(s, error?.code ?? null), true);
  }

  let wasConnected = false;
  const onConnection = (connection: ReturnType<DeskClient['connection']>): void => {
    stores.host.setState((s) => connectionChanged(s, connection), true);
    const isConnected = connection.status === 'connected';
    if (isConnected && !wasConnected) void refresh();
    if (!isConnected && wasConnected) {
      generation++;
      savedMeanwhile = null;
      stores.link.setState(hostLost, true);
    }
    wasConnected = isConnected;
  };
  offs.push(client.onConnection(onConnection));
  onConnection(client.connection());

  return {
    refresh,
    stop: () => offs.forEach((off) => off()),
  };
}
