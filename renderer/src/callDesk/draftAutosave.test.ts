import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../core/contract.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import { createFakeTransport, deferred } from '../shared/testing/fakeTransport.js';
import { aCase, aScreenPop } from '../shared/testing/fixtures.js';
import { bindToCall, emptyDraft } from './caseDraft.js';
import { createCaseFormStore, draftRestored, fieldEdited, formCleared, freshFormState, submitCase } from './caseFormStore.js';
import { DRAFT_SAVE_DELAY_MS, startDraftAutosave } from './draftAutosave.js';
import { restoreLatestDraft } from './draftRestore.js';
import { parseDraft, serializeDraft } from './draftStorage.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

/** Lets queued promise jobs (the autosave's serial queue, the fake transport) run. */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function setup(pop: ReturnType<typeof aScreenPop> | null = null) {
  const fake = createFakeTransport();
  const client = createDeskClient(fake.transport, { warn: vi.fn() });
  const store = createCaseFormStore(freshFormState(A, bindToCall(emptyDraft, pop)));
  fake.answer('drafts.save', () => ({ ok: true, value: { savedAt: '2025-11-25T10:00:00.000Z' } }));
  fake.answer('drafts.discard', () => ({ ok: true, value: { discarded: true } }));
  const autosave = startDraftAutosave(store, client);
  const type = (field: 'subject' | 'description', value: string) => store.setState((s) => fieldEdited(s, field, value), true);
  const calls = (method: string) => fake.calls.filter((c) => c.method === method);
  return { fake, client, store, autosave, type, calls };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('draft autosave', () => {
  it('saves 400 ms after the last keystroke, once, with the form as JSON and the call\'s linkedid', async () => {
    const { store, autosave, type, calls } = setup(aScreenPop({ linkedid: '100.1' }));
    type('subject', 'S');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS - 100);
    type('subject', 'Su');
    type('description', 'Su yok');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS - 1);
    expect(calls('drafts.save')).toHaveLength(0);
    expect(autosave.state.getState().status).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(calls('drafts.save')).toHaveLength(1);
    const params = calls('drafts.save')[0]!.params as { draftId: string; content: string; linkedid: string | null };
    expect(params.draftId).toBe(A);
    expect(params.linkedid).toBe('100.1');
    expect(parseDraft(params.content)).toEqual(store.getState().draft);
    expect(autosave.state.getState()).toEqual({ status: 'saved', savedAt: '2025-11-25T10:00:00.000Z' });
  });

  it('does not save a form the operator has not touched (a call prefill alone)', async () => {
    const { calls } = setup(aScreenPop());
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls('drafts.save')).toHaveLength(0);
  });

  it('never writes back a draft the host deleted with the case: a pending save is dropped on submit', async () => {
    const { fake, client, store, type, calls } = setup();
    type('subject', 'Konu');
    type('description', 'Açıklama');
    const answer = deferred<Result<unknown>>();
    fake.answer('cases.create', () => answer.promise);
    const saving = submitCase(store, client, 'forwarded', {
      currentPop: () => null,
      catalogue: () => ({ subject: null, triageUnitCode: null }),
      newId: () => B,
    });
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS * 3);
    answer.resolve({ ok: true, value: { case: aCase(), securityCode: 'K7PX3M9Q' } });
    await saving;
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS * 3);
    await settle();
    expect(calls('drafts.save')).toHaveLength(0);
    // The host deleted draft A in the case's transaction: nothing to discard either.
    expect(calls('drafts.discard')).toHaveLength(0);
    expect(store.getState().draftId).toBe(B);
  });

  it('drops a save that was queued behind another when the case went out meanwhile', async () => {
    const { fake, client, store, type, calls } = setup();
    const firstSave = deferred<Result<unknown>>();
    fake.answer('drafts.save', () => firstSave.promise);
    type('description', 'bir');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS);
    type('subject', 'iki');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS); // second save waits behind the first
    fake.answer('cases.create', () => ({ ok: true, value: { case: aCase(), securityCode: 'K7PX3M9Q' } }));
    await submitCase(store, client, 'resolved', {
      currentPop: () => null,
      catalogue: () => ({ subject: null, triageUnitCode: null }),
      newId: () => B,
    });
    firstSave.resolve({ ok: true, value: { savedAt: 'x' } });
    await settle();
    expect(calls('drafts.save')).toHaveLength(1);
  });

  it('saves again after a refused case, and discards the draft when the operator clears the form', async () => {
    const { fake, client, store, type, calls } = setup();
    type('subject', 'Konu');
    type('description', 'x'.repeat(5000));
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS);
    await settle();
    expect(calls('drafts.save')).toHaveLength(1);
    fake.answer('cases.create', () => ({ ok: false, error: { code: 'unavailable', message: 'down' } }));
    await submitCase(store, client, 'resolved', { currentPop: () => null, catalogue: () => ({ subject: null, triageUnitCode: null }) });

    store.setState((s) => formCleared(s, null, C), true);
    await settle();
    expect(calls('drafts.discard')).toEqual([{ method: 'drafts.discard', params: { draftId: A } }]);
  });

  it('discards the saved draft when the operator deletes everything they typed', async () => {
    const { type, calls } = setup();
    type('description', 'geçici');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS);
    await settle();
    type('description', '');
    await settle();
    expect(calls('drafts.discard')).toEqual([{ method: 'drafts.discard', params: { draftId: A } }]);
  });

  it('flushes a pending save at once when the window goes away', async () => {
    const { autosave, type, calls } = setup();
    type('description', 'son harfler');
    autosave.flush();
    await settle();
    expect(calls('drafts.save')).toHaveLength(1);
  });
});

