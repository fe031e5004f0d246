import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallbackItem, CallbackOutcome, CallbackOutcomeResult } from '../../../core/callback.js';
import type { ErrorCode } from '../../../core/contract.js';
import type { DeskClient } from '../shared/api/deskClient.js';
import { DialError, type DialRoute } from '../softphone/index.js';

export type CallbackAction = 'load' | 'claim' | 'dial' | 'save' | 'release';

/** A failure to show: a contract error code, or (for `dial`) whatever code the dialer gave. */
export interface WorklistError {
  action: CallbackAction;
  code: ErrorCode | string;
}

/** What the last action achieved, shown until the next one. */
export type WorklistNotice =
  | { kind: 'conflict'; id: string }
  | { kind: 'dialed'; id: string; route: DialRoute }
  | { kind: 'saved'; id: string; result: CallbackOutcomeResult }
  | { kind: 'released'; id: string };

export interface OutcomeForm {
  outcome: CallbackOutcome | null;
  satisfaction: number | null;
  comment: string;
}

export type OutcomeProblem = 'outcome.required' | 'satisfaction.required';

export interface WorklistState {
  /** In the order the server gave (due first); never re-sorted here. */
  items: CallbackItem[];
  loaded: boolean;
  loading: boolean;
  loadedAt: number | null;
  /** The call-back this desk holds a claim on (the outcome form is for it). */
  activeId: string | null;
  busy: Exclude<CallbackAction, 'load'> | null;
  form: OutcomeForm;
  /** Set when a save was refused before it left the desk. */
  problem: OutcomeProblem | null;
  error: WorklistError | null;
  notice: WorklistNotice | null;
}

export const emptyForm: OutcomeForm = { outcome: null, satisfaction: null, comment: '' };

export const initialWorklistState: WorklistState = {
  items: [],
  loaded: false,
  loading: false,
  loadedAt: null,
  activeId: null,
  busy: null,
  form: emptyForm,
  problem: null,
  error: null,
  notice: null,
};

// ---- pure transitions ----

export const listAsked = (s: WorklistState): WorklistState => ({ ...s, loading: true });

/**
 * A fresh list. The claim this desk holds stays active while the row is still there and not
 * taken by someone else; with none, a row the server says is claimed by `me` becomes active
 * (e.g. after a reload of the window).
 */
export function listLoaded(s: WorklistState, items: CallbackItem[], me: string | null, now: number): WorklistState {
  let activeId = s.activeId;
  if (activeId !== null) {
    const row = items.find((i) => i.id === activeId);
    if (!row || (row.claimedBy !== null && me !== null && row.claimedBy !== me)) activeId = null;
  }
  if (activeId === null && me !== null) activeId = items.find((i) => i.claimedBy === me)?.id ?? null;
  const kept = activeId === s.activeId;
  return {
    ...s,
    items,
    loaded: true,
    loading: false,
    loadedAt: now,
    activeId,
    form: kept ? s.form : emptyForm,
    problem: kept ? s.problem : null,
    error: s.error?.action === 'load' ? null : s.error,
  };
}

export const listFailed = (s: WorklistState, code: ErrorCode): WorklistState => ({ ...s, loading: false, error: { action: 'load', code } });

export const actionStarted = (s: WorklistState, busy: Exclude<CallbackAction, 'load'>): WorklistState => ({
  ...s,
  busy,
  error: null,
  notice: null,
  problem: null,
});

export const actionFailed = (s: WorklistState, action: CallbackAction, code: ErrorCode | string): WorklistState => ({
  ...s,
  busy: null,
  error: { action, code },
});

/** Someone else holds the row: say so; the list reloads. */
export const claimConflict = (s: WorklistState, id: string): WorklistState => ({
  ...s,
  busy: null,
  activeId: s.activeId === id ? null : s.activeId,
  notice: { kind: 'conflict', id },
});

