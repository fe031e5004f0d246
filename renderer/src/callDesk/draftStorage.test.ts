import { describe, expect, it } from 'vitest';
import type { DraftRecord } from '../../../core/contract.js';
import { aScreenPop, smallCatalogue } from '../shared/testing/fixtures.js';
import { bindToCall, cannedAnswerPicked, choiceMade, editDraft, emptyDraft, subjectPicked, type CaseDraft } from './caseDraft.js';
import { draftToRestore, parseDraft, serializeDraft } from './draftStorage.js';

const pop = aScreenPop({ linkedid: '1700000000.5', callerNumber: '905551234567' }, { knownName: 'Hatice Güneş' });
const subject = smallCatalogue.subjects.find((s) => s.code === 'bilgi.su')!;

const everything: CaseDraft = {
  ...cannedAnswerPicked(subjectPicked(bindToCall(emptyDraft, pop), subject), smallCatalogue.cannedAnswers[0]!),
  description: 'Çarşı’da su yok; "acil" dedi.\nİkinci satır\tsekme.',
  citizenName: 'Hatice Güneş',
  tcKimlikNo: '10000000146',
  district: 'Üsküdar',
  neighbourhood: 'Altunizade',
  street: 'Kısıklı Cd.',
  addressDetail: 'No 4, İç kapı 2',
  type: 'complaint',
  priority: 'high',
  confidential: true,
  unitCode: 'fen-isleri',
};

const record = (content: string): DraftRecord => ({
  draftId: '33333333-3333-4333-8333-333333333333',
  content,
  linkedid: null,
  savedAt: '2025-11-25T10:00:00.000Z',
});

describe('draft serialization', () => {
  it('round-trips every field of the form, Turkish text and all', () => {
    const content = serializeDraft(everything);
    expect(content.length).toBeLessThan(40_000);
    expect(parseDraft(content)).toEqual(everything);
  });

  it('round-trips a free-text draft begun without a call', () => {
    const d = choiceMade(editDraft(emptyDraft, 'subject', 'Kaldırım çökmüş'), { channel: 'walk-in' });
    expect(parseDraft(serializeDraft(d))).toEqual(d);
  });

  it('stores only the form\'s own fields', () => {
    const withExtra = { ...everything, securityCode: 'K7PX3M9Q' } as CaseDraft;
    expect(serializeDraft(withExtra)).not.toContain('K7PX3M9Q');
  });

  it('reads nothing it did not write: garbage, another version, a broken field', () => {
    expect(parseDraft('not json')).toBeNull();
    expect(parseDraft(JSON.stringify({ v: 99, draft: everything }))).toBeNull();
    expect(parseDraft(JSON.stringify({ v: 1, draft: { ...everything, channel: 'pigeon' } }))).toBeNull();
    expect(parseDraft(JSON.stringify({ v: 1, draft: { ...everything, linkedid: 'x' } }))).toBeNull();
  });
});

describe('draftToRestore (the restore rule)', () => {
  it('brings a draft back into an empty form', () => {
    expect(draftToRestore(record(serializeDraft(everything)), emptyDraft)).toEqual(everything);
  });

  it('brings it back over a call\'s prefill: the prefill is not the operator\'s work', () => {
    expect(draftToRestore(record(serializeDraft(everything)), bindToCall(emptyDraft, aScreenPop()))).toEqual(everything);
  });

  it('never overwrites what the operator has begun', () => {
    expect(draftToRestore(record(serializeDraft(everything)), editDraft(emptyDraft, 'description', 'yeni'))).toBeNull();
  });

  it('has nothing to restore from no draft, an empty one or an unreadable one', () => {
    expect(draftToRestore(null, emptyDraft)).toBeNull();
    expect(draftToRestore(record(serializeDraft(bindToCall(emptyDraft, pop))), emptyDraft)).toBeNull();
    expect(draftToRestore(record('{'), emptyDraft)).toBeNull();
  });
});
