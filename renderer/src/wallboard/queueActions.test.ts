import { describe, expect, it } from 'vitest';
import type { Result } from '../../../core/contract.js';
import { createQueueActions, selectFailure, selectPending } from './queueActions.js';
import { deferred, fakeHost } from './testing/fakeClient.js';

const ok = (): Result<unknown> => ({ ok: true, value: { ok: true } });

describe('queue actions', () => {
  it('send the operator’s own commands through agent.*', async () => {
    const host = fakeHost();
    for (const m of ['agent.pause', 'agent.queueMembership', 'agent.hangup'] as const) host.answer(m, ok);
    const actions = createQueueActions(host.client);
    expect(await actions.pauseSelf(true, 'yemek')).toBe(true);
    expect(await actions.pauseSelf(false, 'yemek')).toBe(true);
    expect(await actions.setSelfMembership('alo153', false)).toBe(true);
    expect(await actions.hangup('1700000000.1')).toBe(true);
    expect(host.calls).toEqual([
      { method: 'agent.pause', params: { paused: true, reason: 'yemek', queue: null } },
      // Unpausing carries no reason.
      { method: 'agent.pause', params: { paused: false, reason: null, queue: null } },
      { method: 'agent.queueMembership', params: { queue: 'alo153', member: false } },
      { method: 'agent.hangup', params: { linkedid: '1700000000.1' } },
    ]);
  });

  it('send a team lead’s commands through supervisor.* with the agent’s interface', async () => {
    const host = fakeHost();
    for (const m of ['supervisor.pause', 'supervisor.queueMembership', 'supervisor.spy'] as const) host.answer(m, ok);
    const actions = createQueueActions(host.client);
    await actions.pauseAgent('PJSIP/1002', true, 'eğitim');
    await actions.setAgentMembership('PJSIP/1002', 'zabita', true);
    await actions.spy('PJSIP/1002', 'whisper');
    expect(host.calls).toEqual([
      { method: 'supervisor.pause', params: { interface: 'PJSIP/1002', paused: true, reason: 'eğitim', queue: null } },
      { method: 'supervisor.queueMembership', params: { interface: 'PJSIP/1002', queue: 'zabita', member: true } },
      { method: 'supervisor.spy', params: { interface: 'PJSIP/1002', mode: 'whisper' } },
    ]);
  });

  it('keep the host’s refusal for the place it happened until dismissed or retried', async () => {
    const host = fakeHost();
    host.answer('supervisor.spy', () => ({ ok: false, error: { code: 'pbx-refused', message: 'Originate failed' } }));
    const actions = createQueueActions(host.client);
    expect(await actions.spy('PJSIP/1003', 'barge')).toBe(false);
    const failure = selectFailure('supervisor')(actions.store.getState());
    expect(failure).toEqual({ scope: 'supervisor', kind: 'spy-barge', agentInterface: 'PJSIP/1003', queue: null, code: 'pbx-refused', message: 'Originate failed' });
    // The operator's panel does not show the team lead's error.
    expect(selectFailure('self')(actions.store.getState())).toBeNull();

    host.answer('supervisor.spy', ok);
    await actions.spy('PJSIP/1003', 'listen');
    expect(selectFailure('supervisor')(actions.store.getState())).toBeNull();

    host.answer('supervisor.spy', () => ({ ok: false, error: { code: 'forbidden', message: 'operator' } }));
    await actions.spy('PJSIP/1003', 'listen');
    actions.dismissFailure();
    expect(actions.store.getState().failure).toBeNull();
  });

  it('refuse a reason the contract refuses, without a round trip', async () => {
    const host = fakeHost();
    const actions = createQueueActions(host.client);
    expect(await actions.pauseSelf(true, 'x'.repeat(61))).toBe(false);
    expect(host.calls).toHaveLength(0);
    expect(selectFailure('self')(actions.store.getState())?.code).toBe('invalid-request');
  });

  it('ignore a second click on the same agent while the first is in flight', async () => {
    const host = fakeHost();
    const answer = deferred<Result<unknown>>();
    host.answer('supervisor.pause', () => answer.promise);
    host.answer('supervisor.spy', ok);
    const actions = createQueueActions(host.client);
    const first = actions.pauseAgent('PJSIP/1002', true, 'mola');
    expect(selectPending('agent:PJSIP/1002')(actions.store.getState())).toBe('pause');
    expect(await actions.pauseAgent('PJSIP/1002', true, 'mola')).toBe(false);
    // Another agent is not held up.
    expect(await actions.spy('PJSIP/1009', 'listen')).toBe(true);
    answer.resolve(ok());
    expect(await first).toBe(true);
    expect(selectPending('agent:PJSIP/1002')(actions.store.getState())).toBeNull();
    expect(host.calls.filter((c) => c.method === 'supervisor.pause')).toHaveLength(1);
  });
});
