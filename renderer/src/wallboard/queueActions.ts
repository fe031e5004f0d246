import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeskError, ErrorCode, MethodName, RequestOf, Result } from '../../../core/contract.js';
import type { SpyMode } from '../../../core/queue.js';
import type { DeskClient } from '../shared/api/deskClient.js';

export type ActionKind = 'pause' | 'unpause' | 'login' | 'logout' | 'spy-listen' | 'spy-whisper' | 'spy-barge' | 'hangup';

/** Who an action is about: the desk's own agent ('self') or another agent's interface (team lead). */
export type ActionTarget = { kind: 'self' } | { kind: 'agent'; agentInterface: string };

/** Where a failure is shown: the team lead's wallboard, the operator's panel, or the hang-up button. */
export type ActionScope = 'supervisor' | 'self' | 'call';

export interface ActionFailure {
  scope: ActionScope;
  kind: ActionKind;
  /** The agent's interface for a team lead's action, null for the desk's own agent. */
  agentInterface: string | null;
  queue: string | null;
  code: ErrorCode;
  /** The host's text: technical, shown on hover only. */
  message: string;
}

export interface ActionsState {
  /** Targets with a request in flight ('self', 'call' or an interface) and what it is. */
  pending: Readonly<Record<string, ActionKind>>;
  failure: ActionFailure | null;
}

export const initialActionsState: ActionsState = { pending: {}, failure: null };

export const pendingKey = (target: ActionTarget): string => (target.kind === 'self' ? 'self' : `agent:${target.agentInterface}`);
export const CALL_KEY = 'call';

export function actionStarted(s: ActionsState, key: string, kind: ActionKind, scope: ActionScope): ActionsState {
  // A new attempt in the same place replaces that place's old error.
  const failure = s.failure?.scope === scope ? null : s.failure;
  return { pending: { ...s.pending, [key]: kind }, failure };
}

export function actionFinished(s: ActionsState, key: string, failure: ActionFailure | null): ActionsState {
  const { [key]: _done, ...pending } = s.pending;
  return { pending, failure: failure ?? s.failure };
}

export const failureDismissed = (s: ActionsState): ActionsState => (s.failure ? { ...s, failure: null } : s);

export const selectPending = (key: string) => (s: ActionsState) => s.pending[key] ?? null;
export const selectFailure = (scope: ActionScope) => (s: ActionsState) => (s.failure?.scope === scope ? s.failure : null);

export type ActionsStore = StoreApi<ActionsState>;
export const createActionsStore = (initial: ActionsState = initialActionsState): ActionsStore => createStore<ActionsState>()(() => initial);

export interface QueueActions {
  store: ActionsStore;
  /** This operator: pause with a reason (queue null: every queue) or unpause. */
  pauseSelf: (paused: boolean, reason: string | null, queue?: string | null) => Promise<boolean>;
  setSelfMembership: (queue: string, member: boolean) => Promise<boolean>;
  /** Hang up this operator's current call. */
  hangup: (linkedid: string) => Promise<boolean>;
  /** Team lead: pause / unpause another agent. */
  pauseAgent: (agentInterface: string, paused: boolean, reason: string | null, queue?: string | null) => Promise<boolean>;
  setAgentMembership: (agentInterface: string, queue: string, member: boolean) => Promise<boolean>;
  spy: (agentInterface: string, mode: SpyMode) => Promise<boolean>;
  dismissFailure: () => void;
}

/**
 * The commands of the operator's panel and the team lead's wallboard. No optimistic update: the
 * host pushes `queue.delta` once the PBX has done it, and the figures follow from that. One
 * request per target at a time; a click while one is in flight is ignored.
 */
export function createQueueActions(client: DeskClient, store: ActionsStore = createActionsStore()): QueueActions {
  async function run<M extends MethodName>(
    key: string,
    meta: { scope: ActionScope; kind: ActionKind; agentInterface: string | null; queue: string | null },
    method: M,
    params: RequestOf<M>,
  ): Promise<boolean> {
    if (store.getState().pending[key]) return false;
    store.setState((s) => actionStarted(s, key, meta.kind, meta.scope), true);
    let result: Result<unknown>;
    try {
      result = await client.call(method, params);
    } catch {
      result = { ok: false, error: { code: 'unavailable', message: 'The host did not answer' } satisfies DeskError };
    }
    const failure: ActionFailure | null = result.ok ? null : { ...meta, code: result.error.code, message: result.error.message };
    store.setState((s) => actionFinished(s, key, failure), true);
    return result.ok;
  }

  const self = pendingKey({ kind: 'self' });
  const agent = (agentInterface: string) => pendingKey({ kind: 'agent', agentInterface });

  return {
    store,
    pauseSelf: (paused, reason, queue = null) =>
      run(self, { scope: 'self', kind: paused ? 'pause' : 'unpause', agentInterface: null, queue }, 'agent.pause', {
        paused,
        reason: paused ? reason : null,
        queue,
      }),
    setSelfMembership: (queue, member) =>
      run(self, { scope: 'self', kind: member ? 'login' : 'logout', agentInterface: null, queue }, 'agent.queueMembership', { queue, member }),
    hangup: (linkedid) => run(CALL_KEY, { scope: 'call', kind: 'hangup', agentInterface: null, queue: null }, 'agent.hangup', { linkedid }),
    pauseAgent: (agentInterface, paused, reason, queue = null) =>
      run(agent(agentInterface), { scope: 'supervisor', kind: paused ? 'pause' : 'unpause', agentInterface, queue }, 'supervisor.pause', {
        interface: agentInterface,
        paused,
        reason: paused ? reason : null,
        queue,
      }),
    setAgentMembership: (agentInterface, queue, member) =>
      run(
        agent(agentInterface),
        { scope: 'supervisor', kind: member ? 'login' : 'logout', agentInterface, queue },
        'supervisor.queueMembership',
        { interface: agentInterface, queue, member },
      ),
    spy: (agentInterface, mode) =>
      run(agent(agentInterface), { scope: 'supervisor', kind: `spy-${mode}`, agentInterface, queue: null }, 'supervisor.spy', {
        interface: agentInterface,
        mode,
      }),
    dismissFailure: () => store.setState(failureDismissed, true),
  };
}
