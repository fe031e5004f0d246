import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../core/contract.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import { createFakeTransport, deferred } from '../shared/testing/fakeTransport.js';
import { aCase, aScreenPop, smallCatalogue } from '../shared/testing/fixtures.js';
import { bindToCall, emptyDraft } from './caseDraft.js';
import {
  appendToCase,
  callChanged,
  choiceChanged,
  clearUndone,
  createCaseFormStore,
  doneDismissed,
  fieldEdited,
  formCleared,
  freshFormState,
  subjectChosen,
  submitCase,
  type SubmitContext,
} from './caseFormStore.js';

const DRAFT_A = '11111111-1111-4111-8111-111111111111';
const DRAFT_B = '22222222-2222-4222-8222-222222222222';

function setup(pop = aScreenPop({ linkedid: '100.1' })) {
  const fake = createFakeTransport();
  const client = createDeskClient(fake.transport, { warn: vi.fn() });
  const store = createCaseFormStore(freshFormState(DRAFT_A, bindToCall(emptyDraft, pop)));
  const type = (field: 'subject' | 'description' | 'tcKimlikNo', value: string) =>
    store.setState((s) => fieldEdited(s, field, value), true);
  const ctx = (nextPop: ReturnType<typeof aScreenPop> | null = null, onSaved = vi.fn()): SubmitContext => ({
    currentPop: () => nextPop,
    catalogue: (code) => ({
      subject: smallCatalogue.subjects.find((s) => s.code === code) ?? null,
      triageUnitCode: smallCatalogue.triageUnit,
    }),
    onSaved,
    newId: () => DRAFT_B,
  });
  return { fake, client, store, type, ctx };
}

const created = (id: number, applicationNo = '2025-0000042-3') => ({
  ok: true as const,
  value: { case: aCase({ id, applicationNo }), securityCode: 'K7PX3M9Q' },
});

