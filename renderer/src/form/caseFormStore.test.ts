import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../core/contract.js';
import { createDeskClient } from '../api/deskClient.js';
import { createFakeTransport, deferred } from '../testing/fakeTransport.js';
import { aCase, aScreenPop } from '../testing/fixtures.js';
import { bindToCall, emptyDraft } from './caseDraft.js';
import { createCaseFormStore, fieldEdited, formCleared, initialCaseFormState, submitCase } from './caseFormStore.js';

function setup(pop = aScreenPop({ linkedid: '100.1' })) {
  const fake = createFakeTransport();
  const client = createDeskClient(fake.transport, { warn: vi.fn() });
  const store = createCaseFormStore({ ...initialCaseFormState, draft: bindToCall(emptyDraft, pop) });
  const type = (field: 'subject' | 'description', value: string) =>
    store.setState((s) => fieldEdited(s, field, value), true);
  return { fake, client, store, type };
}

describe('submitCase', () => {
  it('saves once even when pressed twice, then starts over for the call on screen', async () => {
    const { fake, client, store, type } = setup();
    type('subject', 'Su kesintisi');
    type('description', 'Mahallede iki gündür su yok.');
    const answer = deferred<Result<unknown>>();
    fake.answer('cases.create', () => answer.promise);
    const onSaved = vi.fn();
    const nextCall = aScreenPop({ linkedid: '200.2', callerNumber: '905339998877' });

    const first = submitCase(store, client, 'forwarded', () => nextCall, onSaved);
    const second = submitCase(store, client, 'forwarded', () => nextCall, onSaved);
    expect(store.getState().saving).toBe(true);
    answer.resolve({ ok: true, value: aCase({ id: 42 }) });
    await Promise.all([first, second]);

    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.params).toMatchObject({ outcome: 'forwarded', linkedid: '100.1', phone: '905321112233' });
    expect(onSaved).toHaveBeenCalledOnce();
    const s = store.getState();
    expect(s.savedId).toBe(42);
    expect(s.saving).toBe(false);
    expect(s.draft).toMatchObject({ subject: '', linkedid: '200.2', phone: '905339998877' });
  });

  it('keeps the text and shows field errors when the case is refused', async () => {
    const { fake, client, store, type } = setup();
    type('subject', 'Konu');
    type('description', 'x'.repeat(4001));
    await submitCase(store, client, 'resolved', () => null);
    expect(fake.calls).toHaveLength(0);
    const s = store.getState();
    expect(s.fieldErrors).toEqual({ description: 'tooLong' });
    expect(s.draft.subject).toBe('Konu');
    expect(s.saving).toBe(false);

    type('description', 'kısa');
    expect(store.getState().fieldErrors).toEqual({});
  });

  it('keeps the text when the host is out of reach', async () => {
    const { fake, client, store, type } = setup();
    type('subject', 'Konu');
    type('description', 'Açıklama');
    fake.answer('cases.create', () => ({ ok: false, error: { code: 'unavailable', message: 'down' } }));
    await submitCase(store, client, 'resolved', () => null);
    expect(store.getState()).toMatchObject({ formError: 'unavailable', draft: { subject: 'Konu' } });
  });
});

describe('form edits', () => {
  it('ignores typing while saving and clears back to the call on screen', () => {
    const { store } = setup();
    store.setState({ saving: true });
    store.setState((s) => fieldEdited(s, 'subject', 'x'), true);
    expect(store.getState().draft.subject).toBe('');
    store.setState({ saving: false });
    store.setState((s) => fieldEdited(s, 'subject', 'x'), true);
    store.setState((s) => formCleared(s, aScreenPop({ linkedid: '300.3' })), true);
    expect(store.getState().draft).toMatchObject({ subject: '', linkedid: '300.3' });
  });
});