export const claimed = (s: WorklistState, item: CallbackItem): WorklistState => ({
  ...s,
  items: s.items.map((i) => (i.id === item.id ? item : i)),
  activeId: item.id,
  busy: 'dial',
  form: s.activeId === item.id ? s.form : emptyForm,
});

export const dialed = (s: WorklistState, id: string, route: DialRoute): WorklistState => ({
  ...s,
  busy: null,
  notice: { kind: 'dialed', id, route },
});

export const formChanged = (s: WorklistState, patch: Partial<OutcomeForm>): WorklistState => {
  const form = { ...s.form, ...patch };
  return { ...s, form, problem: s.problem && outcomeProblem(form) };
};

export const outcomeSaved = (s: WorklistState, id: string, result: CallbackOutcomeResult): WorklistState => ({
  ...s,
  busy: null,
  activeId: null,
  form: emptyForm,
  problem: null,
  notice: { kind: 'saved', id, result },
});

export const released = (s: WorklistState, id: string): WorklistState => ({
  ...s,
  busy: null,
  activeId: null,
  form: emptyForm,
  problem: null,
  notice: { kind: 'released', id },
});

export const noticeDismissed = (s: WorklistState): WorklistState => ({ ...s, notice: null, error: null });

/** Why the form cannot be saved yet: an outcome is needed, and an informed citizen's satisfaction. */
export function outcomeProblem(form: OutcomeForm): OutcomeProblem | null {
  if (form.outcome === null) return 'outcome.required';
  if (form.outcome === 'informed' && form.satisfaction === null) return 'satisfaction.required';
  return null;
}

/** The `callbacks.outcome` request for a valid form (satisfaction only for an informed citizen). */
export function outcomeRequest(id: string, form: OutcomeForm) {
  const comment = form.comment.trim();
  return {
    id,
    outcome: form.outcome!,
    satisfaction: form.outcome === 'informed' ? form.satisfaction : null,
    comment: comment === '' ? null : comment,
  };
}

export const selectActive = (s: WorklistState): CallbackItem | null => s.items.find((i) => i.id === s.activeId) ?? null;

// ---- the worklist, wired to the host ----

export interface CallbackWorklistOptions {
  /** Places the call (the desk's dialer). */
  dial: (number: string) => Promise<DialRoute>;
  /** This desk's user on the central server, to recognise its own claims. */
  me: () => string | null;
  now?: () => number;
  /** Where the store starts (tests render from it). */
  initial?: WorklistState;
}

export interface CallbackWorklistController {
  store: StoreApi<WorklistState>;
  /** The worklist's clock (epoch ms): what is late is judged by it. */
  now: () => number;
  load: () => Promise<void>;
  /** Claims the row, then dials the citizen; a row this desk already holds is dialled again. */
  dial: (id: string) => Promise<void>;
  setForm: (patch: Partial<OutcomeForm>) => void;
  save: () => Promise<void>;
  release: () => Promise<void>;
  dismiss: () => void;
}

