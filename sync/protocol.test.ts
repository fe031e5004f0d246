import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CaseChange, DeskFields, MAX_PUSH_CHANGES, PullQuery, PushRequest, PushResponse, ServerCase } from './protocol.js';

const note = (deskId = 'D12') => ({
  changeId: randomUUID(),
  deskId,
  caseKey: 'D12-2026-0000042-3',
  kind: 'note' as const,
  clientAt: '2026-11-25T10:00:00.000Z',
  payload: { text: 'Aranacak' },
});

describe('sync protocol', () => {
  it('accepts a note change and refuses an unknown kind', () => {
    expect(CaseChange.safeParse(note()).success).toBe(true);
    expect(CaseChange.safeParse({ ...note(), kind: 'delete' }).success).toBe(false);
  });

  it('accepts a callback-request with an ISO due time and a note or null', () => {
    const request = (payload: unknown) => ({ ...note(), kind: 'callback-request', payload });
    expect(CaseChange.safeParse(request({ dueAt: '2026-11-25T18:00:00+03:00', note: 'Akşam arayın' })).success).toBe(true);
    expect(CaseChange.safeParse(request({ dueAt: '2026-11-25T15:00:00.000Z', note: null })).success).toBe(true);
    expect(CaseChange.safeParse(request({ dueAt: '2026-11-25 18:00', note: null })).success).toBe(false);
    expect(CaseChange.safeParse(request({ dueAt: '2026-11-25T15:00:00.000Z' })).success).toBe(false);
  });

  it('refuses an empty fields change', () => {
    expect(CaseChange.safeParse({ ...note(), kind: 'fields', payload: {} }).success).toBe(false);
  });

  it('limits a push to 500 changes, all from the pushing desk', () => {
    const many = Array.from({ length: MAX_PUSH_CHANGES + 1 }, () => note());
    expect(PushRequest.safeParse({ deskId: 'D12', changes: many.slice(1) }).success).toBe(true);
    expect(PushRequest.safeParse({ deskId: 'D12', changes: many }).success).toBe(false);
    expect(PushRequest.safeParse({ deskId: 'D12', changes: [note('D13')] }).success).toBe(false);
  });

  it('takes a masked T.C. kimlik no from the server only, never from a desk', () => {
    const tc = (value: string) => ServerCase.shape.tcKimlikNo.safeParse(value).success;
    expect([tc('12345678950'), tc('123******50'), tc('123*****950'), tc('12*******50')]).toEqual([true, true, false, false]);
    expect(DeskFields.shape.tcKimlikNo.safeParse('123******50').success).toBe(false);
  });

  it('reads a refusal code it does not know as a refusal, not as a broken answer', () => {
    const changeId = randomUUID();
    const answer = PushResponse.parse({ accepted: [], duplicates: [], rejected: [{ changeId, code: 'some-later-reason' }] });
    expect(answer.rejected).toEqual([{ changeId, code: 'some-later-reason' }]);
    expect(PushResponse.safeParse({ accepted: [], duplicates: [], rejected: [{ changeId, code: 'Bad Code\u0000' }] }).success).toBe(false);
  });

  it('takes cursors as decimal strings only', () => {
    expect(PullQuery.parse({}).cursor).toBe('');
    expect(PullQuery.parse({ cursor: '42', limit: '10' })).toEqual({ cursor: '42', limit: 10 });
    expect(PullQuery.safeParse({ cursor: '-1' }).success).toBe(false);
    expect(PullQuery.safeParse({ cursor: '01' }).success).toBe(false);
  });
});
