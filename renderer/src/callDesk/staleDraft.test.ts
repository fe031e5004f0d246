import { describe, expect, it } from 'vitest';
import { aScreenPop } from '../shared/testing/fixtures.js';
import { bindToCall, editDraft, emptyDraft } from './caseDraft.js';
import { staleDraftOf } from './staleDraft.js';

const callA = aScreenPop({ linkedid: '100.1', callerNumber: '905321112233' });
const callB = aScreenPop({ linkedid: '200.2', callerNumber: '905339998877' });

describe('staleDraftOf (the question before saving a draft under the wrong caller)', () => {
  it('asks when the draft typed for one call is saved while another caller is on screen, with both numbers', () => {
    const draft = editDraft(bindToCall(emptyDraft, callA), 'description', 'Lamba yanmıyor.');
    expect(staleDraftOf(draft, callA)).toBeNull();
    expect(staleDraftOf(draft, callB)).toEqual({ draftNumber: '905321112233', callerNumber: '905339998877', linkedid: '200.2' });
  });

  it('asks for a draft begun with no call, saying it has no number when none was typed', () => {
    const draft = editDraft(emptyDraft, 'subject', 'Çukur');
    expect(staleDraftOf(draft, callB)).toEqual({ draftNumber: null, callerNumber: '905339998877', linkedid: '200.2' });
    expect(staleDraftOf(editDraft(draft, 'phone', ' 02125550142 '), callB)?.draftNumber).toBe('02125550142');
  });

  it('does not ask with no call on screen, or for an untouched form (it follows the call by itself)', () => {
    const draft = editDraft(bindToCall(emptyDraft, callA), 'description', 'Lamba yanmıyor.');
    expect(staleDraftOf(draft, null)).toBeNull();
    expect(staleDraftOf(bindToCall(emptyDraft, callA), callB)).toBeNull();
  });
});