describe('submitCase', () => {
  it('saves once even when pressed twice, shows number and code, then starts over for the call on screen', async () => {
    const { fake, client, store, type, ctx } = setup();
    type('subject', 'Su kesintisi');
    type('description', 'Mahallede iki gündür su yok.');
    const answer = deferred<Result<unknown>>();
    fake.answer('cases.create', () => answer.promise);
    const onSaved = vi.fn();
    const nextCall = aScreenPop({ linkedid: '200.2', callerNumber: '905339998877' });

    const first = submitCase(store, client, 'forwarded', ctx(nextCall, onSaved));
    const second = submitCase(store, client, 'forwarded', ctx(nextCall, onSaved));
    expect(store.getState().saving).toBe(true);
    answer.resolve(created(42));
    await Promise.all([first, second]);

    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.params).toMatchObject({
      outcome: 'forwarded',
      linkedid: '100.1',
      phone: '905321112233',
      draftId: DRAFT_A,
      subjectCode: null,
      unitCode: null,
    });
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: 42 }));
    const s = store.getState();
    expect(s.done).toEqual({
      kind: 'created',
      caseId: 42,
      applicationNo: '2025-0000042-3',
      securityCode: 'K7PX3M9Q',
      outcome: 'forwarded',
      urgent: false,
      draftId: DRAFT_A,
      callLinkedid: '200.2',
    });
    expect(s.saving).toBe(false);
    expect(s.draftId).toBe(DRAFT_B);
    expect(s.draft).toMatchObject({ subject: '', linkedid: '200.2', phone: '905339998877' });
  });

  it('keeps number and code through the same call, and drops them when the next call pops or the next case begins', async () => {
    const { fake, client, store, type, ctx } = setup();
    const sameCall = aScreenPop({ linkedid: '100.1' });
    type('subject', 'Konu');
    type('description', 'Açıklama');
    fake.answer('cases.create', () => created(7));
    await submitCase(store, client, 'resolved', ctx(sameCall));
    expect(store.getState().done?.kind).toBe('created');
    // The same call goes on (answered, ended, dismissed): the citizen may still be writing the code down.
    store.setState((s) => callChanged(s, aScreenPop({ linkedid: '100.1', phase: 'ended' })), true);
    store.setState((s) => callChanged(s, null), true);
    expect(store.getState().done).toMatchObject({ kind: 'created', securityCode: 'K7PX3M9Q' });
    // The next citizen's call rings: the last one's code is gone from the screen.
    store.setState((s) => callChanged(s, aScreenPop({ linkedid: '200.2', phase: 'ringing', callerNumber: '905339998877' })), true);
    expect(store.getState().done).toBeNull();
    expect(store.getState().draft).toMatchObject({ linkedid: '200.2', phone: '905339998877' });

    await submitCase(store, client, 'resolved', ctx(sameCall));
    type('subject', 'Yeni');
    expect(store.getState().done).toBeNull();
    await submitCase(store, client, 'resolved', ctx());
    store.setState(doneDismissed, true);
    expect(store.getState().done).toBeNull();
  });

  it('a case saved with no call on screen gives way to the first call that pops', async () => {
    const { fake, client, store, type, ctx } = setup(aScreenPop({ linkedid: '100.1' }));
    type('subject', 'Konu');
    type('description', 'Açıklama');
    fake.answer('cases.create', () => created(9));
    await submitCase(store, client, 'resolved', ctx(null));
    store.setState((s) => callChanged(s, null), true);
    expect(store.getState().done?.kind).toBe('created');
    store.setState((s) => callChanged(s, aScreenPop({ linkedid: '300.3' })), true);
    expect(store.getState().done).toBeNull();
  });

  it('sends the picked subject and the operator\'s choices', async () => {
    const { fake, client, store, type, ctx } = setup();
    store.setState((s) => subjectChosen(s, smallCatalogue.subjects.find((x) => x.code === 'bilgi.su')!), true);
    store.setState((s) => choiceChanged(s, { unitCode: 'aydinlatma' }), true);
    type('description', 'Ne zaman gelecek?');
    fake.answer('cases.create', () => created(8));
    await submitCase(store, client, 'resolved', ctx());
    expect(fake.calls[0]?.params).toMatchObject({ subjectCode: 'bilgi.su', type: 'information', unitCode: 'aydinlatma', outcome: 'resolved' });
  });

  it('refuses a T.C. kimlik no that fails its check digits without asking the host', async () => {
    const { fake, client, store, type, ctx } = setup();
    type('subject', 'Konu');
    type('description', 'Açıklama');
    type('tcKimlikNo', '12345678901');
    await submitCase(store, client, 'resolved', ctx());
    expect(fake.calls).toHaveLength(0);
    expect(store.getState().fieldErrors).toEqual({ tcKimlikNo: 'tcInvalid' });
    type('tcKimlikNo', '10000000146');
    expect(store.getState().fieldErrors).toEqual({});
  });

  it('keeps the text and shows field errors when the case is refused', async () => {
    const { fake, client, store, type, ctx } = setup();
    type('subject', 'Konu');
    type('description', 'x'.repeat(4001));
    await submitCase(store, client, 'resolved', ctx());
    expect(fake.calls).toHaveLength(0);
    const s = store.getState();
    expect(s.fieldErrors).toEqual({ description: 'tooLong' });
    expect(s.draft.subject).toBe('Konu');
    expect(s.saving).toBe(false);
    expect(s.draftId).toBe(DRAFT_A);

    type('description', 'kısa');
    expect(store.getState().fieldErrors).toEqual({});
  });

  it('puts a catalogue rule the host refused next to its field', async () => {
    const { fake, client, store, type, ctx } = setup();
    type('subject', 'Konu');
    type('description', 'Açıklama');
    fake.answer('cases.create', () => ({
      ok: false,
      error: { code: 'invalid-request', message: 'x', issues: [{ path: 'unitCode', message: 'unit.unknown' }] },
    }));
    await submitCase(store, client, 'forwarded', ctx());
    expect(store.getState()).toMatchObject({ fieldErrors: { unitCode: 'unitUnknown' }, formError: null });
  });

  it('keeps the text when the host is out of reach', async () => {
    const { fake, client, store, type, ctx } = setup();
    type('subject', 'Konu');
    type('description', 'Açıklama');
    fake.answer('cases.create', () => ({ ok: false, error: { code: 'unavailable', message: 'down' } }));
    await submitCase(store, client, 'resolved', ctx());
    expect(store.getState()).toMatchObject({ formError: 'unavailable', draft: { subject: 'Konu' }, draftId: DRAFT_A });
  });
});

