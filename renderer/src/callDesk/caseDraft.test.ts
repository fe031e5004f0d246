import { describe, expect, it } from 'vitest';
import { aScreenPop } from '../shared/testing/fixtures.js';
import { aSubject, smallCatalogue } from '../shared/testing/fixtures.js';
import {
  bindToCall,
  cannedAnswerPicked,
  choiceMade,
  editDraft,
  effectiveChoices,
  emptyDraft,
  isChannelLocked,
  isPhoneLocked,
  isPristine,
  subjectPicked,
  toNewCaseInput,
  type CaseDraft,
} from './caseDraft.js';

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

describe('choices and the subject', () => {
  const lamp = aSubject({ code: 'aydinlatma.lamba', name: 'Sokak lambası yanmıyor', defaultUnit: 'aydinlatma' });

  it('binds a call as a phone case and locks the channel while bound', () => {
    const d = bindToCall(choiceMade(emptyDraft, { channel: 'phone' }), callA);
    expect(d.channel).toBe('phone');
    expect(isChannelLocked(d)).toBe(true);
    expect(choiceMade(d, { channel: 'whatsapp' })).toBe(d);
  });

  it('counts a channel or a choice as the operator\'s own work, so a call does not take the form over', () => {
    const whatsapp = choiceMade(emptyDraft, { channel: 'whatsapp' });
    expect(isPristine(whatsapp)).toBe(false);
    expect(bindToCall(whatsapp, callA)).toBe(whatsapp);
    expect(isPristine(choiceMade(emptyDraft, { priority: 'high' }))).toBe(false);
    expect(isPristine(editDraft(emptyDraft, 'street', 'Moda Cd.'))).toBe(false);
  });

  it('picks a subject with its code, and typing over it makes it free text again', () => {
    const picked = subjectPicked(emptyDraft, lamp);
    expect(picked).toMatchObject({ subject: 'Sokak lambası yanmıyor', subjectCode: 'aydinlatma.lamba' });
    expect(isPristine(picked)).toBe(false);
    expect(editDraft(picked, 'subject', 'Sokak lambası yanmıyor!')).toMatchObject({ subjectCode: null });
  });

  it('fills the resolution from a canned answer, and an edit makes it the operator\'s own', () => {
    const answer = smallCatalogue.cannedAnswers[0]!;
    const d = cannedAnswerPicked(emptyDraft, answer);
    expect(d).toMatchObject({ resolution: answer.text, cannedAnswerCode: answer.code });
    expect(editDraft(d, 'resolution', 'Başka').cannedAnswerCode).toBeNull();
  });

  it('takes type, priority, confidentiality and unit from the subject until the operator chooses', () => {
    const info = smallCatalogue.subjects.find((s) => s.code === 'bilgi.su')!;
    const d = subjectPicked(emptyDraft, info);
    expect(effectiveChoices(d, { subject: info, triageUnitCode: 'halkla-iliskiler' })).toEqual({
      type: 'information',
      priority: 'normal',
      confidential: true,
      unitCode: 'fen-isleri',
      unitSource: 'subject',
      urgent: false,
    });
    const chosen = choiceMade(d, { type: 'complaint', unitCode: 'aydinlatma', confidential: false });
    expect(effectiveChoices(chosen, { subject: info, triageUnitCode: null })).toMatchObject({
      type: 'complaint',
      confidential: false,
      unitCode: 'aydinlatma',
      unitSource: 'chosen',
    });
  });

  it('shows a free-text case going to the triage unit, and marks urgent subjects', () => {
    const free = editDraft(emptyDraft, 'subject', 'Kaldırım çökmüş');
    expect(effectiveChoices(free, { subject: null, triageUnitCode: 'halkla-iliskiler' })).toMatchObject({
      type: 'request',
      priority: 'normal',
      unitCode: 'halkla-iliskiler',
      unitSource: 'triage',
    });
    expect(effectiveChoices(free, { subject: null, triageUnitCode: null }).unitSource).toBe('none');
    const injured = smallCatalogue.subjects.find((s) => s.code === 'hayvan.yarali')!;
    expect(effectiveChoices(subjectPicked(emptyDraft, injured), { subject: injured, triageUnitCode: null }).urgent).toBe(true);
  });
});

describe('toNewCaseInput', () => {
  const info = smallCatalogue.subjects.find((s) => s.code === 'bilgi.su')!;
  const ctx = { subject: info, triageUnitCode: 'halkla-iliskiler' };
  const draftId = '7d444840-9dc0-41fb-8b30-0b9b2f4a0f1e';
  const filled: CaseDraft = {
    ...subjectPicked(bindToCall(emptyDraft, callA), info),
    description: 'Kesinti ne zaman bitecek?',
    resolution: 'Saat 17.00’de bitecek.',
    tcKimlikNo: ' 10000000146 ',
    district: 'Kadıköy',
    street: 'Moda Cd.',
  };

  it('resolves with the answer given, leaving untouched choices to the host', () => {
    expect(toNewCaseInput(filled, 'resolved', draftId, ctx)).toEqual({
      subject: 'Su kesintisi bilgisi',
      subjectCode: 'bilgi.su',
      type: 'information',
      channel: 'phone',
      priority: null,
      confidential: null,
      description: 'Kesinti ne zaman bitecek?',
      outcome: 'resolved',
      resolution: 'Saat 17.00’de bitecek.',
      unitCode: null,
      phone: '905321112233',
      citizenName: 'Ayşe Yılmaz',
      tcKimlikNo: '10000000146',
      address: { district: 'Kadıköy', neighbourhood: null, street: 'Moda Cd.', detail: null },
      linkedid: '100.1',
      draftId,
    });
  });

  it('forwards without a resolution, to the unit the operator chose (null: the subject\'s)', () => {
    const forwarded = toNewCaseInput(filled, 'forwarded', draftId, ctx);
    expect(forwarded).toMatchObject({ outcome: 'forwarded', resolution: null, unitCode: null });
    const rerouted = choiceMade(filled, { unitCode: 'aydinlatma', priority: 'high', confidential: false });
    expect(toNewCaseInput(rerouted, 'forwarded', draftId, ctx)).toMatchObject({
      unitCode: 'aydinlatma',
      priority: 'high',
      confidential: false,
    });
  });

  it('sends blank optional fields as null and a free-text subject without a code', () => {
    const d = { ...emptyDraft, subject: 'Konu', description: 'Açıklama', phone: '  ', citizenName: '', resolution: '  ' };
    expect(toNewCaseInput(d, 'resolved', null, { subject: null, triageUnitCode: 'halkla-iliskiler' })).toEqual({
      subject: 'Konu',
      subjectCode: null,
      type: 'request',
      channel: 'phone',
      priority: null,
      confidential: null,
      description: 'Açıklama',
      outcome: 'resolved',
      resolution: null,
      unitCode: null,
      phone: null,
      citizenName: null,
      tcKimlikNo: null,
      address: null,
      linkedid: null,
      draftId: null,
    });
  });

  it('produces what the contract accepts', async () => {
    const { NewCaseInput } = await import('../../../core/case.js');
    expect(NewCaseInput.strict().safeParse(toNewCaseInput(filled, 'resolved', draftId, ctx)).success).toBe(true);
    expect(NewCaseInput.strict().safeParse(toNewCaseInput(filled, 'forwarded', draftId, ctx)).success).toBe(true);
  });
});
