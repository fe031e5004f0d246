import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorCode, ResponseOf } from '../../../core/contract.js';
import type { DeskClient } from '../shared/api/deskClient.js';
import {
  attachmentProblemFrom,
  bytesToBase64,
  cleanFileName,
  precheckAttachment,
  type AttachmentProblem,
  type PickedFile,
} from './attachmentUpload.js';

export type CaseDetailData = ResponseOf<'cases.get'>;

export interface CaseDetailState {
  openId: number | null;
  data: CaseDetailData | null;
  loading: boolean;
  error: ErrorCode | null;
  /** The T.C. kimlik no is shown in full (team lead only; the host masks it for everyone else). */
  revealed: boolean;
  upload: { busy: boolean; problem: AttachmentProblem | null; fileName: string | null };
}

const idleUpload: CaseDetailState['upload'] = { busy: false, problem: null, fileName: null };

export const initialDetailState: CaseDetailState = {
  openId: null,
  data: null,
  loading: false,
  error: null,
  revealed: false,
  upload: idleUpload,
};

export interface CaseDetailController {
  readonly store: StoreApi<CaseDetailState>;
  open(id: number): Promise<void>;
  close(): void;
  /** Loads the open case again (a note or attachment was added, the case was saved elsewhere). */
  reload(): Promise<void>;
  setRevealed(reveal: boolean): Promise<void>;
  attach(file: PickedFile & { bytes(): Promise<Uint8Array> }): Promise<boolean>;
}

export function createCaseDetail(client: DeskClient): CaseDetailController {
  const store = createStore<CaseDetailState>()(() => initialDetailState);
  let token = 0;

  async function load(id: number, reveal: boolean): Promise<void> {
    const mine = ++token;
    store.setState((s) => ({ ...s, loading: true, error: null }));
    const result = await client.call('cases.get', { id, revealTcKimlikNo: reveal });
    if (mine !== token || store.getState().openId !== id) return;
    if (result.ok) store.setState((s) => ({ ...s, data: result.value, loading: false, revealed: reveal }));
    else store.setState((s) => ({ ...s, loading: false, error: result.error.code }));
  }

  async function reload(): Promise<void> {
    const { openId, revealed } = store.getState();
    if (openId !== null) await load(openId, revealed);
  }

  return {
    store,
    reload,
    async open(id) {
      // Another case, or the same one opened again: never show the full T.C. no by carrying it over.
      store.setState({ ...initialDetailState, openId: id, data: null }, true);
      await load(id, false);
    },
    close() {
      token++;
      store.setState(initialDetailState, true);
    },
    async setRevealed(reveal) {
      const { openId } = store.getState();
      if (openId !== null) await load(openId, reveal);
    },
    async attach(file) {
      const caseId = store.getState().openId;
      if (caseId === null || store.getState().upload.busy) return false;
      const fileName = cleanFileName(file.name);
      const problem = precheckAttachment({ ...file, name: fileName });
      if (problem) {
        store.setState((s) => ({ ...s, upload: { busy: false, problem, fileName } }));
        return false;
      }
      store.setState((s) => ({ ...s, upload: { busy: true, problem: null, fileName } }));
      let dataBase64: string;
      try {
        dataBase64 = bytesToBase64(await file.bytes());
      } catch {
        store.setState((s) => ({ ...s, upload: { busy: false, problem: 'failed', fileName } }));
        return false;
      }
      const result = await client.call('attachments.add', { caseId, fileName, dataBase64 });
      if (store.getState().openId !== caseId) return result.ok;
      if (!result.ok) {
        store.setState((s) => ({ ...s, upload: { busy: false, problem: attachmentProblemFrom(result.error), fileName } }));
        return false;
      }
      store.setState((s) => ({ ...s, upload: { busy: false, problem: null, fileName } }));
      await reload();
      return true;
    },
  };
}

export const selectOpenId = (s: CaseDetailState) => s.openId;
