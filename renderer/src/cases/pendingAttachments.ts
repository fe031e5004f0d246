import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeskClient } from '../shared/api/deskClient.js';
import {
  attachmentProblemFrom,
  bytesToBase64,
  cleanFileName,
  precheckAttachment,
  type AttachmentProblem,
  type PickedFile,
} from './attachmentUpload.js';

/**
 * Attachments chosen in the case form before the case exists. They wait here (name, size, the
 * way to read their bytes) and go to the case through the host's attachment path
 * (attachments.add: type checked by content, size, the data folder) once cases.create or the
 * repeat call's note has answered with the case. Nothing is read before then: an unsaved form
 * holds no copy of a citizen's photo.
 */
export interface PendingFile extends PickedFile {
  key: number;
  bytes(): Promise<Uint8Array>;
}

/** More than this many files on one case is a mistake, not a need; the host would take them one by one. */
export const MAX_PENDING = 10;

export type PickProblem = AttachmentProblem | 'tooMany';

export interface PendingAttachmentsState {
  files: readonly PendingFile[];
  /** The last file refused when chosen, and why. */
  refused: { name: string; problem: PickProblem } | null;
  /** Files on their way to a case just saved. */
  sending: { applicationNo: string; count: number } | null;
  /** What the last save did with its files (until the next save, choice or clearing). */
  sent: { applicationNo: string; added: readonly string[]; failed: readonly { name: string; problem: AttachmentProblem }[] } | null;
}

export const initialPending: PendingAttachmentsState = { files: [], refused: null, sending: null, sent: null };

export const createPendingAttachments = (initial: PendingAttachmentsState = initialPending) =>
  createStore<PendingAttachmentsState>()(() => initial);
export type PendingAttachmentsStore = StoreApi<PendingAttachmentsState>;

/** Adds a chosen file, or says why not with the same checks (and messages) as the case detail's. */
export function filePicked(s: PendingAttachmentsState, file: Omit<PendingFile, 'key'>, key: number): PendingAttachmentsState {
  const name = cleanFileName(file.name);
  // The same file chosen twice is kept once.
  if (s.files.some((f) => f.name === name && f.size === file.size)) return { ...s, refused: null, sent: null };
  const problem: PickProblem | null = s.files.length >= MAX_PENDING ? 'tooMany' : precheckAttachment({ ...file, name });
  if (problem !== null) return { ...s, refused: { name: name || file.name, problem }, sent: null };
  return { ...s, files: [...s.files, { ...file, name, key }], refused: null, sent: null };
}

export const fileRemoved = (s: PendingAttachmentsState, key: number): PendingAttachmentsState => ({
  ...s,
  files: s.files.filter((f) => f.key !== key),
  refused: null,
});

/** The form was cleared (or replaced by a restored draft): its files go with it. */
export const pendingDropped = (s: PendingAttachmentsState): PendingAttachmentsState =>
  s.files.length === 0 && s.refused === null && s.sent === null ? s : { ...s, files: [], refused: null, sent: null };

/**
 * Sends every waiting file to the saved case, one at a time (each is up to 8 MB of base64), and
 * reports which were added. A file the host refuses (not really a PDF, say) does not undo the
 * case: the operator is told, and can add it again from the case detail.
 */
export async function sendPending(store: PendingAttachmentsStore, client: DeskClient, target: { caseId: number; applicationNo: string }): Promise<void> {
  const files = store.getState().files;
  if (files.length === 0) return;
  store.setState({ files: [], refused: null, sending: { applicationNo: target.applicationNo, count: files.length }, sent: null });
  const added: string[] = [];
  const failed: { name: string; problem: AttachmentProblem }[] = [];
  for (const file of files) {
    let dataBase64: string;
    try {
      dataBase64 = bytesToBase64(await file.bytes());
    } catch {
      failed.push({ name: file.name, problem: 'failed' });
      continue;
    }
    const result = await client.call('attachments.add', { caseId: target.caseId, fileName: file.name, dataBase64 });
    if (result.ok) added.push(result.value.fileName);
    else failed.push({ name: file.name, problem: attachmentProblemFrom(result.error) });
  }
  store.setState({ sending: null, sent: { applicationNo: target.applicationNo, added, failed } });
}

/** What the pending files need to know of the case form: the case it saved, and when it started over. */
export interface SavedForm {
  done: { caseId: number; applicationNo: string } | null;
  draftId: string;
  /** Compared by identity only: "Geri al" after "Temizle" brings back the very draft that was cleared. */
  draft: unknown;
}
export interface FormSaves {
  getState(): SavedForm;
  subscribe(listener: (state: SavedForm, previous: SavedForm) => void): () => void;
}

/**
 * Follows the case form: a save (a new case, or a note on the repeat caller's case) sends the
 * waiting files to that case, and the number and code giving way (the next case begun) take the
 * "added" line with them. A form started over without a save ("Temizle") drops its files, so one
 * citizen's photo never waits on the next one's case; undoing the clear brings them back.
 */
export function followFormSaves(form: FormSaves, store: PendingAttachmentsStore, client: DeskClient): () => void {
  let cleared: { draft: unknown; files: readonly PendingFile[] } | null = null;
  return form.subscribe((state, previous) => {
    if (state.done !== null && state.done !== previous.done) {
      cleared = null;
      void sendPending(store, client, state.done);
    } else if (state.draftId !== previous.draftId) {
      const now = store.getState();
      if (cleared !== null && state.draft === cleared.draft && now.files.length === 0) {
        store.setState({ ...now, files: cleared.files, refused: null });
        cleared = null;
      } else {
        cleared = now.files.length > 0 ? { draft: previous.draft, files: now.files } : null;
        store.setState(pendingDropped(now), true);
      }
    } else if (state.done === null && previous.done !== null) {
      const { sent } = store.getState();
      if (sent !== null && sent.failed.length === 0) store.setState({ sent: null });
    }
  });
}
