import type { DeskClient } from '../shared/api/deskClient.js';
import { isPristine } from './caseDraft.js';
import { draftRestored, type CaseFormStore } from './caseFormStore.js';
import { parseDraft, draftToRestore } from './draftStorage.js';

export type RestoreOutcome = 'restored' | 'none' | 'kept-current' | 'failed';

/**
 * At start: the newest draft the host kept comes back into the form, unless the operator has
 * already begun another one. A draft this renderer can no longer read is dropped.
 */
export async function restoreLatestDraft(store: CaseFormStore, client: DeskClient): Promise<RestoreOutcome> {
  const latest = await client.call('drafts.latest', {});
  if (!latest.ok) return 'failed';
  const record = latest.value;
  if (record === null) return 'none';
  const current = store.getState();
  const draft = draftToRestore(record, current.draft);
  if (draft !== null && !current.saving) {
    store.setState((s) => draftRestored(s, draft, record.draftId, record.savedAt), true);
    return 'restored';
  }
  const readable = parseDraft(record.content);
  if (readable === null || isPristine(readable)) {
    await client.call('drafts.discard', { draftId: record.draftId });
    return 'none';
  }
  return 'kept-current';
}