export function createCallbackWorklist(client: DeskClient, options: CallbackWorklistOptions): CallbackWorklistController {
  const store = createStore<WorklistState>()(() => options.initial ?? initialWorklistState);
  const set = (f: (s: WorklistState) => WorklistState) => store.setState(f, true);
  const now = options.now ?? Date.now;
  let seq = 0;

  async function load(): Promise<void> {
    const mine = ++seq;
    set(listAsked);
    const result = await client.call('callbacks.list', {});
    // A later load (or an action's reload) was asked meanwhile: its answer is the newer one.
    if (mine !== seq) return;
    set((s) => (result.ok ? listLoaded(s, result.value.items, options.me(), now()) : listFailed(s, result.error.code)));
  }

  async function dial(id: string): Promise<void> {
    const s = store.getState();
    if (s.busy !== null) return;
    if (s.activeId !== null && s.activeId !== id) return;
    const row = s.items.find((i) => i.id === id);
    if (!row) return;
    set((st) => actionStarted(st, 'claim'));
    let item = row;
    if (s.activeId !== id) {
      const result = await client.call('callbacks.claim', { id });
      if (!result.ok) {
        if (result.error.code === 'conflict') {
          set((st) => claimConflict(st, id));
          await load();
        } else {
          set((st) => actionFailed(st, 'claim', result.error.code));
          if (result.error.code === 'not-found') await load();
        }
        return;
      }
      item = result.value;
    }
    set((st) => claimed(st, item));
    const phone = item.phone ?? row.phone;
    if (!phone) {
      set((st) => actionFailed(st, 'dial', 'no-phone'));
      return;
    }
    try {
      const route = await options.dial(phone);
      set((st) => dialed(st, id, route));
    } catch (err) {
      // The claim stays: the operator can still record "no answer" / "wrong number" or release it.
      set((st) => actionFailed(st, 'dial', err instanceof DialError ? err.code : 'internal'));
    }
  }

  async function save(): Promise<void> {
    const s = store.getState();
    if (s.busy !== null || s.activeId === null) return;
    const problem = outcomeProblem(s.form);
    if (problem) {
      set((st) => ({ ...st, problem }));
      return;
    }
    const id = s.activeId;
    set((st) => actionStarted(st, 'save'));
    const result = await client.call('callbacks.outcome', outcomeRequest(id, s.form));
    if (!result.ok) {
      set((st) => actionFailed(st, 'save', result.error.code));
      return;
    }
    set((st) => outcomeSaved(st, id, result.value));
    await load();
  }

  async function release(): Promise<void> {
    const s = store.getState();
    if (s.busy !== null || s.activeId === null) return;
    const id = s.activeId;
    set((st) => actionStarted(st, 'release'));
    const result = await client.call('callbacks.release', { id });
    // A claim the server no longer knows is as good as released.
    if (!result.ok && result.error.code !== 'not-found') {
      set((st) => actionFailed(st, 'release', result.error.code));
      return;
    }
    set((st) => released(st, id));
    await load();
  }

  return {
    store,
    now,
    load,
    dial,
    setForm: (patch) => set((s) => formChanged(s, patch)),
    save,
    release,
    dismiss: () => set(noticeDismissed),
  };
}

export const CALLBACK_REFRESH_MS = 20_000;

interface RefreshEnv {
  visible: () => boolean;
  onVisibility: (listener: () => void) => () => void;
  setInterval: (f: () => void, ms: number) => () => void;
}

/**
 * While the tab is open: loads now, on every `callbacks.changed`, when the window comes back
 * into view, and every 20 s while it is visible. Returns the function that stops all of it.
 */
export function startWorklistRefresh(client: Pick<DeskClient, 'on'>, worklist: Pick<CallbackWorklistController, 'load'>, env: RefreshEnv): () => void {
  const reload = () => void worklist.load();
  reload();
  const offEvent = client.on('callbacks.changed', reload);
  const offVisibility = env.onVisibility(() => {
    if (env.visible()) reload();
  });
  const stopTimer = env.setInterval(() => {
    if (env.visible()) reload();
  }, CALLBACK_REFRESH_MS);
  return () => {
    offEvent();
    offVisibility();
    stopTimer();
  };
}

/** The browser's visibility and timers, for startWorklistRefresh. */
export function browserRefreshEnv(doc: Document, win: Window): RefreshEnv {
  return {
    visible: () => doc.visibilityState === 'visible',
    onVisibility(listener) {
      doc.addEventListener('visibilitychange', listener);
      win.addEventListener('focus', listener);
      return () => {
        doc.removeEventListener('visibilitychange', listener);
        win.removeEventListener('focus', listener);
      };
    },
    setInterval(f, ms) {
      const timer = win.setInterval(f, ms);
      return () => win.clearInterval(timer);
    },
  };
}
