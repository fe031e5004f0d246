import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { CallbackItem, CallbackOutcomeResult } from '../../core/callback.js';
import type { DeskRole } from '../../core/contract.js';
import { requestCallback } from '../../db/callbackRequests.js';
import { CaseNotFoundError } from '../../db/caseRepository.js';
import type { CentralApi } from './centralApi.js';
import { notFound, RequestError, type Handlers } from './dispatch.js';

type CallbackHandlers = Pick<Handlers, 'callbacks.list' | 'callbacks.claim' | 'callbacks.release' | 'callbacks.outcome' | 'callbacks.request'>;

export interface CallbackServiceDeps {
  db: Database;
  api: CentralApi;
  role: DeskRole;
  actor: string;
  now: () => Date;
  /** A change was queued for the server: push it soon. */
  localChange: () => void;
}

const WORKLIST_LIMIT = 200;

/**
 * Call-backs: the worklist, claims and outcomes live on the central server (two feedback
 * operators must never call the same citizen, so a claim cannot be offline); a citizen's
 * request to be called back is recorded here first and travels through the outbox.
 */
export function createCallbackHandlers(deps: CallbackServiceDeps): CallbackHandlers {
  const { api } = deps;
  const worker = () => {
    if (deps.role === 'operator') throw new RequestError({ code: 'forbidden', message: 'The call-back list is for feedback operators and team leads' });
  };
  const path = (id: string, action: string) => `/api/v1/callbacks/${encodeURIComponent(id)}/${action}`;

  return {
    'callbacks.list': () => {
      worker();
      return api.json(z.object({ items: z.array(CallbackItem) }), 'GET', `/api/v1/callbacks?limit=${WORKLIST_LIMIT}`);
    },
    'callbacks.claim': ({ id }) => {
      worker();
      return api.json(CallbackItem, 'POST', path(id, 'claim'), {});
    },
    'callbacks.release': async ({ id }) => {
      worker();
      await api.send('POST', path(id, 'release'), {});
      return { ok: true as const };
    },
    'callbacks.outcome': ({ id, outcome, satisfaction, comment }) => {
      worker();
      return api.json(CallbackOutcomeResult, 'POST', path(id, 'outcome'), { outcome, satisfaction, comment });
    },
    'callbacks.request': ({ caseId, dueAt, note }) => {
      try {
        requestCallback(deps.db, caseId, { dueAt: new Date(dueAt), note }, { now: deps.now(), actor: deps.actor });
      } catch (error) {
        if (error instanceof CaseNotFoundError) throw notFound('case');
        throw error;
      }
      deps.localChange();
      return { ok: true as const };
    },
  };
}
