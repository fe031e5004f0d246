import type { CaseRecord } from '../../../core/case.js';
import { callChanged, createCallStore, createCaseFormStore, restoreLatestDraft, startDraftAutosave, startIncidentListSync, type CallDeskPart } from '../callDesk/index.js';
import { createCallbackWorklist, type CallbacksPart } from '../callbacks/index.js';
import { caseSaved, createCaseDetail, createCaseSearch, createCasesStore, type CasesPart } from '../cases/index.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import type { DeskTransport } from '../shared/api/transport.js';
import { catalogueFailed, catalogueLoaded, createCatalogueStore, subjectOf } from '../shared/catalogue/catalogueStore.js';
import { triageUnit } from '../shared/catalogue/subjectOptions.js';
import { createHostStore } from '../shared/state/hostStore.js';
import { createLinkStore } from '../shared/state/linkStore.js';
import { createSyncStore, selectAccount, startSyncSession } from '../shared/state/syncStore.js';
import { createDialer, startSoftphone, type SoftphonePart } from '../softphone/index.js';
import { linkSoftphoneDevices, pagePresenceEnv, startPresence, type PresenceEnv, type PresencePart } from '../presence/index.js';
import { DEFAULT_LANGUAGE } from '../shared/i18n/resources.js';
import { startSync, type DeskStores } from './sync.js';

/**
 * The wired desk: every feature's part (what it declared it needs), so the compiler checks that
 * the shell provides all of them; features read it through shared/desk/deskContext.tsx.
 */
export interface Desk extends DeskStores, CallDeskPart, CasesPart, CallbacksPart, SoftphonePart, PresencePart {
  /** The call desk only opens cases; the cases feature drives the whole detail. */
  detail: CasesPart['detail'];
  refresh: () => Promise<void>;
}

/**
 * Everything the screen needs, wired once and outside React so it keeps working without a render.
 * `page`: the browser's notifications, title, audio and focus (none where there is no page).
 */
export function createDesk(transport: DeskTransport, page: PresenceEnv = pagePresenceEnv(DEFAULT_LANGUAGE)): Desk {
  const client = createDeskClient(transport);
  const stores: DeskStores = {
    host: createHostStore(),
    link: createLinkStore(),
    call: createCallStore(),
    cases: createCasesStore(),
  };
  const form = createCaseFormStore();
  const catalogue = createCatalogueStore();
  const search = createCaseSearch(client);
  const detail = createCaseDetail(client);
  const drafts = startDraftAutosave(form, client);
  // The active mass incidents, asked on every connect and followed: the pop offers them.
  const incidents = startIncidentListSync(client).store;
  const dialer = createDialer(client);
  // Settings, the ring and a ringing call's notification; before the softphone, which rings through it.
  const presence = startPresence(client, page);
  // Asks `softphone.settings` once connected; registers when enabled and offers itself to the dialer.
  const softphone = linkSoftphoneDevices(presence, startSoftphone(client, dialer, {
    // JsSIP is most of the bundle: loaded only once the host says a SIP server is configured.
    createPhone: async (deps) => (await import('../../../telephony/softphone/jssipPhone.js')).createSoftphone(deps), onScreenPop: (screenPop) => stores.call.setState({ screenPop }), ringtone: presence.softphoneRing }));

  stores.call.subscribe((s, prev) => {
    if (s.screenPop !== prev.screenPop) form.setState((f) => callChanged(f, s.screenPop), true);
  });

  const caseWritten = (record: CaseRecord): void => {
    stores.cases.setState((s) => caseSaved(s, record), true);
    search.invalidate();
    if (detail.store.getState().openId === record.id) void detail.reload();
  };
  // The host pushes every case this desk writes (also notes and attachments): the list follows.
  client.on('cases.saved', (record) => {
    search.invalidate();
    if (detail.store.getState().openId === record.id) void detail.reload();
  });

  // Other desks and the departments changed cases: search results and an open detail reload
  // (the recent list reloads in startSync).
  client.on('cases.synced', ({ caseIds }) => {
    search.invalidate();
    const openId = detail.store.getState().openId;
    if (openId !== null && caseIds.includes(openId)) void detail.reload();
  });

  // Once per session: the catalogue and the draft a crash left behind. A failure retries on the next connect.
  let catalogueDone = false;
  let draftChecked = false;
  async function sessionStart(): Promise<void> {
    const tasks: Promise<void>[] = [];
    if (!catalogueDone) {
      tasks.push(
        client.call('catalogue.get', {}).then((r) => {
          if (r.ok) {
            catalogueDone = true;
            catalogue.setState((s) => catalogueLoaded(s, r.value), true);
          } else {
            catalogue.setState((s) => catalogueFailed(s, r.error.code), true);
          }
        }),
      );
    }
    if (!draftChecked) {
      tasks.push(
        restoreLatestDraft(form, client).then((outcome) => {
          draftChecked = outcome !== 'failed';
        }),
      );
    }
    await Promise.all(tasks);
  }

  const { refresh } = startSync(client, stores);
  // Asks `sync.status` on every connect, then follows the pushed `sync.status` events.
  const sync = createSyncStore();
  const syncSession = startSyncSession(client, sync);
  const onConnection = (): void => {
    if (client.connection().status !== 'connected') return;
    void sessionStart();
    search.invalidate();
  };
  client.onConnection(onConnection);
  onConnection();

  return {
    ...stores,
    client,
    form,
    catalogue,
    search,
    detail,
    drafts,
    dialer,
    softphone,
    presence,
    callbacks: createCallbackWorklist(client, { dial: (n) => dialer.dial(n), me: () => selectAccount(sync.getState())?.username ?? null }),
    sync,
    syncSession,
    refresh,
    caseWritten,
    incidents,
    catalogueContext: (subjectCode) => {
      const c = catalogue.getState();
      return { subject: subjectOf(c, subjectCode), triageUnitCode: triageUnit(c.catalogue)?.code ?? null };
    },
  };
}
