import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeskClient } from '../shared/api/deskClient.js';
import { isPristine } from './caseDraft.js';
import type { CaseFormState, CaseFormStore } from './caseFormStore.js';
import { serializeDraft } from './draftStorage.js';

export type DraftSaveState =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'saved'; savedAt: string }
  | { status: 'failed' };

export const DRAFT_SAVE_DELAY_MS = 400;

export interface DraftAutosave {
  readonly state: StoreApi<DraftSaveState>;
  /** Saves a pending change now (window closing). */
  flush(): void;
  stop(): void;
}

/**
 * Keeps the form's draft on the host while the operator types: a crash or a closed window loses
 * nothing. Host calls run one after another, and a save that comes due after its form was saved
 * as a case (or while that save is in flight) is dropped, so a deleted draft never comes back.
 */
export function startDraftAutosave(store: CaseFormStore, client: DeskClient, delayMs = DRAFT_SAVE_DELAY_MS): DraftAutosave {
  const state = createStore<DraftSaveState>()(() => ({ status: 'idle' }));
  /** Drafts the host holds for us, with the content it holds. */
  const onHost = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let queue: Promise<void> = Promise.resolve();

  const enqueue = (job: () => Promise<void>): void => {
    queue = queue.then(job, job);
  };

  const cancel = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  function discard(draftId: string): void {
    if (!onHost.has(draftId)) return;
    onHost.delete(draftId);
    enqueue(async () => {
      // A failed discard leaves a stale draft that the restore rule offers back; the operator can discard it then.
      await client.call('drafts.discard', { draftId });
    });
  }

  function saveNow(): void {
    timer = null;
    const { draftId } = store.getState();
    enqueue(async () => {
      const s = store.getState();
      if (s.saving || s.draftId !== draftId || isPristine(s.draft)) return;
      const content = serializeDraft(s.draft);
      if (onHost.get(draftId) === content) {
        state.setState({ status: 'saved', savedAt: new Date().toISOString() }, true);
        return;
      }
      const result = await client.call('drafts.save', { draftId, content, linkedid: s.draft.linkedid });
      if (result.ok) {
        onHost.set(draftId, content);
        state.setState({ status: 'saved', savedAt: result.value.savedAt }, true);
      } else {
        state.setState({ status: 'failed' }, true);
      }
    });
  }

  function changed(s: CaseFormState, prev: CaseFormState): void {
    if (s.draftId !== prev.draftId) {
      cancel();
      const consumed = s.done?.kind === 'created' && s.done.draftId === prev.draftId;
      if (consumed) onHost.delete(prev.draftId);
      else discard(prev.draftId);
      // A restored draft is already on the host with exactly this content.
      if (s.restored !== null) onHost.set(s.draftId, serializeDraft(s.draft));
      state.setState({ status: 'idle' }, true);
    }
    if (s.saving) {
      cancel();
      return;
    }
    if (s.draft === prev.draft && s.draftId === prev.draftId && !prev.saving) return;
    if (isPristine(s.draft)) {
      cancel();
      discard(s.draftId);
      return;
    }
    cancel();
    state.setState({ status: 'pending' }, true);
    timer = setTimeout(saveNow, delayMs);
  }

  const off = store.subscribe(changed);
  return {
    state,
    flush() {
      if (timer !== null) {
        clearTimeout(timer);
        saveNow();
      }
    },
    stop() {
      cancel();
      off();
    },
  };
}
