import type { CaseRecord } from '../../../core/case.js';
import type { Result } from '../../../core/contract.js';
import type { DeskClient } from '../shared/api/deskClient.js';
import { type CallStore, screenPopChanged } from '../callDesk/index.js';
import { type CasesStore, caseSaved, listLoaded } from '../cases/index.js';
import type { HostStore } from '../shared/state/hostStore.js';
import { connectionChanged, loadFailed, snapshotLoaded } from '../shared/state/hostStore.js';
import type { LinkStore } from '../shared/state/linkStore.js';
import { hostLost, linkChanged } from '../shared/state/linkStore.js';

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
export function startSync(
  client: DeskClient,
  stores: DeskStores,
): { refresh: () => Promise<void>; reloadList: () => Promise<void>; stop: () => void } {
  const seen = { link: 0, screenPop: 0 };
  let generation = 0;
  // Cases saved while a list is on its way are newer than it; each load collects its own.
  const collectors = new Set<CaseRecord[]>();
  // Lists can answer out of order: an older one must not replace a newer one.
  let listSeq = 0;
  let appliedListSeq = 0;

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
      for (const saved of collectors) saved.push(record);
      stores.cases.setState((s) => caseSaved(s, record), true);
    }),
    // Other desks and the departments changed cases: the recent list follows.
    client.on('cases.synced', () => void reloadList()),
  ];

  /** Starts a case-list load; `apply` puts it in the store unless it is stale by then. */
  function loadList(): { done: Promise<Result<CaseRecord[]>>; apply: (list: CaseRecord[]) => void } {
    const seq = ++listSeq;
    const saved: CaseRecord[] = [];
    collectors.add(saved);
    const done = client.call('cases.list', { limit: CASES_PAGE }).finally(() => collectors.delete(saved));
    return {
      done,
      apply: (list) => {
        if (seq < appliedListSeq) return;
        appliedListSeq = seq;
        stores.cases.setState((s) => listLoaded(s, list, saved), true);
      },
    };
  }

  async function refresh(): Promise<void> {
    const gen = ++generation;
    const mark = { ...seen };
    const listLoad = loadList();
    const [snapshot, list] = await Promise.all([client.call('desk.snapshot', {}), listLoad.done]);
    if (gen !== generation) return;

    if (snapshot.ok) {
      const snap = snapshot.value;
      stores.host.setState((s) => snapshotLoaded(s, snap), true);
      if (seen.link === mark.link) stores.link.setState((s) => linkChanged(s, snap.link), true);
      if (seen.screenPop === mark.screenPop) stores.call.setState((s) => screenPopChanged(s, snap.screenPop), true);
    }
    if (list.ok) listLoad.apply(list.value);

    // A dropped connection bumped the generation above; what fails here needs a manual retry.
    const error = !snapshot.ok ? snapshot.error : !list.ok ? list.error : null;
    stores.host.setState((s) => loadFailed(s, error?.code ?? null), true);
  }

  // A burst of sync events costs at most one load in flight and one after it.
  let listInFlight: Promise<void> | null = null;
  let listAgain = false;
  function reloadList(): Promise<void> {
    if (listInFlight) {
      listAgain = true;
      return listInFlight;
    }
    const run = async (): Promise<void> => {
      do {
        listAgain = false;
        const gen = generation;
        const listLoad = loadList();
        const list = await listLoad.done;
        if (gen !== generation) return;
        // A failure leaves the list as it was; the next event or reconnect loads it again.
        if (list.ok) listLoad.apply(list.value);
      } while (listAgain);
    };
    listInFlight = run().finally(() => {
      listInFlight = null;
    });
    return listInFlight;
  }

  let wasConnected = false;
  const onConnection = (connection: ReturnType<DeskClient['connection']>): void => {
    stores.host.setState((s) => connectionChanged(s, connection), true);
    const isConnected = connection.status === 'connected';
    if (isConnected && !wasConnected) void refresh();
    if (!isConnected && wasConnected) {
      generation++;
      collectors.clear();
      listAgain = false;
      stores.link.setState(hostLost, true);
    }
    wasConnected = isConnected;
  };
  offs.push(client.onConnection(onConnection));
  onConnection(client.connection());

  return {
    refresh,
    reloadList,
    stop: () => offs.forEach((off) => off()),
  };
}
