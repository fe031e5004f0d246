import { describe, expect, it } from 'vitest';
import { aScreenPop } from '../testing/fixtures.js';
import { bindToCall, editDraft, emptyDraft, isPhoneLocked, isPristine, toNewCaseInput } from './caseDraft.js';

const callA = aScreenPop({ linkedid: '100.1', callerNumber: '905321112233' }, { knownName: 'Ayşe Yılmaz' });
const callB = aScreenPop({ linkedid: '200.2', callerNumber: '905339998877', callerName: 'MEHMET K' }, { knownName: null });

describe('bindToCall', () => {
  it('prefills an empty form and binds it to the call', () => {
    const d = bindToCall(emptyDraft, callA);
    expect(d).toMatchObject({ phone: '905321112233', citizenName: 'Ayşe Yılmaz', linkedid: '100.1' });
    expect(isPristine(d)).toBe(true);
    expect(isPhoneLocked(d)).toBe(true);
  });

  it("prefers our records' name, then the PBX's, then nothing", () => {
    expect(bindToCall(emptyDraft, callB).citizenName).toBe('MEHMET K');
    const noName = aScreenPop({ callerName: null }, { knownName: null });
    expect(bindToCall(emptyDraft, noName).citizenName).toBe('');
  });

  it('follows the next call while the operator has typed nothing', () => {
    const d = bindToCall(bindToCall(emptyDraft, callA), callB);
    expect(d).toMatchObject({ phone: '905339998877', linkedid: '200.2' });
  });

  it('picks up a name that arrives later for the same call', () => {
    const before = bindToCall(emptyDraft, aScreenPop({ linkedid: '100.1', callerName: null }, { knownName: null }));
    const after = bindToCall(before, callA);
    expect(after.citizenName).toBe('Ayşe Yılmaz');
  });

  it('returns the same draft when nothing changes', () => {
    const d = bindToCall(emptyDraft, callA);
    expect(bindToCall(d, aScreenPop({ linkedid: '100.1', phase: 'connected' }, { knownName: 'Ayşe Yılmaz' }))).toBe(d);
    expect(bindToCall(emptyDraft, null)).toBe(emptyDraft);
  });

  it('never overwrites typed text and keeps the call the case was started for', () => {
    const typed = editDraft(bindToCall(emptyDraft, callA), 'subject', 'Su kesintisi');
    expect(bindToCall(typed, callB)).toBe(typed);
    expect(bindToCall(typed, null)).toBe(typed);
    expect(typed.linkedid).toBe('100.1');
  });

  it('counts an edited prefill as typing', () => {
    const renamed = editDraft(bindToCall(emptyDraft, callA), 'citizenName', 'Ayşe Y. Demir');
    expect(isPristine(renamed)).toBe(false);
    expect(bindToCall(renamed, callB)).toBe(renamed);
  });

  it('does not bind a form begun without a call', () => {
    const typed = editDraft(emptyDraft, 'description', 'Park bankı kırık');
    expect(bindToCall(typed, callA)).toBe(typed);
  });

  it('lets go of an untouched prefill once the call is cleared', () => {
    expect(bindToCall(bindToCall(emptyDraft, callA), null)).toEqual(emptyDraft);
  });

  it('leaves a withheld number to the operator', () => {
    const d = bindToCall(emptyDraft, aScreenPop({ callerNumber: 'anonymous' }));
    expect(d.phone).toBe('');
    expect(d.linkedid).toBe('1700000000.1');
    expect(isPhoneLocked(d)).toBe(false);
    expect(editDraft(d, 'phone', '02125551234').phone).toBe('02125551234');
  });

  it('refuses phone edits when the number came from the PBX', () => {
    const d = bindToCall(emptyDraft, callA);
    expect(editDraft(d, 'phone', '1')).toBe(d);
  });
});

describe('toNewCaseInput', () => {
  it('sends blank optional fields as null', () => {
    const d = { ...emptyDraft, subject: 'Konu', description: 'Açıklama', phone: '  ', citizenName: '' };
    expect(toNewCaseInput(d, 'resolved')).toEqual({
      subject: 'Konu',
      description: 'Açıklama',
      outcome: 'resolved',
      phone: null,
      citizenName: null,
      linkedid: null,
    });
  });
});