describe('restoreLatestDraft', () => {
  const typed = { ...emptyDraft, subject: 'Park bankı kırık', description: 'Moda Parkı girişindeki bank kırılmış.' };

  it('brings the newest draft back at start and marks the form as restored; discarding it clears the host too', async () => {
    const { fake, client, store, calls } = setup(aScreenPop());
    fake.answer('drafts.latest', () => ({
      ok: true,
      value: { draftId: C, content: serializeDraft(typed), linkedid: null, savedAt: '2025-11-25T09:00:00.000Z' },
    }));
    expect(await restoreLatestDraft(store, client)).toBe('restored');
    expect(store.getState()).toMatchObject({ draftId: C, draft: typed, restored: { savedAt: '2025-11-25T09:00:00.000Z' } });
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS * 2);
    await settle();
    // Already on the host with this content: nothing to write.
    expect(calls('drafts.save')).toHaveLength(0);

    store.setState((s) => formCleared(s, null, B), true);
    await settle();
    expect(calls('drafts.discard')).toEqual([{ method: 'drafts.discard', params: { draftId: C } }]);
    expect(store.getState().restored).toBeNull();
  });

  it('leaves a form the operator already began alone, and drops drafts it cannot read', async () => {
    const { fake, client, store, type, calls } = setup();
    type('description', 'yeni başladım');
    fake.answer('drafts.latest', () => ({ ok: true, value: { draftId: C, content: serializeDraft(typed), linkedid: null, savedAt: 'x' } }));
    expect(await restoreLatestDraft(store, client)).toBe('kept-current');
    expect(store.getState().draft.description).toBe('yeni başladım');

    fake.answer('drafts.latest', () => ({ ok: true, value: { draftId: C, content: '{"v":0}', linkedid: null, savedAt: 'x' } }));
    store.setState((s) => draftRestored(s, emptyDraft, A, 'x'), true);
    expect(await restoreLatestDraft(store, client)).toBe('none');
    expect(calls('drafts.discard').at(-1)).toEqual({ method: 'drafts.discard', params: { draftId: C } });
  });
});
