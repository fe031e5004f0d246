import { describe, expect, it } from 'vitest';
import { NewCaseInput } from './case.js';
import type { Catalogue } from './catalogue.js';
import { CaseRuleError, noteRefusal, prepareCase } from './caseRules.js';
import { defaultCatalogue } from './catalogue/defaultCatalogue.js';
import { caseDueAt } from './sla.js';

const now = new Date('2026-06-08T10:00:00+03:00');

function input(overrides: Partial<NewCaseInput> = {}): NewCaseInput {
  return NewCaseInput.parse({
    subject: 'Sokak lambası yanmıyor',
    subjectCode: 'aydinlatma.sokak-lambasi',
    type: 'complaint',
    description: 'Çınar Sokak 14 önündeki direk üç gündür yanmıyor.',
    outcome: 'forwarded',
    phone: '905321112233',
    citizenName: 'Ali Vatandaş',
    linkedid: null,
    ...overrides,
  });
}

function ruleCode(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(CaseRuleError);
    expect(error).toBeInstanceOf(Error);
    return (error as CaseRuleError).code;
  }
}

describe('prepareCase: resolved on the call', () => {
  it('closes the case at once with the description as its resolution', () => {
    const prepared = prepareCase(input({ outcome: 'resolved' }), defaultCatalogue, now);
    expect(prepared).toMatchObject({
      status: 'closed',
      firstContactResolution: true,
      resolution: 'Çınar Sokak 14 önündeki direk üç gündür yanmıyor.',
      dueAt: null,
      unitCode: null,
      subjectCode: 'aydinlatma.sokak-lambasi',
      type: 'complaint',
    });
  });

  it('keeps the answer the operator wrote', () => {
    const prepared = prepareCase(input({ outcome: 'resolved', resolution: 'Arıza kaydı bilgisi verildi.' }), defaultCatalogue, now);
    expect(prepared.resolution).toBe('Arıza kaydı bilgisi verildi.');
  });
});

describe('prepareCase: forwarded', () => {
  it('goes to the subject’s default unit with the subject’s resolution time', () => {
    const prepared = prepareCase(input(), defaultCatalogue, now);
    expect(prepared).toMatchObject({ status: 'forwarded', unitCode: 'aydinlatma', firstContactResolution: false, resolution: null });
    expect(prepared.dueAt).toEqual(caseDueAt(now, 'complaint', 3));
  });

  it('goes where the operator sent it, when that unit exists', () => {
    expect(prepareCase(input({ unitCode: 'ilce-kadikoy' }), defaultCatalogue, now).unitCode).toBe('ilce-kadikoy');
    expect(ruleCode(() => prepareCase(input({ unitCode: 'nowhere' }), defaultCatalogue, now))).toBe('unit.unknown');
  });

  it('sends a free-text case to the triage unit, so a case without a catalogue subject is never dropped', () => {
    expect(prepareCase(input({ subjectCode: null }), defaultCatalogue, now)).toMatchObject({ status: 'forwarded', unitCode: 'halkla-iliskiler' });
  });

  it('needs a unit when neither the operator, the subject nor a triage unit names one', () => {
    const noTriage: Catalogue = { ...defaultCatalogue, triageUnit: null };
    expect(ruleCode(() => prepareCase(input({ subjectCode: null }), noTriage, now))).toBe('unit.required');
    const noDefault: Catalogue = {
      ...noTriage,
      subjects: defaultCatalogue.subjects.map((s) => (s.code === 'aydinlatma.sokak-lambasi' ? { ...s, defaultUnit: null } : s)),
    };
    expect(ruleCode(() => prepareCase(input(), noDefault, now))).toBe('unit.required');
    expect(prepareCase(input({ unitCode: 'aydinlatma' }), noDefault, now).unitCode).toBe('aydinlatma');
  });

  it('gives information requests the law’s 15 working days', () => {
    const prepared = prepareCase(input({ type: 'information', subjectCode: 'bilgi.basvuru-sorgu' }), defaultCatalogue, now);
    expect(prepared.dueAt).toEqual(caseDueAt(now, 'information', 0));
  });

  it('has no due time for a subject without a resolution time', () => {
    expect(prepareCase(input({ type: 'thanks', subjectCode: 'tesekkur.personel' }), defaultCatalogue, now).dueAt).toBeNull();
    expect(prepareCase(input({ subjectCode: null, unitCode: 'temizlik' }), defaultCatalogue, now).dueAt).toBeNull();
  });
});

describe('prepareCase: defaults and checks', () => {
  it('refuses an unknown subject code', () => {
    expect(ruleCode(() => prepareCase(input({ subjectCode: 'no.such' }), defaultCatalogue, now))).toBe('subject.unknown');
  });

  it('takes priority and confidentiality from the operator, else the subject, else normal and open', () => {
    expect(prepareCase(input({ subjectCode: 'sosyal.gida' }), defaultCatalogue, now)).toMatchObject({ priority: 'normal', confidential: true });
    expect(prepareCase(input({ subjectCode: 'sosyal.gida', priority: 'high', confidential: false }), defaultCatalogue, now)).toMatchObject({
      priority: 'high',
      confidential: false,
    });
    expect(prepareCase(input({ subjectCode: null, unitCode: 'temizlik' }), defaultCatalogue, now)).toMatchObject({
      priority: 'normal',
      confidential: false,
      urgent: false,
    });
  });

  it('keeps an urgent subject urgent whatever priority is picked, and makes urgent priority urgent', () => {
    expect(prepareCase(input({ subjectCode: 'hayvan.yarali', priority: 'low' }), defaultCatalogue, now)).toMatchObject({ urgent: true, priority: 'low' });
    expect(prepareCase(input({ priority: 'urgent' }), defaultCatalogue, now).urgent).toBe(true);
    expect(prepareCase(input(), defaultCatalogue, now).urgent).toBe(false);
  });

  it('takes the type from the input, not the subject', () => {
    expect(prepareCase(input({ subjectCode: 'oneri.genel', type: 'complaint' }), defaultCatalogue, now).type).toBe('complaint');
  });

  it('refuses a T.C. kimlik no that fails its check digits', () => {
    expect(ruleCode(() => prepareCase(input({ tcKimlikNo: '10000000147' }), defaultCatalogue, now))).toBe('tc.invalid');
    expect(prepareCase(input({ tcKimlikNo: '10000000146' }), defaultCatalogue, now).input.tcKimlikNo).toBe('10000000146');
  });
});

describe('noteRefusal', () => {
  it('lets every desk role note a case it may see, and only a team lead a confidential one (as the central server decides)', () => {
    for (const role of ['operator', 'feedback', 'team-lead'] as const) expect(noteRefusal(role, { confidential: false })).toBeNull();
    expect(noteRefusal('operator', { confidential: true })).toBe('confidential');
    expect(noteRefusal('feedback', { confidential: true })).toBe('confidential');
    expect(noteRefusal('team-lead', { confidential: true })).toBeNull();
  });
});