describe('appendToCase', () => {
  it('adds the description to the existing case with this call\'s linkedid, then starts over', async () => {
    const { fake, client, store, type, ctx } = setup();
    type('description', 'Lamba hâlâ yanmıyor, ikinci kez arıyor.');
    fake.answer('cases.appendNote', () => ({ ok: true, value: aCase({ id: 5, applicationNo: '2025-0000005-1' }) }));
    await appendToCase(store, client, { id: 5, applicationNo: '2025-0000005-1' }, ctx());
    expect(fake.calls).toEqual([
      { method: 'cases.appendNote', params: { caseId: 5, text: 'Lamba hâlâ yanmıyor, ikinci kez arıyor.', linkedid: '100.1' } },
    ]);
    expect(store.getState()).toMatchObject({
      done: { kind: 'note-added', caseId: 5, applicationNo: '2025-0000005-1', callLinkedid: null },
      draftId: DRAFT_B,
      draft: { description: '' },
    });
  });

  it('asks for a description first', async () => {
    const { fake, client, store, ctx } = setup();
    await appendToCase(store, client, { id: 5, applicationNo: 'x' }, ctx());
    expect(fake.calls).toHaveLength(0);
    expect(store.getState().fieldErrors).toEqual({ description: 'required' });
  });
});

describe('form edits', () => {
  it('ignores typing while saving and clears back to the call on screen under a new draft id', () => {
    const { store } = setup();
    store.setState({ saving: true });
    store.setState((s) => fieldEdited(s, 'subject', 'x'), true);
    expect(store.getState().draft.subject).toBe('');
    store.setState({ saving: false });
    store.setState((s) => fieldEdited(s, 'subject', 'x'), true);
    store.setState((s) => formCleared(s, aScreenPop({ linkedid: '300.3' }), DRAFT_B), true);
    expect(store.getState()).toMatchObject({ draft: { subject: '', linkedid: '300.3' }, draftId: DRAFT_B });
  });
});

describe('Temizle and Geri al', () => {
  it('brings the cleared draft back, with the call it was written for, under a new draft id', () => {
    const { store, type } = setup();
    type('subject', 'Su kesintisi');
    type('description', 'İki gündür su yok.');
    const cleared = store.getState().draft;
    store.setState((s) => formCleared(s, aScreenPop({ linkedid: '300.3' }), DRAFT_B), true);
    expect(store.getState().draft.subject).toBe('');
    store.setState((s) => clearUndone(s, cleared, '33333333-3333-4333-8333-333333333333'), true);
    expect(store.getState()).toMatchObject({
      draft: { subject: 'Su kesintisi', description: 'İki gündür su yok.', linkedid: '100.1' },
      draftId: '33333333-3333-4333-8333-333333333333',
    });
  });

  it('never overwrites what the operator began after clearing, nor a save in progress', () => {
    const { store, type } = setup();
    type('subject', 'Eski');
    const cleared = store.getState().draft;
    store.setState((s) => formCleared(s, null, DRAFT_B), true);
    type('subject', 'Yeni başvuru');
    store.setState((s) => clearUndone(s, cleared, '33333333-3333-4333-8333-333333333333'), true);
    expect(store.getState()).toMatchObject({ draft: { subject: 'Yeni başvuru' }, draftId: DRAFT_B });
    store.setState((s) => formCleared(s, null, DRAFT_A), true);
    store.setState({ saving: true });
    store.setState((s) => clearUndone(s, cleared, '33333333-3333-4333-8333-333333333333'), true);
    expect(store.getState().draftId).toBe(DRAFT_A);
  });
});
