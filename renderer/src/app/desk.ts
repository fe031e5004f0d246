import { createDeskClient, type DeskClient } from '../api/deskClient.js';
import type { DeskTransport } from '../api/transport.js';
import { callChanged, createCaseFormStore, type CaseFormStore } from '../form/caseFormStore.js';
import { createCallStore } from '../state/callStore.js';
import { createCasesStore } from '../state/casesStore.js';
import { createHostStore } from '../state/hostStore.js';
import { createLinkStore } from '../state/linkStore.js';
import { startSync, type DeskStores } from '../state/sync.js';

export interface Desk extends DeskStores {
  client: DeskClient;
  form: CaseFormStore;
  refresh: () => Promise<void>;
}

/** Everything the screen needs, wired once and outside React so it keeps working without a render. */
export function createDesk(transport: DeskTransport): Desk {
  const client = createDeskClient(transport);
  const stores: DeskStores = {
    host: createHostStore(),
    link: createLinkStore(),
    call: createCallStore(),
    cases: createCasesStore(),
  };
  const form = createCaseFormStore();
  stores.call.subscribe((s, prev) => {
    if (s.screenPop !== prev.screenPop) form.setState((f) => callChanged(f, s.screenPop), true);
  });
  const { refresh } = startSync(client, stores);
  return { ...stores, client, form, refresh };
}
